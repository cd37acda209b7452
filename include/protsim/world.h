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

/* A world of sc's sizes with every field zero, nothing drawn and no agent: what a
 * checkpoint is read into (ps_world_field_at). sc is copied. Returns PS_OK or PS_ENOMEM.
 */
ps_status ps_world_create_blank(const ps_scenario *sc, ps_world **out, ps_error *err);

/* A copy of src that steps on exactly as src would (every kept field of the world's
 * list, sim/world/world_fields.h; its threads and kernel path too). Returns PS_OK or
 * PS_ENOMEM. */
ps_status ps_world_clone(const ps_world *src, ps_world **out, ps_error *err);

/* Go on under scenario sc (copied) from the month w is at: w's scenario becomes sc with
 * the changes of sc's schedule dated before that month applied, as a run of sc from the
 * start would hold it then. The caller has checked that sc equals the world's scenario
 * before that month (ps_scenario_differs). */
void ps_world_adopt(ps_world *w, const ps_scenario *sc);

/* The scenario the world runs under now (its schedule applied so far); owned by w. */
const ps_scenario *ps_world_scenario(const ps_world *w);

/* The month the next step simulates (the start plus the steps done). */
ps_month ps_world_month(const ps_world *w);

/* How a field of the world is stored: the class of its elements. */
typedef enum {
    PS_WORLD_REAL,  /* IEEE double */
    PS_WORLD_INT,   /* signed integer of size bytes */
    PS_WORLD_UINT,  /* unsigned integer of size bytes */
    PS_WORLD_BOOL,  /* bool, one byte: 0 or 1 */
    PS_WORLD_BYTES, /* bytes of this build's struct (the scenario, a stream's state) */
} ps_world_type;

/* One kept field of the world, as a checkpoint holds it. */
typedef struct ps_world_field {
    const char *name; /* the field's name in struct ps_world, e.g. "state_P", "ref.n" */
    ps_world_type type;
    size_t size;  /* bytes of one element */
    size_t count; /* elements */
    void *data;   /* borrowed: the world's own memory, size * count bytes */
} ps_world_field;

/* Kept fields of every world, in the list's order. */
size_t ps_world_n_fields(void);

/* Describe kept field k of w as it is now, so that it can be written or read in place.
 * Fields are read in order: a field's count may depend on those before it (the agent
 * arrays on ref.n), and describing an agent array first grows the arrays to ref.n.
 * Returns PS_OK or PS_ENOMEM. */
ps_status ps_world_field_at(ps_world *w, size_t k, ps_world_field *f, ps_error *err);

/* Describe kept field k of w as ps_world_field_at does, but grow nothing; true for an
 * agent array, whose count is ref.n and whose data is NULL while the arrays hold fewer.
 * What a reader checks a file's dataset against before the world is sized by it. */
bool ps_world_field_peek(const ps_world *w, size_t k, ps_world_field *f);

/* After every field was read into a blank world: PS_OK when they fit together (the
 * steps done and the month agree with the scenario, every agent and NGO belongs to a
 * state), else PS_EINVAL with what does not, e.g. "t = 900 is beyond the run's 156
 * steps". */
ps_status ps_world_check_fields(const ps_world *w, ps_error *err);

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
