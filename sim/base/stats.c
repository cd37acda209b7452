/* stats.c - paired t-test, Wilcoxon signed-rank test, Hodges-Lehmann estimate, and the
 * rule that picks a test for `protsim compare` (formulas: docs/output.md#comparison) */
#include "stats.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

static const struct {
    const char *name, *doc;
} TESTS[PS_N_TESTS] = {
#define PS_AS_TEST_ROW(id, name, doc) {name, doc},
    PS_TEST_LIST(PS_AS_TEST_ROW)
#undef PS_AS_TEST_ROW
};

/* An absolute difference and its sign, for ranking. */
typedef struct {
    double abs;
    bool positive;
} signed_abs;

struct ps_stats_work {
    size_t n_max;
    double *d;          /* [n_max] finite differences of ps_stats_compare */
    signed_abs *ranked; /* [n_max] nonzero differences, sorted by size */
    double *walsh;      /* [n_max (n_max + 1) / 2] Walsh averages, sorted */
    double *count;      /* [n_max (n_max + 1) / 2 + 1] ways to reach each rank sum */
};

const char *ps_test_name(ps_test test)
{
    return test >= 0 && test < PS_N_TESTS ? TESTS[test].name : "?";
}

const char *ps_test_doc(ps_test test)
{
    return test >= 0 && test < PS_N_TESTS ? TESTS[test].doc : "?";
}

ps_status ps_stats_work_create(size_t n_max, ps_stats_work **out, ps_error *err)
{
    *out = NULL;
    if (n_max > PS_STATS_MAX_N) {
        return ps_fail(err, PS_EINVAL, "statistics: %zu values is more than %d", n_max,
                       PS_STATS_MAX_N);
    }
    ps_stats_work *ws = calloc(1, sizeof *ws);
    if (ws == NULL) {
        return ps_fail(err, PS_ENOMEM, "statistics: cannot allocate a workspace");
    }
    size_t n = n_max > 0 ? n_max : 1, pairs = n * (n + 1) / 2;
    ws->n_max = n_max;
    ws->d = malloc(n * sizeof *ws->d);
    ws->ranked = malloc(n * sizeof *ws->ranked);
    ws->walsh = malloc(pairs * sizeof *ws->walsh);
    ws->count = malloc((pairs + 1) * sizeof *ws->count);
    if (ws->d == NULL || ws->ranked == NULL || ws->walsh == NULL || ws->count == NULL) {
        ps_stats_work_destroy(ws);
        return ps_fail(err, PS_ENOMEM, "statistics: cannot allocate for %zu values",
                       n_max);
    }
    *out = ws;
    return PS_OK;
}

void ps_stats_work_destroy(ps_stats_work *ws)
{
    if (ws != NULL) {
        free(ws->d);
        free(ws->ranked);
        free(ws->walsh);
        free(ws->count);
        free(ws);
    }
}

/* ---- moments and quantiles ------------------------------------------------------- */

double ps_stats_mean(const double *x, size_t n)
{
    if (n == 0) {
        return NAN;
    }
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
    }
    return sum / (double)n;
}

double ps_stats_sd(const double *x, size_t n)
{
    if (n < 2) {
        return NAN;
    }
    double mean = ps_stats_mean(x, n), ss = 0.0;
    for (size_t i = 0; i < n; i++) {
        ss += (x[i] - mean) * (x[i] - mean);
    }
    return sqrt(ss / (double)(n - 1));
}

double ps_stats_skewness(const double *x, size_t n)
{
    double mean = ps_stats_mean(x, n), m2 = 0.0, m3 = 0.0;
    for (size_t i = 0; i < n; i++) {
        double dev = x[i] - mean;
        m2 += dev * dev;
        m3 += dev * dev * dev;
    }
    if (n == 0 || m2 == 0.0) {
        return NAN;
    }
    m2 /= (double)n;
    m3 /= (double)n;
    return m3 / pow(m2, 1.5);
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void ps_stats_sort(double *x, size_t n)
{
    qsort(x, n, sizeof *x, by_value);
}

double ps_stats_quantile(const double *sorted, size_t n, double p)
{
    if (n == 0) {
        return NAN;
    }
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n) {
        return sorted[n - 1];
    }
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

/* ---- paired t-test --------------------------------------------------------------- */

void ps_stats_t_test(const double *d, size_t n, double level, ps_test_result *out)
{
    assert(n >= 2);
    double mean = ps_stats_mean(d, n), sd = ps_stats_sd(d, n);
    double df = (double)(n - 1), se = sd / sqrt((double)n);
    out->test = PS_TEST_T;
    out->estimate = mean;
    if (se == 0.0) { /* no spread: the mean is known exactly */
        out->ci_low = out->ci_high = mean;
        out->statistic = mean == 0.0 ? 0.0 : copysign(INFINITY, mean);
        out->p_value = mean == 0.0 ? 1.0 : 0.0;
        return;
    }
    double half = gsl_cdf_tdist_Pinv(1.0 - (1.0 - level) / 2.0, df) * se;
    out->ci_low = mean - half;
    out->ci_high = mean + half;
    out->statistic = mean / se;
    out->p_value = fmin(1.0, 2.0 * gsl_cdf_tdist_Q(fabs(out->statistic), df));
}

/* ---- Wilcoxon signed-rank -------------------------------------------------------- */

static int by_abs(const void *x, const void *y)
{
    double a = ((const signed_abs *)x)->abs, b = ((const signed_abs *)y)->abs;
    return (a > b) - (a < b);
}

/* Rank the m nonzero differences in ws->ranked by size (ties get their mean rank);
 * return W+ and set *ties_term to the sum over tie groups of (t^3 - t). */
static double rank_sum(signed_abs *ranked, size_t m, double *ties_term)
{
    qsort(ranked, m, sizeof *ranked, by_abs);
    double w_plus = 0.0;
    *ties_term = 0.0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j + 1 < m && ranked[j + 1].abs == ranked[i].abs) {
            j++;
        }
        double rank = 0.5 * (double)(i + j) + 1.0, t = (double)(j - i + 1);
        for (size_t k = i; k <= j; k++) {
            w_plus += ranked[k].positive ? rank : 0.0;
        }
        *ties_term += t * t * t - t;
        i = j + 1;
    }
    return w_plus;
}

/* count[w] = subsets of {1..m} whose sum is w, for w = 0..m (m + 1) / 2; exact in
 * doubles while m < 50 (at most 2^49). */
static void null_counts(size_t m, double *count)
{
    size_t top = m * (m + 1) / 2;
    count[0] = 1.0;
    for (size_t w = 1; w <= top; w++) {
        count[w] = 0.0;
    }
    for (size_t i = 1; i <= m; i++) {
        for (size_t w = i * (i + 1) / 2; w >= i; w--) {
            count[w] += count[w - i];
        }
    }
}

/* P(W+ <= w) under the null of m differences; count from null_counts. */
static double null_cdf(const double *count, size_t m, double w)
{
    double sum = 0.0;
    for (size_t k = 0; k <= m * (m + 1) / 2 && (double)k <= w; k++) {
        sum += count[k];
    }
    return sum / ldexp(1.0, (int)m);
}

static double exact_p(double w_plus, size_t m, double *count)
{
    null_counts(m, count);
    double top = (double)m * (double)(m + 1) / 2.0; /* exact: m (m + 1) is even */
    double lower = null_cdf(count, m, w_plus), upper = null_cdf(count, m, top - w_plus);
    return fmin(1.0, 2.0 * fmin(lower, upper));
}

static double normal_p(double w_plus, size_t m, double ties_term)
{
    double mm = (double)m, mu = mm * (mm + 1.0) / 4.0;
    double var = mm * (mm + 1.0) * (2.0 * mm + 1.0) / 24.0 - ties_term / 48.0;
    if (var <= 0.0) {
        return 1.0; /* no nonzero differences */
    }
    double dev = w_plus - mu, correction = dev > 0.0 ? 0.5 : dev < 0.0 ? -0.5 : 0.0;
    double z = (dev - correction) / sqrt(var);
    return fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(fabs(z)));
}

void ps_stats_wilcoxon(const double *d, size_t n, double level, ps_stats_work *ws,
                       ps_test_result *out)
{
    assert(n <= ws->n_max);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] != 0.0) {
            ws->ranked[m++] = (signed_abs){fabs(d[i]), d[i] > 0.0};
        }
    }
    double ties_term;
    out->statistic = rank_sum(ws->ranked, m, &ties_term);
    bool exact = m < PS_STATS_EXACT_BELOW && m == n && ties_term == 0.0;
    out->test = exact ? PS_TEST_WILCOXON_EXACT : PS_TEST_WILCOXON_NORMAL;
    out->p_value = exact ? exact_p(out->statistic, m, ws->count)
                         : normal_p(out->statistic, m, ties_term);
    ps_stats_hodges_lehmann(d, n, level, ws, &out->estimate, &out->ci_low, &out->ci_high);
}

/* ---- Hodges-Lehmann -------------------------------------------------------------- */

/* The interval's k: the k-th smallest Walsh average is the lower end. The smallest k
 * with P(W <= k) > alpha / 2, from the exact null or its normal approximation with
 * continuity correction; 0 when no interval of the level exists. */
static size_t critical_k(size_t n, double alpha, double *count)
{
    if (n < PS_STATS_EXACT_BELOW) {
        null_counts(n, count);
        double cdf = 0.0, total = ldexp(1.0, (int)n);
        size_t k = 0;
        while ((cdf += count[k] / total) <= alpha / 2.0) {
            k++;
        }
        return k;
    }
    double nn = (double)n, mu = nn * (nn + 1.0) / 4.0;
    double sigma = sqrt(nn * (nn + 1.0) * (2.0 * nn + 1.0) / 24.0);
    double k = floor(mu - gsl_cdf_ugaussian_Pinv(1.0 - alpha / 2.0) * sigma - 0.5) + 1.0;
    return k > 0.0 ? (size_t)k : 0;
}

void ps_stats_hodges_lehmann(const double *d, size_t n, double level, ps_stats_work *ws,
                             double *estimate, double *ci_low, double *ci_high)
{
    assert(n <= ws->n_max);
    size_t pairs = n * (n + 1) / 2, p = 0;
    if (n == 0) {
        *estimate = *ci_low = *ci_high = NAN;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i; j < n; j++) {
            ws->walsh[p++] = 0.5 * (d[i] + d[j]);
        }
    }
    ps_stats_sort(ws->walsh, pairs);
    *estimate = pairs % 2 == 1 ? ws->walsh[pairs / 2]
                               : 0.5 * (ws->walsh[pairs / 2 - 1] + ws->walsh[pairs / 2]);
    size_t k = critical_k(n, 1.0 - level, ws->count);
    *ci_low = k == 0 ? -INFINITY : ws->walsh[k - 1];
    *ci_high = k == 0 ? INFINITY : ws->walsh[pairs - k];
}

/* ---- the comparison of one metric ------------------------------------------------ */

/* Keep the finite pairs: their differences go to ws->d; fill the counts and means. */
static size_t finite_pairs(const double *a, const double *b, size_t n, ps_stats_work *ws,
                           ps_paired_result *out)
{
    size_t m = 0;
    double sum_a = 0.0, sum_b = 0.0;
    out->n_differ = 0;
    for (size_t r = 0; r < n; r++) {
        if (isfinite(a[r]) && isfinite(b[r])) {
            ws->d[m++] = b[r] - a[r];
            sum_a += a[r];
            sum_b += b[r];
            out->n_differ += b[r] != a[r];
        }
    }
    out->n = m;
    out->mean_a = m > 0 ? sum_a / (double)m : NAN;
    out->mean_b = m > 0 ? sum_b / (double)m : NAN;
    out->mean_difference = ps_stats_mean(ws->d, m);
    out->skewness = ps_stats_skewness(ws->d, m);
    return m;
}

void ps_stats_compare(const double *a, const double *b, size_t n, bool count,
                      double level, ps_stats_work *ws, ps_paired_result *out)
{
    assert(n <= ws->n_max);
    size_t m = finite_pairs(a, b, n, ws, out);
    ps_test_result *r = &out->r;
    if (m < 2 || out->n_differ == 0) {
        bool same = m >= 2; /* every pair equal: nothing to test */
        *r = (ps_test_result){.estimate = same ? 0.0 : out->mean_difference,
                              .ci_low = same ? 0.0 : NAN,
                              .ci_high = same ? 0.0 : NAN,
                              .statistic = NAN,
                              .p_value = same ? 1.0 : NAN,
                              .test = PS_TEST_NONE};
    } else if (count || !isfinite(out->skewness) || fabs(out->skewness) > 1.0) {
        ps_stats_wilcoxon(ws->d, m, level, ws, r);
    } else {
        ps_stats_t_test(ws->d, m, level, r);
    }
    out->p_holm = r->p_value; /* a family of one, until the caller adjusts */
}

/* Each p(j) raises the adjusted value of every p-value not below it to (m - j + 1) p(j);
 * with ties the first of the tied ranks (j = 1 + the p-values strictly below) gives
 * the largest multiplier, so no sort is needed. */
void ps_stats_holm(const double *p, size_t n, double *adjusted)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        m += isfinite(p[i]) != 0;
        adjusted[i] = isfinite(p[i]) ? 0.0 : NAN;
    }
    for (size_t j = 0; j < n; j++) {
        size_t below = 0;
        for (size_t k = 0; k < n && isfinite(p[j]); k++) {
            below += isfinite(p[k]) && p[k] < p[j];
        }
        double scaled = (double)(m - below) * p[j];
        for (size_t i = 0; i < n && isfinite(p[j]); i++) {
            if (isfinite(p[i]) && p[i] >= p[j] && scaled > adjusted[i]) {
                adjusted[i] = scaled < 1.0 ? scaled : 1.0;
            }
        }
    }
}

void ps_stats_bh(const double *p, size_t n, double *adjusted)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        m += isfinite(p[i]) != 0;
    }
    for (size_t j = 0; j < n; j++) { /* m p_j / rank_j, ties at their largest rank */
        size_t rank = 0;
        for (size_t k = 0; k < n && isfinite(p[j]); k++) {
            rank += isfinite(p[k]) && p[k] <= p[j];
        }
        adjusted[j] = isfinite(p[j]) ? (double)m * p[j] / (double)rank : NAN;
    }
    /* the least over the p-values at least as large: a minimum over a superset stays
     * one, so the values updated in place may be read again */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n && isfinite(p[i]); j++) {
            if (isfinite(p[j]) && p[j] >= p[i] && adjusted[j] < adjusted[i]) {
                adjusted[i] = adjusted[j];
            }
        }
        adjusted[i] = adjusted[i] > 1.0 ? 1.0 : adjusted[i];
    }
}
