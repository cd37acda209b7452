/* test_resettlement.c - UNHCR's resettlement places shared by waiting time and by the
 * states' resettlement_weight (docs/model.md §7.5, §10 item 26), worked out by hand */
#include "tiny.h"

static ps_scenario sc;

/* Two states of 1,000 mandate refugees each (status base 0: nobody is PROTECTED),
 * weights 1 and 3, no waiting gain and no other risk for MANDATE (no refoulement,
 * detention or grant of status): 12,000 places a
 * year are 1,000 a month, shared as w_i x 1,000 / (1 x 1,000 + 3 x 1,000). */
static const char *TWO_STATES =
    "name = \"res\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n"
    "network = { founded = \"2099-01\"; };\n"
    "securitisation = { surge = 0.0; framing = 0.0; reversion = 0.0; };\n"
    "implementation = { status = { base = 0.0; institutions = 0.0; }; };\n"
    "refugees = { refoulement_per_year = 0.0; detention = { mandate = 0.0; }; };\n"
    "unhcr = { advocacy = 0.0; resettlement_per_year = 12000.0;\n"
    "          resettlement_wait_gain = 0.0; };\n"
    "states = { list = (\n"
    "  { name = \"A\"; rsd = \"unhcr\"; stock = { refugees = 1000.0; }; },\n"
    "  { name = \"B\"; rsd = \"unhcr\"; resettlement_weight = 3.0;\n"
    "    stock = { refugees = 1000.0; }; } ); };\n";

static double resettle_chance(const ps_world *w, size_t state, int d)
{
    size_t cell = ps_table_cell(state * w->n_origins, PS_RS_MANDATE, d);
    return (double)w->table.thr[cell * PS_MOVE_SLOTS] / 4294967296.0;
}

Test(resettlement, places_follow_the_state_weights)
{
    ps_world *w = tiny_world(TWO_STATES, &sc);
    ps_error err = {0};
    ps_step_unhcr(w); /* this month's places */
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK, "%s", err.msg);
    for (int d = 0; d < PS_DCLASSES; d++) {
        cr_assert_float_eq(resettle_chance(w, 0, d), 0.25, 1e-9, "A, class %d: %g", d,
                           resettle_chance(w, 0, d));
        cr_assert_float_eq(resettle_chance(w, 1, d), 0.75, 1e-9, "B, class %d: %g", d,
                           resettle_chance(w, 1, d));
    }
    ps_world_destroy(w);
}

/* A weight of 0 takes a state out of resettlement; the others share all places. */
Test(resettlement, weight_zero_gets_no_places)
{
    const char *sets[] = {"states.list.[1].resettlement_weight=0"};
    ps_world *w = tiny_world_set(TWO_STATES, sets, 1, &sc);
    ps_error err = {0};
    ps_step_unhcr(w); /* this month's places */
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK, "%s", err.msg);
    cr_assert_float_eq(resettle_chance(w, 0, 3), 1.0, 1e-9);
    cr_assert_float_eq(resettle_chance(w, 1, 3), 0.0, 1e-9);
    ps_world_destroy(w);
}
