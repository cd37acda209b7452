/* world.h - the simulated world: every agent, created from a scenario, stepped monthly */
#ifndef PROTSIM_WORLD_H
#define PROTSIM_WORLD_H

#include <stddef.h>

#include "protsim/error.h"
#include "protsim/scenario.h"

/* Refugee statuses (docs/model.md §2). The first seven are present in the host state; the
 * last four are absorbing exits. The order is that of /refugees/status_names. */
typedef enum {
    PS_RS_UNREGISTERED,
    PS_RS_PENDING,
    PS_RS_MANDATE,
    PS_RS_REJECTED,
    PS_RS_PROTECTED,
    PS_RS_DETAINED,
    PS_RS_ATD,
    PS_RS_RESETTLED,
    PS_RS_RETURNED,
    PS_RS_INTEGRATED,
    PS_RS_REFOULED,
    PS_N_RSTATUS
} ps_rstatus;

#define PS_N_PRESENT 7 /* statuses before PS_RS_RESETTLED */

/* Monthly flows of persons per state (docs/model.md §8), order of /refugees/flow_names.
 */
typedef enum {
    PS_FLOW_ARRIVALS,
    PS_FLOW_REGISTRATIONS,
    PS_FLOW_DECISIONS,
    PS_FLOW_RECOGNITIONS_STATE,
    PS_FLOW_RECOGNITIONS_UNHCR,
    PS_FLOW_REJECTIONS,
    PS_FLOW_STATUS_GRANTS,
    PS_FLOW_DETENTIONS,
    PS_FLOW_ATD_PLACEMENTS,
    PS_FLOW_RELEASES,
    PS_FLOW_REFOULEMENTS,
    PS_FLOW_RESETTLEMENTS,
    PS_FLOW_RETURNS,
    PS_FLOW_INTEGRATIONS,
    PS_N_FLOWS
} ps_flow;

/* Kinds of entries in the events table. */
typedef enum {
    PS_EV_RATIFICATION,
    PS_EV_ADMIN_STEP,
    PS_EV_REGULATION,
    PS_EV_BILL,
    PS_EV_STATUTE,
    PS_EV_BILL_LAPSE,
    PS_EV_HANDOVER,
    PS_EV_SHOCK,
    PS_EV_SECURITY,
    PS_EV_PATRON,
    PS_EV_NGO_EXIT,
    PS_EV_NGO_JOIN,
    PS_EV_NETWORK_FOUNDED,
    PS_EV_CONSULTATION,
    PS_N_EVENT_TYPES
} ps_event_type;

/* One event: what happened, when, where (state or -1), who (NGO or -1), how much. */
typedef struct ps_event {
    ps_month date;
    ps_event_type type;
    long state;
    long ngo;
    double value;
} ps_event;

typedef struct ps_world ps_world;

/* Build the world of a scenario at its start date, with all randomness drawn from
 * seed. sc is borrowed and must outlive the world. Returns PS_OK or PS_ENOMEM. */
ps_status ps_world_create(const ps_scenario *sc, uint64_t seed, ps_world **out,
                          ps_error *err);

/* Free the world; NULL does nothing. */
void ps_world_destroy(ps_world *w);

/* Advance one month in the order of docs/model.md §3. Fails only with PS_ENOMEM when the
 * refugee arrays must grow and cannot. */
ps_status ps_world_step(ps_world *w, ps_error *err);

/* Steps done so far, and steps the scenario has in all. */
size_t ps_world_steps_done(const ps_world *w);
size_t ps_world_steps_total(const ps_world *w);

/* Sizes: states, origins, NGOs (fixed at creation), refugee agents alive now. */
size_t ps_world_n_states(const ps_world *w);
size_t ps_world_n_ngos(const ps_world *w);
size_t ps_world_n_agents(const ps_world *w);

/* Home state of every NGO: [ps_world_n_ngos] indices into the scenario's states, owned
 * by the world and fixed at creation. */
const size_t *ps_world_ngo_home(const ps_world *w);

/* Events recorded during the last step; the array is owned by the world and valid
 * until the next step. */
const ps_event *ps_world_events(const ps_world *w, size_t *n_events);

/* Text names used in outputs. */
const char *ps_rstatus_name(ps_rstatus s);
const char *ps_flow_name(ps_flow f);
const char *ps_event_type_name(ps_event_type e);

/* Wall-clock seconds spent in the refugee step so far (for benchmarks: the rest of a
 * run is states, NGOs, network, indicators and output). */
double ps_world_refugee_seconds(const ps_world *w);

/* Threads used for the refugee kernel (OpenMP); 0 means the default. Results do not
 * depend on it. */
void ps_world_set_threads(ps_world *w, int n_threads);

#endif
