/* test_indicators.c - outcome indicators and the Protection Outcome Index (docs/model.md
 * §8) from counts and flows set by hand */
#include <math.h>

#include "tiny.h"

static ps_scenario sc;

static const char *ONE_STATE =
    "name = \"ind\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "refugees = { agents_per_person = 0.5; };\n"
    "poi = { refoulement_scale = 10.0; solutions_target = 0.05; floor = 0.01; };\n"
    "states = { list = ( { name = \"A\"; } ); };\n";

static void set_count(ps_world *w, int code, int64_t n)
{
    w->count[(size_t)code * PS_DCLASSES] = n;
}

static void set_flow(ps_world *w, ps_flow f, int64_t n)
{
    w->flow_history[f] = n; /* slot 0, state 0 */
}

/* 1000 agents (2000 persons): 100 unregistered, 200 pending, 300 mandate, 400
 * protected; 50 decisions with 20 recognised, 30 returns and 10 refoulements in the
 * year. Parts: access 0.9, fair 0.4, status 0.4, liberty 1, nonref 1 - 0.01 x 10 = 0.9,
 * solutions 0.03 / 0.05 = 0.6; POI = (0.9 0.4 0.4 1 0.9 0.6)^(1/6) = 0.653320. */
Test(indicators, protection_outcome_index_by_hand)
{
    ps_world *w = tiny_world(ONE_STATE, &sc);
    memset(w->count, 0, PS_STATUS_CODES * PS_DCLASSES * sizeof *w->count);
    set_count(w, PS_RS_UNREGISTERED, 100);
    set_count(w, PS_RS_PENDING, 200);
    set_count(w, PS_RS_MANDATE, 300);
    set_count(w, PS_RS_PROTECTED, 400);
    set_flow(w, PS_FLOW_DECISIONS, 50);
    set_flow(w, PS_FLOW_RECOGNITIONS_STATE, 20);
    set_flow(w, PS_FLOW_RETURNS, 30);
    set_flow(w, PS_FLOW_REFOULEMENTS, 10);
    w->t = 1;
    ps_indicators *ind = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_indicators_create(w, &ind, &err), PS_OK);
    ps_indicators_compute(w, ind);
    cr_assert_float_eq(ind->poi[0], 0.6533201, 1e-6, "poi %g", ind->poi[0]);
    cr_assert_float_eq(ind->legal_status_share[0], 0.4, 1e-12);
    cr_assert_float_eq(ind->mandate_gap[0], 300.0 / 700.0, 1e-12);
    cr_assert_float_eq(ind->recognition_rate[0], 0.4, 1e-12);
    cr_assert_float_eq(ind->solutions_rate[0], 0.03, 1e-12);
    cr_assert_float_eq(ind->backlog[0], 400.0, 1e-9); /* persons: 200 / 0.5 */
    cr_assert_float_eq(ind->decisions[0], 100.0, 1e-9);
    cr_assert_float_eq(ind->count[PS_RS_PROTECTED], 800.0, 1e-9);
    cr_assert_float_eq(ind->region_refugees, 2000.0, 1e-9);
    cr_assert_float_eq(ind->region_poi, ind->poi[0], 1e-12);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
}

Test(indicators, one_empty_component_floors_the_index)
{
    ps_world *w = tiny_world(ONE_STATE, &sc);
    memset(w->count, 0, PS_STATUS_CODES * PS_DCLASSES * sizeof *w->count);
    set_count(w, PS_RS_MANDATE, 1000); /* nobody has legal status: status part 0 */
    ps_indicators *ind = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_indicators_create(w, &ind, &err), PS_OK);
    ps_indicators_compute(w, ind);
    /* parts 1, 1 (no claims waiting), 0 -> 0.01, 1, 1, 0 -> 0.01: (0.01^2)^(1/6) */
    cr_assert_float_eq(ind->poi[0], pow(0.01, 2.0 / 6.0), 1e-9);
    cr_assert(isnan(ind->recognition_rate[0]));
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
}

/* The fairness outcome (docs/model.md §8, §10 item 51) = recognition rate x min(1,
 * poi.wait_norm / mean wait). The counts of protection_outcome_index_by_hand with the
 * 200 pending claims waiting 15 months on average against the norm of 6: fair = 0.4 x
 * 0.4 = 0.16 and POI = (0.9 0.16 0.4 1 0.9 0.6)^(1/6) = 0.560793. */
Test(indicators, waiting_beyond_the_norm_costs_fairness_in_proportion)
{
    ps_world *w = tiny_world(ONE_STATE, &sc);
    memset(w->count, 0, PS_STATUS_CODES * PS_DCLASSES * sizeof *w->count);
    set_count(w, PS_RS_UNREGISTERED, 100);
    set_count(w, PS_RS_PENDING, 200);
    set_count(w, PS_RS_MANDATE, 300);
    set_count(w, PS_RS_PROTECTED, 400);
    set_flow(w, PS_FLOW_DECISIONS, 50);
    set_flow(w, PS_FLOW_RECOGNITIONS_STATE, 20);
    set_flow(w, PS_FLOW_RETURNS, 30);
    set_flow(w, PS_FLOW_REFOULEMENTS, 10);
    w->wait[0] = 200 * 15;
    w->t = 1;
    ps_indicators *ind = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_indicators_create(w, &ind, &err), PS_OK);
    ps_indicators_compute(w, ind);
    cr_assert_float_eq(ind->mean_wait[0], 15.0, 1e-12);
    cr_assert_float_eq(ind->poi[0], 0.5607932, 1e-6, "poi %g", ind->poi[0]);
    w->wait[0] = 200 * 6; /* at the norm: no cost, the POI of the first test */
    ps_indicators_compute(w, ind);
    cr_assert_float_eq(ind->poi[0], 0.6533201, 1e-6, "poi %g", ind->poi[0]);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
}

/* Claims that wait with no decision in the year are a harm in proportion, not a zero:
 * 100 unregistered, 200 pending for 9 months on average, 700 protected and 30 returns.
 * fair = 1 (nothing decided unfairly) x 6 / 9; POI = (0.9 x 2/3 x 0.7 x 1 x 1 x
 * 0.6)^(1/6) = 0.794755, where a fairness of 0 floored at 0.01 gave 0.394683. */
Test(indicators, undecided_claims_lower_fairness_without_flooring_it)
{
    ps_world *w = tiny_world(ONE_STATE, &sc);
    memset(w->count, 0, PS_STATUS_CODES * PS_DCLASSES * sizeof *w->count);
    set_count(w, PS_RS_UNREGISTERED, 100);
    set_count(w, PS_RS_PENDING, 200);
    set_count(w, PS_RS_PROTECTED, 700);
    set_flow(w, PS_FLOW_RETURNS, 30);
    w->wait[0] = 200 * 9;
    w->t = 1;
    ps_indicators *ind = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_indicators_create(w, &ind, &err), PS_OK);
    ps_indicators_compute(w, ind);
    cr_assert(isnan(ind->recognition_rate[0]));
    cr_assert_float_eq(ind->poi[0], 0.7947553, 1e-6, "poi %g", ind->poi[0]);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
}
