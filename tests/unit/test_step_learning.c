/* test_step_learning.c - Roth-Erev reinforcement, imitation and positive practice
 * (docs/model.md §7.7) worked out by hand */
#include "tiny.h"

static ps_scenario sc;

static const char *LEARNERS =
    "name = \"learn\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n"
    "network = { founded = \"2099-01\"; };\n"
    "ngo = { initial_weights = [0.2, 0.2, 0.2, 0.2, 0.2]; initial_strength = 5.0;\n"
    "        forgetting = 0.1; experimentation = 0.2; learning_month = 12;\n"
    "        imitation_scale = 0.000001; };\n"
    "states = { list = ( { name = \"A\"; ngos = { count = 2; }; } ); };\n";

/* The home state ratified during the year: pi = (1, 0, 0, 0, 0.5). With q = 1 each:
 * q_RAT = 0.9 + 0.2 x 1 + 0.04 = 1.14, q_GLB = 0.9 + 0.2 x 0.5 + 0.04 = 1.04, others
 * 0.94; the sum stays 5. */
Test(step_learning, roth_erev_update_by_hand)
{
    ps_world *w = tiny_world(LEARNERS, &sc);
    w->state_ratified[0] = true;
    w->month = 2010 * 12 + 11; /* December: the learning month */
    ps_step_learning(w);
    const double want[PS_N_CHANNELS] = {0.228, 0.188, 0.188, 0.188, 0.208};
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        cr_assert_float_eq(w->ngo_p[k], want[k], 1e-12, "p[%d] = %g", k, w->ngo_p[k]);
    }
    cr_assert_float_eq(w->ngo_q[PS_CH_RAT], 1.14, 1e-12);
    cr_assert_float_eq(w->ngo_payoff[0], 0.3, 1e-12); /* 0.2 x 1 + 0.2 x 0.5 */
    cr_assert(w->year_ratified[0]);                   /* a new year starts */
    ps_world_destroy(w);
}

Test(step_learning, no_learning_outside_the_learning_month)
{
    ps_world *w = tiny_world(LEARNERS, &sc);
    w->state_ratified[0] = true;
    w->month = 2010 * 12 + 5;
    ps_step_learning(w);
    cr_assert_float_eq(w->ngo_p[PS_CH_RAT], 0.2, 1e-12);
    ps_world_destroy(w);
}

Test(step_learning, fixed_strategies_do_not_learn)
{
    const char *sets[] = {"ngo.strategy=legislation"};
    ps_world *w = tiny_world_set(LEARNERS, sets, 1, &sc);
    cr_assert_float_eq(w->ngo_p[PS_CH_LEG], sc.preset_legislation[PS_CH_LEG], 1e-12);
    w->state_ratified[0] = true;
    w->month = 2010 * 12 + 11;
    ps_step_learning(w);
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        cr_assert_float_eq(w->ngo_p[k], sc.preset_legislation[k], 1e-12);
    }
    ps_world_destroy(w);
}

/* NGO 1 earned more: NGO 0 copies it (logistic(1 / 1e-6) = 1) half-way; NGO 1 sees a
 * poorer peer and keeps its strategy (logistic(-1e6) = 0). */
Test(step_learning, imitation_moves_halfway_toward_a_better_peer)
{
    ps_world *w = tiny_world(LEARNERS, &sc);
    const double p0[PS_N_CHANNELS] = {0.6, 0.1, 0.1, 0.1, 0.1};
    const double p1[PS_N_CHANNELS] = {0.0, 0.4, 0.4, 0.1, 0.1};
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        w->ngo_p[k] = p0[k];
        w->ngo_q[k] = 5.0 * p0[k];
        w->ngo_p[PS_N_CHANNELS + k] = p1[k];
        w->ngo_q[PS_N_CHANNELS + k] = 5.0 * p1[k];
    }
    w->ngo_payoff[0] = 0.0;
    w->ngo_payoff[1] = 1.0;
    w->ngo_at_consultation[0] = w->ngo_at_consultation[1] = true;
    w->consultation_now = true;
    ps_step_learning(w);
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        cr_assert_float_eq(w->ngo_p[k], 0.5 * (p0[k] + p1[k]), 1e-12);
        cr_assert_float_eq(w->ngo_p[PS_N_CHANNELS + k], p1[k], 1e-12);
    }
    cr_assert_float_eq(w->ngo_q[PS_CH_LEG], 5.0 * 0.25, 1e-12); /* strength kept */
    ps_world_destroy(w);
}

Test(step_learning, positive_practice_pays_every_member)
{
    ps_world *w = tiny_world(LEARNERS, &sc);
    w->ngo_member[0] = w->ngo_member[1] = true;
    ps_world_add_event(w, PS_EV_ADMIN_STEP, 0, -1, 1.0);
    ps_world_add_event(w, PS_EV_STATUTE, 0, -1, 3.0);
    ps_step_learning(w);
    double visibility = sc.network_visibility;
    cr_assert_float_eq(w->ngo_vicarious[PS_CH_IMP], visibility, 1e-12);
    cr_assert_float_eq(w->ngo_vicarious[PS_CH_LEG], visibility, 1e-12);
    cr_assert_float_eq(w->ngo_vicarious[PS_N_CHANNELS + PS_CH_IMP], visibility, 1e-12);
    cr_assert_float_eq(w->ngo_vicarious[PS_CH_RAT], 0.0, 1e-12);
    ps_world_destroy(w);
}
