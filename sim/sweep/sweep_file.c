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

#define HINT_DISTANCE 3            /* farthest name offered by "did you mean" */
#define NAME_CAP 128               /* longer names are never offered as hints */
#define MAX_RUNS ((size_t)1 << 40) /* runs of one sweep: run indices fit a double */
#define PI 3.14159265358979323846
#define DIGEST_TAG "protsim sweep digest 1" /* fed first: a new layout changes it */

/* ---- the settings of a sweep file ------------------------------------------------- */

/* Choices are stored and read as int. */
_Static_assert(sizeof(ps_design_kind) == sizeof(int), "ps_design_kind is stored as int");
_Static_assert(sizeof(ps_sweep_model) == sizeof(int), "ps_sweep_model is stored as int");
_Static_assert(sizeof(ps_scale) == sizeof(int), "ps_scale is stored as int");

static const char *const MODEL_NAMES[PS_N_MODELS] = {"scenario", "ishigami"};
static const char *const SCALE_NAMES[PS_N_SCALES] = {"linear", "log", "list"};
static const char *const DESIGN_NAMES[PS_N_DESIGNS] = {
#define PS_AS_DESIGN_NAME(id, name) [id] = name,
    PS_DESIGN_LIST(PS_AS_DESIGN_NAME)
#undef PS_AS_DESIGN_NAME
};

/* clang-format off */
#define SW(f) offsetof(ps_sweep, f)
#define PA(f) offsetof(ps_sweep_param, f)
#define TEXT(T, p, f, fl, d)                                                             \
    {.path = (p), .kind = PS_KIND_STRING, .flags = (fl), .unit = "", .doc = (d),         \
     .offset = offsetof(T, f), .n = sizeof(((T *)0)->f)}
#define CHOICE(p, o, fl, dv, nm, nn, d)                                                  \
    {.path = (p), .kind = PS_KIND_ENUM, .flags = (fl), .unit = "", .doc = (d),           \
     .offset = (o), .def = (dv), .names = (nm), .n = (nn)}
#define COUNT(p, o, dv, lo, hi, u, d)                                                    \
    {.path = (p), .kind = PS_KIND_COUNT, .unit = (u), .doc = (d), .offset = (o),        \
     .def = (dv), .min = (lo), .max = (hi)}
#define OTHER(p, d) {.path = (p), .kind = PS_KIND_CUSTOM, .unit = "", .doc = (d)}

/* The settings of a sweep file (docs/sweeps.md); the custom rows are read by the
 * checks of SWEEP_FORMAT below, in their order. */
static const ps_setting SWEEP_ROWS[] = {
    CHOICE("model", SW(model), 0, PS_MODEL_SCENARIO, MODEL_NAMES, 2, "what runs compute"),
    TEXT(ps_sweep, "base", base, 0, "the base scenario file, relative to the sweep file"),
    OTHER("set", "fixed \"path=value\" overrides of the base"),
    CHOICE("design", SW(design), PS_REQUIRED, 0, DESIGN_NAMES, PS_N_DESIGNS, "design"),
    COUNT("points", SW(points), 0, 1, 1e8, "points", "lhs points, sobol N, morris r"),
    COUNT("levels", SW(levels), 4, 1, 1000, "levels", "morris p; levels of grid axes"),
    COUNT("replicates", SW(replicates), 1, 1, 1e6, "runs", "runs per design point"),
    {.path = "seed", .kind = PS_KIND_INT64, .unit = "", .doc = "the sweep seed",
     .offset = SW(seed), .def = 1},
    {.path = "noise", .kind = PS_KIND_REAL, .unit = "1", .doc = "sd added to y per run",
     .offset = SW(noise), .def = 0, .min = 0, .max = 1e6},
    OTHER("parameters", "the parameters varied"),
    OTHER("outputs.years", "years of the summary metrics"),
    OTHER("outputs.metrics", "names of the summary metrics"),
    {.path = "outputs.series", .kind = PS_KIND_BOOL, .unit = "",
     .doc = "keep monthly series of the metrics", .offset = SW(series)},
};

/* parameters.[j] */
static const ps_setting PARAM_ROWS[] = {
    TEXT(ps_sweep_param, "name", name, 0, "short label; default the path"),
    TEXT(ps_sweep_param, "path", path, PS_REQUIRED, "the setting varied"),
    OTHER("range", "[lo, hi]"),
    OTHER("values", "[a, b, ...]"),
    CHOICE("scale", PA(scale), 0, PS_SCALE_LINEAR, SCALE_NAMES, 2, "of a range"),
    COUNT("levels", PA(levels), 0, 1, 1000, "levels", "grid: levels of this axis"),
};
static const ps_scope PARAM_SCOPE = {"parameter", PARAM_ROWS,
                                     sizeof PARAM_ROWS / sizeof PARAM_ROWS[0],
                                     sizeof(ps_sweep_param)};

/* The Ishigami function's inputs: the settings of model "ishigami". */
static const ps_setting ISHIGAMI_ROWS[] = {
    {.path = "x1", .kind = PS_KIND_REAL, .unit = "1", .doc = "first input", .min = -PI,
     .max = PI},
    {.path = "x2", .kind = PS_KIND_REAL, .unit = "1", .doc = "second input", .min = -PI,
     .max = PI},
    {.path = "x3", .kind = PS_KIND_REAL, .unit = "1", .doc = "third input", .min = -PI,
     .max = PI},
};
static const ps_scope ISHIGAMI_SCOPE = {"ishigami", ISHIGAMI_ROWS, 3, 0};
/* clang-format on */

const char *ps_scale_name(ps_scale scale)
{
    return scale >= 0 && scale < PS_N_SCALES ? SCALE_NAMES[scale] : "?";
}

const char *ps_sweep_model_name(ps_sweep_model model)
{
    return model >= 0 && model < PS_N_MODELS ? MODEL_NAMES[model] : "?";
}

/* ---- what the checks share -------------------------------------------------------- */

/* The caller's side of loading one sweep file. */
typedef struct loader {
    const ps_loader *pl; /* the engine's: file and messages */
    const char *dir;     /* folder of the sweep file: base is relative to it */
    ps_sweep *sw;        /* being filled */
    ps_scenario *sc;     /* owned: the base scenario (model scenario), for list sizes */
    const ps_node *root; /* of the sweep file */
    ps_error *err;
} loader;

/* The loader of a check of SWEEP_FORMAT: the engine's side filled in. */
static loader *ctx_of(const ps_loader *pl, const ps_node *root, void *ctx)
{
    loader *ld = ctx;
    ld->pl = pl;
    ld->root = root;
    return ld;
}

#define member ps_node_member

/* Keeps the nearest of the candidates offered to it. */
typedef struct hint {
    const char *name; /* looked for */
    size_t best;
    char text[NAME_CAP];
} hint;

static void offer(hint *h, const char *candidate, size_t len)
{
    char buf[NAME_CAP];
    if (len >= sizeof buf) {
        return;
    }
    snprintf(buf, sizeof buf, "%.*s", (int)len, candidate);
    size_t d = ps_edit_distance(buf, h->name);
    if (d < h->best && d <= HINT_DISTANCE) {
        h->best = d;
        snprintf(h->text, sizeof h->text, "%s", buf);
    }
}

/* ---- the base scenario ------------------------------------------------------------ */

/* "FILE:LINE: set: msg" for a failing fixed override, whose message from the scenario
 * loader starts with "--set: ". */
static ps_status fail_set(const loader *ld, const ps_node *node)
{
    char msg[sizeof ld->err->msg];
    const char *text = ld->err->msg;
    snprintf(msg, sizeof msg, "%s", strncmp(text, "--set: ", 7) == 0 ? text + 7 : text);
    return ps_settings_fail(ld->pl, node, "set: %s", msg);
}

static ps_status load_sets(const loader *ld)
{
    const ps_node *node = member(ld->root, "set");
    ps_sweep *sw = ld->sw;
    if (node == NULL) {
        return PS_OK;
    }
    if (!ps_node_is_sequence(node)) {
        return ps_settings_fail(ld->pl, node,
                                "set: expected a list of \"path=value\" strings");
    }
    if ((size_t)ps_node_length(node) > PS_SWEEP_MAX_SETS) {
        return ps_settings_fail(ld->pl, node, "set has %d values, at most %d",
                                ps_node_length(node), PS_SWEEP_MAX_SETS);
    }
    for (int i = 0; i < ps_node_length(node); i++) {
        const ps_node *e = ps_node_elem(node, (int)i);
        const char *s = ps_node_string(e);
        if (s == NULL || strlen(s) >= PS_SWEEP_TEXT) {
            return ps_settings_fail(ld->pl, e,
                                    "set.[%d]: expected a \"path=value\" string of at "
                                    "most %d characters",
                                    i, PS_SWEEP_TEXT - 1);
        }
        snprintf(sw->sets[sw->n_sets++], PS_SWEEP_TEXT, "%s", s);
    }
    return PS_OK;
}

/* Load the base with the fixed overrides; keep it (for list sizes) and its text. */
static ps_status load_base(loader *ld)
{
    ps_sweep *sw = ld->sw;
    const ps_node *node = member(ld->root, "base");
    if (node == NULL) {
        return ps_settings_fail(ld->pl, ld->root,
                                "base: missing required setting (model \"%s\")",
                                MODEL_NAMES[sw->model]);
    }
    char rel[sizeof sw->base];
    snprintf(rel, sizeof rel, "%s", sw->base);
    if (rel[0] != '/' && ld->dir != NULL && ld->dir[0] != '\0' &&
        snprintf(sw->base, sizeof sw->base, "%s/%s", ld->dir, rel) >=
            (int)sizeof sw->base) {
        return ps_settings_fail(ld->pl, node, "base = \"%s\": path too long", rel);
    }
    const char *sets[PS_SWEEP_MAX_SETS];
    for (size_t i = 0; i < sw->n_sets; i++) {
        sets[i] = sw->sets[i];
    }
    ld->sc = calloc(1, sizeof *ld->sc);
    if (ld->sc == NULL) {
        return ps_fail(ld->err, PS_ENOMEM, "%s: out of memory", sw->base);
    }
    ps_status st = ps_scenario_load(sw->base, sets, sw->n_sets, ld->sc, ld->err);
    if (st == PS_EINVAL && strncmp(ld->err->msg, "--set", 5) == 0) {
        return fail_set(ld, member(ld->root, "set"));
    }
    if (st != PS_OK) {
        return st;
    }
    sw->base_text = ps_scenario_text(ld->sc);
    sw->start = ld->sc->start;
    sw->n_steps = ps_scenario_steps(ld->sc);
    return sw->base_text != NULL ? PS_OK : ps_fail(ld->err, PS_ENOMEM, "out of memory");
}

/* Settings that belong to the other model must be absent. */
static ps_status check_model(const loader *ld)
{
    static const struct {
        const char *path;
        ps_sweep_model model;
    } ONLY[] = {
        {"base", PS_MODEL_SCENARIO},           {"set", PS_MODEL_SCENARIO},
        {"outputs.years", PS_MODEL_SCENARIO},  {"outputs.metrics", PS_MODEL_SCENARIO},
        {"outputs.series", PS_MODEL_SCENARIO}, {"noise", PS_MODEL_ISHIGAMI}};
    for (size_t k = 0; k < sizeof ONLY / sizeof ONLY[0]; k++) {
        const ps_node *node = member(ld->root, ONLY[k].path);
        if (node != NULL && ONLY[k].model != ld->sw->model) {
            return ps_settings_fail(ld->pl, node, "%s: only for model \"%s\"",
                                    ONLY[k].path, MODEL_NAMES[ONLY[k].model]);
        }
    }
    return PS_OK;
}

/* ---- parameter paths -------------------------------------------------------------- */

/* The setting a parameter path names, through list elements ("states.list.[2].access"),
 * which must exist in the base scenario. */
static ps_status find_setting(const loader *ld, const ps_node *node, const char *where,
                              const char *path, const ps_setting **out)
{
    bool ishigami = ld->sw->model == PS_MODEL_ISHIGAMI;
    ps_path_walk w;
    ps_path_walk_of(ishigami ? &ISHIGAMI_SCOPE : ps_scenario_scope(),
                    (const char *)ld->sc, path, &w);
    int before = (int)w.at - 1; /* the part before the one that failed */
    switch (w.end) {
    case PS_PATH_SETTING:
        *out = w.row;
        return PS_OK;
    case PS_PATH_GROUP:
    case PS_PATH_LIST:
        return ps_settings_fail(ld->pl, node, "%s = \"%s\": a %s, not a setting", where,
                                path, w.end == PS_PATH_GROUP ? "group" : "list");
    case PS_PATH_NOT_GROUP:
        return ps_settings_fail(ld->pl, node,
                                "%s = \"%s\": %.*s is a setting, not a group", where,
                                path, before, path);
    case PS_PATH_NO_ELEMENT:
        return ps_settings_fail(ld->pl, node,
                                "%s = \"%s\": no such element (%.*s has %zu)", where,
                                path, before, path, w.n);
    case PS_PATH_NO_NAME:
        return ps_settings_fail(ld->pl, node, "%s = \"%s\": no %s named %.*s%s%s%s",
                                where, path, w.row->elem->name,
                                (int)strcspn(path + w.at, "."), path + w.at,
                                w.hint[0] != '\0' ? " (did you mean " : "", w.hint,
                                w.hint[0] != '\0' ? "?)" : "");
    case PS_PATH_UNKNOWN:
        break;
    }
    if (w.hint[0] != '\0') {
        return ps_settings_fail(ld->pl, node,
                                "%s = \"%s\": unknown setting (did you mean %s?)", where,
                                path, w.hint);
    }
    return ps_settings_fail(ld->pl, node, "%s = \"%s\": unknown setting", where, path);
}

/* ---- parameters ------------------------------------------------------------------- */

static ps_status load_range(const loader *ld, const ps_node *node, const ps_setting *row,
                            const char *where, ps_sweep_param *p)
{
    bool pair = (ps_node_is_sequence(node)) && ps_node_length(node) == 2;
    const ps_node *a = pair ? ps_node_elem(node, 0) : NULL;
    const ps_node *b = pair ? ps_node_elem(node, 1) : NULL;
    double lo, hi;
    if (!pair || !ps_node_number(a, &lo) || !ps_node_number(b, &hi)) {
        return ps_settings_fail(ld->pl, node, "%s: expected [lo, hi]", where);
    }
    if (!(lo < hi)) {
        return ps_settings_fail(ld->pl, node, "%s = [%g, %g]: expected lo < hi", where,
                                lo, hi);
    }
    if (lo < row->min || hi > row->max) {
        return ps_settings_fail(ld->pl, node, "%s = [%g, %g] is outside [%g, %g] (%s)",
                                where, lo, hi, row->min, row->max, row->unit);
    }
    if (p->integer && (lo != floor(lo) || hi != floor(hi))) {
        return ps_settings_fail(
            ld->pl, node, "%s = [%g, %g]: expected whole numbers (%s is an integer)",
            where, lo, hi, p->path);
    }
    if (p->scale == PS_SCALE_LOG && lo <= 0.0) {
        return ps_settings_fail(ld->pl, node, "%s = [%g, %g]: scale \"log\" needs lo > 0",
                                where, lo, hi);
    }
    p->lo = lo;
    p->hi = hi;
    return PS_OK;
}

/* Value i of a list: a name of the choice row, stored as its position i. */
static ps_status value_name(const loader *ld, const ps_node *e, const ps_setting *row,
                            const char *where, int i, ps_sweep_param *p)
{
    const char *s = ps_node_string(e);
    char names[PS_SWEEP_TEXT] = "";
    for (size_t k = 0; k < row->n; k++) {
        if (s != NULL && strcmp(s, row->names[k]) == 0) {
            p->labels[i] = row->names[k];
            p->values[i] = i;
            return PS_OK;
        }
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s%s", k > 0 ? ", " : "",
                 row->names[k]);
    }
    if (s == NULL) {
        return ps_settings_fail(ld->pl, e, "%s.[%d]: expected one of %s", where, i,
                                names);
    }
    return ps_settings_fail(ld->pl, e, "%s.[%d] = \"%s\" is not one of %s", where, i, s,
                            names);
}

static ps_status value_number(const loader *ld, const ps_node *e, const ps_setting *row,
                              const char *where, int i, ps_sweep_param *p)
{
    double v;
    if (!ps_node_number(e, &v)) {
        return ps_settings_fail(ld->pl, e, "%s.[%d]: expected a number", where, i);
    }
    if (v < row->min || v > row->max) {
        return ps_settings_fail(ld->pl, e, "%s.[%d] = %g is outside [%g, %g] (%s)", where,
                                i, v, row->min, row->max, row->unit);
    }
    if (p->integer && v != floor(v)) {
        return ps_settings_fail(
            ld->pl, e, "%s.[%d] = %g: expected a whole number (%s is an integer)", where,
            i, v, p->path);
    }
    p->values[i] = v;
    return PS_OK;
}

static ps_status load_values(const loader *ld, const ps_node *node, const ps_setting *row,
                             const char *where, ps_sweep_param *p)
{
    int n = ps_node_length(node);
    if (!ps_node_is_sequence(node)) {
        return ps_settings_fail(ld->pl, node, "%s: expected a list of values [a, b, ...]",
                                where);
    }
    if (n == 0 || n > PS_SWEEP_MAX_VALUES) {
        return ps_settings_fail(ld->pl, node, "%s has %d values, expected 1 to %d", where,
                                n, PS_SWEEP_MAX_VALUES);
    }
    for (int i = 0; i < n; i++) {
        const ps_node *e = ps_node_elem(node, (int)i);
        bool choice = ps_kind_ops_of(row->kind)->vary == PS_VARY_CHOICE;
        ps_status st = choice ? value_name(ld, e, row, where, i, p)
                              : value_number(ld, e, row, where, i, p);
        if (st != PS_OK) {
            return st;
        }
        p->lo = i == 0 || p->values[i] < p->lo ? p->values[i] : p->lo;
        p->hi = i == 0 || p->values[i] > p->hi ? p->values[i] : p->hi;
    }
    p->n_values = (size_t)n;
    p->scale = PS_SCALE_LIST;
    p->levels = (size_t)n;
    return PS_OK;
}

/* The settings of a parameter that do not go together, or not with the design. */
static ps_status check_param(const loader *ld, const ps_node *elem, const ps_setting *row,
                             const char *prefix)
{
    const ps_node *range = member(elem, "range"), *values = member(elem, "values");
    const ps_node *scale = member(elem, "scale"), *levels = member(elem, "levels");
    ps_vary vary = ps_kind_ops_of(row->kind)->vary;
    if (vary == PS_VARY_NO) {
        return ps_settings_fail(
            ld->pl, member(elem, "path"),
            "%spath = \"%s\": not a number or a choice, so it cannot be varied", prefix,
            row->path);
    }
    if ((range == NULL) == (values == NULL)) {
        return ps_settings_fail(ld->pl, elem,
                                "%.*s: give either range = [lo, hi] or values = [...]",
                                (int)strlen(prefix) - 1, prefix);
    }
    if (range != NULL && vary == PS_VARY_CHOICE) {
        return ps_settings_fail(
            ld->pl, range, "%srange: a choice takes values = [\"name\", ...]", prefix);
    }
    if (values != NULL && (scale != NULL || levels != NULL)) {
        return ps_settings_fail(ld->pl, scale != NULL ? scale : levels,
                                "%s%s: not used with values", prefix,
                                scale != NULL ? "scale" : "levels");
    }
    if (levels != NULL && ld->sw->design != PS_DESIGN_GRID) {
        return ps_settings_fail(ld->pl, levels, "%slevels: only for design \"grid\"",
                                prefix);
    }
    return PS_OK;
}

static ps_status load_param(const loader *ld, const ps_node *elem, size_t j)
{
    ps_sweep_param *p = &ld->sw->params[j];
    char prefix[64], where[80];
    snprintf(prefix, sizeof prefix, "parameters.[%zu].", j);
    const ps_setting *row = NULL;
    char group[64];
    snprintf(group, sizeof group, "parameters.[%zu]", j);
    ps_status st = ps_settings_check_names(ld->pl, elem, &PARAM_SCOPE, "", group);
    if (st == PS_OK) {
        st = ps_settings_load(ld->pl, &PARAM_SCOPE, elem, group, (char *)p);
    }
    if (st == PS_OK) {
        snprintf(where, sizeof where, "%spath", prefix);
        st = find_setting(ld, member(elem, "path"), where, p->path, &row);
    }
    if (st == PS_OK) {
        st = check_param(ld, elem, row, prefix);
    }
    if (st != PS_OK) {
        return st;
    }
    p->unit = row->unit;
    p->integer = ps_kind_ops_of(row->kind)->vary == PS_VARY_INTEGER;
    p->levels = p->levels > 0 ? p->levels : ld->sw->levels;
    if (p->name[0] == '\0') {
        memcpy(p->name, p->path, sizeof p->name);
    }
    const ps_node *range = member(elem, "range");
    snprintf(where, sizeof where, "%s%s", prefix, range != NULL ? "range" : "values");
    return range != NULL ? load_range(ld, range, row, where, p)
                         : load_values(ld, member(elem, "values"), row, where, p);
}

/* No two parameters share a path or a name. */
static ps_status check_unique(const loader *ld, const ps_node *elem, size_t j)
{
    const ps_sweep_param *p = ld->sw->params;
    for (size_t k = 0; k < j; k++) {
        if (strcmp(p[k].path, p[j].path) == 0) {
            return ps_settings_fail(ld->pl, member(elem, "path"),
                                    "parameters.[%zu].path = \"%s\": already varied by "
                                    "parameters.[%zu]",
                                    j, p[j].path, k);
        }
        if (strcmp(p[k].name, p[j].name) == 0) {
            return ps_settings_fail(ld->pl, elem,
                                    "parameters.[%zu].name = \"%s\": already the name of "
                                    "parameters.[%zu]",
                                    j, p[j].name, k);
        }
    }
    return PS_OK;
}

static ps_status load_params(const loader *ld)
{
    const ps_node *node = member(ld->root, "parameters");
    if (node == NULL) {
        return ps_settings_fail(ld->pl, ld->root, "parameters: missing required setting");
    }
    int n = ps_node_length(node);
    if (!ps_node_is_list(node) || n == 0) {
        return ps_settings_fail(ld->pl, node,
                                "parameters: expected a list ( { path = \"...\"; "
                                "range = [lo, hi]; }, ... )");
    }
    if (n > PS_SWEEP_MAX_PARAMS) {
        return ps_settings_fail(ld->pl, node, "parameters has %d elements, at most %d", n,
                                PS_SWEEP_MAX_PARAMS);
    }
    for (size_t j = 0; j < (size_t)n; j++) {
        const ps_node *elem = ps_node_elem(node, (int)j);
        ps_status st =
            ps_node_is_group(elem)
                ? load_param(ld, elem, j)
                : ps_settings_fail(ld->pl, elem,
                                   "parameters.[%zu]: expected a group { ... }", j);
        if (st == PS_OK) {
            st = check_unique(ld, elem, j);
        }
        if (st != PS_OK) {
            return st;
        }
    }
    ld->sw->n_params = (size_t)n;
    return PS_OK;
}

/* ---- outputs ---------------------------------------------------------------------- */

/* outputs.years: each with its December inside the run; default the last full year. */
static ps_status load_years(const loader *ld)
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
static ps_status find_metric(const loader *ld, const ps_node *e, int i, const char *s,
                             ps_metric *out)
{
    hint h = {s, SIZE_MAX, ""};
    for (int m = 0; m < PS_N_METRICS; m++) {
        if (strcmp(s, ps_metric_name((ps_metric)m)) == 0) {
            *out = (ps_metric)m;
            return PS_OK;
        }
        offer(&h, ps_metric_name((ps_metric)m), strlen(ps_metric_name((ps_metric)m)));
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
static ps_status load_metrics(const loader *ld)
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

static ps_status load_outputs(const loader *ld)
{
    ps_sweep *sw = ld->sw;
    if (sw->model == PS_MODEL_ISHIGAMI) {
        sw->n_values = 1; /* y */
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

static ps_status check_design(const loader *ld)
{
    const ps_sweep *sw = ld->sw;
    const ps_node *points = member(ld->root, "points");
    const ps_node *levels = member(ld->root, "levels");
    const char *name = ps_design_name(sw->design);
    if (sw->design == PS_DESIGN_GRID && points != NULL) {
        return ps_settings_fail(ld->pl, points,
                                "points: not used by design \"grid\" (the levels of "
                                "the parameters make the grid)");
    }
    if (sw->design != PS_DESIGN_GRID && points == NULL) {
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

/* Memory of a design and its results: the points (and a work array of as many), and
 * per run its status, its values and series (sweep_results.c) and a place in the list
 * of runs to do (sweep_job.c). */
static double design_bytes(const ps_sweep *sw)
{
    double per_run = 16.0 + 8.0 * ((double)sw->n_values + (double)sw->n_series);
    return 8.0 * (double)sw->n_rows * ((double)sw->n_params + 1.0) +
           per_run * (double)sw->n_runs;
}

static ps_status make_design(const loader *ld)
{
    ps_sweep *sw = ld->sw;
    size_t levels[PS_SWEEP_MAX_PARAMS];
    for (size_t j = 0; j < sw->n_params; j++) {
        levels[j] = sw->params[j].levels;
    }
    ps_design_spec spec = {sw->design, sw->n_params, sw->points,
                           levels,     sw->levels,   sw->seed};
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
    ps_status st = ps_memory_check(ld->pl->file, what, design_bytes(sw), ld->err);
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
    ps_sha256_hex(&s, sw->digest);
}

/* The checks of SWEEP_FORMAT, after its plain rows: in order, the first failure is the
 * message. */
static ps_status check_models(const ps_loader *pl, const ps_node *root, void *out,
                              void *ctx)
{
    (void)out;
    return check_model(ctx_of(pl, root, ctx));
}

static ps_status check_base(const ps_loader *pl, const ps_node *root, void *out,
                            void *ctx)
{
    loader *ld = ctx_of(pl, root, ctx);
    ps_status st = PS_OK;
    (void)out;
    if (ld->sw->model == PS_MODEL_SCENARIO) {
        st = load_sets(ld);
        st = st == PS_OK ? load_base(ld) : st;
    }
    return st;
}

static ps_status check_params(const ps_loader *pl, const ps_node *root, void *out,
                              void *ctx)
{
    (void)out;
    return load_params(ctx_of(pl, root, ctx));
}

static ps_status check_outputs(const ps_loader *pl, const ps_node *root, void *out,
                               void *ctx)
{
    (void)out;
    return load_outputs(ctx_of(pl, root, ctx));
}

static ps_status check_designs(const ps_loader *pl, const ps_node *root, void *out,
                               void *ctx)
{
    const loader *ld = ctx_of(pl, root, ctx);
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

void ps_sweep_destroy(ps_sweep *sw)
{
    if (sw != NULL) {
        free(sw->text);
        free(sw->base_text);
        free(sw->unit);
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
    loader ld = {NULL, dir, sw, NULL, NULL, err};
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
