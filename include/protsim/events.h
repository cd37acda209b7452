/* events.h - kinds of entries in the events table (docs/output.md, /events): the one
 * list behind the enum, the names in files and what each row's fields hold; one event */
#ifndef PROTSIM_EVENTS_H
#define PROTSIM_EVENTS_H

#include "protsim/scenario.h" /* ps_month */

/* X(enum, name, state, ngo, value): what the state, ngo and value fields of a row of
 * that type hold. */
#define PS_EVENT_TYPE_LIST(X)                                                            \
    X(PS_EV_RATIFICATION, "ratification", "the state", "-1", "1")                        \
    X(PS_EV_ADMIN_STEP, "admin_step", "the state", "-1", "the new framework level, 1")   \
    X(PS_EV_REGULATION, "regulation", "the state", "-1", "the new framework level, 2")   \
    X(PS_EV_BILL, "bill", "the state", "-1", "1 (a bill is introduced)")                 \
    X(PS_EV_STATUTE, "statute", "the state", "-1",                                       \
      "the new framework level, 3 (the bill passed)")                                    \
    X(PS_EV_BILL_LAPSE, "bill_lapse", "the state", "-1", "0")                            \
    X(PS_EV_HANDOVER, "handover", "the state", "-1",                                     \
      "the new rsd_authority code (2: the state decides)")                               \
    X(PS_EV_SHOCK, "arrival_shock", "the state", "-1",                                   \
      "persons of the shock, spread over its months")                                    \
    X(PS_EV_SECURITY, "security_event", "the state", "-1", "magnitude, 0 to 1")          \
    X(PS_EV_PATRON, "patron_link", "the state", "-1", "the patron's leverage, 0 to 1")   \
    X(PS_EV_NGO_EXIT, "ngo_exit", "home state", "the NGO", "its budget at exit, kUSD")   \
    X(PS_EV_NGO_JOIN, "ngo_join", "home state", "the NGO", "1")                          \
    X(PS_EV_NETWORK_FOUNDED, "network_founded", "\"\"", "-1", "founding members")        \
    X(PS_EV_CONSULTATION, "consultation", "\"\"", "-1",                                  \
      "NGOs attending the regional consultation")                                        \
    X(PS_EV_SCHEDULE, "scheduled_change", "the state, or \"\"", "-1",                    \
      "k: the k-th change of the scenario's schedule (schedule.[i].set.[j] in reading "  \
      "order, from 0)")

#define PS_AS_EVENT_ENUM(id, name, state, ngo, value) id,
typedef enum { PS_EVENT_TYPE_LIST(PS_AS_EVENT_ENUM) PS_N_EVENT_TYPES } ps_event_type;
#undef PS_AS_EVENT_ENUM

/* One event: what happened, when, where (state or -1), who (NGO or -1), how much. */
typedef struct ps_event {
    ps_month date;
    ps_event_type type;
    long state;
    long ngo;
    double value;
} ps_event;

/* Name of an event type, and what the value field of its rows holds; "?" out of
 * range. */
const char *ps_event_type_name(ps_event_type e);
const char *ps_event_value_doc(ps_event_type e);

#endif
