/* test_stats.c - the statistics of `protsim compare` on small samples with known
 * answers. Reference values: worked by hand where short; otherwise from scipy 1.10
 * (stats.ttest_1samp, stats.t.ppf, stats.wilcoxon) and, for Wilcoxon's null and the
 * Hodges-Lehmann interval, from enumerating all 2^n sign patterns in Python. */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <math.h>

#include "stats.h"

static ps_stats_work *ws;

static void setup(void)
{
    gsl_set_error_handler_off();
    ps_error err = {0};
    cr_assert_eq(ps_stats_work_create(64, &ws, &err), PS_OK, "%s", err.msg);
}

static void teardown(void)
{
    ps_stats_work_destroy(ws);
}

TestSuite(stats, .init = setup, .fini = teardown);

/* Hollander & Wolfe, Example 3.1 (also R's ?wilcox.test): Hamilton depression scale
 * before (x) and after (y) tranquilizer; d = y - x, n = 8, no zeros, no ties. */
static const double HW_X[8] = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06};
static const double HW_Y[8] = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14};

Test(stats, mean_sd_and_skewness_of_a_small_sample)
{
    const double x[4] = {1.0, 2.0, 3.0, 10.0};
    cr_assert_float_eq(ps_stats_mean(x, 4), 4.0, 1e-15);
    cr_assert_float_eq(ps_stats_sd(x, 4), sqrt(50.0 / 3.0), 1e-14); /* ss = 50 */
    cr_assert_float_eq(ps_stats_skewness(x, 4), 1.0182337649086284, 1e-13);
    cr_assert(isnan(ps_stats_sd(x, 1)));
    cr_assert(isnan(ps_stats_skewness((const double[]){0.37, 0.37}, 2)));
}

Test(stats, quantiles_interpolate_between_order_statistics)
{
    const double x[4] = {1.0, 2.0, 3.0, 4.0};
    cr_assert_float_eq(ps_stats_quantile(x, 4, 0.05), 1.15, 1e-14);
    cr_assert_float_eq(ps_stats_quantile(x, 4, 0.95), 3.85, 1e-14);
    cr_assert_float_eq(ps_stats_quantile(x, 4, 0.5), 2.5, 1e-15);
    cr_assert_float_eq(ps_stats_quantile(x, 4, 1.0), 4.0, 1e-15);
    cr_assert(isnan(ps_stats_quantile(x, 0, 0.5)));
}

/* d = 0.37, 1.2, -0.4, 2.385, 0.9: mean 4.455 / 5 = 0.891, sd 1.03268...,
 * se 0.461829, t = 1.92929, df 4, t_0.975 = 2.776445. */
Test(stats, paired_t_test_of_five_differences)
{
    const double d[5] = {0.37, 1.20, -0.40, 2.385, 0.90};
    ps_test_result r;
    ps_stats_t_test(d, 5, 0.95, &r);
    cr_assert_eq(r.test, PS_TEST_T);
    cr_assert_float_eq(r.estimate, 0.891, 1e-14);
    cr_assert_float_eq(r.statistic, 1.9292856289275973, 1e-12);
    cr_assert_float_eq(r.p_value, 0.12591881304387298, 1e-10);
    cr_assert_float_eq(r.ci_low, -0.3912427906158815, 1e-10);
    cr_assert_float_eq(r.ci_high, 2.1732427906158813, 1e-10);
}

Test(stats, t_test_of_constant_differences_has_a_point_interval)
{
    ps_test_result r;
    ps_stats_t_test((const double[]){2.5, 2.5, 2.5}, 3, 0.95, &r);
    cr_assert_eq(r.p_value, 0.0);
    cr_assert_eq(r.ci_low, 2.5);
    cr_assert_eq(r.ci_high, 2.5);
    ps_stats_t_test((const double[]){0.0, 0.0}, 2, 0.95, &r);
    cr_assert_eq(r.p_value, 1.0);
}

/* Positive differences 0.147 (rank 2) and 0.08 (rank 1): W+ = 3; subsets of {1..8}
 * summing to 3 or less: {}, {1}, {2}, {3}, {1,2}, so p = 2 * 5 / 256 = 0.0390625. */
Test(stats, wilcoxon_exact_p_for_eight_differences)
{
    double d[8];
    for (int i = 0; i < 8; i++) {
        d[i] = HW_Y[i] - HW_X[i];
    }
    ps_test_result r;
    ps_stats_wilcoxon(d, 8, 0.95, ws, &r);
    cr_assert_eq(r.test, PS_TEST_WILCOXON_EXACT);
    cr_assert_float_eq(r.statistic, 3.0, 1e-15);
    cr_assert_float_eq(r.p_value, 10.0 / 256.0, 1e-15);
}

/* n = 8 at 95%: P(W <= 3) = 5/256 <= 0.025 < P(W <= 4) = 7/256, so k = 4: the 4th
 * smallest and 4th largest of the 36 Walsh averages. */
Test(stats, hodges_lehmann_estimate_and_interval_for_eight_differences)
{
    double d[8], est, lo, hi;
    for (int i = 0; i < 8; i++) {
        d[i] = HW_Y[i] - HW_X[i];
    }
    ps_stats_hodges_lehmann(d, 8, 0.95, ws, &est, &lo, &hi);
    cr_assert_float_eq(est, -0.5, 1e-14);
    cr_assert_float_eq(lo, -0.821, 1e-13);
    cr_assert_float_eq(hi, -0.1415, 1e-13);
}

/* Walsh averages of 1, 2, 4: 1, 1.5, 2, 2.5, 3, 4; median (2 + 2.5) / 2. With three
 * values P(W <= 0) = 1/8 > 0.025: no 95% interval exists. */
Test(stats, hodges_lehmann_of_three_values_has_no_finite_interval)
{
    double est, lo, hi;
    ps_stats_hodges_lehmann((const double[]){1.0, 2.0, 4.0}, 3, 0.95, ws, &est, &lo, &hi);
    cr_assert_float_eq(est, 2.25, 1e-15);
    cr_assert(isinf(lo) && lo < 0.0);
    cr_assert(isinf(hi) && hi > 0.0);
}

/* Two zeros dropped; ten left with ties |1| x2, |2| x3, |3| x2: W- = 1.5 + 1.5 = 3,
 * W+ = 52; variance 10*11*21/24 - (6 + 24 + 6)/48 = 95.5; z = (52 - 27.5 - 0.5) /
 * sqrt(95.5). The interval keeps the zeros: n = 12, k = 14. */
Test(stats, wilcoxon_normal_approximation_with_zeros_and_ties)
{
    const double d[12] = {0, 2, -1, 3, 3, -1, 4, 2, 5, 0, 6, 2};
    ps_test_result r;
    ps_stats_wilcoxon(d, 12, 0.95, ws, &r);
    cr_assert_eq(r.test, PS_TEST_WILCOXON_NORMAL);
    cr_assert_float_eq(r.statistic, 52.0, 1e-15);
    cr_assert_float_eq(r.p_value, 0.014053474105175993, 1e-12);
    cr_assert_float_eq(r.estimate, 2.0, 1e-15);
    cr_assert_float_eq(r.ci_low, 0.5, 1e-15);
    cr_assert_float_eq(r.ci_high, 3.5, 1e-15);
}

Test(stats, wilcoxon_of_all_zero_differences_has_p_one)
{
    ps_test_result r;
    ps_stats_wilcoxon((const double[]){0.0, 0.0, 0.0, 0.0}, 4, 0.95, ws, &r);
    cr_assert_eq(r.p_value, 1.0);
    cr_assert_eq(r.estimate, 0.0);
}

Test(stats, comparing_a_sample_with_itself_gives_no_test_and_p_one)
{
    const double a[5] = {0.41, 0.52, 0.37, 0.44, 0.6};
    ps_paired_result out;
    ps_stats_compare(a, a, 5, false, 0.95, ws, &out);
    cr_assert_eq(out.n, 5);
    cr_assert_eq(out.n_differ, 0);
    cr_assert_eq(out.r.test, PS_TEST_NONE);
    cr_assert_eq(out.r.p_value, 1.0);
    cr_assert_eq(out.r.estimate, 0.0);
    cr_assert_eq(out.r.ci_low, 0.0);
    cr_assert_eq(out.r.ci_high, 0.0);
    cr_assert_float_eq(out.mean_a, 2.34 / 5.0, 1e-15);
}

Test(stats, symmetric_differences_use_the_t_test)
{
    const double a[5] = {0, 0, 0, 0, 0}, b[5] = {0.37, 1.20, -0.40, 2.385, 0.90};
    ps_paired_result out;
    ps_stats_compare(a, b, 5, false, 0.95, ws, &out);
    cr_assert_eq(out.r.test, PS_TEST_T);
    cr_assert_float_eq(out.r.p_value, 0.12591881304387298, 1e-10);
    cr_assert_eq(out.n_differ, 5);
}

Test(stats, counts_use_wilcoxon_even_when_symmetric)
{
    const double a[5] = {0, 0, 0, 0, 0}, b[5] = {0.37, 1.20, -0.40, 2.385, 0.90};
    ps_paired_result out;
    ps_stats_compare(a, b, 5, true, 0.95, ws, &out);
    cr_assert_eq(out.r.test, PS_TEST_WILCOXON_EXACT);
}

Test(stats, skewed_differences_use_wilcoxon)
{
    const double a[4] = {5, 5, 5, 5}, b[4] = {6, 7, 8, 15}; /* skewness 1.018 */
    ps_paired_result out;
    ps_stats_compare(a, b, 4, false, 0.95, ws, &out);
    cr_assert_float_eq(out.skewness, 1.0182337649086284, 1e-13);
    cr_assert_eq(out.r.test, PS_TEST_WILCOXON_EXACT);
    cr_assert_float_eq(out.r.p_value, 0.125, 1e-15); /* W+ = 10 of 10: 2 / 16 */
}

Test(stats, pairs_with_a_missing_value_are_left_out)
{
    const double a[4] = {1.0, NAN, 2.0, 3.0}, b[4] = {1.5, 2.0, INFINITY, 3.25};
    ps_paired_result out;
    ps_stats_compare(a, b, 4, false, 0.95, ws, &out);
    cr_assert_eq(out.n, 2);
    cr_assert_float_eq(out.mean_difference, 0.375, 1e-15);
}

Test(stats, fewer_than_two_pairs_give_no_test)
{
    ps_paired_result out;
    ps_stats_compare((const double[]){1.0}, (const double[]){2.0}, 1, false, 0.95, ws,
                     &out);
    cr_assert_eq(out.r.test, PS_TEST_NONE);
    cr_assert(isnan(out.r.p_value));
}

Test(stats, refuses_a_workspace_beyond_its_limit)
{
    ps_stats_work *big = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_stats_work_create(PS_STATS_MAX_N + 1, &big, &err), PS_EINVAL);
    cr_assert_null(big);
    cr_assert_str_eq(err.msg, "statistics: 1001 values is more than 1000");
}

Test(stats, test_names)
{
    cr_assert_str_eq(ps_test_name(PS_TEST_T), "t");
    cr_assert_str_eq(ps_test_name(PS_TEST_WILCOXON_NORMAL), "wilcoxon-normal");
    cr_assert_str_eq(ps_test_name((ps_test)PS_N_TESTS), "?");
}

/* Sixty distinct differences: the normal approximations. k = floor(915 - 1.959964 *
 * sqrt(60 * 61 * 121 / 24) - 0.5) + 1 = 649 of the 1830 Walsh averages. */
Test(stats, sixty_differences_use_the_normal_approximations)
{
    double d[60];
    for (int i = 0; i < 60; i++) {
        d[i] = (double)((7 * i) % 13) - 4.5 + 0.01 * i;
    }
    ps_test_result r;
    ps_stats_wilcoxon(d, 60, 0.95, ws, &r);
    cr_assert_eq(r.test, PS_TEST_WILCOXON_NORMAL);
    cr_assert_float_eq(r.p_value, 0.0029740562179211253, 1e-12);
    cr_assert_float_eq(r.estimate, 1.685, 1e-12);
    cr_assert_float_eq(r.ci_low, 0.665, 1e-12);
    cr_assert_float_eq(r.ci_high, 2.705, 1e-12);
}

/* Holm's adjustment, worked by hand: sorted 0.005 0.01 0.03 0.04 times 4 3 2 1 give
 * 0.02 0.03 0.06 0.04; the running maximum makes the last 0.06. */
Test(stats, holm_adjusts_four_p_values_by_their_ranks)
{
    const double p[4] = {0.01, 0.04, 0.03, 0.005};
    const double want[4] = {0.03, 0.06, 0.06, 0.02};
    double adj[4];
    ps_stats_holm(p, 4, adj);
    for (int i = 0; i < 4; i++) {
        cr_assert_float_eq(adj[i], want[i], 1e-15, "p[%d]: %g, want %g", i, adj[i],
                           want[i]);
    }
}

/* 0.2 x 3 = 0.6, 0.5 x 2 = 1.0, 0.9 x 1 = 0.9: capped at 1, and the running maximum
 * keeps 1.0 for the largest. */
Test(stats, holm_caps_at_one_and_never_decreases_with_p)
{
    const double p[3] = {0.5, 0.2, 0.9};
    double adj[3];
    ps_stats_holm(p, 3, adj);
    cr_assert_float_eq(adj[0], 1.0, 1e-15);
    cr_assert_float_eq(adj[1], 0.6, 1e-15);
    cr_assert_float_eq(adj[2], 1.0, 1e-15);
}

/* m = 4 finite p-values: the tied 0.02 both get 4 x 0.02 = 0.08; 0.0371 (rank 3) gets
 * max(0.08, 2 x 0.0371 = 0.0742) = 0.08; 0.5 gets 0.5; NaN stays NaN. */
Test(stats, holm_gives_ties_one_value_and_skips_missing_p_values)
{
    const double p[5] = {0.02, NAN, 0.02, 0.5, 0.0371};
    double adj[5];
    ps_stats_holm(p, 5, adj);
    cr_assert_float_eq(adj[0], 0.08, 1e-15);
    cr_assert(isnan(adj[1]));
    cr_assert_float_eq(adj[2], 0.08, 1e-15);
    cr_assert_float_eq(adj[3], 0.5, 1e-15);
    cr_assert_float_eq(adj[4], 0.08, 1e-15);
}

Test(stats, holm_leaves_a_single_p_value_and_p_one_alone)
{
    double one, ones[3];
    ps_stats_holm((const double[]){0.037}, 1, &one);
    cr_assert_float_eq(one, 0.037, 1e-15);
    ps_stats_holm((const double[]){1.0, 1.0, 1.0}, 3, ones);
    for (int i = 0; i < 3; i++) {
        cr_assert_float_eq(ones[i], 1.0, 1e-15);
    }
}

/* Benjamini-Hochberg by hand: m = 4 finite p-values 0.01, 0.03, 0.04, 0.20 at ranks 1-4
 * give m p / rank = 0.04, 0.06, 0.0533.., 0.20; the least over larger p-values makes
 * 0.03's 0.0533.. too. NaN stays out and stays NaN. */
Test(stats, benjamini_hochberg_by_hand)
{
    const double p[5] = {0.01, 0.04, 0.03, 0.20, NAN};
    double q[5];
    ps_stats_bh(p, 5, q);
    cr_assert_float_eq(q[0], 0.04, 1e-15);
    cr_assert_float_eq(q[1], 4.0 * 0.04 / 3.0, 1e-15);
    cr_assert_float_eq(q[2], 4.0 * 0.04 / 3.0, 1e-15);
    cr_assert_float_eq(q[3], 0.20, 1e-15);
    cr_assert(isnan(q[4]));
}

/* Ties take the largest rank of their group (3 x 0.02 / 2 = 0.03); caps at 1. */
Test(stats, benjamini_hochberg_ties_and_cap)
{
    const double p[4] = {0.02, 0.02, 0.5, 0.9};
    double q[4];
    ps_stats_bh(p, 4, q);
    cr_assert_float_eq(q[0], 0.04, 1e-15); /* 4 x 0.02 / 2 */
    cr_assert_float_eq(q[1], 0.04, 1e-15);
    cr_assert_float_eq(q[2], 4.0 * 0.5 / 3.0, 1e-15); /* min(4 x 0.5 / 3, 0.9) */
    cr_assert_float_eq(q[3], 0.9, 1e-15);
    const double big[2] = {0.8, 0.9};
    ps_stats_bh(big, 2, q);
    cr_assert_float_eq(q[0], 0.9, 1e-15); /* min(1.6, 0.9) */
    cr_assert_float_eq(q[1], 0.9, 1e-15);
}
