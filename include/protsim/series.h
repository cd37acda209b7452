/* series.h - every time series of a result file: the one list behind the fields of
 * ps_indicators (indicators.h), the recorder's datasets and their units and meanings
 * (docs/output.md, checked by tests/unit/test_record_schema.c)
 *
 * X(field, kind, n, axis, path, units, description): field of ps_indicators; kind says
 * its shape per step, TIME (the decimal year, the same in every run), SCALAR (one
 * double), ARRAY (double[n]), STATES (double *, [n_states * n]) or NGOS (double *,
 * [n_ngos * n]); n is the length of the last axis and axis its name ("" when n is 1);
 * path is the dataset, [time, state or ngo, axis]. Adding a series is one row here and
 * its computation in sim/observe/indicators.c.
 */
#ifndef PROTSIM_SERIES_H
#define PROTSIM_SERIES_H

#include "protsim/actions.h"
#include "protsim/channels.h"
#include "protsim/components.h"
#include "protsim/flows.h"
#include "protsim/statuses.h"

#define PS_N_POI_PARTS 6 /* access fair status liberty nonref solutions */

/* Kinds of the network's action plans, the last axis of /network/action_plans.
 * X(enum, name, meaning) */
#define PS_PLAN_KIND_LIST(X)                                                             \
    X(PS_PLAN_INSTITUTIONALISATION, "institutionalisation", "RAT plans")                 \
    X(PS_PLAN_IMPLEMENTATION, "implementation", "LEG and IMP plans")                     \
    X(PS_PLAN_OTHER, "other", "SRV and GLB plans")

#define PS_AS_PLAN_KIND_ENUM(id, name, doc) id,
typedef enum { PS_PLAN_KIND_LIST(PS_AS_PLAN_KIND_ENUM) PS_N_PLAN_KINDS } ps_plan_kind;
#undef PS_AS_PLAN_KIND_ENUM

/* clang-format off */
#define PS_SERIES_LIST(X)                                                                \
    X(time, TIME, 1, "", "/time", "decimal year",                                        \
      "decimal year at the end of each step")                                            \
    X(ratified, STATES, 1, "", "/states/ratified", "0/1",                                \
      "1 when the state is party to the 1951 Convention or its 1967 Protocol")           \
    X(law_level, STATES, 1, "", "/states/law_level", "level",                            \
      "national framework level: 0 none, 1 administrative practice, 2 regulation, 3 "    \
      "statute")                                                                         \
    X(bill_pending, STATES, 1, "", "/states/bill_pending", "0/1",                        \
      "1 while a refugee bill is pending")                                               \
    X(rsd_authority, STATES, 1, "", "/states/rsd_authority", "code",                     \
      "who decides asylum claims, as in the attribute codes")                            \
    X(securitisation, STATES, 1, "", "/states/securitisation", "1",                      \
      "securitisation S, 0 to 1")                                                        \
    X(institutionalisation, STATES, 1, "", "/states/institutionalisation", "1",          \
      "institutionalisation I = w_ratify R + w_law L/3, 0 to 1")                         \
    X(gap, STATES, 1, "", "/states/gap", "1",                                            \
      "institutionalisation-implementation gap: I minus the mean of the six "            \
      "implementation components")                                                       \
    X(implementation, STATES, PS_N_COMPONENTS, "component", "/states/implementation",    \
      "1",                                                                               \
      "implementation P of each component in component_names, 0 to 1")                   \
    X(pressure, STATES, PS_N_CHANNELS, "channel", "/states/pressure", "1",               \
      "advocacy pressure A on the state through each channel in channel_names")          \
    X(emulation, STATES, PS_N_ACTIONS, "action", "/states/emulation", "1",               \
      "emulation E of each action in action_names, from the state's peers")              \
    X(hazard, STATES, PS_N_ACTIONS, "action", "/states/hazard", "1/year",                \
      "yearly hazard that the state takes each action in action_names")                  \
    X(poi, STATES, 1, "", "/states/poi", "1",                                            \
      "Protection Outcome Index: weighted geometric mean of the access, fair, "          \
      "status, liberty, nonref and solutions outcomes, 0 to 1")                          \
    X(legal_status_share, STATES, 1, "", "/states/legal_status_share", "1",              \
      "share of present refugees with lawful stay: PROTECTED / present")                 \
    X(mandate_gap, STATES, 1, "", "/states/mandate_gap", "1",                            \
      "share recognised by UNHCR only among the recognised: MANDATE / (MANDATE + "       \
      "PROTECTED)")                                                                      \
    X(detention_incidence, STATES, 1, "", "/states/detention_incidence", "1",            \
      "share of present refugees in detention: DETAINED / present")                      \
    X(recognition_rate, STATES, 1, "", "/states/recognition_rate", "1",                  \
      "recognitions (by the state and by UNHCR) / decisions over the last 12 months")    \
    X(decisions, STATES, 1, "", "/states/decisions", "persons",                          \
      "asylum decisions over the last 12 months")                                        \
    X(decision_capacity, STATES, 1, "", "/states/decision_capacity", "persons/month",    \
      "claims the state's own procedure can decide in a month (state or joint RSD; 0 "   \
      "where UNHCR alone decides or nobody does)")                                       \
    X(solutions_rate, STATES, 1, "", "/states/solutions_rate", "1/year",                 \
      "exits to resettlement, return and integration over the last 12 months / "         \
      "present")                                                                         \
    X(backlog, STATES, 1, "", "/states/backlog", "persons",                              \
      "claims waiting for a decision (PENDING)")                                         \
    X(mean_wait, STATES, 1, "", "/states/mean_wait", "months",                           \
      "mean months the persons now PENDING have waited")                                 \
    X(present, STATES, 1, "", "/states/present", "persons",                              \
      "refugees present in the state: the seven statuses before the exits")              \
    X(refouled, STATES, 1, "", "/states/refouled", "persons",                            \
      "persons refouled since the start")                                                \
    X(count, STATES, PS_N_RSTATUS, "status", "/refugees/count", "persons",               \
      "persons by status in status_names at the end of the step; the four exit "         \
      "statuses count everyone who left since the start")                                \
    X(flows, STATES, PS_N_FLOWS, "flow", "/refugees/flows", "persons/month",             \
      "persons moving during the step by each flow in flow_names")                       \
    X(ngo_budget, NGOS, 1, "", "/ngos/budget", "kUSD",                                   \
      "budget of each NGO at the end of the step")                                       \
    X(ngo_strategy, NGOS, PS_N_CHANNELS, "channel", "/ngos/strategy", "1",               \
      "strategy p of each NGO: share of effort on each channel in "                      \
      "/states/channel_names")                                                           \
    X(ngo_active, NGOS, 1, "", "/ngos/active", "0/1",                                    \
      "1 while the NGO is active (has not exited)")                                      \
    X(members, SCALAR, 1, "", "/network/members", "NGOs", "member NGOs of the network")  \
    X(pool, SCALAR, 1, "", "/network/pool", "kUSD", "pooled budget of the network")      \
    X(grants, SCALAR, 1, "", "/network/grants", "kUSD/month",                            \
      "grants paid into the pool during the step")                                       \
    X(consultation_participants, SCALAR, 1, "", "/network/consultation_participants",    \
      "NGOs",                                                                            \
      "members the network sends to UNHCR's NGO consultation, 0 in other months")        \
    X(exits, SCALAR, 1, "", "/network/exits", "NGOs",                                    \
      "NGOs that have exited since the start")                                           \
    X(action_plans, ARRAY, PS_N_PLAN_KINDS, "plan_kind", "/network/action_plans",        \
      "plans",                                                                           \
      "action plans adopted at a consultation by kind in plan_kinds, 0 in other "        \
      "months")                                                                          \
    X(mean_strategy, ARRAY, PS_N_CHANNELS, "channel", "/network/mean_strategy", "1",     \
      "mean strategy p of member NGOs on each channel in /states/channel_names")         \
    X(mean_strategy_all, ARRAY, PS_N_CHANNELS, "channel", "/network/mean_strategy_all",  \
      "1",                                                                               \
      "mean strategy p of all active NGOs on each channel in /states/channel_names")     \
    X(ratification_emphasis, SCALAR, 1, "", "/unhcr/ratification_emphasis", "1",         \
      "UNHCR's ratification emphasis u_R, 0 to 1")                                       \
    X(resettlement_used, SCALAR, 1, "", "/unhcr/resettlement_used", "persons/month",     \
      "resettlement places used during the step, over all states")                       \
    X(unhcr_capacity, SCALAR, 1, "", "/unhcr/capacity", "persons/month",                 \
      "claims UNHCR can decide in a month where it runs refugee status determination")   \
    X(region_refugees, SCALAR, 1, "", "/region/refugees", "persons",                     \
      "refugees present in the region")                                                  \
    X(region_poi, SCALAR, 1, "", "/region/poi", "1",                                     \
      "Protection Outcome Index, mean over states weighted by refugees present")         \
    X(region_legal_status_share, SCALAR, 1, "", "/region/legal_status_share", "1",       \
      "legal-status share, mean over states weighted by refugees present")               \
    X(region_detention_incidence, SCALAR, 1, "", "/region/detention_incidence", "1",     \
      "detention incidence, mean over states weighted by refugees present")              \
    X(region_solutions_rate, SCALAR, 1, "", "/region/solutions_rate", "1/year",          \
      "solutions rate, mean over states weighted by refugees present")                   \
    X(region_recognition_rate, SCALAR, 1, "", "/region/recognition_rate", "1",           \
      "recognition rate, mean over states weighted by refugees present")
/* clang-format on */

/* Name and meaning of a kind of action plan; "?" out of range. */
const char *ps_plan_kind_name(ps_plan_kind k);
const char *ps_plan_kind_doc(ps_plan_kind k);

#endif
