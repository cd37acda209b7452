/* statuses.h - refugee statuses (docs/model.md §2): the one list behind the enum, the
 * names in files (/refugees/status_names) and their meanings */
#ifndef PROTSIM_STATUSES_H
#define PROTSIM_STATUSES_H

/* The first PS_N_PRESENT are present in the host state; the rest are absorbing exits.
 * X(enum, name, meaning) */
#define PS_RSTATUS_LIST(X)                                                               \
    X(PS_RS_UNREGISTERED, "unregistered", "present, registered with no one")             \
    X(PS_RS_PENDING, "pending", "present, a claim waiting for a decision")               \
    X(PS_RS_MANDATE, "mandate", "recognised by UNHCR only, no lawful stay")              \
    X(PS_RS_REJECTED, "rejected", "claim rejected, still present")                       \
    X(PS_RS_PROTECTED, "protected", "status granted by the state: lawful stay")          \
    X(PS_RS_DETAINED, "detained", "in immigration detention")                            \
    X(PS_RS_ATD, "atd", "in an alternative to detention")                                \
    X(PS_RS_RESETTLED, "resettled", "exit: resettled to a third country")                \
    X(PS_RS_RETURNED, "returned", "exit: returned to the origin")                        \
    X(PS_RS_INTEGRATED, "integrated", "exit: integrated locally (naturalised)")          \
    X(PS_RS_REFOULED, "refouled", "exit: refouled")

#define PS_AS_RSTATUS_ENUM(id, name, doc) id,
typedef enum { PS_RSTATUS_LIST(PS_AS_RSTATUS_ENUM) PS_N_RSTATUS } ps_rstatus;
#undef PS_AS_RSTATUS_ENUM

#define PS_N_PRESENT 7 /* statuses before PS_RS_RESETTLED */

/* Name and meaning of a status; "?" out of range. */
const char *ps_rstatus_name(ps_rstatus s);
const char *ps_rstatus_doc(ps_rstatus s);

#endif
