/* test_step_refugee.c - refugee transitions (docs/model.md §7.5): the table of competing
 * risks by hand, a cohort checked statistically, detention and release, arrivals and
 * compaction */
#include <math.h>

#include "kernel_refugee.h"
#include "tiny.h"

static ps_scenario sc;

/* 200,000 unregistered persons in a state nobody decides claims in; full liberty and
 * non-refoulement, so registration is the only move unless a test adds one. */
static const char *COHORT =
    "name = \"cohort\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "refugees = { access_per_year = 0.6; detention = { unregistered = 0.2; }; };\n"
    "states = { list = ( { name = \"A\"; rsd = \"none\"; securitisation_baseline = 0.0;\n"
    "  implementation = [0.5, 0.5, 0.5, 1.0, 1.0, 0.5];\n"
    "  stock = { unregistered = 200000.0; }; } ); };\n";

static int64_t moves(const ps_world *w, ps_move m)
{
    return w->moves[m];
}

/* Registration 0.6 x 0.5 = 0.3 a year: p = 1 - 0.7^(1/12) = 0.0292855 a month;
 * expected 5857.1 of 200,000, sd 75.4; the test allows 4 sd. */
Test(step_refugee, cohort_registers_at_the_monthly_rate)
{
    ps_world *w = tiny_world(COHORT, &sc);
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
    int64_t registered = moves(w, PS_MV_REGISTER);
    cr_assert(llabs(registered - 5857) < 302, "registered %lld", (long long)registered);
    cr_assert_eq(moves(w, PS_MV_DETAIN), 0);
    cr_assert_eq(ps_world_in_status(w, 0, PS_RS_PENDING), (double)registered);
    cr_assert_eq(ps_world_present(w, 0), 200000.0);
    ps_world_destroy(w);
}

/* Registration (0.3/yr) and detention (0.2 x (1 - 0.5) = 0.1/yr) compete: hazards
 * h1 = -ln 0.7 / 12, h2 = -ln 0.9 / 12; P(k) = h_k / H (1 - e^-H):
 * 0.0291580 and 0.0086132, i.e. thresholds 125232552 and 162225805 of 2^32. */
Test(step_refugee, competing_risks_become_cumulative_thresholds)
{
    const char *sets[] = {
        "states.list.[0].implementation=[0.5, 0.5, 0.5, 0.5, 1.0, 0.5]"};
    ps_world *w = tiny_world_set(COHORT, sets, 1, &sc);
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
    const uint32_t *thr = &w->table.thr[0]; /* state 0, origin 0, UNREGISTERED, < 6 m */
    const uint8_t *mv = &w->table.move[0];
    cr_assert_eq(mv[0], PS_MV_REGISTER);
    cr_assert_eq(mv[1], PS_MV_DETAIN);
    cr_assert(llabs((long long)thr[0] - 125232552LL) <= 2, "thr0 %u", thr[0]);
    cr_assert(llabs((long long)thr[1] - 162225805LL) <= 2, "thr1 %u", thr[1]);
    for (int k = 2; k < PS_MOVE_SLOTS - 1; k++) {
        cr_assert_eq(thr[k], thr[1]); /* ATD share 0, then padding */
    }
    cr_assert_eq(mv[PS_MOVE_SLOTS - 1], PS_MV_STAY);
    /* the cohort: detained 0.0086132 x 200,000 = 1722.6, sd 41; allow 4 sd */
    cr_assert(llabs(moves(w, PS_MV_DETAIN) - 1723) < 166, "detained %lld",
              (long long)moves(w, PS_MV_DETAIN));
    ps_world_destroy(w);
}

Test(step_refugee, release_returns_to_the_status_before_detention)
{
    const char *sets[] = {"states.list.[0].stock.unregistered=1000",
                          "refugees.detention_months=0.01",
                          "refugees.detention.unregistered=0"};
    ps_world *w = tiny_world_set(COHORT, sets, 3, &sc);
    for (size_t r = 0; r < w->ref.n; r++) {
        w->ref.state[r] = ps_agent_state(PS_RS_DETAINED, PS_RS_REJECTED, 0);
    }
    ps_refugee_tally(w);
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
    cr_assert_eq(moves(w, PS_MV_RELEASE), 1000);
    cr_assert_eq(ps_world_in_status(w, 0, PS_RS_REJECTED), 1000.0);
    cr_assert_eq(w->ref.state[0], ps_agent_state(PS_RS_REJECTED, 0, 0));
    ps_world_destroy(w);
}

Test(step_refugee, months_in_status_count_up_and_saturate)
{
    const char *sets[] = {"refugees.access_per_year=0",
                          "states.list.[0].stock.unregistered=10"};
    ps_world *w = tiny_world_set(COHORT, sets, 2, &sc);
    w->ref.state[0] = ps_agent_state(PS_RS_UNREGISTERED, 0, 5);
    w->ref.state[1] = ps_agent_state(PS_RS_UNREGISTERED, 0, PS_MONTHS_MAX);
    ps_refugee_tally(w);
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
    cr_assert_eq(ps_agent_months(w->ref.state[0]), 6);
    cr_assert_eq(ps_agent_months(w->ref.state[1]), PS_MONTHS_MAX);
    cr_assert_eq(ps_dclass(5), 0);
    cr_assert_eq(ps_dclass(6), 1);
    cr_assert_eq(ps_dclass(23), 1);
    cr_assert_eq(ps_dclass(24), 2);
    cr_assert_eq(ps_dclass(59), 2);
    cr_assert_eq(ps_dclass(60), 3);
    ps_world_destroy(w);
}

/* Returns of 0.99 a year empty the state; December compacts the arrays. */
Test(step_refugee, departed_agents_are_counted_and_compacted)
{
    const char *sets[] = {
        "origins.[0].return_per_year=0.99", "refugees.access_per_year=0",
        "states.list.[0].stock.unregistered=20000", "time.start=2010-12"};
    ps_world *w = tiny_world_set(COHORT, sets, 4, &sc);
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
    int64_t returned = moves(w, PS_MV_RETURN);
    /* p = 1 - 0.01^(1/12) = 0.318707: 6374 of 20,000, sd 66 */
    cr_assert(llabs(returned - 6374) < 264, "returned %lld", (long long)returned);
    cr_assert_eq(w->ref.n, (size_t)(20000 - returned));
    cr_assert_eq(w->exits_total[1], returned);
    ps_world_destroy(w);
}

Test(step_refugee, arrivals_join_as_unregistered_at_the_end)
{
    const char *sets[] = {"states.list.[0].arrivals_per_year=12000",
                          "states.list.[0].stock.unregistered=100"};
    ps_world *w = tiny_world_set(COHORT, sets, 2, &sc);
    ps_step_exogenous(w);
    size_t arriving = w->state_new_agents[0];
    cr_assert(arriving > 850 && arriving < 1150, "arriving %zu",
              arriving); /* Poisson(1000) */
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
    cr_assert_eq(w->ref.n, 100 + arriving);
    cr_assert_eq(w->ref.state[w->ref.n - 1], ps_agent_state(PS_RS_UNREGISTERED, 0, 0));
    cr_assert_eq(w->ref.group[w->ref.n - 1], 0);
    cr_assert_eq(w->arrived[0], (int64_t)arriving);
    ps_world_destroy(w);
}
