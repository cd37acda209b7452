/* world.h - the simulated world: every agent, created from a scenario, stepped monthly */
#ifndef PROTSIM_WORLD_H
#define PROTSIM_WORLD_H

#include <stddef.h>

#include "protsim/error.h"
#include "protsim/events.h"
#include "protsim/flows.h"
#include "protsim/scenario.h"
#include "protsim/statuses.h"

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

/* Wall-clock seconds spent in the refugee step so far (for benchmarks: the rest of a
 * run is states, NGOs, network, indicators and output). */
double ps_world_refugee_seconds(const ps_world *w);

/* Threads used for the refugee kernel (OpenMP); 0 means the default. Results do not
 * depend on it. */
void ps_world_set_threads(ps_world *w, int n_threads);

/* The refugee kernel's code path: "avx2" (four random lanes per vector register, 16
 * agents at a time) or "scalar" (portable); NULL, "" or "auto" is the fastest this CPU
 * runs. Every path computes the same lanes, so results do not depend on it. A new
 * world takes the environment variable PROTSIM_KERNEL. PS_EINVAL for an unknown name
 * or a path this CPU lacks. */
ps_status ps_world_set_kernel(ps_world *w, const char *name, ps_error *err);

/* The name of the path in use. */
const char *ps_world_kernel(const ps_world *w);

#endif
