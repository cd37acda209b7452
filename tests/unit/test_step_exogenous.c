/* test_step_exogenous.c - arrivals, shocks, births, security events and patron links on
 * one-state worlds worked out by hand (docs/model.md §3 step 1, §6, §7.5), and the
 * scale-free securitisation they drive (§7.2, §10 item 48) */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "tiny.h"

static ps_scenario sc;

/* Base arrivals 240 a year, a quarter from O1; a shock of 600 O1 persons over the four
 * months 2010-03 .. 2010-06; two security events in 2010-05 and a patron from 2010-04. */
static const char *SCHEDULED =
    "name = \"one\"; time = { start = \"2010-01\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"O1\"; }, { name = \"O2\"; } );\n" TINY_QUIET
    "states = { list = (\n"
    "  { name = \"P\"; origin_mix = [0.5, 0.5]; },\n"
    "  { name = \"A\"; arrivals_per_year = 240.0; origin_mix = [0.25, 0.75];\n"
    "    shocks = ( { start = \"2010-03\"; months = 4; persons = 600.0; origin = \"O1\"; "
    "} "
    ");\n"
    "    security_events = ( { date = \"2010-05\"; magnitude = 0.15; },\n"
    "                        { date = \"2010-05\"; magnitude = 0.2; } );\n"
    "    patron = { name = \"P\"; since = \"2010-04\"; leverage = 0.7; }; } ); };\n";

static size_t count_events(const ps_world *w, ps_event_type type, double *value)
{
    size_t n, k = 0;
    const ps_event *ev = ps_world_events(w, &n);
    for (size_t e = 0; e < n; e++) {
        if (ev[e].type == type) {
            *value = ev[e].value;
            k++;
        }
    }
    return k;
}

/* One month of step 1 on its own, as ps_world_step runs it. */
static void exogenous_month(ps_world *w)
{
    w->n_events = 0;
    ps_step_exogenous(w);
    w->month++;
}

/* Expected arrivals: 240 / 12 = 20 a month, plus 600 / 4 = 150 while the shock is on. */
Test(step_exogenous, expected_arrivals_follow_base_and_active_shocks)
{
    ps_world *w = tiny_world(SCHEDULED, &sc);
    const double expected[8] = {20, 20, 170, 170, 170, 170, 20, 20};
    for (int t = 0; t < 8; t++) {
        exogenous_month(w);
        cr_assert_float_eq(w->state_arrivals[1], expected[t], 1e-12, "month %d", t);
        cr_assert_float_eq(w->state_arrivals[0], 0.0, 0.0);
    }
    ps_world_destroy(w);
}

Test(step_exogenous, dated_events_are_recorded_in_their_month)
{
    ps_world *w = tiny_world(SCHEDULED, &sc);
    double value = 0.0;
    for (int t = 0; t < 6; t++) { /* 2010-01 .. 2010-06 */
        exogenous_month(w);
        bool shock = t == 2, patron = t == 3, security = t == 4;
        cr_assert_eq(count_events(w, PS_EV_SHOCK, &value), shock, "month %d", t);
        if (shock) {
            cr_assert_float_eq(value, 600.0, 0.0);
        }
        cr_assert_eq(count_events(w, PS_EV_PATRON, &value), patron, "month %d", t);
        if (patron) {
            cr_assert_float_eq(value, 0.7, 0.0);
        }
        cr_assert_eq(count_events(w, PS_EV_SECURITY, &value), 2 * security);
        cr_assert_float_eq(w->state_events[1], security ? 0.35 : 0.0, 1e-12);
    }
    ps_world_destroy(w);
}

/* At 0.5 agents per person, 2,400 persons a year are 100 agents a month: Poisson means
 * 25 (O1) and 75 (O2). Over 4,000 months the sample means lie within 5 standard errors
 * (sqrt(25 / 4000) = 0.079, sqrt(75 / 4000) = 0.137), and arrivals stay the expected
 * 200 persons a month. */
Test(step_exogenous, new_agents_are_poisson_draws_at_the_sampling_rate)
{
    const char *sets[] = {"states.list.[1].arrivals_per_year=2400",
                          "refugees.agents_per_person=0.5", "time.end=2400-12"};
    ps_world *w = tiny_world_set(SCHEDULED, sets, 3, &sc);
    w->month = 2011 * 12; /* 2011-01, after the shock */
    double sum[2] = {0.0, 0.0};
    const int months = 4000;
    for (int t = 0; t < months; t++) {
        ps_step_exogenous(w);
        sum[0] += (double)w->state_new_agents[1 * 2 + 0];
        sum[1] += (double)w->state_new_agents[1 * 2 + 1];
        cr_assert_float_eq(w->state_arrivals[1], 200.0, 1e-9);
    }
    cr_assert_float_eq(sum[0] / months, 25.0, 5.0 * sqrt(25.0 / months));
    cr_assert_float_eq(sum[1] / months, 75.0, 5.0 * sqrt(75.0 / months));
    ps_world_destroy(w);
}

/* In 2010-03 the shock is on: O1 persons arrive at 240 / 12 x 0.25 + 600 / 4 = 155 a
 * month and O2 at 240 / 12 x 0.75 = 15, one agent each at 1 agent per person. The
 * shock's persons enter as agents of its origin only: over 4,000 draws of that month
 * the means lie within 5 standard errors (sqrt(155 / 4000) = 0.197, sqrt(15 / 4000) =
 * 0.061); the patron P receives none. */
Test(step_exogenous, shock_arrivals_enter_as_agents_of_their_origin)
{
    ps_world *w = tiny_world(SCHEDULED, &sc);
    double sum[2] = {0.0, 0.0};
    const int months = 4000;
    for (int t = 0; t < months; t++) {
        w->month = 2010 * 12 + 2; /* 2010-03 */
        w->n_events = 0;
        ps_step_exogenous(w);
        sum[0] += (double)w->state_new_agents[1 * 2 + 0];
        sum[1] += (double)w->state_new_agents[1 * 2 + 1];
        cr_assert_eq(w->state_new_agents[0] + w->state_new_agents[1], 0);
        cr_assert_float_eq(w->state_arrivals[1], 170.0, 1e-12);
    }
    cr_assert_float_eq(sum[0] / months, 155.0, 5.0 * sqrt(155.0 / months));
    cr_assert_float_eq(sum[1] / months, 15.0, 5.0 * sqrt(15.0 / months));
    ps_world_destroy(w);
}

/* 10,000 refugees growing 6% a year give Poisson births of mean 50 a month, split by the
 * origin mix (12.5 and 37.5); births add agents but no arrivals. */
Test(step_exogenous, births_add_agents_but_not_arrivals)
{
    const char *text =
        "name = \"one\"; time = { start = \"2010-01\"; end = \"2400-12\"; };\n"
        "origins = ( { name = \"O1\"; }, { name = \"O2\"; } );\n" TINY_QUIET
        "states = { list = ( { name = \"A\"; growth_per_year = 0.06; origin_mix = [0.25, "
        "0.75];\n"
        "  stock = { refugees = 10000.0; }; } ); };\n";
    ps_world *w = tiny_world(text, &sc);
    double sum[2] = {0.0, 0.0};
    const int months = 2000;
    for (int t = 0; t < months; t++) {
        ps_step_exogenous(w);
        sum[0] += (double)w->state_new_agents[0];
        sum[1] += (double)w->state_new_agents[1];
        cr_assert_float_eq(w->state_arrivals[0], 0.0, 0.0);
    }
    cr_assert_float_eq(sum[0] / months, 12.5, 5.0 * sqrt(12.5 / months));
    cr_assert_float_eq(sum[1] / months, 37.5, 5.0 * sqrt(37.5 / months));
    ps_world_destroy(w);
}

/* Scale-free securitisation (docs/model.md §10 item 48). small_world at 0.1 and at 1
 * agent per person, replicates with seeds 1..R and 1001..1000+R (independent samples):
 * for every state, the replicate means of mean S over 2009-01 .. 2018-12 must agree by
 * Welch's t test at a family-wise 1% (Bonferroni: p >= 0.01 / 6 for each of the 6
 * states), and so must the region's refugees present in each December 2009 .. 2018 (p >=
 * 0.01 / 10). small_world is representative: base arrivals of 50-900 a year (0.4-7.5
 * agents a month at 0.1, where a surge term fed by the draw was biased most), a
 * 12,000-person shock (Esteria 2017) and two security events. With the surge fed by the
 * draw, S at 0.1 lay 0.06-0.12 above S at 1 in every state (p < 1e-4) and the region had
 * ~4% fewer refugees by 2018. */
enum { N_REPS = 12, FIRST_DEC = 23, N_DECS = 10 };

typedef struct {
    double S[N_REPS][PS_MAX_STATES];
    double refugees[N_REPS][N_DECS];
} scale_runs;

static void run_at_scale(const char *apP, uint64_t seed0, scale_runs *out)
{
    const char *sets[2] = {"time.end=2018-12", apP};
    ps_error err = {0};
    cr_assert_eq(ps_scenario_load(PS_SCENARIOS "/small_world.cfg", sets, 2, &sc, &err),
                 PS_OK, "%s", err.msg);
    for (int r = 0; r < N_REPS; r++) {
        ps_world *w = NULL;
        cr_assert_eq(ps_world_create(&sc, seed0 + (uint64_t)r, &w, &err), PS_OK, "%s",
                     err.msg);
        for (size_t t = 0; t < w->n_steps; t++) {
            cr_assert_eq(ps_world_step(w, &err), PS_OK, "%s", err.msg);
            for (size_t i = 0; t >= 12 && i < w->n_states; i++) {
                out->S[r][i] += w->state_S[i] / 120.0;
            }
            if (t >= FIRST_DEC && (t - FIRST_DEC) % 12 == 0) {
                double present = 0.0;
                for (size_t i = 0; i < w->n_states; i++) {
                    present += ps_world_present(w, i) / sc.agents_per_person;
                }
                out->refugees[r][(t - FIRST_DEC) / 12] = present;
            }
        }
        ps_world_destroy(w);
    }
}

/* Two-sided p of Welch's t test for the means of a[0..n) and b[0..n) (stride apart). */
static double welch_p(const double *a, const double *b, size_t stride)
{
    double ma = 0.0, mb = 0.0, va = 0.0, vb = 0.0, n = N_REPS;
    for (int r = 0; r < N_REPS; r++) {
        ma += a[r * stride] / n;
        mb += b[r * stride] / n;
    }
    for (int r = 0; r < N_REPS; r++) {
        va += (a[r * stride] - ma) * (a[r * stride] - ma) / (n - 1.0);
        vb += (b[r * stride] - mb) * (b[r * stride] - mb) / (n - 1.0);
    }
    double se2 = va / n + vb / n;
    if (se2 == 0.0) {
        return fabs(ma - mb) <= 1e-12 * fmax(1.0, fabs(ma)) ? 1.0 : 0.0;
    }
    double df =
        se2 * se2 / ((va / n) * (va / n) / (n - 1.0) + (vb / n) * (vb / n) / (n - 1.0));
    return 2.0 * gsl_cdf_tdist_Q(fabs(ma - mb) / sqrt(se2), df);
}

Test(step_exogenous, securitisation_and_stocks_do_not_depend_on_the_sampling_rate,
     .timeout = 120)
{
    gsl_set_error_handler_off();
    static scale_runs lo, hi; /* zeroed */
    run_at_scale("refugees.agents_per_person=0.1", 1, &lo);
    run_at_scale("refugees.agents_per_person=1", 1001, &hi);
    for (size_t i = 0; i < sc.n_states; i++) {
        double p = welch_p(&lo.S[0][i], &hi.S[0][i], PS_MAX_STATES);
        cr_expect_geq(p, 0.01 / (double)sc.n_states, "%s: mean S differs, p = %g",
                      sc.states[i].name, p);
    }
    for (int k = 0; k < N_DECS; k++) {
        double p = welch_p(&lo.refugees[0][k], &hi.refugees[0][k], N_DECS);
        cr_expect_geq(p, 0.01 / N_DECS, "refugees in December %d differ, p = %g",
                      2009 + k, p);
    }
}
