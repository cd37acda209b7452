/* test_step_network.c - founding, redistribution, consultations and funded travel
 * (docs/model.md §7.6) on a four-NGO world worked out by hand */
#include "tiny.h"

static ps_scenario sc;

static const char *FOUR_NGOS =
    "name = \"net\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n"
    "network = { founded = \"2010-01\"; founders = 4; join_alpha = -30.0; dues = 0.0;\n"
    "            grants_per_year = 0.0; redistribute = 0.1; attendance = 1.0;\n"
    "            plans_per_member = 5.0; consultation_every = 24; travel_cost = 5.0; };\n"
    "unhcr = { consultation_month = 6; };\n"
    "ngo = { strategy = \"weights\"; weights = [1.0, 0.0, 0.0, 0.0, 0.0]; };\n"
    "states = { list = ( { name = \"A\"; ngos = { count = 4; }; } ); };\n";

/* Budgets 1, 2, 6, 10: median 4; shortfalls 3 and 2 share 10% of a pool of 100. */
Test(step_network, redistribution_by_shortfall_below_the_median)
{
    ps_world *w = tiny_world(FOUR_NGOS, &sc);
    const double budget[4] = {1.0, 2.0, 6.0, 10.0};
    memcpy(w->ngo_budget, budget, sizeof budget);
    w->network_pool = 100.0;
    ps_step_network(w);
    cr_assert(w->network_founded);
    cr_assert_eq(w->network_members, 4); /* all four found the network */
    cr_assert_float_eq(w->ngo_grant[0], 6.0, 1e-12);
    cr_assert_float_eq(w->ngo_grant[1], 4.0, 1e-12);
    cr_assert_float_eq(w->ngo_grant[2], 0.0, 1e-12);
    cr_assert_float_eq(w->ngo_grant[3], 0.0, 1e-12);
    cr_assert_float_eq(w->network_pool, 90.0, 1e-12);
    ps_world_destroy(w);
}

/* The GLB subsidy can leave the pool in debt: then nothing is redistributed (a
 * negative share of the pool would be a levy on the poorest members). */
Test(step_network, a_pool_in_debt_redistributes_nothing)
{
    ps_world *w = tiny_world(FOUR_NGOS, &sc);
    const double budget[4] = {1.0, 2.0, 6.0, 10.0};
    memcpy(w->ngo_budget, budget, sizeof budget);
    w->network_pool = -20.0;
    ps_step_network(w);
    for (int j = 0; j < 4; j++) {
        cr_assert_float_eq(w->ngo_grant[j], 0.0, 1e-12, "NGO %d: %g", j, w->ngo_grant[j]);
    }
    cr_assert_float_eq(w->network_pool, -20.0, 1e-12);
    ps_world_destroy(w);
}

Test(step_network, plans_only_at_consultations_and_by_strategy)
{
    ps_world *w = tiny_world(FOUR_NGOS, &sc);
    ps_step_network(w); /* founding month: the first consultation */
    cr_assert(w->consultation_now);
    cr_assert_gt(w->network_plans[0], 0.0);
    cr_assert_float_eq(w->network_plans[1] + w->network_plans[2], 0.0, 1e-12);
    for (int k = 0; k < 4; k++) {
        cr_assert(w->ngo_at_consultation[k]);
    }
    w->month++;
    ps_step_network(w);
    cr_assert_not(w->consultation_now);
    cr_assert_float_eq(w->network_plans[0], 0.0, 1e-12);
    ps_world_destroy(w);
}

Test(step_network, pool_pays_travel_to_unhcr_for_as_many_as_it_can)
{
    ps_world *w = tiny_world(FOUR_NGOS, &sc);
    ps_step_network(w);
    w->month = sc.start + 5; /* June */
    for (int j = 0; j < 4; j++) {
        w->ngo_budget[j] = 5.0; /* nobody below the median: nothing redistributed */
    }
    w->network_pool = 12.0;
    ps_step_network(w);
    cr_assert_eq(w->network_participants, 2);
    cr_assert_float_eq(w->network_pool, 2.0, 1e-12);
    int attended = 0;
    for (int j = 0; j < 4; j++) {
        attended += w->ngo_attended[j] == w->month;
    }
    cr_assert_eq(attended, 2);
    ps_world_destroy(w);
}

Test(step_network, founders_join_at_the_founding_date)
{
    const char *sets[] = {"network.founded=2010-03", "network.founders=3"};
    ps_world *w = tiny_world_set(FOUR_NGOS, sets, 2, &sc);
    ps_step_network(w);
    cr_assert_not(w->network_founded);
    w->month = sc.start + 2;
    ps_step_network(w);
    int members = 0;
    for (int j = 0; j < 4; j++) {
        members += w->ngo_member[j];
    }
    cr_assert_eq(members, 3);
    ps_world_destroy(w);
}
