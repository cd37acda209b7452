/* stats.h - statistics of paired samples for `protsim compare` (docs/output.md): pure
 * functions on arrays; the only allocation is the workspace's
 *
 * Conventions: d = b - a, pair by pair; a confidence level is e.g. 0.95. Tests are
 * two-sided. Known answers are in tests/unit/test_stats.c.
 */
#ifndef PROTSIM_STATS_H
#define PROTSIM_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "protsim/error.h"

/* Largest sample the workspace takes: Hodges-Lehmann sorts n (n + 1) / 2 Walsh
 * averages, 4 MB at this n. */
#define PS_STATS_MAX_N 1000

/* Wilcoxon's exact null distribution is used below this many nonzero differences
 * (as R's wilcox.test); at and above it, the normal approximation. */
#define PS_STATS_EXACT_BELOW 50

/* Which test gave a p-value. */
#define PS_TEST_LIST(X)                                                                  \
    X(PS_TEST_NONE, "none",                                                              \
      "no test: every difference is 0 (p = 1), or fewer than 2 pairs")                   \
    X(PS_TEST_T, "t", "paired t-test; estimate: mean difference; t interval")            \
    X(PS_TEST_WILCOXON_EXACT, "wilcoxon-exact",                                          \
      "Wilcoxon signed-rank, exact null distribution; estimate: Hodges-Lehmann with "    \
      "its distribution-free interval")                                                  \
    X(PS_TEST_WILCOXON_NORMAL, "wilcoxon-normal",                                        \
      "Wilcoxon signed-rank, normal approximation with tie and continuity "              \
      "corrections; estimate: Hodges-Lehmann with its distribution-free interval")

#define PS_AS_TEST_ENUM(id, name, doc) id,
typedef enum { PS_TEST_LIST(PS_AS_TEST_ENUM) PS_N_TESTS } ps_test;
#undef PS_AS_TEST_ENUM

/* "t", "wilcoxon-exact", ...; and one sentence on what the test and its interval are. */
const char *ps_test_name(ps_test test);
const char *ps_test_doc(ps_test test);

/* A test on paired differences: estimate with its interval, statistic, p-value. */
typedef struct ps_test_result {
    double estimate;        /* mean difference (t) or Hodges-Lehmann estimate */
    double ci_low, ci_high; /* may be -inf / inf when no interval of the level exists */
    double statistic;       /* t, or W+ (sum of the ranks of positive differences) */
    double p_value;         /* two-sided */
    ps_test test;
} ps_test_result;

/* The comparison of one metric: b against a, pair by pair. */
typedef struct ps_paired_result {
    size_t n;        /* pairs used: both values finite */
    size_t n_differ; /* pairs whose values differ */
    double mean_a, mean_b, mean_difference;
    double skewness;  /* of the differences; NaN when they do not vary */
    ps_test_result r; /* of the test chosen by ps_stats_compare */
    double p_holm;    /* r.p_value adjusted by Holm over a family of comparisons
                         (ps_stats_holm); ps_stats_compare sets it to r.p_value */
} ps_paired_result;

typedef struct ps_stats_work ps_stats_work;

/* A workspace for samples of up to n_max (<= PS_STATS_MAX_N) values. Returns PS_OK,
 * PS_EINVAL (n_max too large) or PS_ENOMEM; *out is NULL on failure. */
ps_status ps_stats_work_create(size_t n_max, ps_stats_work **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_stats_work_destroy(ps_stats_work *ws);

/* Mean; NaN when n = 0. */
double ps_stats_mean(const double *x, size_t n);

/* Standard deviation with divisor n - 1; NaN when n < 2. */
double ps_stats_sd(const double *x, size_t n);

/* Skewness g1 = m3 / m2^(3/2) with moments about the mean divided by n; NaN when the
 * values do not vary. */
double ps_stats_skewness(const double *x, size_t n);

/* Sort x[n] in increasing order. */
void ps_stats_sort(double *x, size_t n);

/* Quantile p (0..1) of sorted[n] by linear interpolation between order statistics
 * (Hyndman-Fan type 7, numpy's default); NaN when n = 0. */
double ps_stats_quantile(const double *sorted, size_t n, double p);

/* Paired t-test on d[n] (n >= 2) at confidence level. Differences that do not vary
 * give the interval [mean, mean] and p = 1 when the mean is 0, else p = 0. */
void ps_stats_t_test(const double *d, size_t n, double level, ps_test_result *out);

/* Wilcoxon signed-rank test on d[n] (n <= the workspace's n_max): zero differences are
 * dropped (Wilcoxon's rule, as R's wilcox.test); the exact null distribution when
 * fewer than PS_STATS_EXACT_BELOW differences remain and none are 0 or tied, else the
 * normal approximation with tie and continuity corrections. The estimate and interval
 * are Hodges-Lehmann's, over all n differences (zeros included). */
void ps_stats_wilcoxon(const double *d, size_t n, double level, ps_stats_work *ws,
                       ps_test_result *out);

/* Hodges-Lehmann estimate (median of the n (n + 1) / 2 Walsh averages) and its
 * distribution-free interval at level: the k-th smallest and k-th largest Walsh
 * averages, k from Wilcoxon's exact null distribution (n < PS_STATS_EXACT_BELOW) or
 * its normal approximation; -inf / inf when n is too small for the level. */
void ps_stats_hodges_lehmann(const double *d, size_t n, double level, ps_stats_work *ws,
                             double *estimate, double *ci_low, double *ci_high);

/* Compare b[n] with a[n] at level, dropping pairs with a non-finite value. The test:
 * none when fewer than 2 pairs remain or no pair differs; Wilcoxon when count is true
 * (a count of events), when the differences are constant, or when |skewness| > 1;
 * else the paired t-test. */
void ps_stats_compare(const double *a, const double *b, size_t n, bool count,
                      double level, ps_stats_work *ws, ps_paired_result *out);

/* Benjamini and Hochberg's adjustment of p[n] (NaN values are left out and stay NaN)
 * into adjusted[n]: the i-th smallest of m p-values becomes min over j >= i of
 * m p_(j) / j, capped at 1; rejecting where adjusted <= q keeps the expected share of
 * false discoveries among the rejections at most q (independent or positively
 * dependent tests). */
void ps_stats_bh(const double *p, size_t n, double *adjusted);

/* Holm's step-down adjustment of the p-values p[n] for testing them together: with the
 * m finite ones in increasing order p(1) <= ... <= p(m), adjusted p(i) = min(1,
 * max over j <= i of (m - j + 1) p(j)); tied p-values get the same adjusted value. It
 * controls the family-wise error rate (Holm 1979). NaN stays NaN and does not count in
 * m. adjusted[n] must not overlap p. */
void ps_stats_holm(const double *p, size_t n, double *adjusted);

#endif
