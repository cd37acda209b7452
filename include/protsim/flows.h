/* flows.h - monthly flows of persons per state (docs/model.md §8): the one list behind
 * the enum, the names in files (/refugees/flow_names) and their meanings */
#ifndef PROTSIM_FLOWS_H
#define PROTSIM_FLOWS_H

/* X(enum, name, meaning) */
#define PS_FLOW_LIST(X)                                                                  \
    X(PS_FLOW_ARRIVALS, "arrivals", "persons arriving in the state")                     \
    X(PS_FLOW_REGISTRATIONS, "registrations", "unregistered persons lodging a claim")    \
    X(PS_FLOW_DECISIONS, "decisions", "claims decided, by the state or by UNHCR")        \
    X(PS_FLOW_RECOGNITIONS_STATE, "recognitions_state", "claims the state recognised")   \
    X(PS_FLOW_RECOGNITIONS_UNHCR, "recognitions_unhcr", "claims UNHCR recognised")       \
    X(PS_FLOW_REJECTIONS, "rejections", "claims rejected")                               \
    X(PS_FLOW_STATUS_GRANTS, "status_grants", "mandate refugees granted status")         \
    X(PS_FLOW_DETENTIONS, "detentions", "persons taken into detention")                  \
    X(PS_FLOW_ATD_PLACEMENTS, "atd_placements", "persons placed in an alternative")      \
    X(PS_FLOW_RELEASES, "releases", "persons released from detention or an alternative") \
    X(PS_FLOW_REFOULEMENTS, "refoulements", "persons refouled")                          \
    X(PS_FLOW_RESETTLEMENTS, "resettlements", "persons resettled")                       \
    X(PS_FLOW_RETURNS, "returns", "persons returning to the origin")                     \
    X(PS_FLOW_INTEGRATIONS, "integrations", "persons integrated locally")

#define PS_AS_FLOW_ENUM(id, name, doc) id,
typedef enum { PS_FLOW_LIST(PS_AS_FLOW_ENUM) PS_N_FLOWS } ps_flow;
#undef PS_AS_FLOW_ENUM

/* Name and meaning of a flow; "?" out of range. */
const char *ps_flow_name(ps_flow f);
const char *ps_flow_doc(ps_flow f);

#endif
