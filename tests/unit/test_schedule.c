/* test_schedule.c - scheduled changes of settings (docs/model.md §6, Schedules): the
 * world applies each at the start of its month, as an event, with effects worked out by
 * hand; the same scenario gives the same run */
#include "tiny.h"

static ps_scenario sc;

/* Two states of 1,000 mandate refugees (no other exits), 12,000 resettlement places a
 * year: UNHCR's quota is 1,000 agents a month until the schedule makes it 6,000 a year
 * (500 a month) from 2010-03. State B's 120,000 arrivals a year stop from 2010-04; from
 * 2010-02 the NGOs' strategy is the legislation preset. */
static const char *SCHEDULED =
    "name = \"sched\"; time = { start = \"2010-01\"; end = \"2010-06\"; };\n"
    "origins = ( { name = \"O\"; } );\n"
    "network = { founded = \"2099-01\"; };\n"
    "securitisation = { surge = 0.0; framing = 0.0; reversion = 0.0; };\n"
    "implementation = { status = { base = 0.0; institutions = 0.0; }; };\n"
    "refugees = { refoulement_per_year = 0.0; detention = { mandate = 0.0; }; };\n"
    "unhcr = { advocacy = 0.0; resettlement_per_year = 12000.0; };\n"
    "states = { list = (\n"
    "  { name = \"A\"; rsd = \"unhcr\"; stock = { refugees = 1000.0; }; ngos = { count = "
    "3; }; },\n"
    "  { name = \"B\"; rsd = \"unhcr\"; arrivals_per_year = 120000.0;\n"
    "    stock = { refugees = 1000.0; }; } ); };\n"
    "schedule = (\n"
    "  { at = \"2010-03\"; set = [ \"unhcr.resettlement_per_year=6000\" ]; },\n"
    "  { at = \"2010-04\"; set = [ \"states.B.arrivals_per_year=0\" ]; },\n"
    "  { at = \"2010-02\"; set = [ \"ngo.strategy=legislation\" ]; } );\n";

/* The events of type e in the last step, with their state and value. */
static size_t events_of(const ps_world *w, ps_event_type e, long *state, double *value)
{
    size_t n, found = 0;
    const ps_event *ev = ps_world_events(w, &n);
    for (size_t k = 0; k < n; k++) {
        if (ev[k].type == e) {
            *state = ev[k].state;
            *value = ev[k].value;
            found++;
        }
    }
    return found;
}

static void step(ps_world *w)
{
    ps_error err = {0};
    cr_assert_eq(ps_world_step(w, &err), PS_OK, "%s", err.msg);
}

Test(schedule, resettlement_places_change_from_their_month)
{
    ps_world *w = tiny_world(SCHEDULED, &sc);
    long state;
    double value;
    step(w); /* 2010-01 */
    cr_assert_float_eq(w->unhcr_quota, 1000.0, 1e-9);
    step(w); /* 2010-02 */
    cr_assert_float_eq(w->unhcr_quota, 1000.0, 1e-9);
    cr_assert_eq(events_of(w, PS_EV_SCHEDULE, &state, &value), 1); /* the strategy */
    step(w);                                                       /* 2010-03 */
    cr_assert_float_eq(w->unhcr_quota, 500.0, 1e-9);
    cr_assert_eq(events_of(w, PS_EV_SCHEDULE, &state, &value), 1);
    cr_assert_eq(state, -1);
    cr_assert_float_eq(value, 0.0, 0.0); /* schedule.[0].set.[0] */
    step(w);                             /* 2010-04: nothing changes it back */
    cr_assert_float_eq(w->unhcr_quota, 500.0, 1e-9);
    cr_assert_float_eq(sc.resettlement_per_year, 12000.0, 0.0); /* the caller's copy */
    ps_world_destroy(w);
}

Test(schedule, arrivals_stop_from_their_month)
{
    ps_world *w = tiny_world(SCHEDULED, &sc);
    long state;
    double value;
    for (int m = 0; m < 3; m++) { /* Poisson(10,000) a month: never 0 */
        step(w);
        cr_assert_gt(w->state_arrivals[1], 9000.0);
    }
    step(w); /* 2010-04 */
    cr_assert_eq(w->state_arrivals[1], 0.0);
    cr_assert_eq(events_of(w, PS_EV_SCHEDULE, &state, &value), 1);
    cr_assert_eq(state, 1); /* B */
    cr_assert_float_eq(value, 1.0, 0.0);
    step(w);
    cr_assert_eq(w->state_arrivals[1], 0.0);
    ps_world_destroy(w);
}

Test(schedule, ngos_take_the_fixed_strategy_from_its_month)
{
    ps_world *w = tiny_world(SCHEDULED, &sc);
    step(w); /* 2010-01: adaptive, from the initial weights */
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        cr_assert_float_eq(w->ngo_p[k], sc.ngo_initial_weights[k], 1e-12);
    }
    step(w); /* 2010-02 */
    for (size_t j = 0; j < w->n_ngos; j++) {
        for (int k = 0; k < PS_N_CHANNELS; k++) {
            cr_assert_eq(w->ngo_p[j * PS_N_CHANNELS + k], sc.preset_legislation[k]);
        }
    }
    cr_assert_eq(w->sc->ngo_strategy, PS_STRATEGY_LEGISLATION);
    ps_world_destroy(w);
}

Test(schedule, same_scenario_same_run)
{
    static ps_scenario sc2;
    ps_world *a = tiny_world(SCHEDULED, &sc);
    ps_world *b = tiny_world(SCHEDULED, &sc2);
    for (int m = 0; m < 6; m++) {
        step(a);
        step(b);
        cr_assert_eq(a->state_arrivals[1], b->state_arrivals[1]);
        size_t na, nb;
        const ps_event *ea = ps_world_events(a, &na), *eb = ps_world_events(b, &nb);
        cr_assert_eq(na, nb);
        cr_assert_eq(memcmp(ea, eb, na * sizeof *ea), 0);
    }
    ps_world_destroy(a);
    ps_world_destroy(b);
}
