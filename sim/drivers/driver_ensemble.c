/* driver_ensemble.c - `protsim run` and `protsim compare` over a plausible set
 * (--parameters; docs/calibration.md): the scenario at each plausible point is the
 * command's own with the point's values set; point k's replicates run with seeds from
 * ps_rng_derive_seed(seed, k), so that A and B share them within a point */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "compare_table.h"
#include "driver_replicate.h"
#include "prim.h"
#include "record_impl.h"
#include "rng.h"

#define ARMS 2 /* A and B of a comparison; a run has one */

/* Everything a run or comparison over a plausible set holds; the driver owns it. */
typedef struct ensemble {
    ps_plausible *set;
    const char *file;        /* the plausible file, as given */
    size_t n_arms, K, R;     /* scenarios, points, replicates per point */
    ps_scenario *base[ARMS]; /* with --set only: names, sizes, horizon */
    ps_scenario *sc[ARMS];   /* at the point being run */
    char *text[ARMS];        /* the bases' resolved text, for the file */
    uint64_t seed;
    uint64_t *seeds;       /* [K * R] */
    int64_t *point;        /* [K * R] */
    double *metrics;       /* [K * n_arms * R * PS_N_METRICS], point by point */
    ps_targets *targets;   /* the set's, against base[0] (run only), or NULL */
    double *target_values; /* [K * R * targets->n] */
    const char **sets;     /* [n_own + n_params]: the command's, then the point's */
    char (*set_text)[2 * PS_MAX_TEXT]; /* [n_params] */
    size_t n_own;
    ps_recorder *rec;
    volatile sig_atomic_t *interrupted; /* borrowed from the options; may be NULL */
    ps_record_keep keep; /* what a compare file keeps of the series (--keep) */
    ps_month fork;       /* 0, or compare --fork: B goes on from a clone of A's world */
} ensemble;

static void ens_free(ensemble *e)
{
    ps_recorder_abandon(e->rec);
    for (size_t a = 0; a < ARMS; a++) {
        free(e->base[a]);
        free(e->sc[a]);
        free(e->text[a]);
    }
    ps_record_plausible_destroy(e->set);
    ps_targets_destroy(e->targets);
    free(e->seeds);
    free(e->point);
    free(e->metrics);
    free(e->target_values);
    free(e->sets);
    free(e->set_text);
}

/* ---- the points -------------------------------------------------------------------- */

/* The plausible set, K of its points (asked: 0 for all) and room for the sets. */
static ps_status ens_points(ensemble *e, const char *file, uint64_t asked,
                            const char *const *own, size_t n_own, ps_error *err)
{
    ps_status st = ps_record_plausible_load(file, &e->set, err);
    if (st == PS_EIO) {
        err->status = st = PS_EINVAL; /* a file the command names: bad input */
    }
    if (st != PS_OK) {
        return st;
    }
    e->file = file;
    e->K = asked > 0 ? (size_t)asked : e->set->n_points;
    if (e->K > e->set->n_points) {
        return ps_fail(err, PS_EINVAL, "--points %zu: the plausible set of %s has %zu",
                       e->K, file, e->set->n_points);
    }
    e->n_own = n_own;
    e->sets = calloc(n_own + e->set->n_params, sizeof *e->sets);
    e->set_text = calloc(e->set->n_params, sizeof *e->set_text);
    if (e->sets == NULL || e->set_text == NULL) {
        return ps_fail(err, PS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n_own; i++) {
        e->sets[i] = own[i];
    }
    return PS_OK;
}

/* Load arm a's scenario at point k (k = SIZE_MAX: the base, without the point). */
static ps_status load_at(ensemble *e, const char *path, size_t a, size_t k, ps_error *err)
{
    size_t n = e->n_own;
    ps_scenario *sc = k == SIZE_MAX ? e->base[a] : e->sc[a];
    for (size_t j = 0; k != SIZE_MAX && j < e->set->n_params; j++) {
        snprintf(e->set_text[j], sizeof e->set_text[j], "%s=%.17g", e->set->paths[j],
                 e->set->values[k * e->set->n_params + j]);
        e->sets[n++] = e->set_text[j];
    }
    memset(sc, 0, sizeof *sc);
    ps_status st = ps_driver_load_scenario(path, e->sets, n, e->interrupted, sc, err);
    if (st != PS_OK && k != SIZE_MAX) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        return ps_fail(err, st, "%s: point %zu: %s", e->file, k, msg);
    }
    if (k != SIZE_MAX) {
        sc->seed = e->seed; /* as the files record it */
    }
    return st;
}

/* The bases, the seeds, the run arrays and (for a run) the set's targets. */
static ps_status ens_load(ensemble *e, const char *const *paths, uint64_t seed,
                          ps_error *err)
{
    ps_status st = PS_OK;
    for (size_t a = 0; a < e->n_arms && a < ARMS && st == PS_OK; a++) {
        e->base[a] = calloc(1, sizeof *e->base[a]);
        e->sc[a] = calloc(1, sizeof *e->sc[a]);
        st = e->base[a] == NULL || e->sc[a] == NULL
                 ? ps_fail(err, PS_ENOMEM, "out of memory")
                 : load_at(e, paths[a], a, SIZE_MAX, err);
        e->seed =
            a == 0 ? (seed != PS_DRIVER_NO_SEED ? seed : e->base[0]->seed) : e->seed;
        e->base[a]->seed = e->seed;
        e->text[a] = st == PS_OK ? ps_scenario_text(e->base[a]) : NULL;
        st = st == PS_OK && e->text[a] == NULL ? ps_fail(err, PS_ENOMEM, "out of memory")
                                               : st;
    }
    size_t n = e->K * e->R;
    e->seeds = calloc(n, sizeof *e->seeds);
    e->point = calloc(n, sizeof *e->point);
    e->metrics = calloc(n * e->n_arms * PS_N_METRICS, sizeof *e->metrics);
    if (st == PS_OK && (e->seeds == NULL || e->point == NULL || e->metrics == NULL)) {
        st = ps_fail(err, PS_ENOMEM, "cannot allocate %zu runs", n);
    }
    for (size_t k = 0; st == PS_OK && k < e->K; k++) {
        for (size_t r = 0; r < e->R; r++) {
            e->seeds[k * e->R + r] =
                ps_rng_derive_seed(ps_rng_derive_seed(e->seed, k), r);
            e->point[k * e->R + r] = (int64_t)k;
        }
    }
    return st;
}

/* The set's targets, checked against the run's base scenario. */
static ps_status ens_targets(ensemble *e, ps_error *err)
{
    if (e->set->targets_text == NULL) {
        return PS_OK;
    }
    char model[PS_MAX_TEXT + 16];
    snprintf(model, sizeof model, "scenario %s", e->base[0]->name);
    ps_target_context ctx = {.sc = e->base[0], .model = model};
    ps_status st = ps_targets_load_string(e->set->targets_text, e->set->targets_file,
                                          &ctx, &e->targets, err);
    if (st != PS_OK) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        return ps_fail(err, st, "%s: its targets do not fit %s: %s", e->file,
                       e->base[0]->source, msg);
    }
    e->target_values = calloc(e->K * e->R * e->targets->n + 1, sizeof *e->target_values);
    return e->target_values != NULL ? PS_OK
                                    : ps_fail(err, PS_ENOMEM, "cannot allocate targets");
}

/* ---- the runs ---------------------------------------------------------------------- */

/* "point 3/50  1.2 points/min  40 min left" on stderr. */
static void progress(size_t done, size_t total, double started)
{
    double elapsed = ps_clock_seconds() - started;
    double rate = elapsed > 0.0 ? (double)done / elapsed : 0.0;
    double left = rate > 0.0 ? (double)(total - done) / rate : 0.0;
    fprintf(stderr, "\r  point %zu/%zu  %.2f points/s  %.0f s left   %s", done, total,
            rate, left, done == total ? "\n" : "");
    fflush(stderr);
}

/* Every point: its scenarios, then R replicates of them on the point's seeds (A and B
 * paired), into the file when there is one. */
static ps_status ens_run(ensemble *e, const char *const *paths, ps_month horizon,
                         int threads, bool show, volatile sig_atomic_t *interrupted,
                         ps_error *err)
{
    double started = ps_clock_seconds();
    ps_status st = PS_OK;
    size_t T = e->targets != NULL ? e->targets->n : 0;
    for (size_t k = 0; k < e->K && st == PS_OK; k++) {
        for (size_t a = 0; a < e->n_arms && st == PS_OK; a++) {
            st = load_at(e, paths[a], a, k, err);
        }
        ps_replicate_job job = {.sc = {e->sc[0], e->sc[1]},
                                .n_scenarios = e->n_arms,
                                .n_replicates = e->R,
                                .seed = ps_rng_derive_seed(e->seed, k),
                                .horizon = {horizon, horizon},
                                .threads = threads,
                                .rec = e->keep == PS_KEEP_SUMMARY ? NULL : e->rec,
                                .interrupted = interrupted,
                                .first_run = k * e->R,
                                .fork = e->fork,
                                .targets = e->targets,
                                .target_values = e->target_values + k * e->R * T};
        double *metrics = e->metrics + k * e->n_arms * e->R * PS_N_METRICS;
        st = st == PS_OK ? ps_driver_replicates(&job, metrics, err) : st;
        if (show) {
            progress(k + 1, e->K, started);
        }
    }
    return st;
}

/* The file's /parameters (and /targets) arrays of e, with the robust table r. */
static ps_record_ensemble ens_record(const ensemble *e, const char **paths,
                                     const char **names)
{
    for (size_t j = 0; j < e->set->n_params; j++) {
        paths[j] = e->set->paths[j];
        names[j] = e->set->names[j];
    }
    return (ps_record_ensemble){.source = e->file,
                                .n_points = e->K,
                                .n_params = e->set->n_params,
                                .n_runs = e->K * e->R,
                                .paths = paths,
                                .names = names,
                                .values = e->set->values,
                                .point = e->point};
}

/* ---- protsim run --parameters ------------------------------------------------------ */

/* A replicate file of the K x R runs; sizes from a world of the base (NGO homes do not
 * depend on the seed). */
static ps_status run_open(ensemble *e, const ps_run_options *opt, ps_error *err)
{
    ps_world *w = NULL;
    ps_status st = ps_world_create(e->base[0], e->seeds[0], &w, err);
    if (st != PS_OK) {
        return st;
    }
    ps_record_shape shape = {.n_states = ps_world_n_states(w),
                             .n_ngos = ps_world_n_ngos(w),
                             .n_steps = ps_world_steps_total(w),
                             .ngo_home = ps_world_ngo_home(w),
                             .n_runs = e->K * e->R,
                             .run_seeds = e->seeds};
    ps_run_meta meta = {.seed = e->seed,
                        .compress = opt->compress,
                        .command_line = opt->command_line,
                        .scenario_text = e->text[0]};
    st = ps_recorder_open(opt->output, opt->force, e->base[0], &shape, &meta, &e->rec,
                          err);
    ps_world_destroy(w);
    return st;
}

/* Each target's 5%, median and 95% over the runs, and whether the band holds z. */
typedef struct coverage {
    double *q05, *median, *q95, *observed, *sd, *scratch;
    int64_t *covered;
    const char **names, **units;
    size_t n_covered, n_measured;
} coverage;

static void coverage_free(coverage *c)
{
    free(c->q05);
    free(c->covered);
    free(c->names);
}

static ps_status coverage_of(const ensemble *e, coverage *c, ps_error *err)
{
    size_t T = e->targets->n, n = e->K * e->R;
    c->q05 = calloc(6 * T + n, sizeof *c->q05);
    c->covered = calloc(T, sizeof *c->covered);
    c->names = calloc(2 * T, sizeof *c->names);
    if (c->q05 == NULL || c->covered == NULL || c->names == NULL) {
        return ps_fail(err, PS_ENOMEM, "out of memory");
    }
    c->median = c->q05 + T;
    c->q95 = c->q05 + 2 * T;
    c->observed = c->q05 + 3 * T;
    c->sd = c->q05 + 4 * T;
    c->scratch = c->q05 + 6 * T;
    c->units = c->names + T;
    for (size_t t = 0; t < T; t++) {
        size_t m = 0;
        for (size_t r = 0; r < n; r++) {
            double v = e->target_values[r * T + t];
            c->scratch[m] = v;
            m += isfinite(v);
        }
        ps_stats_sort(c->scratch, m);
        const ps_target *tg = &e->targets->list[t];
        c->q05[t] = ps_stats_quantile(c->scratch, m, 0.05);
        c->median[t] = ps_stats_quantile(c->scratch, m, 0.5);
        c->q95[t] = ps_stats_quantile(c->scratch, m, 0.95);
        c->observed[t] = tg->observed;
        c->sd[t] = tg->sd;
        c->names[t] = tg->name;
        c->units[t] = tg->units;
        c->covered[t] = m > 0 && tg->observed >= c->q05[t] && tg->observed <= c->q95[t];
        c->n_covered += (size_t)c->covered[t];
        c->n_measured += m > 0;
    }
    return PS_OK;
}

static void print_coverage(const ensemble *e, const coverage *c)
{
    printf("\nCoverage: each target's observation against the 5-95%% band of the "
           "ensemble's measures (%s)\n",
           e->set->targets_file);
    printf("%-26s %-8s %11s %11s %11s %11s  %-7s %s\n", "target", "units", "observed",
           "5%", "median", "95%", "covered", "outside by");
    for (size_t t = 0; t < e->targets->n; t++) {
        char text[4][32];
        double v[4] = {c->observed[t], c->q05[t], c->median[t], c->q95[t]};
        for (int j = 0; j < 4; j++) {
            ps_driver_format_number(v[j], text[j], sizeof text[j]);
        }
        bool measured = !isnan(c->q05[t]);
        printf("%-26s %-8s %11s %11s %11s %11s  %-7s", c->names[t], c->units[t], text[0],
               text[1], text[2], text[3],
               !measured       ? "-"
               : c->covered[t] ? "yes"
                               : "NO");
        if (measured && !c->covered[t]) {
            double edge = c->observed[t] < c->q05[t] ? c->q05[t] : c->q95[t];
            printf(" %.2g sd", fabs(c->observed[t] - edge) / c->sd[t]);
        }
        printf("\n");
    }
    printf(
        "%zu of %zu targets covered (%zu measured in these runs); outside by: from the "
        "band to the observation, in sd of the observation.\n",
        c->n_covered, e->targets->n, c->n_measured);
}

static void print_run(const ensemble *e, const ps_run_options *opt, double seconds)
{
    char start[16], end[16];
    ps_month_format(e->base[0]->start, start, sizeof start);
    ps_month_format(e->base[0]->end, end, sizeof end);
    printf("%s: %zu plausible points of %s x %zu replicates (%zu runs), seed %llu, %s to "
           "%s\n",
           e->base[0]->name, e->K, e->file, e->R, e->K * e->R,
           (unsigned long long)e->seed, start, end);
    printf("Wrote %s in %.2f s.\n\nAt %s, over the plausible ensemble (parameter and "
           "sampling uncertainty):\n",
           opt->output, seconds, end);
    double *scratch = calloc(e->K * e->R + 1, sizeof *scratch);
    if (scratch != NULL) {
        ps_driver_print_spread(e->metrics, e->K * e->R, scratch, stdout);
    }
    free(scratch);
}

static ps_status run_write(ensemble *e, const coverage *c, ps_error *err)
{
    const char **text = calloc(2 * e->set->n_params, sizeof *text);
    if (text == NULL) {
        return ps_fail(err, PS_ENOMEM, "out of memory");
    }
    ps_record_ensemble rec = ens_record(e, text, text + e->set->n_params);
    if (e->targets != NULL) {
        rec.n_targets = e->targets->n;
        rec.target_names = c->names;
        rec.target_units = c->units;
        rec.observed = c->observed;
        rec.sd = c->sd;
        rec.q05 = c->q05;
        rec.median = c->median;
        rec.q95 = c->q95;
        rec.covered = c->covered;
        rec.target_values = e->target_values;
    }
    ps_status st = ps_recorder_write_ensemble(e->rec, &rec, err);
    free(text);
    return st;
}

ps_status ps_driver_run_parameters(const ps_run_options *opt, ps_error *err)
{
    ensemble e = {.n_arms = 1,
                  .R = opt->replicates > 0 ? opt->replicates : 1,
                  .interrupted = opt->interrupted};
    coverage c = {0};
    double started = ps_clock_seconds();
    const char *paths[1] = {opt->scenario};
    ps_status st =
        ens_points(&e, opt->parameters, opt->points, opt->sets, opt->n_sets, err);
    st = st == PS_OK ? ens_load(&e, paths, opt->seed, err) : st;
    st = st == PS_OK ? ens_targets(&e, err) : st;
    st = st == PS_OK ? run_open(&e, opt, err) : st;
    if (st == PS_OK) {
        bool show = !opt->quiet && isatty(STDERR_FILENO);
        st =
            ens_run(&e, paths, e.base[0]->end, opt->threads, show, opt->interrupted, err);
    }
    if (st == PS_EINTR) {
        ps_fail(err, st, "interrupted; nothing written to %s", opt->output);
    }
    st = st == PS_OK && e.targets != NULL ? coverage_of(&e, &c, err) : st;
    st = st == PS_OK ? run_write(&e, &c, err) : st;
    if (st == PS_OK) {
        st = ps_recorder_close(e.rec, err);
        e.rec = NULL; /* closed, even on failure */
    }
    if (st == PS_OK && !opt->quiet) {
        print_run(&e, opt, ps_clock_seconds() - started);
        if (e.targets != NULL) {
            print_coverage(&e, &c);
        }
    }
    coverage_free(&c);
    ens_free(&e);
    return st;
}

/* ---- protsim compare --parameters -------------------------------------------------- */

#define LEVEL 0.95 /* of each point's interval */
#define FDR 0.05   /* Benjamini-Hochberg level over a metric's points */
#define PRIM_ALPHA 0.05
#define PRIM_MASS 0.05
#define PRIM_COVERAGE 0.5

/* Which side of B - A is better: +1 higher, -1 lower, 0 neither. */
static const int BETTER[PS_N_METRICS] = {
    [PS_M_POI] = 1,        [PS_M_LEGAL] = 1,     [PS_M_DETENTION] = -1,
    [PS_M_REFOULED] = -1,  [PS_M_SOLUTIONS] = 1, [PS_M_FRAMEWORK] = 1,
    [PS_M_ACCESSIONS] = 1, [PS_M_GAP] = -1,      [PS_M_REFUGEES] = 0};

/* The comparison over the points: each point's paired result, then over the points. */
typedef struct robust {
    size_t K;
    double *difference, *ci_low, *ci_high, *p_value, *p_bh; /* [K * M] */
    double median[PS_N_METRICS], q05[PS_N_METRICS], q95[PS_N_METRICS];
    double better[PS_N_METRICS], worse[PS_N_METRICS], unclear[PS_N_METRICS];
    ps_metric discover;
    bool *loses; /* [K] B - A on the worse side of the discovery metric */
    size_t n_loses;
    ps_prim *prim;
    double *scratch; /* [2 K] */
} robust;

static void robust_free(robust *r)
{
    free(r->difference);
    free(r->loses);
    ps_prim_destroy(r->prim);
}

static ps_status robust_alloc(robust *r, size_t K, ps_error *err)
{
    r->K = K;
    r->difference = calloc(5 * K * PS_N_METRICS + 2 * K, sizeof *r->difference);
    r->loses = calloc(K, sizeof *r->loses);
    if (r->difference == NULL || r->loses == NULL) {
        return ps_fail(err, PS_ENOMEM, "cannot allocate %zu points", K);
    }
    r->ci_low = r->difference + K * PS_N_METRICS;
    r->ci_high = r->ci_low + K * PS_N_METRICS;
    r->p_value = r->ci_high + K * PS_N_METRICS;
    r->p_bh = r->p_value + K * PS_N_METRICS;
    r->scratch = r->p_bh + K * PS_N_METRICS;
    return PS_OK;
}

/* Each point's paired tests (as protsim compare's, on that point's R pairs). */
static ps_status robust_points(const ensemble *e, robust *r, ps_error *err)
{
    ps_compare_stats *cs = NULL;
    ps_status st = ps_compare_stats_create(e->R, 0, &cs, err);
    for (size_t k = 0; st == PS_OK && k < e->K; k++) {
        ps_compare_stats_compute(cs, e->metrics + k * 2 * e->R * PS_N_METRICS, NULL,
                                 LEVEL);
        for (int m = 0; m < PS_N_METRICS; m++) {
            const ps_test_result *t = &cs->region[m].r;
            size_t at = k * PS_N_METRICS + (size_t)m;
            r->difference[at] = t->estimate;
            r->ci_low[at] = t->ci_low;
            r->ci_high[at] = t->ci_high;
            r->p_value[at] = cs->region[m].n >= 2 ? t->p_value : NAN;
        }
    }
    ps_compare_stats_destroy(cs);
    return st;
}

/* Over the points of metric m: BH-adjusted p, shares, median and 5-95% of effects. */
static void robust_metric(robust *r, int m)
{
    double *p = r->scratch, *q = r->scratch + r->K;
    size_t n = 0, better = 0, worse = 0;
    for (size_t k = 0; k < r->K; k++) {
        p[k] = r->p_value[k * PS_N_METRICS + (size_t)m];
    }
    ps_stats_bh(p, r->K, q);
    for (size_t k = 0; k < r->K; k++) {
        double d = r->difference[k * PS_N_METRICS + (size_t)m];
        int side = BETTER[m] != 0 ? BETTER[m] : 1; /* neither: "better" is higher */
        r->p_bh[k * PS_N_METRICS + (size_t)m] = q[k];
        bool differs = isfinite(q[k]) && q[k] <= FDR && d != 0.0;
        better += differs && d * side > 0.0;
        worse += differs && d * side < 0.0;
        p[n] = d;
        n += isfinite(d);
    }
    ps_stats_sort(p, n);
    r->median[m] = ps_stats_quantile(p, n, 0.5);
    r->q05[m] = ps_stats_quantile(p, n, 0.05);
    r->q95[m] = ps_stats_quantile(p, n, 0.95);
    r->better[m] = (double)better / (double)r->K;
    r->worse[m] = (double)worse / (double)r->K;
    r->unclear[m] = 1.0 - r->better[m] - r->worse[m];
}

/* Where B loses on the discovery metric: PRIM over the points' parameter values, the
 * cases being the points whose B - A lies on the worse side. */
static ps_status robust_discover(const ensemble *e, robust *r, ps_error *err)
{
    int side = BETTER[r->discover] != 0 ? BETTER[r->discover] : 1;
    for (size_t k = 0; k < r->K; k++) {
        double d = r->difference[k * PS_N_METRICS + r->discover];
        r->loses[k] = isfinite(d) && d * side < 0.0;
        r->n_loses += r->loses[k];
    }
    if (r->n_loses == 0 || r->n_loses == r->K) {
        return PS_OK; /* nothing to tell apart */
    }
    return ps_prim_run(e->set->values, r->loses, r->K, e->set->n_params, PRIM_ALPHA,
                       PRIM_MASS, PRIM_COVERAGE, &r->prim, err);
}

/* ---- the table and the box --------------------------------------------------------- */

static void print_effects(const robust *r)
{
    printf("%-19s %-7s %-6s %10s %10s %10s %8s %8s %8s\n", "metric", "units", "better",
           "median", "5%", "95%", "B better", "B worse", "n.d.");
    for (int m = 0; m < PS_N_METRICS; m++) {
        char text[3][32];
        double v[3] = {r->median[m], r->q05[m], r->q95[m]};
        for (int j = 0; j < 3; j++) {
            ps_driver_format_number(v[j], text[j], sizeof text[j]);
        }
        const char *better = BETTER[m] > 0 ? "higher" : BETTER[m] < 0 ? "lower" : "-";
        printf("%-19s %-7s %-6s %10s %10s %10s %7.0f%% %7.0f%% %7.0f%%\n",
               ps_metric_name((ps_metric)m), ps_metric_unit((ps_metric)m), better,
               text[0], text[1], text[2], 100.0 * r->better[m], 100.0 * r->worse[m],
               100.0 * r->unclear[m]);
    }
    printf(
        "\nmedian, 5%%, 95%%: of B - A over the points (each point's paired estimate, "
        "as protsim compare's). B better (worse) at a point: its paired test rejects B "
        "= A after Benjamini and Hochberg's adjustment over the %zu points of the "
        "metric (false discovery rate %g), B - A on the better (worse) side; n.d.: not "
        "distinguishable. refugees has no better side: its columns are B higher and B "
        "lower.\n",
        r->K, FDR);
}

static void print_box(const ensemble *e, const robust *r)
{
    const char *name = ps_metric_name(r->discover);
    printf("\nWhere B loses on %s (B - A on the worse side at %zu of %zu points):", name,
           r->n_loses, r->K);
    if (r->prim == NULL) {
        printf(" %s.\n", r->n_loses == 0 ? "nowhere" : "everywhere");
        return;
    }
    const ps_prim *p = r->prim;
    printf(" PRIM (peeling and pasting, alpha %g; the densest box of the trajectory "
           "holding at least %.0f%% of those points)\n",
           PRIM_ALPHA, 100.0 * PRIM_COVERAGE);
    printf(
        "  the box holds %zu points, %.0f%% of the losing points, of which %.0f%% lose "
        "(%.0f%% of all points do):\n",
        p->box.n_in, 100.0 * p->box.coverage, 100.0 * p->box.density,
        100.0 * (double)r->n_loses / (double)r->K);
    size_t shown = 0;
    for (size_t j = 0; j < p->p; j++) {
        if (p->restricted[j]) {
            printf("    %-36s in [%.4g, %.4g]   (the points: [%.4g, %.4g])\n",
                   e->set->paths[j], p->lo[j], p->hi[j], p->step_lo[j], p->step_hi[j]);
            shown++;
        }
    }
    if (shown == 0) {
        printf("    (no range: the losses are not concentrated)\n");
    }
    printf("  peeling trajectory (coverage, density): ");
    for (size_t s = 0; s < p->n_steps; s++) {
        printf("%s(%.2f, %.2f)%s", s > 0 ? " " : "", p->steps[s].coverage,
               p->steps[s].density, s == p->chosen ? "*" : "");
    }
    printf("\n");
}

static void print_compare(const ensemble *e, const robust *r,
                          const ps_compare_options *opt, int horizon, double seconds)
{
    printf("A: %s (%s)\nB: %s (%s)\n", e->base[0]->name, opt->scenario[0],
           e->base[1]->name, opt->scenario[1]);
    printf(
        "At each of %zu plausible points of %s: %zu paired replicates (point k's seeds "
        "from seed %llu and k; replicate r of A and of B share a seed).\n",
        e->K, e->file, e->R, (unsigned long long)e->seed);
    printf("Outcomes at the end of %d; %.1f s%s%s.\n\n", horizon, seconds,
           opt->output != NULL ? "; wrote " : "", opt->output != NULL ? opt->output : "");
    print_effects(r);
    print_box(e, r);
}

/* ---- compare: the file and the command --------------------------------------------- */

/* A compare file of K x R runs in each of /a and /b. */
static ps_status compare_open(ensemble *e, const ps_compare_options *opt, ps_error *err)
{
    static const char *const GROUP[ARMS] = {"/a", "/b"};
    char description[ARMS][2 * PS_MAX_TEXT + 32];
    ps_world *w[ARMS] = {NULL, NULL};
    ps_record_part parts[ARMS];
    ps_status st = PS_OK;
    for (size_t a = 0; a < ARMS && st == PS_OK; a++) {
        st = ps_world_create(e->base[a], e->seeds[0], &w[a], err);
        if (st != PS_OK) {
            break;
        }
        snprintf(description[a], sizeof description[a], "scenario %s: %s, from %s",
                 a == 0 ? "A" : "B", e->base[a]->name, e->base[a]->source);
        parts[a] = (ps_record_part){.group = GROUP[a],
                                    .description = description[a],
                                    .sc = e->base[a],
                                    .shape = {.n_states = ps_world_n_states(w[a]),
                                              .n_ngos = ps_world_n_ngos(w[a]),
                                              .n_steps = ps_world_steps_total(w[a]),
                                              .ngo_home = ps_world_ngo_home(w[a]),
                                              .n_runs = e->K * e->R,
                                              .run_seeds = e->seeds},
                                    .meta = {.seed = e->seed,
                                             .compress = opt->compress,
                                             .scenario_text = e->text[a]},
                                    .keep = e->keep};
    }
    ps_run_meta meta = {.seed = e->seed, .command_line = opt->command_line};
    if (st == PS_OK) {
        st = ps_recorder_open_parts(opt->output, opt->force, parts, ARMS, &meta, &e->rec,
                                    err);
    }
    ps_world_destroy(w[0]);
    ps_world_destroy(w[1]);
    return st;
}

static ps_status compare_write(ensemble *e, const robust *r, ps_error *err)
{
    const char **text = calloc(2 * e->set->n_params, sizeof *text);
    const char *better[PS_N_METRICS];
    double *bounds = calloc(
        2 * e->set->n_params + 3 * (r->prim ? r->prim->n_steps : 0) + 1, sizeof *bounds);
    int64_t *restricted = calloc(e->set->n_params, sizeof *restricted);
    if (text == NULL || bounds == NULL || restricted == NULL) {
        free(text);
        free(bounds);
        free(restricted);
        return ps_fail(err, PS_ENOMEM, "out of memory");
    }
    for (int m = 0; m < PS_N_METRICS; m++) {
        better[m] = BETTER[m] > 0 ? "higher" : BETTER[m] < 0 ? "lower" : "";
    }
    ps_record_ensemble rec = ens_record(e, text, text + e->set->n_params);
    rec.better_is = better;
    rec.difference = r->difference;
    rec.ci_low = r->ci_low;
    rec.ci_high = r->ci_high;
    rec.p_value = r->p_value;
    rec.p_bh = r->p_bh;
    rec.median_effect = r->median;
    rec.q05_effect = r->q05;
    rec.q95_effect = r->q95;
    rec.share_better = r->better;
    rec.share_worse = r->worse;
    rec.share_unclear = r->unclear;
    rec.discovery = ps_metric_name(r->discover);
    size_t P = e->set->n_params, S = r->prim != NULL ? r->prim->n_steps : 0;
    for (size_t j = 0; j < P; j++) {
        bounds[j] = r->prim != NULL ? r->prim->lo[j] : NAN;
        bounds[P + j] = r->prim != NULL ? r->prim->hi[j] : NAN;
        restricted[j] = r->prim != NULL && r->prim->restricted[j];
    }
    for (size_t s = 0; s < S; s++) {
        bounds[2 * P + s] = r->prim->steps[s].coverage;
        bounds[2 * P + S + s] = r->prim->steps[s].density;
        bounds[2 * P + 2 * S + s] = r->prim->steps[s].mass;
    }
    rec.n_steps = S;
    rec.coverage = bounds + 2 * P;
    rec.density = bounds + 2 * P + S;
    rec.mass = bounds + 2 * P + 2 * S;
    rec.box_lo = bounds;
    rec.box_hi = bounds + P;
    rec.restricted = restricted;
    ps_status st = ps_recorder_write_ensemble(e->rec, &rec, err);
    free(text);
    free(bounds);
    free(restricted);
    return st;
}

/* The metric named by --discover (default poi). */
static ps_status find_discover(const char *name, ps_metric *out, ps_error *err)
{
    const char *want = name != NULL ? name : "poi";
    for (int m = 0; m < PS_N_METRICS; m++) {
        if (strcmp(want, ps_metric_name((ps_metric)m)) == 0) {
            *out = (ps_metric)m;
            return PS_OK;
        }
    }
    return ps_fail(err, PS_EINVAL,
                   "--discover %s: not a metric (poi, legal_status_share, "
                   "detention_incidence, refouled, solutions_rate, framework_steps, "
                   "accessions, mean_gap, refugees; see protsim compare --help)",
                   want);
}

static ps_status compare_robust(ensemble *e, robust *r, ps_error *err)
{
    ps_status st = robust_alloc(r, e->K, err);
    st = st == PS_OK ? robust_points(e, r, err) : st;
    for (int m = 0; st == PS_OK && m < PS_N_METRICS; m++) {
        robust_metric(r, m);
    }
    return st == PS_OK ? robust_discover(e, r, err) : st;
}

ps_status ps_driver_compare_parameters(const ps_compare_options *opt, ps_error *err)
{
    ensemble e = {.n_arms = ARMS, .R = opt->replicates, .interrupted = opt->interrupted};
    robust r = {0};
    int horizon = 0;
    double started = ps_clock_seconds();
    ps_status st = find_discover(opt->discover, &r.discover, err);
    st = st == PS_OK ? ps_driver_pick_keep(opt->keep, &e.keep, err) : st;
    st = st == PS_OK
             ? ens_points(&e, opt->parameters, opt->points, opt->sets, opt->n_sets, err)
             : st;
    st = st == PS_OK ? ens_load(&e, opt->scenario, opt->seed, err) : st;
    if (st == PS_OK) {
        const ps_scenario *const both[2] = {e.base[0], e.base[1]};
        st = ps_driver_compare_horizon(both, opt->horizon, &horizon, err);
    }
    e.fork = opt->fork; /* a point sets the same values in A and B: they still agree */
    st = st == PS_OK && e.fork != 0
             ? ps_driver_check_fork(e.base[0], "A", e.base[1], "B", e.fork, err)
             : st;
    st = st == PS_OK && opt->output != NULL ? compare_open(&e, opt, err) : st;
    if (st == PS_OK) {
        bool show = !opt->quiet && isatty(STDERR_FILENO);
        st = ens_run(&e, opt->scenario, (ps_month)horizon * 12 + 11, opt->threads, show,
                     opt->interrupted, err);
    }
    if (st == PS_EINTR) {
        ps_fail(err, st, "interrupted; nothing written%s%s",
                opt->output != NULL ? " to " : "",
                opt->output != NULL ? opt->output : "");
    }
    st = st == PS_OK ? compare_robust(&e, &r, err) : st;
    if (st == PS_OK && e.rec != NULL) {
        st = compare_write(&e, &r, err);
    }
    if (st == PS_OK && e.rec != NULL) {
        st = ps_recorder_close(e.rec, err);
        e.rec = NULL; /* closed, even on failure */
    }
    if (st == PS_OK && !opt->quiet) {
        print_compare(&e, &r, opt, horizon, ps_clock_seconds() - started);
    }
    robust_free(&r);
    ens_free(&e);
    return st;
}
