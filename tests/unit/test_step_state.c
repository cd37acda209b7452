/* test_step_state.c - states' submodels on 1-3 state worlds worked out by hand
 * (docs/model.md §7.2 securitisation, §7.3 hazards, emulation, coercion, §7.4
 * implementation)
 */
#include <math.h>

#include "tiny.h"

static ps_scenario sc;

static const char *ONE_STATE =
    "name = \"one\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "states = { list = ( { name = \"A\"; democracy = 0.5; securitisation_baseline = 0.2; "
    "} ); };\n";

Test(step_state, hazard_is_logistic_of_the_linear_predictor)
{
    const char *sets[] = {"hazard.ratify.alpha=-2", "hazard.ratify.democracy=1",
                          "hazard.ratify.securitisation=1", "hazard.ratify.magnet=0"};
    ps_world *w = tiny_world_set(ONE_STATE, sets, 4, &sc);
    ps_step_state(w);
    /* logit h = -2 + 1 x 0.5 - 1 x 0.2 = -1.7; h = 1 / (1 + e^1.7) */
    cr_assert_float_eq(w->state_hazard[PS_ACT_RATIFY], 0.1544653, 1e-6);
    ps_world_destroy(w);
}

Test(step_state, pressure_and_magnet_fear_enter_the_hazard)
{
    const char *sets[] = {"hazard.admin.alpha=-3",
                          "hazard.admin.pressure=2",
                          "hazard.admin.democracy=0",
                          "hazard.admin.securitisation=0",
                          "hazard.admin.magnet=0.5",
                          "hazard.admin.emulation=0",
                          "states.burden_scale=1000",
                          "states.list.[0].capacity=0.5",
                          "states.list.[0].arrivals_per_year=600"};
    ps_world *w = tiny_world_set(ONE_STATE, sets, 9, &sc);
    w->state_A[PS_CH_LEG] = 0.3;
    w->state_A[PS_CH_IMP] = 0.25; /* admin sees LEG + IMP = 0.55 */
    w->state_arrivals[0] = 50.0;  /* arrivals as usual: the moving average stays 50 */
    ps_step_state(w);
    /* m stays 50/month; K = log(1 + 12 x 50 / (0.5 x 1000)) = log 2.2 = 0.788457
     * logit = -3 + 2 x 0.55 - 0.5 x 0.788457 = -2.294229 */
    cr_assert_float_eq(w->state_K[0], 0.7884574, 1e-6);
    cr_assert_float_eq(w->state_hazard[PS_ACT_ADMIN], 0.0916021, 1e-6);
    ps_world_destroy(w);
}

static const char *THREE_STATES =
    "name = \"three\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "emulation = { lambda = 0.5; cascade_threshold = 0.3; cascade_boost = 0.5; };\n"
    "states = { list = (\n"
    "  { name = \"A\"; democracy = 0.8; capacity = 0.8; subregion = \"east\"; ratified = "
    "true; },\n"
    "  { name = \"B\"; democracy = 0.5; capacity = 0.5; subregion = \"east\"; },\n"
    "  { name = \"C\"; democracy = 0.2; capacity = 0.4; subregion = \"south\"; } ); };\n";

/* w_BA = exp(-0.2 / 0.5) = 0.670320, w_BC = exp(-0.466667 / 0.5) = 0.393241;
 * E_B = 0.670320 / 1.063561 = 0.630260 without a cascade. */
Test(step_state, emulation_weighs_similar_states)
{
    const char *sets[] = {"emulation.cascade_threshold=0.6"};
    ps_world *w = tiny_world_set(THREE_STATES, sets, 1, &sc);
    ps_step_state(w);
    cr_assert_float_eq(w->state_E[1 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.6302602, 1e-6);
    cr_assert_float_eq(w->state_E[0 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.0, 1e-12);
    ps_world_destroy(w);
}

/* East has one adopter of two (0.5 >= 0.3): emulation x (1 + 0.5). */
Test(step_state, norm_cascade_multiplies_emulation)
{
    ps_world *w = tiny_world(THREE_STATES, &sc);
    ps_step_state(w);
    cr_assert_float_eq(w->state_E[1 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.9453903, 1e-6);
    /* C's subregion has no adopter: no cascade. d_CA = (0.6 + 0.4 + 1) / 3 gives
     * w_CA = 0.263597; d_CB = 0.466667 gives w_CB = 0.393241 */
    cr_assert_float_eq(w->state_E[2 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.4013123, 1e-6);
    ps_world_destroy(w);
}

Test(step_state, securitisation_follows_surges_events_and_framing)
{
    const char *sets[] = {"securitisation.surge=0.1", "securitisation.framing=0.6",
                          "securitisation.reversion=1.2",
                          "states.list.[0].securitisation=0.5",
                          "states.list.[0].securitisation_baseline=0.3"};
    ps_world *w = tiny_world_set(ONE_STATE, sets, 5, &sc);
    w->state_arrivals[0] = 300.0;
    w->state_mavg[0] = 100.0;
    w->state_events[0] = 0.1;
    double A[PS_N_CHANNELS] = {0.0, 0.2, 0.1, 0.3, 0.0};
    memcpy(w->state_A, A, sizeof A);
    ps_step_state(w);
    /* S = 0.5 + 0.1 log 3 + 0.1 - (0.6 x 0.5 + 1.2 x 0.2) / 12 */
    cr_assert_float_eq(w->state_S[0], 0.6648612, 1e-6);
    /* m = 100 x 2^(-1/12) + 300 (1 - 2^(-1/12)) */
    cr_assert_float_eq(w->state_mavg[0], 111.2252, 1e-4);
    ps_world_destroy(w);
}

Test(step_state, implementation_moves_toward_its_target)
{
    const char *sets[] = {"implementation.access.base=0.2",
                          "implementation.access.institutions=0.5",
                          "implementation.access.imp_pressure=0.3",
                          "implementation.access.srv_pressure=0.1",
                          "implementation.access.shock=0.4",
                          "implementation.access.speed=6",
                          "states.list.[0].ratified=true",
                          "states.list.[0].law_level=1",
                          "states.list.[0].securitisation_baseline=0.4",
                          "states.list.[0].capacity=0.75"};
    ps_world *w = tiny_world_set(ONE_STATE, sets, 10, &sc);
    /* at creation P = target with no pressure: 0.2 + 0.5 x 2/3 x 0.6 x 0.75 = 0.35 */
    cr_assert_float_eq(w->state_P[PS_P_ACCESS], 0.35, 1e-12);
    w->state_A[PS_CH_IMP] = 0.2;
    w->state_A[PS_CH_SRV] = 0.1;
    w->state_shock[0] = 0.25; /* decays to 0.25 x 2^(-1/12) = 0.235969 first */
    ps_step_state(w);
    /* target 0.35 + 0.06 + 0.01 - 0.4 x 0.235969 = 0.325613; half-way in a month */
    cr_assert_float_eq(w->state_P[PS_P_ACCESS], 0.3378063, 1e-6);
    ps_world_destroy(w);
}

static const char *PATRON =
    "name = \"patron\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "states = { list = ( { name = \"Big\"; },\n"
    "  { name = \"Small\"; patron = { name = \"Big\"; since = \"2010-06\"; leverage = "
    "0.8;\n"
    "    demand_ratify = 0.75; demand_law = 0.5; }; } ); };\n";

Test(step_state, patron_coerces_only_once_the_link_is_active)
{
    ps_world *w = tiny_world(PATRON, &sc);
    ps_step_state(w);
    cr_assert_float_eq(w->state_C[1 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.0, 1e-12);
    w->month = sc.states[1].patron_since;
    ps_step_state(w);
    cr_assert_float_eq(w->state_C[1 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.6, 1e-12);
    cr_assert_float_eq(w->state_C[1 * PS_N_ACTIONS + PS_ACT_PASS], 0.4, 1e-12);
    cr_assert_float_eq(w->state_C[0 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.0, 1e-12);
    ps_world_destroy(w);
}

/* With a sure hazard every eligible action happens, in order, and laws only go up. */
Test(step_state, certain_hazards_ratify_and_step_up_the_framework)
{
    const char *sets[] = {"hazard.ratify.alpha=30", "hazard.admin.alpha=30",
                          "hazard.bill.alpha=30"};
    ps_world *w = tiny_world_set(ONE_STATE, sets, 3, &sc);
    ps_step_state(w);
    cr_assert(w->state_ratified[0]);
    cr_assert_eq(w->state_law[0], 1);
    cr_assert(w->state_bill[0]);
    size_t n;
    const ps_event *ev = ps_world_events(w, &n);
    cr_assert_eq(n, 3);
    cr_assert_eq(ev[0].type, PS_EV_RATIFICATION);
    cr_assert_eq(ev[1].type, PS_EV_ADMIN_STEP);
    cr_assert_eq(ev[2].type, PS_EV_BILL);
    ps_world_destroy(w);
}

/* A territory whose sovereign makes its treaties (Hong Kong, Taiwan) never ratifies,
 * even under the strongest pressure and coercion, while its twin that can accede
 * ratifies at once; the territory still takes framework steps. */
Test(step_state, a_state_that_cannot_accede_never_ratifies)
{
    const char *text =
        "name = \"two\"; time = { start = \"2010-01\"; end = \"2019-12\"; };\n"
        "origins = ( { name = \"O\"; } );\n" TINY_QUIET "states = { list = (\n"
        "  { name = \"P\"; },\n"
        "  { name = \"T\"; can_accede = false; patron = { name = \"P\"; leverage = 1.0;\n"
        "    demand_ratify = 1.0; demand_law = 1.0; }; },\n"
        "  { name = \"U\"; patron = { name = \"P\"; leverage = 1.0;\n"
        "    demand_ratify = 1.0; }; } ); };\n";
    const char *sets[] = {"hazard.ratify.alpha=30", "hazard.ratify.pressure=50",
                          "hazard.ratify.coercion=50", "hazard.admin.alpha=30",
                          "hazard.regulate.alpha=30"};
    ps_world *w = tiny_world_set(text, sets, 5, &sc);
    for (size_t t = 0; t < 120; t++, w->month++) {
        for (size_t i = 0; i < 3; i++) {
            w->state_A[i * PS_N_CHANNELS + PS_CH_RAT] = 1.0;
        }
        ps_step_state(w);
        cr_assert_not(w->state_ratified[1], "the territory ratified in month %zu", t);
        cr_assert_float_eq(w->state_hazard[1 * PS_N_ACTIONS + PS_ACT_RATIFY], 0.0, 0.0);
        cr_assert_float_eq(w->state_C[1 * PS_N_ACTIONS + PS_ACT_RATIFY], 1.0, 1e-12);
        cr_assert(w->state_ratified[2]);
    }
    cr_assert_eq(w->state_law[1], 2); /* admin in month 1, regulation in month 2 */
    ps_world_destroy(w);
}

Test(step_state, yearly_hazards_become_monthly_probabilities)
{
    cr_assert_float_eq(ps_monthly(0.0), 0.0, 1e-15);
    cr_assert_float_eq(ps_monthly(1.0), 1.0, 1e-15);
    /* 1 - (1 - 0.37)^(1/12) */
    cr_assert_float_eq(ps_monthly(0.37), 0.03777114, 1e-8);
    cr_assert_float_eq(ps_monthly(1.7), 1.0, 1e-15); /* clamped */
}

/* RSD handover (docs/model.md §7.3, §10 item 49). A has a regulation, Cap 0.8 and a
 * sure handover; B is a second state where UNHCR decides. S stays at 0.2 (no surge,
 * framing or reversion). */
static const char *HANDOVER =
    "name = \"handover\"; time = { start = \"2010-01\"; end = \"2012-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "refugees = { detention = { pending = 0.0; }; };\n"
    "states = { list = (\n"
    "  { name = \"A\"; rsd = \"unhcr\"; law_level = 2; capacity = 0.8;\n"
    "    securitisation_baseline = 0.2; decisions_per_year = 0.0;\n"
    "    stock = { asylum_seekers = 300.0; }; },\n"
    "  { name = \"B\"; rsd = \"unhcr\"; capacity = 0.1; stock = { asylum_seekers = "
    "100.0; "
    "}; } ); };\n";
static const char *HANDOVER_SETS[] = {"unhcr.handover_capacity=0.5",
                                      "unhcr.handover_per_year=1",
                                      "unhcr.decisions_per_year=1200"};

/* A year of flows in A: 200 decisions and 150 registrations a month. */
static void a_year_of_flows(ps_world *w)
{
    for (size_t slot = 0; slot < 12; slot++) {
        int64_t *f = &w->flow_history[(slot * w->n_states + 0) * PS_N_FLOWS];
        f[PS_FLOW_DECISIONS] = 200;
        f[PS_FLOW_REGISTRATIONS] = 150;
    }
    w->t = 12;
}

/* The state's capacity starts from what UNHCR decided there: 2,400 decisions in the
 * last 12 months are 200 a month; UNHCR's work there is freed. */
Test(step_state, handover_passes_unhcr_decisions_to_the_state)
{
    ps_world *w = tiny_world_set(HANDOVER, HANDOVER_SETS, 3, &sc);
    a_year_of_flows(w);
    ps_step_state(w);
    cr_assert_eq(w->state_rsd[0], PS_RSD_STATE);
    cr_assert_eq(w->state_rsd[1], PS_RSD_UNHCR); /* Cap 0.1 < 0.5: no handover */
    cr_assert(w->state_took_over[0]);
    cr_assert_float_eq(w->state_capacity[0], 200.0, 1e-12);
    cr_assert_float_eq(w->state_freed[0], 200.0, 1e-12);
    cr_assert_float_eq(w->state_freed[1], 0.0, 0.0);
    ps_world_destroy(w);
}

/* A month later the capacity moves toward coverage x claims. I = 0.5 x 2/3 = 1/3, so
 * I (1 - S) Cap = 1/3 x 0.8 x 0.8 = 0.213333; coverage = 0.7 + 0.5 x 0.213333 =
 * 0.806667; target 0.806667 x 150 = 121; c = 200 + (0.5 / 12)(121 - 200) = 196.708333. */
Test(step_state, capacity_after_handover_follows_claims_and_institutions)
{
    ps_world *w = tiny_world_set(HANDOVER, HANDOVER_SETS, 3, &sc);
    a_year_of_flows(w);
    ps_step_state(w);
    ps_step_state(w);
    cr_assert_float_eq(w->state_capacity[0], 196.708333, 1e-6);
    ps_world_destroy(w);
}

/* A handover in the first month has no decisions to count: the state takes what UNHCR's
 * 100 decisions a month give its 300 of the 400 claims, 0.25 x 300 = 75. */
Test(step_state, first_month_handover_takes_unhcr_allocation)
{
    ps_world *w = tiny_world_set(HANDOVER, HANDOVER_SETS, 3, &sc);
    ps_step_unhcr(w);
    ps_step_state(w);
    cr_assert_float_eq(w->unhcr_capacity, 100.0, 1e-12);
    cr_assert_float_eq(w->state_capacity[0], 75.0, 1e-12);
    ps_world_destroy(w);
}

/* After the handover the state decides its 300 claims with its own capacity: p_dec =
 * min(1, 75 / 300) = 0.25, the only risk of a PENDING claim (no detention, no return),
 * so the cell's last threshold (below it the claim moves) is 0.25 x 2^32; B's 100
 * claims now get all of UNHCR's 100 decisions a month (p_dec = 1). */
Test(step_state, decisions_after_handover_use_the_state_capacity)
{
    ps_world *w = tiny_world_set(HANDOVER, HANDOVER_SETS, 3, &sc);
    ps_step_unhcr(w);
    ps_step_state(w);
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK, "%s", err.msg);
    double a = w->table.stay[ps_table_cell(0, PS_RS_PENDING, 3)] / 4294967296.0;
    double b = w->table.stay[ps_table_cell(1, PS_RS_PENDING, 3)] / 4294967296.0;
    cr_assert_float_eq(a, 0.25, 1e-9);
    cr_assert_float_eq(b, 1.0, 1e-9);
    ps_world_destroy(w);
}

/* Fairness (docs/model.md §7.4, §10 item 50). A has P_fair 0.2 from its data, no
 * ratification, a regulation (I = 1/3), S = 0.25 and Cap 0.8: I (1 - S) Cap = 0.2.
 * Gains in log-odds: institutions 2, IMP 1, SRV 0.5, shock 1; speed 6 a year (half the
 * gap a month). B has no data. */
static const char *FAIRNESS =
    "name = \"fair\"; time = { start = \"2010-01\"; end = \"2012-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n" TINY_QUIET
    "implementation = { fair = { base = 0.3; institutions = 2.0; imp_pressure = 1.0;\n"
    "  srv_pressure = 0.5; shock = 1.0; speed = 6.0; }; };\n"
    "states = { list = (\n"
    "  { name = \"A\"; law_level = 2; capacity = 0.8; securitisation_baseline = 0.25;\n"
    "    implementation = [0.5, 0.2, 0.5, 0.5, 0.5, 0.5]; },\n"
    "  { name = \"B\"; law_level = 2; capacity = 0.8; securitisation_baseline = 0.25; } "
    "); };\n";

static double fair_of(const ps_world *w, size_t i)
{
    return w->state_P[i * PS_N_COMPONENTS + PS_P_FAIR];
}

/* Without pressure the target is the state's own start: A keeps 0.2; B starts at
 * logistic(logit 0.3 + 2 x 0.2) = 0.390003 and keeps it. */
Test(step_state, fairness_stays_at_its_own_level_without_work)
{
    ps_world *w = tiny_world(FAIRNESS, &sc);
    cr_assert_float_eq(fair_of(w, 1), 0.3900034, 1e-7);
    for (int t = 0; t < 24; t++) {
        ps_step_state(w);
    }
    cr_assert_float_eq(fair_of(w, 0), 0.2, 1e-12);
    cr_assert_float_eq(fair_of(w, 1), 0.3900034, 1e-7);
    ps_world_destroy(w);
}

/* IMP pressure 0.3 and SRV pressure 0.4 raise the odds of A's target by e^(0.3 + 0.2):
 * 0.25 x 1.648721 = 0.412180, a target of 0.2918751; a month at half the gap gives
 * 0.2 + 0.5 (0.2918751 - 0.2) = 0.2459376. */
Test(step_state, implementation_work_raises_the_odds_of_fairness)
{
    ps_world *w = tiny_world(FAIRNESS, &sc);
    w->state_A[PS_CH_IMP] = 0.3;
    w->state_A[PS_CH_SRV] = 0.4;
    ps_step_state(w);
    cr_assert_float_eq(fair_of(w, 0), 0.2459376, 1e-7);
    ps_world_destroy(w);
}

/* Ratifying raises I from 1/3 to 5/6 and I (1 - S) Cap from 0.2 to 0.5: A's target
 * rises by e^(2 x 0.3), to logistic(logit 0.2 + 0.6) = 0.3129649. */
Test(step_state, institutions_gained_raise_fairness_from_the_start_level)
{
    ps_world *w = tiny_world(FAIRNESS, &sc);
    w->state_ratified[0] = true;
    double target[PS_N_COMPONENTS];
    ps_state_targets(w, 0, target);
    cr_assert_float_eq(target[PS_P_FAIR], 0.3129649, 1e-7);
    ps_world_destroy(w);
}
