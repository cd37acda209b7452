/* sweep_file.c - read and check sweep files (docs/sweeps.md): one table of sweep
 * settings; parameter paths checked against the scenario's settings table; the base
 * scenario loaded with its fixed overrides; the design filled; the digest taken */
#define _XOPEN_SOURCE 700 /* strdup */
#include "protsim/sweep.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_read.h"
#include "settings.h"
#include "sha256.h"
#include "sweep_load.h"

#define MAX_RUNS ((size_t)1 << 40) /* runs of one sweep: run indices fit a double */
#define DIGEST_TAG "protsim sweep digest 1" /* fed first: a new layout changes it */

#define member ps_node_member

/* ---- the settings of a sweep file ------------------------------------------------- */

/* Choices are stored and read as int. */
_Static_assert(sizeof(ps_design_kind) == sizeof(int), "ps_design_kind is stored as int");
_Static_assert(sizeof(ps_sweep_model) == sizeof(int), "ps_sweep_model is stored as int");
_Static_assert(sizeof(ps_scale) == sizeof(int), "ps_scale is stored as int");

static const char *const DESIGN_NAMES[PS_N_DESIGNS] = {
#define PS_AS_DESIGN_NAME(id, name) [id] = name,
    PS_DESIGN_LIST(PS_AS_DESIGN_NAME)
#undef PS_AS_DESIGN_NAME
};

/* clang-format off */
#define SW(f) offsetof(ps_sweep, f)
#define TEXT PS_SW_TEXT
#define CHOICE PS_SW_CHOICE
#define COUNT PS_SW_COUNT
#define OTHER PS_SW_OTHER

/* The settings of a sweep file (docs/sweeps.md); the custom rows are read by the
 * checks of SWEEP_FORMAT below, in their order. */
static const ps_setting SWEEP_ROWS[] = {
    CHOICE("model", SW(model), 0, PS_MODEL_SCENARIO, PS_SWEEP_MODEL_NAMES, PS_N_MODELS,
           "what runs compute"),
    TEXT(ps_sweep, "base", base, 0, "the base scenario file, relative to the sweep file"),
    OTHER("set", "fixed \"path=value\" overrides of the base"),
    CHOICE("design", SW(design), PS_REQUIRED, 0, DESIGN_NAMES, PS_N_DESIGNS, "design"),
    COUNT("points", SW(points), 0, 1, 1e8, "points", "lhs points, sobol N, morris r"),
    OTHER("table", "design points: the points, each [u1, .., uP] in [0, 1]"),
    COUNT("levels", SW(levels), 4, 1, 1000, "levels", "morris p; levels of grid axes"),
    COUNT("replicates", SW(replicates), 1, 1, 1e6, "runs", "runs per design point"),
    {.path = "seed", .kind = PS_KIND_INT64, .unit = "", .doc = "the sweep seed",
     .offset = SW(seed), .def = 1},
    {.path = "noise", .kind = PS_KIND_REAL, .unit = "1",
     .doc = "sd added to each output of a test model per run",
     .offset = SW(noise), .def = 0, .min = 0, .max = 1e6},
    OTHER("parameters", "the parameters varied"),
    OTHER("outputs.years", "years of the summary metrics"),
    OTHER("outputs.metrics", "names of the summary metrics"),
    {.path = "outputs.series", .kind = PS_KIND_BOOL, .unit = "",
     .doc = "keep monthly series of the metrics", .offset = SW(series)},
    OTHER("outputs.targets", "a targets file: each run measures its targets instead"),
};

/* ---- outputs ---------------------------------------------------------------------- */

/* outputs.years: each with its December inside the run; default the last full year. */
static ps_status load_years(const ps_sweep_loader *ld)
{
    ps_sweep *sw = ld->sw;
    const ps_node *node = member(ld->root, "outputs.years");
    int first = sw->start / 12, last = (sw->start + (int)sw->n_steps) / 12 - 1;
    if (last < first) {
        return ps_settings_fail(
            ld->pl, member(ld->root, "base"),
            "base: the run holds no December, so no year for the metrics");
    }
    if (node == NULL) {
        sw->years[sw->n_years++] = last;
        return PS_OK;
    }
    int n = ps_node_length(node);
    if (!ps_node_is_array(node) || n == 0 || n > PS_SWEEP_MAX_YEARS) {
        return ps_settings_fail(
            ld->pl, node, "outputs.years: expected a list of 1 to %d years [y, ...]",
            PS_SWEEP_MAX_YEARS);
    }
    for (int i = 0; i < n; i++) {
        const ps_node *e = ps_node_elem(node, (int)i);
        long long y;
        if (!ps_node_integer(e, &y)) {
            return ps_settings_fail(ld->pl, e, "outputs.years.[%d]: expected an integer",
                                    i);
        }
        if (y < first || y > last) {
            return ps_settings_fail(
                ld->pl, e, "outputs.years.[%d] = %lld is outside [%d, %d] (year)", i, y,
                first, last);
        }
        for (int k = 0; k < i; k++) {
            if (sw->years[k] == y) {
                return ps_settings_fail(
                    ld->pl, e, "outputs.years.[%d] = %lld repeats outputs.years.[%d]", i,
                    y, k);
            }
        }
        sw->years[sw->n_years++] = (int)y;
    }
    return PS_OK;
}

/* The metric named s, or fail with the nearest name as a hint. */
static ps_status find_metric(const ps_sweep_loader *ld, const ps_node *e, int i, const char *s,
                             ps_metric *out)
{
    ps_sweep_hint h = {s, SIZE_MAX, ""};
    for (int m = 0; m < PS_N_METRICS; m++) {
        if (strcmp(s, ps_metric_name((ps_metric)m)) == 0) {
            *out = (ps_metric)m;
            return PS_OK;
        }
        ps_sweep_hint_offer(&h, ps_metric_name((ps_metric)m),
                            strlen(ps_metric_name((ps_metric)m)));
    }
    if (h.text[0] != '\0') {
        return ps_settings_fail(ld->pl, e,
                                "outputs.metrics.[%d] = \"%s\": unknown metric (did you "
                                "mean %s?)",
                                i, s, h.text);
    }
    return ps_settings_fail(ld->pl, e, "outputs.metrics.[%d] = \"%s\": unknown metric", i,
                            s);
}

/* outputs.metrics: names of summary.h's metrics; default all, in their order. */
static ps_status load_metrics(const ps_sweep_loader *ld)
{
    ps_sweep *sw = ld->sw;
    const ps_node *node = member(ld->root, "outputs.metrics");
    if (node == NULL) {
        for (int m = 0; m < PS_N_METRICS; m++) {
            sw->metrics[sw->n_metrics++] = (ps_metric)m;
        }
        return PS_OK;
    }
    int n = ps_node_length(node);
    if (!ps_node_is_array(node) || n == 0 || n > PS_N_METRICS) {
        return ps_settings_fail(
            ld->pl, node, "outputs.metrics: expected a list of 1 to %d metric names",
            PS_N_METRICS);
    }
    for (int i = 0; i < n; i++) {
        const ps_node *e = ps_node_elem(node, (int)i);
        const char *s = ps_node_string(e);
        ps_metric m = PS_M_POI;
        ps_status st =
            s != NULL ? find_metric(ld, e, i, s, &m)
                      : ps_settings_fail(ld->pl, e,
                                         "outputs.metrics.[%d]: expected a string", i);
        for (int k = 0; st == PS_OK && k < i; k++) {
            if (sw->metrics[k] == m) {
                st = ps_settings_fail(ld->pl, e,
                                      "outputs.metrics.[%d] = \"%s\" repeats "
                                      "outputs.metrics.[%d]",
                                      i, s, k);
            }
        }
        if (st != PS_OK) {
            return st;
        }
        sw->metrics[sw->n_metrics++] = m;
    }
    return PS_OK;
}

/* outputs.targets instead of metrics: each run's values are its targets'. */
static ps_status load_target_outputs(const ps_sweep_loader *ld, const ps_node *node)
{
    static const char *const METRIC_SETTINGS[] = {"outputs.years", "outputs.metrics",
                                                  "outputs.series"};
    for (size_t k = 0; k < sizeof METRIC_SETTINGS / sizeof *METRIC_SETTINGS; k++) {
        const ps_node *other = member(ld->root, METRIC_SETTINGS[k]);
        if (other != NULL) {
            return ps_settings_fail(ld->pl, other,
                                    "%s: not with outputs.targets (the runs keep their "
                                    "targets' measures)",
                                    METRIC_SETTINGS[k]);
        }
    }
    ps_status st = ps_sweep_load_targets(ld, node, "outputs.targets");
    ld->sw->n_values = st == PS_OK ? ld->sw->targets->n : 0;
    return st;
}

static ps_status load_outputs(const ps_sweep_loader *ld)
{
    ps_sweep *sw = ld->sw;
    const ps_node *targets = member(ld->root, "outputs.targets");
    if (targets != NULL) {
        return load_target_outputs(ld, targets);
    }
    if (sw->model != PS_MODEL_SCENARIO) {
        sw->n_values = sw->model == PS_MODEL_ISHIGAMI ? 1 : PS_ANALYTIC_OUTPUTS;
        return PS_OK;
    }
    ps_status st = load_years(ld);
    if (st == PS_OK) {
        st = load_metrics(ld);
    }
    sw->n_values = sw->n_years * sw->n_metrics;
    sw->n_series = sw->series ? sw->n_metrics * sw->n_steps : 0;
    return st;
}

/* ---- the design ------------------------------------------------------------------- */

static ps_status check_design(const ps_sweep_loader *ld)
{
    const ps_sweep *sw = ld->sw;
    const ps_node *points = member(ld->root, "points");
    const ps_node *levels = member(ld->root, "levels");
    const char *name = ps_design_name(sw->design);
    const ps_node *table = member(ld->root, "table");
    if ((sw->design == PS_DESIGN_POINTS) != (table != NULL)) {
        return sw->design == PS_DESIGN_POINTS
                   ? ps_settings_fail(ld->pl, ld->root,
                                      "table: missing required setting (design \"points\")")
                   : ps_settings_fail(ld->pl, table, "table: only for design \"points\"");
    }
    if (sw->design == PS_DESIGN_POINTS && points != NULL) {
        return ps_settings_fail(ld->pl, points,
                                "points: not used by design \"points\" (the table's rows "
                                "are the points)");
    }
    if (sw->design == PS_DESIGN_GRID && points != NULL) {
        return ps_settings_fail(ld->pl, points,
                                "points: not used by design \"grid\" (the levels of "
                                "the parameters make the grid)");
    }
    if (sw->design != PS_DESIGN_GRID && sw->design != PS_DESIGN_POINTS && points == NULL) {
        return ps_settings_fail(ld->pl, ld->root,
                                "points: missing required setting (design \"%s\")", name);
    }
    if (sw->design == PS_DESIGN_MORRIS && sw->levels % 2 != 0) {
        return ps_settings_fail(ld->pl, levels,
                                "levels = %zu must be even for design \"morris\"",
                                sw->levels);
    }
    if (sw->design == PS_DESIGN_SOBOL && sw->n_params > PS_SOBOL_MAX_PARAMS) {
        return ps_settings_fail(
            ld->pl, member(ld->root, "parameters"),
            "parameters: design \"sobol\" takes at most %d (2 dimensions of "
            "GSL's Sobol sequence each)",
            PS_SOBOL_MAX_PARAMS);
    }
    return PS_OK;
}

/* Row i of the table: n_params numbers in [0, 1]. */
static ps_status load_table_row(const ps_sweep_loader *ld, const ps_node *row, size_t i)
{
    ps_sweep *sw = ld->sw;
    if (!ps_node_is_sequence_of(row, false, SIZE_MAX) ||
        (size_t)ps_node_length(row) != sw->n_params) {
        return ps_settings_fail(ld->pl, row,
                                "table.[%zu]: expected [u1, .., u%zu], one number in [0, 1] "
                                "per parameter",
                                i, sw->n_params);
    }
    for (size_t j = 0; j < sw->n_params; j++) {
        double u;
        ps_node_number(ps_node_elem(row, (int)j), &u);
        if (!(u >= 0.0 && u <= 1.0)) {
            return ps_settings_fail(ld->pl, ps_node_elem(row, (int)j),
                                    "table.[%zu].[%zu] = %g is outside [0, 1] (the unit "
                                    "value of %s)",
                                    i, j, u, sw->params[j].name);
        }
        sw->table[i * sw->n_params + j] = u;
    }
    return PS_OK;
}

/* design "points": the table of unit values, a row per point. */
static ps_status load_table(const ps_sweep_loader *ld)
{
    ps_sweep *sw = ld->sw;
    const ps_node *node = member(ld->root, "table");
    int n = ps_node_length(node);
    if (!ps_node_is_sequence(node) || n == 0) {
        return ps_settings_fail(ld->pl, node,
                                "table: expected a list of points ( [u1, .., uP], ... )");
    }
    sw->points = (size_t)n;
    sw->table = malloc((size_t)n * sw->n_params * sizeof *sw->table);
    if (sw->table == NULL) {
        return ps_fail(ld->err, PS_ENOMEM, "%s: cannot allocate a table of %d points",
                       ld->pl->file, n);
    }
    for (size_t i = 0; i < (size_t)n; i++) {
        ps_status st = load_table_row(ld, ps_node_elem(node, (int)i), i);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* Memory of a design and its results: the points (and a work array of as many), and
 * per run its status, its values and series (sweep_results.c) and a place in the list
 * of runs to do (sweep_job.c). */
static double design_bytes(const ps_sweep *sw)
{
    double per_run = 16.0 + 8.0 * ((double)sw->n_values + (double)sw->n_series);
    return 8.0 * (double)sw->n_rows * ((double)sw->n_params + 1.0) +
           per_run * (double)sw->n_runs;
}

static ps_status make_design(const ps_sweep_loader *ld)
{
    ps_sweep *sw = ld->sw;
    ps_status st = sw->design == PS_DESIGN_POINTS ? load_table(ld) : PS_OK;
    if (st != PS_OK) {
        return st;
    }
    size_t levels[PS_SWEEP_MAX_PARAMS];
    for (size_t j = 0; j < sw->n_params; j++) {
        levels[j] = sw->params[j].levels;
    }
    ps_design_spec spec = {sw->design, sw->n_params, sw->points, levels,
                           sw->levels, sw->seed,     sw->table};
    size_t rows = ps_design_rows(&spec);
    if (rows == 0 || rows > MAX_RUNS / sw->replicates) {
        return ps_settings_fail(ld->pl, ld->root,
                                "design \"%s\" with %zu parameters: more than %zu runs",
                                ps_design_name(sw->design), sw->n_params, MAX_RUNS);
    }
    sw->n_rows = rows;
    sw->n_runs = rows * sw->replicates;
    char what[96];
    snprintf(what, sizeof what, "design \"%s\" of %zu runs", ps_design_name(sw->design),
             sw->n_runs);
    st = ps_memory_check(ld->pl->file, what, design_bytes(sw), ld->err);
    if (st != PS_OK) {
        return st;
    }
    sw->unit = malloc(rows * sw->n_params * sizeof *sw->unit);
    if (sw->unit == NULL) {
        return ps_fail(ld->err, PS_ENOMEM, "%s: cannot allocate a design of %zu points",
                       ld->pl->file, rows);
    }
    return ps_design_fill(&spec, sw->unit, ld->err);
}

/* ---- loading: the public entries -------------------------------------------------- */

static void take_digest(ps_sweep *sw)
{
    ps_sha256 s;
    ps_sha256_init(&s);
    ps_sha256_update(&s, DIGEST_TAG, sizeof DIGEST_TAG);
    ps_sha256_update(&s, sw->text, strlen(sw->text) + 1);
    ps_sha256_update(&s, sw->base_text, strlen(sw->base_text) + 1);
    if (sw->targets != NULL) { /* the targets change what each run keeps */
        ps_sha256_update(&s, sw->targets->text, strlen(sw->targets->text) + 1);
    }
    ps_sha256_hex(&s, sw->digest);
}

/* The checks of SWEEP_FORMAT, after its plain rows: in order, the first failure is the
 * message. */
static ps_status check_models(const ps_loader *pl, const ps_node *root, void *out,
                              void *ctx)
{
    (void)out;
    return ps_sweep_check_model(ps_sweep_loader_of(pl, root, ctx));
}

static ps_status check_base(const ps_loader *pl, const ps_node *root, void *out,
                            void *ctx)
{
    (void)out;
    return ps_sweep_load_base(ps_sweep_loader_of(pl, root, ctx));
}

static ps_status check_params(const ps_loader *pl, const ps_node *root, void *out,
                              void *ctx)
{
    (void)out;
    return ps_sweep_load_params(ps_sweep_loader_of(pl, root, ctx));
}

static ps_status check_outputs(const ps_loader *pl, const ps_node *root, void *out,
                               void *ctx)
{
    (void)out;
    return load_outputs(ps_sweep_loader_of(pl, root, ctx));
}

static ps_status check_designs(const ps_loader *pl, const ps_node *root, void *out,
                               void *ctx)
{
    const ps_sweep_loader *ld = ps_sweep_loader_of(pl, root, ctx);
    (void)out;
    ps_status st = check_design(ld);
    return st == PS_OK ? make_design(ld) : st;
}

static ps_format_check *const SWEEP_CHECKS[] = {check_models, check_base, check_params,
                                                check_outputs, check_designs};
static const ps_scope SWEEP_SCOPE = {
    "sweep", SWEEP_ROWS, sizeof SWEEP_ROWS / sizeof SWEEP_ROWS[0], sizeof(ps_sweep)};
static const ps_format SWEEP_FORMAT = {.scope = &SWEEP_SCOPE,
                                       .checks = SWEEP_CHECKS,
                                       .n_checks =
                                           sizeof SWEEP_CHECKS / sizeof SWEEP_CHECKS[0]};

void ps_sweep_free_members(ps_sweep *sw)
{
    free(sw->text);
    free(sw->base_text);
    free(sw->unit);
    free(sw->table);
    ps_targets_destroy(sw->targets);
}

void ps_sweep_destroy(ps_sweep *sw)
{
    if (sw != NULL) {
        ps_sweep_free_members(sw);
        free(sw);
    }
}

/* Every run is built the way design row 0 is: one trial build catches what the ranges
 * alone cannot (a combination the scenario refuses). */
static ps_status try_row0(const char *file, const ps_sweep *sw, ps_error *err)
{
    if (sw->model != PS_MODEL_SCENARIO) {
        return PS_OK;
    }
    ps_scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: out of memory", file);
    }
    ps_error inner = {0};
    ps_status st = ps_sweep_scenario(sw, 0, sc, &inner);
    free(sc);
    if (st == PS_EINVAL) {
        return ps_fail(err, st, "%s: the parameters of design row 0: %s", file,
                       inner.msg);
    }
    return st == PS_OK ? PS_OK : ps_fail(err, st, "%s", inner.msg);
}

/* ps_sweep_load_string with a stop flag (may be NULL). */
static ps_status load_string(const char *text, const char *name, const char *dir,
                             const volatile sig_atomic_t *stop, ps_sweep **out,
                             ps_error *err)
{
    *out = NULL;
    ps_sweep *sw = calloc(1, sizeof *sw);
    if (sw == NULL || (sw->text = strdup(text)) == NULL) {
        ps_sweep_destroy(sw);
        return ps_fail(err, PS_ENOMEM, "%s: out of memory", name);
    }
    snprintf(sw->source, sizeof sw->source, "%s", name);
    ps_sweep_loader ld = {.dir = dir, .sw = sw, .err = err};
    ps_status st =
        ps_format_load_string(&SWEEP_FORMAT, text, name, dir, stop, sw, &ld, err);
    free(ld.sc);
    if (st == PS_OK && sw->base_text == NULL) {
        sw->base_text = strdup("");
        st = sw->base_text != NULL ? PS_OK : ps_fail(err, PS_ENOMEM, "out of memory");
    }
    st = st == PS_OK ? try_row0(name, sw, err) : st;
    if (st != PS_OK) {
        ps_sweep_destroy(sw);
        return st;
    }
    take_digest(sw);
    *out = sw;
    return PS_OK;
}

ps_status ps_sweep_load_string(const char *text, const char *name, const char *dir,
                               ps_sweep **out, ps_error *err)
{
    return load_string(text, name, dir, NULL, out, err);
}

ps_status ps_sweep_load(const char *path, ps_sweep **out, ps_error *err)
{
    return ps_sweep_load_interruptible(path, NULL, out, err);
}

ps_status ps_sweep_load_interruptible(const char *path, const volatile sig_atomic_t *stop,
                                      ps_sweep **out, ps_error *err)
{
    *out = NULL;
    char *text = NULL;
    ps_status st = ps_config_read_text(path, &text, err);
    if (st != PS_OK) {
        return st;
    }
    char dir[4 * PS_SWEEP_TEXT];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash != NULL ? (int)(slash - path) : 0, path);
    if (slash == path) {
        snprintf(dir, sizeof dir, "/");
    }
    st = load_string(text, path, dir, stop, out, err);
    free(text);
    return st;
}
