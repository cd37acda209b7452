/* compare_table.c - the table of `protsim compare` (compare_table.h): paired tests per
 * metric, Holm's adjustment per table, and the text, shares in percent */
#include "compare_table.h"

#include <math.h>
#include <stdlib.h>

#include "driver_replicate.h" /* ps_driver_format_number */

/* Metrics that count events: discrete, so compared with Wilcoxon's test. */
static const bool IS_COUNT[PS_N_METRICS] = {
    [PS_M_FRAMEWORK] = true, [PS_M_ACCESSIONS] = true};

/* Shares, printed in percent (their differences in percentage points): the unit shown. */
static const char *const PERCENT[PS_N_METRICS] = {
    [PS_M_LEGAL] = "%", [PS_M_DETENTION] = "%", [PS_M_SOLUTIONS] = "%/year"};

#define ROW "%-19s %-7s %10s %10s %10s %-24s %6s %6s %-15s %6s\n"

ps_status ps_compare_stats_create(size_t n_replicates, size_t n_states,
                                  ps_compare_stats **out, ps_error *err)
{
    *out = NULL;
    ps_compare_stats *cs = calloc(1, sizeof *cs);
    size_t n_tests = (n_states + 1) * PS_N_METRICS;
    if (cs != NULL) {
        cs->n_replicates = n_replicates;
        cs->n_states = n_states;
        cs->by_state = calloc(n_states * PS_N_METRICS + 1, sizeof *cs->by_state);
        cs->a = calloc(n_replicates, sizeof *cs->a);
        cs->b = calloc(n_replicates, sizeof *cs->b);
        cs->p = calloc(n_tests, sizeof *cs->p);
        cs->adjusted = calloc(n_tests, sizeof *cs->adjusted);
    }
    if (cs == NULL || cs->by_state == NULL || cs->a == NULL || cs->b == NULL ||
        cs->p == NULL || cs->adjusted == NULL) {
        ps_compare_stats_destroy(cs);
        return ps_fail(err, PS_ENOMEM, "compare: cannot allocate %zu replicates",
                       n_replicates);
    }
    ps_status st = ps_stats_work_create(n_replicates, &cs->ws, err);
    if (st != PS_OK) {
        ps_compare_stats_destroy(cs);
        return st;
    }
    *out = cs;
    return PS_OK;
}

void ps_compare_stats_destroy(ps_compare_stats *cs)
{
    if (cs != NULL) {
        ps_stats_work_destroy(cs->ws);
        free(cs->by_state);
        free(cs->a);
        free(cs->b);
        free(cs->p);
        free(cs->adjusted);
        free(cs);
    }
}

/* Test metric m of rows[n] (A's, then B's), each row `stride` values apart. */
static void test_one(ps_compare_stats *cs, const double *values, size_t stride, int m,
                     double level, ps_paired_result *out)
{
    size_t n = cs->n_replicates;
    for (size_t r = 0; r < n; r++) {
        cs->a[r] = values[r * stride + (size_t)m];
        cs->b[r] = values[(n + r) * stride + (size_t)m];
    }
    ps_stats_compare(cs->a, cs->b, n, IS_COUNT[m], level, cs->ws, out);
}

/* p_holm of res[n] adjusted over the n of them. */
static void holm(ps_compare_stats *cs, ps_paired_result *res, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        cs->p[k] = res[k].r.p_value;
    }
    ps_stats_holm(cs->p, n, cs->adjusted);
    for (size_t k = 0; k < n; k++) {
        res[k].p_holm = cs->adjusted[k];
    }
}

void ps_compare_stats_compute(ps_compare_stats *cs, const double *metrics,
                              const double *state_metrics, double level)
{
    for (int m = 0; m < PS_N_METRICS; m++) {
        test_one(cs, metrics, PS_N_METRICS, m, level, &cs->region[m]);
    }
    holm(cs, cs->region, PS_N_METRICS);
    size_t stride = cs->n_states * PS_N_METRICS; /* a replicate's states */
    for (size_t i = 0; i < cs->n_states; i++) {
        for (int m = 0; m < PS_N_METRICS; m++) {
            test_one(cs, state_metrics + i * PS_N_METRICS, stride, m, level,
                     &cs->by_state[i * PS_N_METRICS + (size_t)m]);
        }
    }
    holm(cs, cs->by_state, cs->n_states * PS_N_METRICS);
}

/* ---- the text -------------------------------------------------------------------- */

/* "0.0123", "<0.001", "-" */
static void format_p(double p, char *buf, size_t size)
{
    if (isnan(p)) {
        snprintf(buf, size, "-");
    } else if (p < 0.001) {
        snprintf(buf, size, "<0.001");
    } else {
        snprintf(buf, size, "%.3f", p);
    }
}

static void print_row(FILE *out, const ps_paired_result *res, int m)
{
    double scale = PERCENT[m] != NULL ? 100.0 : 1.0;
    const char *unit = PERCENT[m] != NULL ? PERCENT[m] : ps_metric_unit((ps_metric)m);
    char a[32], b[32], d[32], lo[32], hi[32], ci[80], p[16], ph[16], differ[48];
    ps_driver_format_number(scale * res->mean_a, a, sizeof a);
    ps_driver_format_number(scale * res->mean_b, b, sizeof b);
    ps_driver_format_number(scale * res->r.estimate, d, sizeof d);
    ps_driver_format_number(scale * res->r.ci_low, lo, sizeof lo);
    ps_driver_format_number(scale * res->r.ci_high, hi, sizeof hi);
    snprintf(ci, sizeof ci, "[%s, %s]", lo, hi);
    format_p(res->r.p_value, p, sizeof p);
    format_p(res->p_holm, ph, sizeof ph);
    snprintf(differ, sizeof differ, "%zu/%zu", res->n_differ, res->n);
    fprintf(out, ROW, ps_metric_name((ps_metric)m), unit, a, b, d, ci, p, ph,
            ps_test_name(res->r.test), differ);
}

static void print_rows(FILE *out, const ps_paired_result *res)
{
    fprintf(out, ROW, "metric", "units", "A mean", "B mean", "B - A", "95% CI", "p",
            "Holm p", "test", "differ");
    for (int m = 0; m < PS_N_METRICS; m++) {
        print_row(out, &res[m], m);
    }
}

void ps_compare_print_region(const ps_compare_stats *cs, FILE *out)
{
    fputs("B - A estimates the paired difference, not the difference of the means: the\n"
          "mean of the paired differences where the test is t, their Hodges-Lehmann\n"
          "estimate where it is Wilcoxon's. Shares are in percent, their differences in\n"
          "percentage points.\n\n",
          out);
    print_rows(out, cs->region);
    fprintf(out,
            "\n95%% CI: the t interval, or Hodges-Lehmann's distribution-free interval "
            "for\nWilcoxon's signed-rank test (used for counts, constant differences "
            "and\n|skewness| > 1). p: two-sided, each row on its own. differ: pairs "
            "where B's\nvalue is not A's.\n"
            "Multiplicity: %d outcomes are tested at once. Holm p adjusts for all %d "
            "(Holm's\nstep-down method): with probability 0.95 or more, no row with "
            "Holm p < 0.05 is\na false finding.\n",
            PS_N_METRICS, PS_N_METRICS);
}

void ps_compare_print_states(const ps_compare_stats *cs, const ps_scenario *sc,
                             int horizon, FILE *out)
{
    fprintf(out,
            "\nBy state: each state's own metrics at the end of %d (refugees: present "
            "in the\nstate; mean_gap: its gap; framework_steps and accessions: its own "
            "since the\nstart), with the same statistics; Holm p adjusts for all %zu "
            "tests of the %zu\nstates.\n",
            horizon, cs->n_states * PS_N_METRICS, cs->n_states);
    for (size_t i = 0; i < cs->n_states; i++) {
        fprintf(out, "\n%s\n", sc->states[i].name);
        print_rows(out, cs->by_state + i * PS_N_METRICS);
    }
}
