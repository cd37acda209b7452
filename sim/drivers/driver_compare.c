/* driver_compare.c - `protsim compare A B`: paired replicates on common random numbers
 * (replicate r of A and of B share a seed), the table of differences at the horizon
 * (statistics in stats.c), and the compare file (docs/output.md) */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "driver_replicate.h"
#include "record_impl.h"
#include "rng.h"
#include "stats.h"

#define DEFAULT_REPLICATES 20 /* intervals settle; seconds at small scale */
#define LEVEL 0.95            /* of every confidence interval */
#define MAX_SETS 256
#define NO_SEED UINT64_MAX /* --seed not given: above the largest seed accepted */

static const char *const COMPARE_HELP =
    "usage: protsim compare A.cfg B.cfg [-n R] [--seed S] [--set path=value]...\n"
    "           [-o FILE.h5] [--horizon YEAR] [--threads N] [--quiet] [--force]\n"
    "\n"
    "Run R paired replicates of scenarios A and B: replicate r of both runs with the\n"
    "same seed, so that their exogenous draws match (common random numbers). Print,\n"
    "for each outcome at the end of the horizon year, A's mean, B's mean, the paired\n"
    "difference B - A with a 95% confidence interval, a two-sided p-value and the test\n"
    "used: Wilcoxon's signed-rank test (Hodges-Lehmann estimate and interval) for\n"
    "counts (framework_steps, accessions) and for differences that are constant or\n"
    "skewed (|skewness| > 1); the paired t-test (mean difference, t interval) "
    "otherwise.\n"
    "\n"
    "  -n, --replicates R  paired replicates, 2 to 1000 (default 20)\n"
    "  --seed S            replicate r runs with a seed derived from S and r (default:\n"
    "                      A's `seed`)\n"
    "  --set path=value    override a setting of both A and B (repeatable)\n"
    "  -o FILE.h5          also write every replicate's series and the table (default:\n"
    "                      no file); written to a temporary name, renamed when done\n"
    "  --horizon YEAR      compare at the end of December of YEAR (default: the last\n"
    "                      full calendar year both scenarios simulate)\n"
    "  --threads N         replicates run in parallel, one thread each (default: all\n"
    "                      cores); the numbers do not depend on it\n"
    "  --force             replace FILE.h5 if it exists\n"
    "  --quiet             no progress and no table\n";

/* The arguments of compare, as parsed; strings are borrowed from argv. */
typedef struct compare_args {
    const char *scenario[2];
    size_t n_scenarios;
    const char *sets[MAX_SETS];
    size_t n_sets;
    const char *output;
    uint64_t replicates, seed, horizon, threads; /* seed NO_SEED, horizon 0: not given */
    bool quiet, force, help;
} compare_args;

typedef enum { OPT_FLAG, OPT_TEXT, OPT_SET, OPT_COUNT } opt_kind;

typedef struct option_spec {
    const char *name, *alias;
    opt_kind kind;
    size_t offset;      /* of the field in compare_args */
    uint64_t min, max;  /* OPT_COUNT */
    const char *expect; /* OPT_COUNT: what the message says a value should be */
} option_spec;

#define CA(field) offsetof(compare_args, field)
/* clang-format off */
static const option_spec OPTIONS[] = {
    {"--replicates", "-n", OPT_COUNT, CA(replicates), 2, PS_STATS_MAX_N,
     "a number from 2 to 1000"},
    {"--seed", NULL, OPT_COUNT, CA(seed), 0, INT64_MAX, "a whole number >= 0"},
    {"--horizon", NULL, OPT_COUNT, CA(horizon), 1, 9999, "a year"},
    {"--threads", NULL, OPT_COUNT, CA(threads), 1, 1024, "a number from 1 to 1024"},
    {"--output", "-o", OPT_TEXT, CA(output), 0, 0, NULL},
    {"--set", NULL, OPT_SET, CA(sets), 0, 0, NULL},
    {"--quiet", "-q", OPT_FLAG, CA(quiet), 0, 0, NULL},
    {"--force", NULL, OPT_FLAG, CA(force), 0, 0, NULL},
    {"--help", "-h", OPT_FLAG, CA(help), 0, 0, NULL},
};
/* clang-format on */

/* Metrics that count events: discrete, so compared with Wilcoxon's test. */
static const bool IS_COUNT[PS_N_METRICS] = {
    [PS_M_FRAMEWORK] = true, [PS_M_ACCESSIONS] = true};

/* Everything a comparison holds; the driver owns each piece. */
typedef struct comparison {
    ps_scenario *sc[2];
    char *text[2];   /* the resolved scenarios */
    uint64_t seed;   /* replicate r runs with ps_rng_derive_seed(seed, r) */
    uint64_t *seeds; /* [n] */
    int horizon;     /* year; metrics at the end of its December */
    double *metrics; /* [2 * n * PS_N_METRICS]: A's replicates, then B's */
    double *a, *b;   /* [n] one metric's values */
    ps_paired_result res[PS_N_METRICS];
    ps_stats_work *ws;
    ps_recorder *rec;
} comparison;

/* ---- arguments ------------------------------------------------------------------- */

static ps_status usage(ps_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "MESSAGE (see protsim compare --help)", bad usage. */
static ps_status usage(ps_error *err, const char *fmt, ...)
{
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ps_fail(err, PS_EINVAL, "%s (see protsim compare --help)", text);
}

static bool is_option(const char *arg, const char *name)
{
    size_t len = name != NULL ? strlen(name) : 0;
    return len > 0 && strncmp(arg, name, len) == 0 &&
           (arg[len] == '\0' || arg[len] == '=');
}

static const option_spec *find_option(const char *arg)
{
    for (size_t k = 0; k < sizeof OPTIONS / sizeof OPTIONS[0]; k++) {
        if (is_option(arg, OPTIONS[k].name) || is_option(arg, OPTIONS[k].alias)) {
            return &OPTIONS[k];
        }
    }
    return NULL;
}

/* Store the value of option o, given as arg (its name as typed) and value. */
static ps_status take(const option_spec *o, const char *arg, const char *value,
                      compare_args *a, ps_error *err)
{
    char *field = (char *)a + o->offset;
    int name_len = (int)strcspn(arg, "=");
    switch (o->kind) {
    case OPT_FLAG:
        *(bool *)field = true;
        return PS_OK;
    case OPT_TEXT:
        *(const char **)field = value;
        return PS_OK;
    case OPT_SET:
        if (a->n_sets == MAX_SETS) {
            return usage(err, "%.*s: too many --set options", name_len, arg);
        }
        a->sets[a->n_sets++] = value;
        return PS_OK;
    case OPT_COUNT:
        break;
    }
    if (!ps_driver_parse_count(value, o->min, o->max, (uint64_t *)(void *)field)) {
        return usage(err, "%.*s %s: expected %s", name_len, arg, value, o->expect);
    }
    return PS_OK;
}

static ps_status parse_args(int argc, char **argv, compare_args *a, ps_error *err)
{
    for (int k = 2; k < argc; k++) {
        const char *arg = argv[k];
        const option_spec *o = arg[0] == '-' && arg[1] != '\0' ? find_option(arg) : NULL;
        const char *eq = strchr(arg, '=');
        if (o == NULL && arg[0] == '-' && arg[1] != '\0') {
            return usage(err, "%s: unknown option", arg);
        }
        if (o == NULL) {
            if (a->n_scenarios == 2) {
                return usage(err, "%s: unexpected argument", arg);
            }
            a->scenario[a->n_scenarios++] = arg;
            continue;
        }
        const char *value = o->kind == OPT_FLAG ? NULL
                            : eq != NULL        ? eq + 1
                            : k + 1 < argc      ? argv[++k]
                                                : NULL;
        if (o->kind != OPT_FLAG && value == NULL) {
            return usage(err, "%s needs a value", arg);
        }
        ps_status st = take(o, arg, value, a, err);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* ---- scenarios, seeds and the horizon -------------------------------------------- */

static void period(const ps_scenario *sc, char *buf, size_t size)
{
    char start[16], end[16];
    ps_month_format(sc->start, start, sizeof start);
    ps_month_format(sc->end, end, sizeof end);
    snprintf(buf, size, "%s to %s", start, end);
}

/* The year whose December the metrics are taken at: asked, when both scenarios
 * simulate that month; by default the last calendar year both simulate whole. */
static ps_status pick_horizon(comparison *c, uint64_t asked, ps_error *err)
{
    char text[2][64];
    period(c->sc[0], text[0], sizeof text[0]);
    period(c->sc[1], text[1], sizeof text[1]);
    if (asked != 0) {
        ps_month december = (ps_month)asked * 12 + 11;
        for (int s = 0; s < 2; s++) {
            if (december < c->sc[s]->start || december > c->sc[s]->end) {
                return usage(err, "--horizon %d: %s (%s) does not simulate December %d",
                             (int)asked, s == 0 ? "A" : "B", text[s], (int)asked);
            }
        }
        c->horizon = (int)asked;
        return PS_OK;
    }
    ps_month first =
        c->sc[0]->start > c->sc[1]->start ? c->sc[0]->start : c->sc[1]->start;
    ps_month last = c->sc[0]->end < c->sc[1]->end ? c->sc[0]->end : c->sc[1]->end;
    int year = last % 12 == 11 ? last / 12 : last / 12 - 1;
    if ((ps_month)year * 12 < first) {
        return ps_fail(
            err, PS_EINVAL,
            "A (%s) and B (%s) share no whole calendar year; give --horizon YEAR",
            text[0], text[1]);
    }
    c->horizon = year;
    return PS_OK;
}

static ps_status cmp_alloc(comparison *c, size_t n, ps_error *err)
{
    for (int s = 0; s < 2; s++) {
        c->sc[s] = calloc(1, sizeof *c->sc[s]);
    }
    c->seeds = calloc(n, sizeof *c->seeds);
    c->metrics = calloc(2 * n * PS_N_METRICS, sizeof *c->metrics);
    c->a = calloc(n, sizeof *c->a);
    c->b = calloc(n, sizeof *c->b);
    if (c->sc[0] == NULL || c->sc[1] == NULL || c->seeds == NULL || c->metrics == NULL ||
        c->a == NULL || c->b == NULL) {
        return ps_fail(err, PS_ENOMEM, "compare: cannot allocate %zu replicates", n);
    }
    return ps_stats_work_create(n, &c->ws, err);
}

/* Both scenarios with the --set overrides, the seeds and the horizon. */
static ps_status cmp_load(comparison *c, const compare_args *a, ps_error *err)
{
    size_t n = a->replicates;
    ps_status st = cmp_alloc(c, n, err);
    for (int s = 0; s < 2 && st == PS_OK; s++) {
        st = ps_driver_load_scenario(a->scenario[s], a->sets, a->n_sets, c->sc[s], err);
    }
    if (st != PS_OK) {
        return st;
    }
    c->seed = a->seed != NO_SEED ? a->seed : c->sc[0]->seed;
    for (int s = 0; s < 2; s++) {
        c->sc[s]->seed = c->seed; /* the files record the seed actually used */
        c->text[s] = ps_scenario_text(c->sc[s]);
        if (c->text[s] == NULL) {
            return ps_fail(err, PS_ENOMEM, "scenario: cannot format");
        }
    }
    for (size_t r = 0; r < n; r++) {
        c->seeds[r] = ps_rng_derive_seed(c->seed, r);
    }
    return pick_horizon(c, a->horizon, err);
}

static void cmp_free(comparison *c)
{
    ps_recorder_abandon(c->rec);
    ps_stats_work_destroy(c->ws);
    free(c->metrics);
    free(c->a);
    free(c->b);
    free(c->seeds);
    for (int s = 0; s < 2; s++) {
        free(c->text[s]);
        free(c->sc[s]);
    }
}

/* ---- the file -------------------------------------------------------------------- */

/* The compare file: A's replicates in /a, B's in /b; sizes from worlds of the first
 * replicate's seed (NGO homes do not depend on the seed). */
static ps_status cmp_open(comparison *c, const compare_args *a, const char *command_line,
                          ps_error *err)
{
    static const char *const GROUP[2] = {"/a", "/b"};
    char description[2][2 * PS_MAX_TEXT + 32];
    ps_world *w[2] = {NULL, NULL};
    ps_record_part parts[2];
    ps_status st = PS_OK;
    for (int s = 0; s < 2 && st == PS_OK; s++) {
        st = ps_world_create(c->sc[s], c->seeds[0], &w[s], err);
        if (st != PS_OK) {
            break;
        }
        snprintf(description[s], sizeof description[s], "scenario %s: %s, from %s",
                 s == 0 ? "A" : "B", c->sc[s]->name, c->sc[s]->source);
        parts[s] =
            (ps_record_part){.group = GROUP[s],
                             .description = description[s],
                             .sc = c->sc[s],
                             .shape = {.n_states = ps_world_n_states(w[s]),
                                       .n_ngos = ps_world_n_ngos(w[s]),
                                       .n_steps = ps_world_steps_total(w[s]),
                                       .ngo_home = ps_world_ngo_home(w[s]),
                                       .n_runs = a->replicates,
                                       .run_seeds = c->seeds},
                             .meta = {.seed = c->seed, .scenario_text = c->text[s]}};
    }
    ps_run_meta meta = {.seed = c->seed, .command_line = command_line};
    if (st == PS_OK) {
        st = ps_recorder_open_parts(a->output, a->force, parts, 2, &meta, &c->rec, err);
    }
    ps_world_destroy(w[0]);
    ps_world_destroy(w[1]);
    return st;
}

/* The table, every replicate's metrics at the horizon, the horizon and the level. */
static ps_status cmp_write_table(comparison *c, size_t n, ps_error *err)
{
    ps_record_comparison table = {.n_replicates = n,
                                  .res = c->res,
                                  .a_values = c->metrics,
                                  .b_values = c->metrics + n * PS_N_METRICS,
                                  .horizon = c->horizon,
                                  .level = LEVEL};
    return ps_recorder_write_comparison(c->rec, &table, err);
}

/* ---- the table ------------------------------------------------------------------- */

static void cmp_stats(comparison *c, size_t n)
{
    for (int m = 0; m < PS_N_METRICS; m++) {
        for (size_t r = 0; r < n; r++) {
            c->a[r] = c->metrics[r * PS_N_METRICS + (size_t)m];
            c->b[r] = c->metrics[(n + r) * PS_N_METRICS + (size_t)m];
        }
        ps_stats_compare(c->a, c->b, n, IS_COUNT[m], LEVEL, c->ws, &c->res[m]);
    }
}

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

static void print_row(const comparison *c, int m)
{
    const ps_paired_result *res = &c->res[m];
    char a[32], b[32], d[32], lo[32], hi[32], ci[80], p[16], differ[48];
    ps_driver_format_number(res->mean_a, a, sizeof a);
    ps_driver_format_number(res->mean_b, b, sizeof b);
    ps_driver_format_number(res->r.estimate, d, sizeof d);
    ps_driver_format_number(res->r.ci_low, lo, sizeof lo);
    ps_driver_format_number(res->r.ci_high, hi, sizeof hi);
    snprintf(ci, sizeof ci, "[%s, %s]", lo, hi);
    format_p(res->r.p_value, p, sizeof p);
    snprintf(differ, sizeof differ, "%zu/%zu", res->n_differ, res->n);
    printf("%-19s %-7s %10s %10s %10s %-24s %6s %-15s %6s\n",
           ps_metric_name((ps_metric)m), ps_metric_unit((ps_metric)m), a, b, d, ci, p,
           ps_test_name(res->r.test), differ);
}

static void print_header(const comparison *c, const compare_args *a, double seconds)
{
    printf("A: %s (%s)\nB: %s (%s)\n", c->sc[0]->name, a->scenario[0], c->sc[1]->name,
           a->scenario[1]);
    for (size_t k = 0; k < a->n_sets; k++) {
        printf("%s--set %s%s", k == 0 ? "Both with " : " ", a->sets[k],
               k + 1 == a->n_sets ? "\n" : "");
    }
    printf("%llu paired replicates from seed %llu: replicate r of A and of B share a "
           "seed.\n",
           (unsigned long long)a->replicates, (unsigned long long)c->seed);
    printf("Outcomes at the end of %d; %.1f s%s%s.\n\n", c->horizon, seconds,
           a->output != NULL ? "; wrote " : "", a->output != NULL ? a->output : "");
}

static void print_table(const comparison *c, const compare_args *a, double seconds)
{
    print_header(c, a, seconds);
    printf("%-19s %-7s %10s %10s %10s %-24s %6s %-15s %6s\n", "metric", "units", "A mean",
           "B mean", "B - A", "95% CI", "p", "test", "differ");
    for (int m = 0; m < PS_N_METRICS; m++) {
        print_row(c, m);
    }
    printf("\nB - A: the mean paired difference with a t interval where the test is t;\n"
           "the Hodges-Lehmann estimate with its distribution-free interval where it is\n"
           "Wilcoxon's signed-rank test (used for counts, constant differences and\n"
           "|skewness| > 1). p: two-sided. differ: pairs where B's value is not A's.\n");
}

/* ---- compare --------------------------------------------------------------------- */

static ps_status cmp_run(comparison *c, const compare_args *a,
                         volatile sig_atomic_t *interrupted, ps_error *err)
{
    ps_month december = (ps_month)c->horizon * 12 + 11;
    ps_replicate_job job = {.sc = {c->sc[0], c->sc[1]},
                            .n_scenarios = 2,
                            .n_replicates = a->replicates,
                            .seed = c->seed,
                            .horizon = {december, december},
                            .threads = (int)a->threads,
                            .rec = c->rec,
                            .progress = !a->quiet && isatty(STDERR_FILENO),
                            .interrupted = interrupted};
    ps_status st = ps_driver_replicates(&job, c->metrics, err);
    if (st == PS_EINTR) {
        return ps_fail(err, st, "interrupted; nothing written%s%s",
                       a->output != NULL ? " to " : "",
                       a->output != NULL ? a->output : "");
    }
    return st;
}

/* Load, run, test, write, print: the whole command once its arguments are known. */
static ps_status compare(const compare_args *a, const char *command_line,
                         volatile sig_atomic_t *interrupted, ps_error *err)
{
    comparison c = {0};
    double started = ps_clock_seconds();
    ps_status st = cmp_load(&c, a, err);
    if (st == PS_OK && a->output != NULL) {
        st = cmp_open(&c, a, command_line, err);
    }
    if (st == PS_OK) {
        st = cmp_run(&c, a, interrupted, err);
    }
    if (st == PS_OK) {
        cmp_stats(&c, a->replicates);
    }
    if (st == PS_OK && c.rec != NULL) {
        st = cmp_write_table(&c, a->replicates, err);
        if (st == PS_OK) {
            st = ps_recorder_close(c.rec, err);
            c.rec = NULL; /* closed, even on failure */
        }
    }
    if (st == PS_OK && !a->quiet) {
        print_table(&c, a, ps_clock_seconds() - started);
    }
    cmp_free(&c);
    return st;
}

ps_status ps_cli_compare(int argc, char **argv, const char *command_line,
                         volatile sig_atomic_t *interrupted, ps_error *err)
{
    compare_args a = {.replicates = DEFAULT_REPLICATES, .seed = NO_SEED};
    ps_status st = parse_args(argc, argv, &a, err);
    if (st != PS_OK) {
        return st;
    }
    if (a.help) {
        fputs(COMPARE_HELP, stdout);
        return PS_OK;
    }
    if (a.n_scenarios != 2) {
        return usage(err, "compare needs two scenarios, A and B");
    }
    return compare(&a, command_line, interrupted, err);
}
