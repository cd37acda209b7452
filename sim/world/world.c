/* world.c - create and destroy the world, and the monthly schedule (docs/model.md §3, §5)
 */
#include "protsim/world.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "clock.h"
#include "kernel_refugee.h"
#include "world_fields.h"
#include "world_impl.h"

static void free_tallies(ps_world *w)
{
    for (size_t b = 0; w->tally != NULL && b < w->n_blocks_cap; b++) {
        free(w->tally[b].count);
        free(w->tally[b].moves);
        free(w->tally[b].wait);
        free(w->tally[b].saturated);
    }
    free(w->tally);
    w->tally = NULL;
    w->n_blocks_cap = 0;
}

void ps_world_destroy(ps_world *w)
{
    if (w == NULL) {
        return;
    }
    ps_world_free_fields(w); /* world_fields.h */
    free_tallies(w);
    free(w);
}

/* Expected agents over the whole run, so the refugee arrays rarely need to grow. */
static size_t expected_agents(const ps_scenario *sc)
{
    double agents = ps_scenario_agents(sc);
    return (size_t)(agents * 1.1 + 6.0 * sqrt(agents) + 1024.0);
}

static size_t count_ngos(const ps_scenario *sc)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n_states; i++) {
        n += sc->states[i].ngo_count;
    }
    return n;
}

/* Similarity w_ij = exp(-d_ij / lambda) of docs/model.md §7.3; fixed over a run. */
static void init_similarity(ps_world *w)
{
    const ps_scenario *sc = w->sc;
    for (size_t i = 0; i < w->n_states; i++) {
        for (size_t j = 0; j < w->n_states; j++) {
            const ps_state_spec *a = &sc->states[i], *b = &sc->states[j];
            double d =
                (fabs(a->democracy - b->democracy) + fabs(a->capacity - b->capacity) +
                 (strcmp(a->subregion, b->subregion) != 0 ? 1.0 : 0.0)) /
                3.0;
            w->similarity[i * w->n_states + j] =
                i == j ? 0.0 : exp(-d / sc->emulation_lambda);
        }
    }
}

static void init_states(ps_world *w)
{
    const ps_scenario *sc = w->sc;
    for (size_t i = 0; i < w->n_states; i++) {
        const ps_state_spec *s = &sc->states[i];
        w->state_ratified[i] = s->ratified;
        w->state_law[i] = s->law_level;
        w->state_bill[i] = s->bill_pending;
        w->state_rsd[i] = s->rsd;
        w->state_S[i] =
            s->has_securitisation ? s->securitisation : s->securitisation_baseline;
        w->state_mavg[i] = fmax(sc->arrivals_floor, s->arrivals_per_year / 12.0);
        w->state_capacity[i] = s->decisions_per_year / 12.0 * sc->agents_per_person;
        double *P = &w->state_P[i * PS_N_COMPONENTS];
        w->state_fair_b[i] = ps_state_fair_default_intercept(sc);
        if (s->has_implementation) {
            memcpy(P, s->implementation, sizeof s->implementation);
            w->state_fair_b[i] = ps_state_fair_intercept(w, i); /* anchored at the data */
        } else {
            ps_state_targets(w, i, P); /* P starts at its target (docs/model.md §5) */
        }
    }
    init_similarity(w);
}

static const double *fixed_weights(const ps_scenario *sc)
{
    switch (sc->ngo_strategy) {
    case PS_STRATEGY_RATIFICATION:
        return sc->preset_ratification;
    case PS_STRATEGY_LEGISLATION:
        return sc->preset_legislation;
    case PS_STRATEGY_WEIGHTS:
        return sc->ngo_weights;
    default:
        return sc->ngo_initial_weights;
    }
}

static void init_ngos(ps_world *w, gsl_rng *rng)
{
    const ps_scenario *sc = w->sc;
    const double *weights = fixed_weights(sc);
    size_t j = 0;
    for (size_t i = 0; i < w->n_states; i++) {
        const ps_state_spec *s = &sc->states[i];
        for (size_t n = 0; n < s->ngo_count; n++, j++) {
            double budget = gsl_ran_lognormal(rng, s->ngo_budget_mu, s->ngo_budget_sigma);
            w->ngo_home[j] = i;
            w->ngo_budget[j] = budget;
            w->ngo_income[j] = budget * sc->ngo_income_ratio;
            w->ngo_active[j] = true;
            w->ngo_joined[j] = -1;
            w->ngo_attended[j] = -1;
            for (int k = 0; k < PS_N_CHANNELS; k++) {
                w->ngo_p[j * PS_N_CHANNELS + k] = weights[k];
                w->ngo_q[j * PS_N_CHANNELS + k] = weights[k] * sc->ngo_initial_strength;
            }
        }
    }
}

/* Agents of a stock split over origins by rounding cumulative shares, so the total is
 * exact and each origin is within one agent of its share. */
static void add_stock(ps_world *w, size_t i, double persons, int code, int max_months,
                      gsl_rng *rng)
{
    const ps_state_spec *s = &w->sc->states[i];
    double agents = persons * w->sc->agents_per_person;
    double done = 0.0;
    for (size_t o = 0; o < w->n_origins; o++) {
        double upto = done + agents * s->origin_mix[o];
        size_t n = (size_t)llround(upto) - (size_t)llround(done);
        done = upto;
        for (size_t a = 0; a < n; a++) {
            size_t r = w->ref.n++;
            int months = (int)gsl_rng_uniform_int(rng, (unsigned long)max_months);
            w->ref.group[r] = (uint16_t)(i * w->n_origins + o);
            w->ref.state[r] = ps_agent_state(code, 0, months);
        }
    }
}

/* Initial stocks by status (docs/model.md §5): asylum-seekers wait as PENDING; refugees
 * are MANDATE where UNHCR decides, except the share P_status that holds lawful stay. */
static void init_refugees(ps_world *w, gsl_rng *rng)
{
    for (size_t i = 0; i < w->n_states; i++) {
        const ps_state_spec *s = &w->sc->states[i];
        double status_share = w->state_P[i * PS_N_COMPONENTS + PS_P_STATUS];
        bool unhcr = s->rsd == PS_RSD_UNHCR || s->rsd == PS_RSD_NONE;
        double protected_persons =
            unhcr ? s->stock_refugees * status_share : s->stock_refugees;
        add_stock(w, i, s->stock_unregistered, PS_RS_UNREGISTERED, 12, rng);
        add_stock(w, i, s->stock_asylum_seekers, PS_RS_PENDING, 24, rng);
        add_stock(w, i, s->stock_refugees - protected_persons, PS_RS_MANDATE, 120, rng);
        add_stock(w, i, protected_persons, PS_RS_PROTECTED, 120, rng);
    }
}

/* A world of sc's sizes: every field allocated and zero, the table's hosts set, the
 * kernel path chosen (PROTSIM_KERNEL), room for agents agents; nothing drawn. */
static ps_status create_sized(const ps_scenario *sc, size_t agents, ps_world **out,
                              ps_error *err)
{
    *out = NULL;
    ps_world *w = calloc(1, sizeof *w);
    if (w == NULL) {
        return ps_fail(err, PS_ENOMEM, "world: cannot allocate");
    }
    w->sc = sc; /* until own is made: the counts of the field list read it */
    w->n_states = sc->n_states;
    w->n_origins = sc->n_origins;
    w->n_ngos = count_ngos(sc);
    w->n_steps = ps_scenario_steps(sc);
    w->table.n_cells = w->n_states * w->n_origins * PS_STATUS_CODES * PS_DCLASSES;
    w->cap_events = 4 * w->n_states + w->n_ngos + 64;
    if (!ps_world_alloc_fields(w)) {
        ps_world_destroy(w);
        return ps_fail(err, PS_ENOMEM, "world: cannot allocate %zu states and %zu NGOs",
                       sc->n_states, count_ngos(sc));
    }
    memcpy(w->own, sc, sizeof *sc);
    w->sc = w->own;
    w->month = sc->start;
    for (size_t g = 0; g < w->n_states * w->n_origins; g++) {
        w->table.host[g] = (uint8_t)(g / w->n_origins);
    }
    ps_status st = ps_world_grow_refugees(w, agents > 0 ? agents : 1, err);
    if (st == PS_OK) {
        st =
            ps_kernel_choose("PROTSIM_KERNEL", getenv("PROTSIM_KERNEL"), &w->kernel, err);
    }
    if (st != PS_OK) {
        ps_world_destroy(w);
        return st;
    }
    *out = w;
    return PS_OK;
}

ps_status ps_world_create_blank(const ps_scenario *sc, ps_world **out, ps_error *err)
{
    return create_sized(sc, 0, out, err);
}

ps_status ps_world_create(const ps_scenario *sc, uint64_t seed, ps_world **out,
                          ps_error *err)
{
    ps_world *w = NULL;
    ps_status st = create_sized(sc, expected_agents(sc), &w, err);
    *out = NULL;
    if (st != PS_OK) {
        return st;
    }
    w->seed = seed;
    w->unhcr_emphasis = sc->unhcr_emphasis;
    ps_rng_reseed(w->rng_exo, seed, PS_STREAM_INIT, 0);
    init_states(w);
    init_ngos(w, w->rng_exo);
    init_refugees(w, w->rng_exo);
    ps_refugee_tally(w);
    ps_learning_snapshot(w);
    *out = w;
    return PS_OK;
}

ps_status ps_world_clone(const ps_world *src, ps_world **out, ps_error *err)
{
    ps_status st = ps_world_create_blank(src->own, out, err);
    if (st == PS_OK) {
        st = ps_world_copy_fields(*out, src, err);
    }
    if (st != PS_OK) {
        ps_world_destroy(*out);
        *out = NULL;
        return st;
    }
    (*out)->n_threads = src->n_threads;
    (*out)->kernel = src->kernel;
    return PS_OK;
}

static void reseed_streams(ps_world *w)
{
    uint64_t t = w->t;
    ps_rng_reseed(w->rng_exo, w->seed, PS_STREAM_EXOGENOUS, t);
    ps_rng_reseed(w->rng_network, w->seed, PS_STREAM_NETWORK, t);
    ps_rng_reseed(w->rng_ngo, w->seed, PS_STREAM_NGO, t);
    ps_rng_reseed(w->rng_state, w->seed, PS_STREAM_STATE, t);
}

/* One step. The order of events is part of the model (docs/model.md §3), so it is all
 * here; each kernel's comment says what it reads and what it writes. */
/* Every NGO on the fixed strategy the scenario now selects (none when adaptive: then
 * learning goes on from the propensities q). */
static void reset_strategies(ps_world *w)
{
    if (w->sc->ngo_strategy == PS_STRATEGY_ADAPTIVE) {
        return;
    }
    const double *weights = fixed_weights(w->sc);
    for (size_t j = 0; j < w->n_ngos; j++) {
        memcpy(&w->ngo_p[j * PS_N_CHANNELS], weights, PS_N_CHANNELS * sizeof *weights);
    }
}

/* The schedule's changes due this month, before anything reads the scenario
 * (docs/model.md §6, Schedules); each is an event. */
static void apply_schedule(ps_world *w)
{
    for (size_t k = 0; k < w->own->n_changes; k++) {
        const ps_change *c = &w->own->changes[k];
        if (c->at == w->month) {
            memcpy((char *)w->own + c->offset, c->value, c->size);
            ps_world_add_event(w, PS_EV_SCHEDULE, c->state, -1, (double)k);
            if (c->resets_strategies) {
                reset_strategies(w);
            }
        }
    }
}

ps_status ps_world_step(ps_world *w, ps_error *err)
{
    w->n_events = 0;
    apply_schedule(w); /* the schedule      -> the world's scenario, events      */
    reseed_streams(w);
    ps_step_exogenous(w); /* schedules           -> state_arrivals, state_events */
    ps_step_unhcr(w);     /* stocks, members' p  -> unhcr_capacity, quota, u_R   */
    ps_step_network(w);   /* members, pool       -> ngo_member, ngo_grant, plans */
    ps_step_ngo(w);       /* budgets, strategies -> ngo_effort, state_A          */
    ps_step_state(w);     /* state_A, arrivals   -> S, hazards, R, L, bill, P    */
    double started = ps_clock_seconds();
    ps_status st = ps_step_refugee(w, err); /* P, S, capacity -> refugees, flows */
    w->refugee_seconds += ps_clock_seconds() - started;
    if (st != PS_OK) {
        return st;
    }
    ps_step_learning(w); /* payoffs, consultation -> ngo_q, ngo_p              */
    w->t++;
    w->month++;
    return PS_OK;
}
