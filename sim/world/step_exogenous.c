/* step_exogenous.c - schedules: arrivals, shocks, security events, patron links
 * (docs/model.md §3 step 1, §6). Writes state_arrivals, state_new_agents, state_events.
 */
#include <gsl/gsl_randist.h>

#include "world_impl.h"

/* Persons per month arriving in state i from origin o, before the Poisson draw. */
static double mean_arrivals(const ps_world *w, size_t i, size_t o)
{
    const ps_state_spec *s = &w->sc->states[i];
    double persons = s->arrivals_per_year / 12.0 * s->origin_mix[o];
    for (size_t k = 0; k < s->n_shocks; k++) {
        const ps_shock *sh = &s->shocks[k];
        bool active = w->month >= sh->start && w->month < sh->start + sh->months;
        if (active && sh->origin == o) {
            persons += sh->persons / sh->months;
        }
    }
    return persons;
}

/* Arrivals, and births to refugees present (natural growth), enter as new agents. Only
 * arrivals count toward securitisation and magnet fear, and as their expected number
 * (the schedule), not the draw: the draw's noise depends on agents_per_person
 * (docs/model.md §7.2, §10 item 48). */
static void draw_arrivals(ps_world *w, size_t i)
{
    const ps_state_spec *s = &w->sc->states[i];
    double app = w->sc->agents_per_person, expected = 0.0;
    double births = s->growth_per_year / 12.0 * ps_world_present(w, i);
    for (size_t o = 0; o < w->n_origins; o++) {
        double persons = mean_arrivals(w, i, o), mu = persons * app;
        unsigned int n = mu > 0.0 ? gsl_ran_poisson(w->rng_exo, mu) : 0;
        double mu_births = births * s->origin_mix[o];
        unsigned int born = mu_births > 0.0 ? gsl_ran_poisson(w->rng_exo, mu_births) : 0;
        w->state_new_agents[i * w->n_origins + o] = n + born;
        expected += persons;
    }
    w->state_arrivals[i] = expected;
}

static void dated_events(ps_world *w, size_t i)
{
    const ps_state_spec *s = &w->sc->states[i];
    w->state_events[i] = 0.0;
    for (size_t k = 0; k < s->n_security_events; k++) {
        if (s->security_events[k].date == w->month) {
            w->state_events[i] += s->security_events[k].magnitude;
            ps_world_add_event(w, PS_EV_SECURITY, (long)i, -1,
                               s->security_events[k].magnitude);
        }
    }
    for (size_t k = 0; k < s->n_shocks; k++) {
        if (s->shocks[k].start == w->month) {
            ps_world_add_event(w, PS_EV_SHOCK, (long)i, -1, s->shocks[k].persons);
        }
    }
    if (s->patron[0] != '\0' && s->patron_since == w->month) {
        ps_world_add_event(w, PS_EV_PATRON, (long)i, (long)-1, s->patron_leverage);
    }
}

void ps_step_exogenous(ps_world *w)
{
    for (size_t i = 0; i < w->n_states; i++) {
        draw_arrivals(w, i);
        dated_events(w, i);
    }
}
