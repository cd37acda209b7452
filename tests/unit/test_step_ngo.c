/* test_step_ngo.c - NGO effort, budgets, exits and advocacy pressure (docs/model.md §7.1)
 * on a one-state world with one NGO, worked out by hand */
#include <math.h>

#include "tiny.h"

static ps_scenario sc;

/* One NGO with budget e^mu = 100 kUSD (sigma 0) and a fixed strategy. */
static const char *ONE_NGO =
    "name = \"ngo\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n"
    "network = { founded = \"2099-01\"; };\n"
    "unhcr = { advocacy = 4.0; ratification_emphasis = 0.25; };\n"
    "pressure = { scale = 10.0; boomerang_delay = 0; boomerang_weight = 2.0;\n"
    "             boomerang_split = [0.5, 0.25, 0.25]; };\n"
    "ngo = { strategy = \"weights\"; weights = [0.4, 0.3, 0.1, 0.1, 0.1];\n"
    "        spend_share = 0.1; overhead = 1.0; income_ratio = 0.05; exit_months = 3;\n"
    "        cost = { rat = 2.0; leg = 1.0; imp = 1.0; srv = 0.5; glb = 2.5; };\n"
    "        cred = { base = 0.5; member = 0.3; glb = 0.2; }; };\n"
    "states = { list = ( { name = \"A\"; access = 0.5;\n"
    "  ngos = { count = 1; budget_mu = 4.605170185988092; budget_sigma = 0.0; }; } ); "
    "};\n";

/* Spending E = 10 buys x = (2, 3, 1, 2, 0.4). With credibility 0.5 and access 0.5:
 * raw RAT = 0.25 x 2 + UNHCR 4 x 0.25 + boomerang 2 x (0.5 x 0.4) x 0.5 = 1.7,
 * LEG = 0.75 + 3 + 0.1 = 3.85, IMP = 0.25 + 3 + 0.1 = 3.35, SRV = 0.5, GLB = 0.2;
 * A = 1 - exp(-raw / 10). */
Test(step_ngo, pressure_of_one_ngo_by_hand)
{
    ps_world *w = tiny_world(ONE_NGO, &sc);
    cr_assert_float_eq(w->ngo_budget[0], 100.0, 1e-9);
    ps_step_ngo(w);
    const double want[PS_N_CHANNELS] = {0.1563352, 0.3195494, 0.2846619, 0.0487706,
                                        0.0198013};
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        cr_assert_float_eq(w->state_A[k], want[k], 1e-7, "channel %d: %g", k,
                           w->state_A[k]);
    }
    cr_assert_float_eq(w->ngo_effort[PS_CH_SRV], 2.0, 1e-12);
    ps_world_destroy(w);
}

Test(step_ngo, budget_gains_income_and_pays_effort_and_overhead)
{
    ps_world *w = tiny_world(ONE_NGO, &sc);
    ps_step_ngo(w);
    cr_assert_float_eq(w->ngo_budget[0], 100.0 + 5.0 - 10.0 - 1.0, 1e-9);
    ps_world_destroy(w);
}

Test(step_ngo, boomerang_arrives_after_the_delay)
{
    const char *sets[] = {"pressure.boomerang_delay=2", "unhcr.advocacy=0"};
    ps_world *w = tiny_world_set(ONE_NGO, sets, 2, &sc);
    double rat[3];
    for (int t = 0; t < 3; t++) {
        ps_step_ngo(w);
        rat[t] = w->state_A[PS_CH_RAT];
        w->t++;
    }
    /* domestic RAT effort falls with the budget; the boomerang of month 0 arrives in
     * month 2 only: raw = 0.25 x x_RAT(2) + 2 x 0.5 x 0.4 x 0.5 */
    cr_assert_float_eq(rat[0], 1.0 - exp(-0.25 * 2.0 / 10.0), 1e-9);
    double x2 = 0.4 * 0.1 * (94.0 + 5.0 - 9.4 - 1.0) / 2.0;
    cr_assert_float_eq(rat[2], 1.0 - exp(-(0.25 * x2 + 0.2) / 10.0), 1e-9);
    ps_world_destroy(w);
}

/* A member's GLB effort costs 2.5 x (1 - 0.4) = 1.5 while the pool has money, and the
 * pool is billed 0.4 of the full cost; with the pool in debt it pays the full 2.5. */
Test(step_ngo, member_glb_subsidy_only_while_the_pool_has_money)
{
    const char *sets[] = {"network.glb_subsidy=0.4"};
    ps_world *w = tiny_world_set(ONE_NGO, sets, 1, &sc);
    w->ngo_member[0] = true;
    w->network_pool = 3.0;
    ps_step_ngo(w); /* E = 10: x_GLB = 0.1 x 10 / 1.5 */
    cr_assert_float_eq(w->ngo_effort[PS_CH_GLB], 1.0 / 1.5, 1e-12);
    cr_assert_float_eq(w->ngo_subsidy_due, 1.0 / 1.5 * 2.5 * 0.4, 1e-12);
    w->network_pool = -1.0;
    w->ngo_budget[0] = 100.0;
    ps_step_ngo(w);
    cr_assert_float_eq(w->ngo_effort[PS_CH_GLB], 0.4, 1e-12);
    cr_assert_float_eq(w->ngo_subsidy_due, 0.0, 1e-12);
    ps_world_destroy(w);
}

Test(step_ngo, ngo_exits_after_months_in_the_red)
{
    const char *sets[] = {"ngo.income_ratio=0"};
    ps_world *w = tiny_world_set(ONE_NGO, sets, 1, &sc);
    w->ngo_budget[0] = -50.0;
    ps_step_ngo(w);
    ps_step_ngo(w);
    cr_assert(w->ngo_active[0]);
    ps_step_ngo(w);
    cr_assert_not(w->ngo_active[0]);
    size_t n;
    const ps_event *ev = ps_world_events(w, &n);
    cr_assert_eq(n, 1);
    cr_assert_eq(ev[0].type, PS_EV_NGO_EXIT);
    cr_assert_eq(w->network_exits, 1);
    ps_world_destroy(w);
}
