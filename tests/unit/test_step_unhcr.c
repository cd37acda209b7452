/* test_step_unhcr.c - UNHCR (docs/model.md §3 step 2, §7.6): decision capacity and
 * resettlement places per month, capacity freed by a handover, and the ratification
 * emphasis that follows the network's members, on tiny worlds worked out by hand */
#include "tiny.h"

static ps_scenario sc;

/* One state with four NGOs. */
static const char *FOUR_NGOS =
    "name = \"unhcr\"; time = { start = \"2010-01\"; end = \"2012-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "states = { list = ( { name = \"A\"; ngos = { count = 4; }; } ); };\n";

/* 6,000 decisions and 1,200 places a year at 0.5 agents per person: 250 and 50 agents
 * a month. */
Test(step_unhcr, capacity_and_places_per_month_at_the_sampling_rate)
{
    const char *sets[] = {"unhcr.decisions_per_year=6000",
                          "unhcr.resettlement_per_year=1200",
                          "refugees.agents_per_person=0.5"};
    ps_world *w = tiny_world_set(FOUR_NGOS, sets, 3, &sc);
    ps_step_unhcr(w);
    cr_assert_float_eq(w->unhcr_capacity, 250.0, 1e-12);
    cr_assert_float_eq(w->unhcr_quota, 50.0, 1e-12);
    ps_world_destroy(w);
}

/* A handover freed 200 decisions a month; UNHCR redeploys 40% of them to the claims of
 * the other states where it decides and the rest leaves: 500 - 0.6 x 200 = 380. With
 * every freed decision redeployed (the default) the capacity stays 500. */
Test(step_unhcr, handover_frees_capacity_by_the_redeploy_share)
{
    const char *sets[] = {"unhcr.decisions_per_year=6000", "unhcr.handover_redeploy=0.4"};
    ps_world *w = tiny_world_set(FOUR_NGOS, sets, 2, &sc);
    w->state_freed[0] = 200.0;
    ps_step_unhcr(w);
    cr_assert_float_eq(w->unhcr_capacity, 380.0, 1e-12);
    ps_world_destroy(w);
    w = tiny_world_set(FOUR_NGOS, sets, 1, &sc);
    w->state_freed[0] = 200.0;
    ps_step_unhcr(w);
    cr_assert_float_eq(w->unhcr_capacity, 500.0, 1e-12);
    ps_world_destroy(w);
}

/* Handovers in two states freed 300 and 400 decisions a month and UNHCR redeploys
 * none: 500 - 700 would be negative, and the capacity stops at 0. Redeploying half:
 * 500 - 0.5 x 700 = 150. The resettlement places (1,200 a year, 100 a month) are
 * UNHCR's whatever handovers free. */
Test(step_unhcr, freed_capacity_sums_over_states_and_stops_at_zero)
{
    const char *text =
        "name = \"unhcr\"; time = { start = \"2010-01\"; end = \"2012-12\"; };\n"
        "origins = ( { name = \"O\"; } );\n" TINY_QUIET
        "states = { list = ( { name = \"A\"; }, { name = \"B\"; }, { name = \"C\"; } ); "
        "};\n";
    const char *none[] = {"unhcr.decisions_per_year=6000",
                          "unhcr.resettlement_per_year=1200",
                          "unhcr.handover_redeploy=0"};
    const char *half[] = {"unhcr.decisions_per_year=6000",
                          "unhcr.resettlement_per_year=1200",
                          "unhcr.handover_redeploy=0.5"};
    const char *const *sets[2] = {none, half};
    const double capacity[2] = {0.0, 150.0};
    for (int k = 0; k < 2; k++) {
        ps_world *w = tiny_world_set(text, sets[k], 3, &sc);
        w->state_freed[0] = 300.0;
        w->state_freed[2] = 400.0;
        ps_step_unhcr(w);
        cr_assert_float_eq(w->unhcr_capacity, capacity[k], 1e-12, "redeploy %d", k);
        cr_assert_float_eq(w->unhcr_quota, 100.0, 1e-12);
        ps_world_destroy(w);
    }
}

/* Members 0 and 1 put 0.2 and 0.4 on RAT (mean 0.3); NGO 2 (0.9) is not a member and
 * NGO 3 (0.8) is a member that has exited: neither counts. With u_R = 0.6 and
 * responsiveness 0.37 a year, one month closes mon(0.37) = 0.0377711 of the gap:
 * u_R = 0.6 - 0.0377711 x 0.3 = 0.5886687; after twelve months (1 - 0.37) of the gap
 * is left: 0.3 + 0.63 x 0.3 = 0.489. */
Test(step_unhcr, emphasis_follows_the_members_rat_share)
{
    const char *sets[] = {"unhcr.ratification_emphasis=0.6", "unhcr.responsiveness=0.37"};
    ps_world *w = tiny_world_set(FOUR_NGOS, sets, 2, &sc);
    const double rat[4] = {0.2, 0.4, 0.9, 0.8};
    for (size_t j = 0; j < 4; j++) {
        w->ngo_p[j * PS_N_CHANNELS + PS_CH_RAT] = rat[j];
        w->ngo_member[j] = j != 2;
    }
    w->ngo_active[3] = false;
    ps_step_unhcr(w);
    cr_assert_float_eq(w->unhcr_emphasis, 0.5886687, 1e-7);
    for (int t = 1; t < 12; t++) {
        ps_step_unhcr(w);
    }
    cr_assert_float_eq(w->unhcr_emphasis, 0.489, 1e-9);
    ps_world_destroy(w);
}

/* Before the network has members UNHCR hears no civil-society signal: u_R stays. */
Test(step_unhcr, emphasis_waits_for_members)
{
    const char *sets[] = {"unhcr.ratification_emphasis=0.6", "unhcr.responsiveness=0.37"};
    ps_world *w = tiny_world_set(FOUR_NGOS, sets, 2, &sc);
    w->ngo_p[PS_CH_RAT] = 0.1;
    w->ngo_member[1] = true;
    w->ngo_active[1] = false;
    for (int t = 0; t < 12; t++) {
        ps_step_unhcr(w);
    }
    cr_assert_float_eq(w->unhcr_emphasis, 0.6, 0.0);
    ps_world_destroy(w);
}
