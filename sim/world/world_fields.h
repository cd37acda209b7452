/* world_fields.h - every field of struct ps_world that holds state, once: allocation,
 * destroy, clone and checkpoints all walk this list (world_fields.c), so a new field of
 * the world is one row here (and its line in world_impl.h).
 *
 * The rows, in the order checkpoints hold them (values before the arrays they size):
 *   VALUE(field, n)   a value inside the struct, n elements (1, or a fixed array's
 *                     length): kept (cloned and checkpointed)
 *   ARRAY(field, n)   an array the world allocates with n elements: kept
 *   WORK(field, n)    an array the world allocates with n elements as a workspace whose
 *                     contents are made afresh before they are read in every step (or,
 *                     for table.host, fixed at creation): neither cloned nor kept
 *   AGENTS(field)     an array of refugee agents: ref.cap allocated (and grown) by
 *                     ps_world_grow_refugees, the ref.n in use kept
 *   STREAM(field)     a gsl_rng of type ps_rng_xoshiro: its state kept (every stream is
 *                     reseeded from (seed, stream, step) at the start of each step
 *                     today, so this is belt and braces for a stream that runs on)
 * n is an expression of w, the world; its sizes (n_states, n_origins, n_ngos,
 * cap_events) come from the scenario and are set before the list is walked.
 * Not in the list (tests/world_fields.py checks that every member of struct ps_world
 * is a row or named here): the sizes n_states, n_origins, n_ngos, n_steps and
 * cap_events, which creation derives from the scenario; sc, which is always own;
 * n_threads, kernel and refugee_seconds (how a world runs, not what it is; a clone
 * copies the first two); the events of the last step (n_events); and the per-block
 * tallies (tally, n_blocks_cap: made by ps_world_grow_refugees, zeroed by each block
 * before use).
 */
#ifndef PROTSIM_WORLD_FIELDS_H
#define PROTSIM_WORLD_FIELDS_H

#include "world_impl.h"

/* clang-format off */
#define PS_WORLD_FIELDS(VALUE, ARRAY, WORK, AGENTS, STREAM)                              \
    ARRAY(own, 1)                                                                        \
    VALUE(seed, 1)                                                                       \
    VALUE(t, 1)                                                                          \
    VALUE(month, 1)                                                                      \
    /* states */                                                                         \
    ARRAY(state_ratified, w->n_states)                                                   \
    ARRAY(state_law, w->n_states)                                                        \
    ARRAY(state_bill, w->n_states)                                                       \
    ARRAY(state_rsd, w->n_states)                                                        \
    ARRAY(state_S, w->n_states)                                                          \
    ARRAY(state_shock, w->n_states)                                                      \
    ARRAY(state_mavg, w->n_states)                                                       \
    ARRAY(state_arrivals, w->n_states)                                                   \
    ARRAY(state_new_agents, w->n_states * w->n_origins)                                  \
    ARRAY(state_events, w->n_states)                                                     \
    ARRAY(state_P, w->n_states * PS_N_COMPONENTS)                                        \
    ARRAY(state_effort, w->n_states * PS_N_CHANNELS)                                     \
    ARRAY(state_A, w->n_states * PS_N_CHANNELS)                                          \
    ARRAY(state_E, w->n_states * PS_N_ACTIONS)                                           \
    ARRAY(state_C, w->n_states * PS_N_ACTIONS)                                           \
    ARRAY(state_K, w->n_states)                                                          \
    ARRAY(state_hazard, w->n_states * PS_N_ACTIONS)                                      \
    ARRAY(state_capacity, w->n_states)                                                   \
    ARRAY(state_took_over, w->n_states)                                                  \
    ARRAY(state_freed, w->n_states)                                                      \
    ARRAY(state_fair_b, w->n_states)                                                     \
    ARRAY(similarity, w->n_states * w->n_states)                                         \
    ARRAY(glb_history, w->n_states * (size_t)(w->sc->boomerang_delay + 1))               \
    /* NGOs */                                                                           \
    ARRAY(ngo_home, w->n_ngos)                                                           \
    ARRAY(ngo_budget, w->n_ngos)                                                         \
    ARRAY(ngo_income, w->n_ngos)                                                         \
    ARRAY(ngo_member, w->n_ngos)                                                         \
    ARRAY(ngo_active, w->n_ngos)                                                         \
    ARRAY(ngo_joined, w->n_ngos)                                                         \
    ARRAY(ngo_attended, w->n_ngos)                                                       \
    ARRAY(ngo_neg_months, w->n_ngos)                                                     \
    ARRAY(ngo_q, w->n_ngos * PS_N_CHANNELS)                                              \
    ARRAY(ngo_p, w->n_ngos * PS_N_CHANNELS)                                              \
    ARRAY(ngo_effort, w->n_ngos * PS_N_CHANNELS)                                         \
    ARRAY(ngo_vicarious, w->n_ngos * PS_N_CHANNELS)                                      \
    ARRAY(ngo_payoff, w->n_ngos)                                                         \
    ARRAY(ngo_grant, w->n_ngos)                                                          \
    ARRAY(ngo_at_consultation, w->n_ngos)                                                \
    VALUE(ngo_subsidy_due, 1)                                                            \
    WORK(ngo_scratch, w->n_ngos)                                                         \
    WORK(ngo_scratch_p, w->n_ngos * PS_N_CHANNELS)                                       \
    /* network */                                                                        \
    VALUE(network_founded, 1)                                                            \
    VALUE(network_members, 1)                                                            \
    VALUE(network_pool, 1)                                                               \
    VALUE(network_grants, 1)                                                             \
    VALUE(network_participants, 1)                                                       \
    VALUE(network_exits, 1)                                                              \
    VALUE(network_plans, 3)                                                              \
    VALUE(consultation_now, 1)                                                           \
    /* UNHCR */                                                                          \
    VALUE(unhcr_emphasis, 1)                                                             \
    VALUE(unhcr_quota, 1)                                                                \
    VALUE(unhcr_capacity, 1)                                                             \
    /* snapshots at the last learning date */                                            \
    ARRAY(year_ratified, w->n_states)                                                    \
    ARRAY(year_law, w->n_states)                                                         \
    ARRAY(year_bill, w->n_states)                                                        \
    ARRAY(year_meanP, w->n_states)                                                       \
    ARRAY(year_legal, w->n_states)                                                       \
    ARRAY(year_detention, w->n_states)                                                   \
    /* refugees */                                                                       \
    VALUE(ref.n, 1)                                                                      \
    AGENTS(ref.group)                                                                    \
    AGENTS(ref.state)                                                                    \
    WORK(table.thr, w->table.n_cells * PS_MOVE_SLOTS)                                    \
    WORK(table.move, w->table.n_cells * PS_MOVE_SLOTS)                                   \
    WORK(table.stay, w->table.n_cells)                                                   \
    WORK(table.host, w->n_states * w->n_origins)                                         \
    ARRAY(count, w->n_states * PS_STATUS_CODES * PS_DCLASSES)                            \
    ARRAY(moves, w->n_states * PS_N_MOVES)                                               \
    ARRAY(wait, w->n_states)                                                             \
    ARRAY(saturated, w->n_states)                                                        \
    ARRAY(arrived, w->n_states)                                                          \
    ARRAY(exits_total, w->n_states * 4)                                                  \
    ARRAY(flow_history, 12 * w->n_states * PS_N_FLOWS)                                   \
    /* streams of the agent types */                                                     \
    STREAM(rng_exo)                                                                      \
    STREAM(rng_network)                                                                  \
    STREAM(rng_ngo)                                                                      \
    STREAM(rng_state)                                                                    \
    /* events of a step */                                                               \
    WORK(events, w->cap_events)
/* clang-format on */

/* The element type of a field, from its C type (enums count as their integer type). */
#define PS_WORLD_TYPE(x)                                                                 \
    _Generic((x),                                                                        \
        double: PS_WORLD_REAL, double *: PS_WORLD_REAL,                                  \
        _Bool: PS_WORLD_BOOL, _Bool *: PS_WORLD_BOOL,                                    \
        int: PS_WORLD_INT, int *: PS_WORLD_INT,                                          \
        long: PS_WORLD_INT, long *: PS_WORLD_INT,                                        \
        unsigned char: PS_WORLD_UINT, unsigned char *: PS_WORLD_UINT,                    \
        unsigned short: PS_WORLD_UINT, unsigned short *: PS_WORLD_UINT,                  \
        unsigned int: PS_WORLD_UINT, unsigned int *: PS_WORLD_UINT,                      \
        unsigned long: PS_WORLD_UINT, unsigned long *: PS_WORLD_UINT,                    \
        default: PS_WORLD_BYTES)

/* Allocate every ARRAY and WORK field (zeroed) and every STREAM of a world whose sizes
 * are set; false when one cannot be had (ps_world_free_fields frees what was). */
bool ps_world_alloc_fields(ps_world *w);

/* Free every field of the list (a half-built world too). */
void ps_world_free_fields(ps_world *w);

/* Copy every kept field of src into dst, a world of the same sizes made by
 * ps_world_alloc_fields; the agent arrays grow to src's. PS_OK or PS_ENOMEM. */
ps_status ps_world_copy_fields(ps_world *dst, const ps_world *src, ps_error *err);

#endif
