/* sweep_file.c - read and check sweep files (docs/sweeps.md): one table of sweep
 * settings; parameter paths checked against the scenario's settings table; the base
 * scenario loaded with its fixed overrides; the design filled; the digest taken */
#define _XOPEN_SOURCE 700 /* strdup */
#include "protsim/sweep.h"

#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_impl.h"
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

/* How a row is read; SK_OTHER rows have their own function (below) and are in the
 * table so that names are checked and documented in one place. */
typedef enum { SK_TEXT, SK_CHOICE, SK_COUNT, SK_SEED, SK_REAL, SK_BOOL, SK_OTHER } skind;

typedef struct srow {
    const char *path;
    skind kind;
    bool required;
    const char *unit;
    size_t offset, size;      /* of the value in ps_sweep or ps_sweep_param */
    double def, min, max;     /* numbers; CHOICE: def is the index */
    const char *const *names; /* CHOICE */
    size_t n_names;
} srow;

static const char *const MODEL_NAMES[PS_N_MODELS] = {"scenario", "ishigami"};
static const char *const SCALE_NAMES[PS_N_SCALES] = {"linear", "log", "list"};
static const char *const DESIGN_NAMES[PS_N_DESIGNS] = {
#define PS_AS_DESIGN_NAME(id, name) [id] = name,
    PS_DESIGN_LIST(PS_AS_DESIGN_NAME)
#undef PS_AS_DESIGN_NAME
};

/* clang-format off */
#define SW(f) offsetof(ps_sweep, f), sizeof(((ps_sweep *)0)->f)
#define PA(f) offsetof(ps_sweep_param, f), sizeof(((ps_sweep_param *)0)->f)
#define OTHER(p) {p, SK_OTHER, false, "", 0, 0, 0, 0, 0, NULL, 0}

static const srow SWEEP_ROWS[] = {
    {"model", SK_CHOICE, false, "", SW(model), PS_MODEL_SCENARIO, 0, 0, MODEL_NAMES, 2},
    {"base", SK_TEXT, false, "", SW(base), 0, 0, 0, NULL, 0},
    OTHER("set"),
    {"design", SK_CHOICE, true, "", SW(design), 0, 0, 0, DESIGN_NAMES, PS_N_DESIGNS},
    {"points", SK_COUNT, false, "points", SW(points), 0, 1, 1e8, NULL, 0},
    {"levels", SK_COUNT, false, "levels", SW(levels), 4, 1, 1000, NULL, 0},
    {"replicates", SK_COUNT, false, "runs", SW(replicates), 1, 1, 1e6, NULL, 0},
    {"seed", SK_SEED, false, "", SW(seed), 1, 0, 0, NULL, 0},
    {"noise", SK_REAL, false, "1", SW(noise), 0, 0, 1e6, NULL, 0},
    OTHER("parameters"),
    OTHER("outputs.years"),
    OTHER("outputs.metrics"),
    {"outputs.series", SK_BOOL, false, "", SW(series), 0, 0, 0, NULL, 0},
};

static const srow PARAM_ROWS[] = {
    {"name", SK_TEXT, false, "", PA(name), 0, 0, 0, NULL, 0},
    {"path", SK_TEXT, true, "", PA(path), 0, 0, 0, NULL, 0},
    OTHER("range"),
    OTHER("values"),
    {"scale", SK_CHOICE, false, "", PA(scale), PS_SCALE_LINEAR, 0, 0, SCALE_NAMES, 2},
    {"levels", SK_COUNT, false, "levels", PA(levels), 0, 1, 1000, NULL, 0},
};

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

#define N_SWEEP_ROWS (sizeof SWEEP_ROWS / sizeof SWEEP_ROWS[0])
#define N_PARAM_ROWS (sizeof PARAM_ROWS / sizeof PARAM_ROWS[0])

const char *ps_scale_name(ps_scale scale)
{
    return scale >= 0 && scale < PS_N_SCALES ? SCALE_NAMES[scale] : "?";
}

const char *ps_sweep_model_name(ps_sweep_model model)
{
    return model >= 0 && model < PS_N_MODELS ? MODEL_NAMES[model] : "?";
}

/* ---- where a node is, and failing there ------------------------------------------- */

typedef struct loader {
    const char *file; /* stands for nodes without a file of their own */
    const char *dir;  /* folder of the sweep file: base is relative to it */
    ps_sweep *sw;     /* being filled */
    ps_scenario *sc;  /* the base scenario (model scenario), for list sizes */
    const config_setting_t *root;
    ps_error *err;
} loader;

static ps_status fail_at(const loader *ld, const config_setting_t *node, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));

/* Fail with PS_EINVAL and "FILE:LINE: message" ("FILE: message" for the root). */
static ps_status fail_at(const loader *ld, const config_setting_t *node, const char *fmt,
                         ...)
{
    char msg[sizeof ld->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (node == NULL || config_setting_is_root(node)) {
        return ps_fail(ld->err, PS_EINVAL, "%s: %s", ld->file, msg);
    }
    const char *file = config_setting_source_file(node);
    return ps_fail(ld->err, PS_EINVAL, "%s:%u: %s", file != NULL ? file : ld->file,
                   (unsigned)config_setting_source_line(node), msg);
}

/* The node at a dotted path below group, or NULL. */
static config_setting_t *member(const config_setting_t *group, const char *path)
{
    char part[PS_SWEEP_TEXT];
    config_setting_t *node = (config_setting_t *)group;
    while (node != NULL && *path != '\0') {
        size_t len = strcspn(path, ".");
        if (len >= sizeof part || !config_setting_is_group(node)) {
            return NULL;
        }
        snprintf(part, sizeof part, "%.*s", (int)len, path);
        node = config_setting_get_member(node, part);
        path += len + (path[len] == '.');
    }
    return node;
}

/* ---- unknown settings, with hints ------------------------------------------------- */

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

/* The part of path below group rel ("series" of "outputs.series" below "outputs"), or
 * NULL; every path is below "". */
static const char *below(const char *path, const char *rel)
{
    size_t len = strlen(rel);
    if (len == 0) {
        return path;
    }
    return strncmp(path, rel, len) == 0 && path[len] == '.' ? path + len + 1 : NULL;
}

/* Every member of group (at rel in the table) must be a row or a group of rows. */
static ps_status check_names(const loader *ld, const config_setting_t *group,
                             const srow *rows, size_t n_rows, const char *rel,
                             const char *full)
{
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(m);
        char mrel[PS_SWEEP_TEXT];
        snprintf(mrel, sizeof mrel, "%s%s%s", rel, rel[0] != '\0' ? "." : "", name);
        hint h = {name, SIZE_MAX, ""};
        bool known = false, group_row = false;
        for (size_t k = 0; k < n_rows; k++) {
            const char *rest = below(rows[k].path, rel);
            known |= strcmp(rows[k].path, mrel) == 0;
            group_row |= below(rows[k].path, mrel) != NULL;
            if (rest != NULL) {
                offer(&h, rest, strcspn(rest, "."));
            }
        }
        ps_status st = PS_OK;
        if (group_row) {
            st = config_setting_is_group(m)
                     ? check_names(ld, m, rows, n_rows, mrel, full)
                     : fail_at(ld, m, "%s%s: expected a group { ... }", full, mrel);
        } else if (!known) {
            st = h.text[0] != '\0'
                     ? fail_at(ld, m, "%s%s: unknown setting (did you mean %s?)", full,
                               mrel, h.text)
                     : fail_at(ld, m, "%s%s: unknown setting", full, mrel);
        }
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* ---- values of the table's rows --------------------------------------------------- */

static bool whole_of(const config_setting_t *node, long long *out)
{
    int type = config_setting_type(node);
    if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64) {
        *out = config_setting_get_int64(node);
        return true;
    }
    return false;
}

static void join_names(const srow *row, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t k = 0; k < row->n_names; k++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", k > 0 ? ", " : "", row->names[k]);
    }
}

static ps_status load_text(const loader *ld, const srow *row,
                           const config_setting_t *node, const char *path, char *dst)
{
    const char *s = config_setting_get_string(node);
    if (config_setting_type(node) != CONFIG_TYPE_STRING) {
        return fail_at(ld, node, "%s: expected a string", path);
    }
    if (strlen(s) >= row->size) {
        return fail_at(ld, node, "%s = \"%s\" is longer than %zu characters", path, s,
                       row->size - 1);
    }
    memcpy(dst, s, strlen(s) + 1);
    return PS_OK;
}

static ps_status load_choice(const loader *ld, const srow *row,
                             const config_setting_t *node, const char *path, char *dst)
{
    char names[PS_SWEEP_TEXT];
    join_names(row, names, sizeof names);
    if (config_setting_type(node) != CONFIG_TYPE_STRING) {
        return fail_at(ld, node, "%s: expected one of %s", path, names);
    }
    const char *s = config_setting_get_string(node);
    for (size_t k = 0; k < row->n_names; k++) {
        if (strcmp(s, row->names[k]) == 0) {
            *(int *)(void *)dst = (int)k;
            return PS_OK;
        }
    }
    return fail_at(ld, node, "%s = \"%s\" is not one of %s", path, s, names);
}

static ps_status load_count(const loader *ld, const srow *row,
                            const config_setting_t *node, const char *path, char *dst)
{
    long long v;
    if (!whole_of(node, &v)) {
        return fail_at(ld, node, "%s: expected an integer", path);
    }
    if ((double)v < row->min || (double)v > row->max) {
        return fail_at(ld, node, "%s = %lld is outside [%g, %g] (%s)", path, v, row->min,
                       row->max, row->unit);
    }
    *(size_t *)(void *)dst = (size_t)v;
    return PS_OK;
}

static ps_status load_seed(const loader *ld, const srow *row,
                           const config_setting_t *node, const char *path, char *dst)
{
    long long v;
    (void)row;
    if (!whole_of(node, &v)) {
        return fail_at(ld, node, "%s: expected an integer", path);
    }
    if (v < 0) {
        return fail_at(ld, node, "%s = %lld is outside [0, %lld]", path, v,
                       (long long)INT64_MAX);
    }
    *(uint64_t *)(void *)dst = (uint64_t)v;
    return PS_OK;
}

static ps_status load_real(const loader *ld, const srow *row,
                           const config_setting_t *node, const char *path, char *dst)
{
    if (!config_setting_is_number(node)) {
        return fail_at(ld, node, "%s: expected a number", path);
    }
    double v = config_setting_get_float(node); /* ints too: auto-convert is on */
    if (v < row->min || v > row->max) {
        return fail_at(ld, node, "%s = %g is outside [%g, %g] (%s)", path, v, row->min,
                       row->max, row->unit);
    }
    *(double *)(void *)dst = v;
    return PS_OK;
}

static ps_status load_bool(const loader *ld, const srow *row,
                           const config_setting_t *node, const char *path, char *dst)
{
    (void)row;
    if (config_setting_type(node) != CONFIG_TYPE_BOOL) {
        return fail_at(ld, node, "%s: expected true or false", path);
    }
    *(bool *)(void *)dst = config_setting_get_bool(node);
    return PS_OK;
}

typedef ps_status load_fn(const loader *ld, const srow *row, const config_setting_t *node,
                          const char *path, char *dst);

/* The loader of each kind; SK_OTHER rows are read elsewhere. */
static load_fn *const LOADERS[] = {
    [SK_TEXT] = load_text, [SK_CHOICE] = load_choice, [SK_COUNT] = load_count,
    [SK_SEED] = load_seed, [SK_REAL] = load_real,     [SK_BOOL] = load_bool,
    [SK_OTHER] = NULL,
};

static void set_default(const srow *row, char *dst)
{
    switch (row->kind) {
    case SK_CHOICE:
        *(int *)(void *)dst = (int)row->def;
        break;
    case SK_COUNT:
        *(size_t *)(void *)dst = (size_t)row->def;
        break;
    case SK_SEED:
        *(uint64_t *)(void *)dst = (uint64_t)row->def;
        break;
    case SK_REAL:
        *(double *)(void *)dst = row->def;
        break;
    case SK_BOOL:
        *(bool *)(void *)dst = row->def != 0;
        break;
    default:
        break; /* text: "" from calloc */
    }
}

/* Read every plain row of a table from group into the struct at base; prefix is the
 * group's path for messages ("parameters.[0]."). */
static ps_status load_rows(const loader *ld, const config_setting_t *group,
                           const srow *rows, size_t n_rows, const char *prefix,
                           char *base)
{
    for (size_t k = 0; k < n_rows; k++) {
        const srow *row = &rows[k];
        const config_setting_t *node = member(group, row->path);
        char path[PS_SWEEP_TEXT];
        snprintf(path, sizeof path, "%s%s", prefix, row->path);
        if (row->kind == SK_OTHER) {
            continue;
        }
        if (node == NULL && row->required) {
            return fail_at(ld, group, "%s: missing required setting", path);
        }
        ps_status st = node == NULL
                           ? (set_default(row, base + row->offset), PS_OK)
                           : LOADERS[row->kind](ld, row, node, path, base + row->offset);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* ---- the base scenario ------------------------------------------------------------ */

/* "FILE:LINE: set: msg" for a failing fixed override, whose message from the scenario
 * loader starts with "--set: ". */
static ps_status fail_set(const loader *ld, const config_setting_t *node)
{
    char msg[sizeof ld->err->msg];
    const char *text = ld->err->msg;
    snprintf(msg, sizeof msg, "%s", strncmp(text, "--set: ", 7) == 0 ? text + 7 : text);
    return fail_at(ld, node, "set: %s", msg);
}

static ps_status load_sets(const loader *ld)
{
    const config_setting_t *node = member(ld->root, "set");
    ps_sweep *sw = ld->sw;
    if (node == NULL) {
        return PS_OK;
    }
    if (!config_setting_is_array(node) && !config_setting_is_list(node)) {
        return fail_at(ld, node, "set: expected a list of \"path=value\" strings");
    }
    if ((size_t)config_setting_length(node) > PS_SWEEP_MAX_SETS) {
        return fail_at(ld, node, "set has %d values, at most %d",
                       config_setting_length(node), PS_SWEEP_MAX_SETS);
    }
    for (int i = 0; i < config_setting_length(node); i++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
        const char *s = config_setting_get_string(e);
        if (s == NULL || strlen(s) >= PS_SWEEP_TEXT) {
            return fail_at(ld, e,
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
    const config_setting_t *node = member(ld->root, "base");
    if (node == NULL) {
        return fail_at(ld, ld->root, "base: missing required setting (model \"%s\")",
                       MODEL_NAMES[sw->model]);
    }
    char rel[sizeof sw->base];
    snprintf(rel, sizeof rel, "%s", sw->base);
    if (rel[0] != '/' && ld->dir != NULL && ld->dir[0] != '\0' &&
        snprintf(sw->base, sizeof sw->base, "%s/%s", ld->dir, rel) >=
            (int)sizeof sw->base) {
        return fail_at(ld, node, "base = \"%s\": path too long", rel);
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
        const config_setting_t *node = member(ld->root, ONLY[k].path);
        if (node != NULL && ONLY[k].model != ld->sw->model) {
            return fail_at(ld, node, "%s: only for model \"%s\"", ONLY[k].path,
                           MODEL_NAMES[ONLY[k].model]);
        }
    }
    return PS_OK;
}

/* ---- parameter paths -------------------------------------------------------------- */

/* Where the walk along a parameter path stands. */
typedef struct walk {
    const ps_scope *scope;
    const char *base;        /* the struct the scope describes, in the base scenario */
    const ps_setting *row;   /* the row reached; NULL inside a group */
    char rel[PS_SWEEP_TEXT]; /* the group reached, relative to the scope */
} walk;

static bool is_group_of(const ps_scope *scope, const char *rel)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        if (below(scope->rows[i].path, rel) != NULL) {
            return true;
        }
    }
    return false;
}

static bool is_index(const char *part, size_t *index)
{
    size_t digits = strspn(part + 1, "0123456789");
    if (part[0] != '[' || digits == 0 || strcmp(part + 1 + digits, "]") != 0) {
        return false;
    }
    *index = (size_t)strtoull(part + 1, NULL, 10);
    return true;
}

/* "unknown setting", offering the nearest setting of the group the walk reached; at
 * is where the unknown part starts in path. */
static ps_status fail_unknown_path(const loader *ld, const config_setting_t *node,
                                   const char *where, const char *path, size_t at,
                                   const walk *w)
{
    hint h = {path + at, SIZE_MAX, ""};
    for (size_t i = 0; i < w->scope->n_rows; i++) {
        const char *rest = below(w->scope->rows[i].path, w->rel);
        if (rest != NULL) {
            offer(&h, rest, strlen(rest));
        }
    }
    if (h.text[0] != '\0') {
        return fail_at(ld, node, "%s = \"%s\": unknown setting (did you mean %.*s%s?)",
                       where, path, (int)at, path, h.text);
    }
    return fail_at(ld, node, "%s = \"%s\": unknown setting", where, path);
}

/* Step from the list row reached into its element [N], which must exist in the base. */
static ps_status walk_index(const loader *ld, const config_setting_t *node,
                            const char *where, const char *path, size_t at,
                            const char *part, walk *w)
{
    size_t index;
    if (w->row->kind != PS_KIND_LIST || !is_index(part, &index)) {
        return fail_at(ld, node, "%s = \"%s\": %.*s is a setting, not a group", where,
                       path, (int)at - 1, path);
    }
    size_t n = *(const size_t *)(const void *)(w->base + w->row->aux_offset);
    if (index >= n) {
        return fail_at(ld, node, "%s = \"%s\": no such element (%.*s has %zu)", where,
                       path, (int)at - 1, path, n);
    }
    w->base += w->row->offset + index * w->row->elem->size;
    w->scope = w->row->elem;
    w->rel[0] = '\0';
    w->row = NULL;
    return PS_OK;
}

/* The setting a parameter path names, through list elements ("states.list.[2].access").
 */
static ps_status find_setting(const loader *ld, const config_setting_t *node,
                              const char *where, const char *path, const ps_setting **out)
{
    bool ishigami = ld->sw->model == PS_MODEL_ISHIGAMI;
    walk w = {ishigami ? &ISHIGAMI_SCOPE : ps_scenario_scope(), (const char *)ld->sc,
              NULL, ""};
    for (size_t at = 0; path[at] != '\0';) {
        size_t len = strcspn(path + at, ".");
        char part[PS_SWEEP_TEXT], next[PS_SWEEP_TEXT];
        snprintf(part, sizeof part, "%.*s", (int)len, path + at);
        ps_status st = PS_OK;
        if (w.row != NULL) {
            st = walk_index(ld, node, where, path, at, part, &w);
        } else if (snprintf(next, sizeof next, "%s%s%s", w.rel,
                            w.rel[0] != '\0' ? "." : "", part) >= (int)sizeof next) {
            st = fail_at(ld, node, "%s = \"%s\": unknown setting", where, path);
        } else {
            w.row = len > 0 ? ps_scope_find(w.scope, next) : NULL;
            st = w.row != NULL || (len > 0 && is_group_of(w.scope, next))
                     ? PS_OK
                     : fail_unknown_path(ld, node, where, path, at, &w);
            snprintf(w.rel, sizeof w.rel, "%s", next);
        }
        if (st != PS_OK) {
            return st;
        }
        at += len + (path[at + len] == '.');
    }
    if (w.row == NULL || w.row->kind == PS_KIND_LIST) {
        return fail_at(ld, node, "%s = \"%s\": a %s, not a setting", where, path,
                       w.row == NULL ? "group" : "list");
    }
    *out = w.row;
    return PS_OK;
}

/* ---- parameters ------------------------------------------------------------------- */

static bool is_number_kind(ps_kind kind)
{
    return kind == PS_KIND_REAL || kind == PS_KIND_INT || kind == PS_KIND_COUNT;
}

static ps_status load_range(const loader *ld, const config_setting_t *node,
                            const ps_setting *row, const char *where, ps_sweep_param *p)
{
    bool pair = (config_setting_is_array(node) || config_setting_is_list(node)) &&
                config_setting_length(node) == 2;
    const config_setting_t *a = pair ? config_setting_get_elem(node, 0) : NULL;
    const config_setting_t *b = pair ? config_setting_get_elem(node, 1) : NULL;
    if (!pair || !config_setting_is_number(a) || !config_setting_is_number(b)) {
        return fail_at(ld, node, "%s: expected [lo, hi]", where);
    }
    double lo = config_setting_get_float(a), hi = config_setting_get_float(b);
    if (!(lo < hi)) {
        return fail_at(ld, node, "%s = [%g, %g]: expected lo < hi", where, lo, hi);
    }
    if (lo < row->min || hi > row->max) {
        return fail_at(ld, node, "%s = [%g, %g] is outside [%g, %g] (%s)", where, lo, hi,
                       row->min, row->max, row->unit);
    }
    if (p->integer && (lo != floor(lo) || hi != floor(hi))) {
        return fail_at(ld, node,
                       "%s = [%g, %g]: expected whole numbers (%s is an integer)", where,
                       lo, hi, p->path);
    }
    if (p->scale == PS_SCALE_LOG && lo <= 0.0) {
        return fail_at(ld, node, "%s = [%g, %g]: scale \"log\" needs lo > 0", where, lo,
                       hi);
    }
    p->lo = lo;
    p->hi = hi;
    return PS_OK;
}

/* Value i of a list: a name of the choice row, stored as its position i. */
static ps_status value_name(const loader *ld, const config_setting_t *e,
                            const ps_setting *row, const char *where, int i,
                            ps_sweep_param *p)
{
    const char *s = config_setting_get_string(e);
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
        return fail_at(ld, e, "%s.[%d]: expected one of %s", where, i, names);
    }
    return fail_at(ld, e, "%s.[%d] = \"%s\" is not one of %s", where, i, s, names);
}

static ps_status value_number(const loader *ld, const config_setting_t *e,
                              const ps_setting *row, const char *where, int i,
                              ps_sweep_param *p)
{
    if (!config_setting_is_number(e)) {
        return fail_at(ld, e, "%s.[%d]: expected a number", where, i);
    }
    double v = config_setting_get_float(e);
    if (v < row->min || v > row->max) {
        return fail_at(ld, e, "%s.[%d] = %g is outside [%g, %g] (%s)", where, i, v,
                       row->min, row->max, row->unit);
    }
    if (p->integer && v != floor(v)) {
        return fail_at(ld, e, "%s.[%d] = %g: expected a whole number (%s is an integer)",
                       where, i, v, p->path);
    }
    p->values[i] = v;
    return PS_OK;
}

static ps_status load_values(const loader *ld, const config_setting_t *node,
                             const ps_setting *row, const char *where, ps_sweep_param *p)
{
    int n = config_setting_length(node);
    if (!config_setting_is_array(node) && !config_setting_is_list(node)) {
        return fail_at(ld, node, "%s: expected a list of values [a, b, ...]", where);
    }
    if (n == 0 || n > PS_SWEEP_MAX_VALUES) {
        return fail_at(ld, node, "%s has %d values, expected 1 to %d", where, n,
                       PS_SWEEP_MAX_VALUES);
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
        ps_status st = row->kind == PS_KIND_ENUM ? value_name(ld, e, row, where, i, p)
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
static ps_status check_param(const loader *ld, const config_setting_t *elem,
                             const ps_setting *row, const char *prefix)
{
    const config_setting_t *range = member(elem, "range"),
                           *values = member(elem, "values");
    const config_setting_t *scale = member(elem, "scale"),
                           *levels = member(elem, "levels");
    if (!is_number_kind(row->kind) && row->kind != PS_KIND_ENUM) {
        return fail_at(
            ld, member(elem, "path"),
            "%spath = \"%s\": not a number or a choice, so it cannot be varied", prefix,
            row->path);
    }
    if ((range == NULL) == (values == NULL)) {
        return fail_at(ld, elem, "%.*s: give either range = [lo, hi] or values = [...]",
                       (int)strlen(prefix) - 1, prefix);
    }
    if (range != NULL && row->kind == PS_KIND_ENUM) {
        return fail_at(ld, range, "%srange: a choice takes values = [\"name\", ...]",
                       prefix);
    }
    if (values != NULL && (scale != NULL || levels != NULL)) {
        return fail_at(ld, scale != NULL ? scale : levels, "%s%s: not used with values",
                       prefix, scale != NULL ? "scale" : "levels");
    }
    if (levels != NULL && ld->sw->design != PS_DESIGN_GRID) {
        return fail_at(ld, levels, "%slevels: only for design \"grid\"", prefix);
    }
    return PS_OK;
}

static ps_status load_param(const loader *ld, const config_setting_t *elem, size_t j)
{
    ps_sweep_param *p = &ld->sw->params[j];
    char prefix[64], where[80];
    snprintf(prefix, sizeof prefix, "parameters.[%zu].", j);
    const ps_setting *row = NULL;
    ps_status st = check_names(ld, elem, PARAM_ROWS, N_PARAM_ROWS, "", prefix);
    if (st == PS_OK) {
        st = load_rows(ld, elem, PARAM_ROWS, N_PARAM_ROWS, prefix, (char *)p);
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
    p->integer = row->kind == PS_KIND_INT || row->kind == PS_KIND_COUNT;
    p->levels = p->levels > 0 ? p->levels : ld->sw->levels;
    if (p->name[0] == '\0') {
        memcpy(p->name, p->path, sizeof p->name);
    }
    const config_setting_t *range = member(elem, "range");
    snprintf(where, sizeof where, "%s%s", prefix, range != NULL ? "range" : "values");
    return range != NULL ? load_range(ld, range, row, where, p)
                         : load_values(ld, member(elem, "values"), row, where, p);
}

/* No two parameters share a path or a name. */
static ps_status check_unique(const loader *ld, const config_setting_t *elem, size_t j)
{
    const ps_sweep_param *p = ld->sw->params;
    for (size_t k = 0; k < j; k++) {
        if (strcmp(p[k].path, p[j].path) == 0) {
            return fail_at(ld, member(elem, "path"),
                           "parameters.[%zu].path = \"%s\": already varied by "
                           "parameters.[%zu]",
                           j, p[j].path, k);
        }
        if (strcmp(p[k].name, p[j].name) == 0) {
            return fail_at(ld, elem,
                           "parameters.[%zu].name = \"%s\": already the name of "
                           "parameters.[%zu]",
                           j, p[j].name, k);
        }
    }
    return PS_OK;
}

static ps_status load_params(const loader *ld)
{
    const config_setting_t *node = member(ld->root, "parameters");
    if (node == NULL) {
        return fail_at(ld, ld->root, "parameters: missing required setting");
    }
    int n = config_setting_length(node);
    if (!config_setting_is_list(node) || n == 0) {
        return fail_at(ld, node,
                       "parameters: expected a list ( { path = \"...\"; "
                       "range = [lo, hi]; }, ... )");
    }
    if (n > PS_SWEEP_MAX_PARAMS) {
        return fail_at(ld, node, "parameters has %d elements, at most %d", n,
                       PS_SWEEP_MAX_PARAMS);
    }
    for (size_t j = 0; j < (size_t)n; j++) {
        const config_setting_t *elem = config_setting_get_elem(node, (unsigned)j);
        ps_status st =
            config_setting_is_group(elem)
                ? load_param(ld, elem, j)
                : fail_at(ld, elem, "parameters.[%zu]: expected a group { ... }", j);
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
    const config_setting_t *node = member(ld->root, "outputs.years");
    int first = sw->start / 12, last = (sw->start + (int)sw->n_steps) / 12 - 1;
    if (last < first) {
        return fail_at(ld, member(ld->root, "base"),
                       "base: the run holds no December, so no year for the metrics");
    }
    if (node == NULL) {
        sw->years[sw->n_years++] = last;
        return PS_OK;
    }
    int n = config_setting_length(node);
    if (!config_setting_is_array(node) || n == 0 || n > PS_SWEEP_MAX_YEARS) {
        return fail_at(ld, node,
                       "outputs.years: expected a list of 1 to %d years [y, ...]",
                       PS_SWEEP_MAX_YEARS);
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
        long long y;
        if (!whole_of(e, &y)) {
            return fail_at(ld, e, "outputs.years.[%d]: expected an integer", i);
        }
        if (y < first || y > last) {
            return fail_at(ld, e, "outputs.years.[%d] = %lld is outside [%d, %d] (year)",
                           i, y, first, last);
        }
        for (int k = 0; k < i; k++) {
            if (sw->years[k] == y) {
                return fail_at(ld, e,
                               "outputs.years.[%d] = %lld repeats outputs.years.[%d]", i,
                               y, k);
            }
        }
        sw->years[sw->n_years++] = (int)y;
    }
    return PS_OK;
}

/* The metric named s, or fail with the nearest name as a hint. */
static ps_status find_metric(const loader *ld, const config_setting_t *e, int i,
                             const char *s, ps_metric *out)
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
        return fail_at(ld, e,
                       "outputs.metrics.[%d] = \"%s\": unknown metric (did you "
                       "mean %s?)",
                       i, s, h.text);
    }
    return fail_at(ld, e, "outputs.metrics.[%d] = \"%s\": unknown metric", i, s);
}

/* outputs.metrics: names of summary.h's metrics; default all, in their order. */
static ps_status load_metrics(const loader *ld)
{
    ps_sweep *sw = ld->sw;
    const config_setting_t *node = member(ld->root, "outputs.metrics");
    if (node == NULL) {
        for (int m = 0; m < PS_N_METRICS; m++) {
            sw->metrics[sw->n_metrics++] = (ps_metric)m;
        }
        return PS_OK;
    }
    int n = config_setting_length(node);
    if (!config_setting_is_array(node) || n == 0 || n > PS_N_METRICS) {
        return fail_at(ld, node,
                       "outputs.metrics: expected a list of 1 to %d metric names",
                       PS_N_METRICS);
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
        const char *s = config_setting_get_string(e);
        ps_metric m = PS_M_POI;
        ps_status st = s != NULL
                           ? find_metric(ld, e, i, s, &m)
                           : fail_at(ld, e, "outputs.metrics.[%d]: expected a string", i);
        for (int k = 0; st == PS_OK && k < i; k++) {
            if (sw->metrics[k] == m) {
                st = fail_at(ld, e,
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
    const config_setting_t *points = member(ld->root, "points");
    const config_setting_t *levels = member(ld->root, "levels");
    const char *name = ps_design_name(sw->design);
    if (sw->design == PS_DESIGN_GRID && points != NULL) {
        return fail_at(ld, points,
                       "points: not used by design \"grid\" (the levels of "
                       "the parameters make the grid)");
    }
    if (sw->design != PS_DESIGN_GRID && points == NULL) {
        return fail_at(ld, ld->root, "points: missing required setting (design \"%s\")",
                       name);
    }
    if (sw->design == PS_DESIGN_MORRIS && sw->levels % 2 != 0) {
        return fail_at(ld, levels, "levels = %zu must be even for design \"morris\"",
                       sw->levels);
    }
    if (sw->design == PS_DESIGN_SOBOL && sw->n_params > PS_SOBOL_MAX_PARAMS) {
        return fail_at(ld, member(ld->root, "parameters"),
                       "parameters: design \"sobol\" takes at most %d (2 dimensions of "
                       "GSL's Sobol sequence each)",
                       PS_SOBOL_MAX_PARAMS);
    }
    return PS_OK;
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
        return fail_at(ld, ld->root,
                       "design \"%s\" with %zu parameters: more than %zu runs",
                       ps_design_name(sw->design), sw->n_params, MAX_RUNS);
    }
    sw->n_rows = rows;
    sw->n_runs = rows * sw->replicates;
    sw->unit = malloc(rows * sw->n_params * sizeof *sw->unit);
    if (sw->unit == NULL) {
        return ps_fail(ld->err, PS_ENOMEM, "%s: cannot allocate a design of %zu points",
                       ld->file, rows);
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

/* Every check in order; the first failure is the message. */
static ps_status load_config(loader *ld, const config_t *cfg)
{
    ps_sweep *sw = ld->sw;
    ld->root = config_root_setting(cfg);
    ps_status st = check_names(ld, ld->root, SWEEP_ROWS, N_SWEEP_ROWS, "", "");
    if (st == PS_OK) {
        st = load_rows(ld, ld->root, SWEEP_ROWS, N_SWEEP_ROWS, "", (char *)sw);
    }
    if (st == PS_OK) {
        st = check_model(ld);
    }
    if (st == PS_OK && sw->model == PS_MODEL_SCENARIO) {
        st = load_sets(ld);
        st = st == PS_OK ? load_base(ld) : st;
    }
    st = st == PS_OK ? load_params(ld) : st;
    st = st == PS_OK ? load_outputs(ld) : st;
    st = st == PS_OK ? check_design(ld) : st;
    st = st == PS_OK ? make_design(ld) : st;
    return st;
}

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
static ps_status try_row0(const loader *ld)
{
    if (ld->sw->model != PS_MODEL_SCENARIO) {
        return PS_OK;
    }
    ps_scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        return ps_fail(ld->err, PS_ENOMEM, "%s: out of memory", ld->file);
    }
    ps_error inner = {0};
    ps_status st = ps_sweep_scenario(ld->sw, 0, sc, &inner);
    free(sc);
    if (st == PS_EINVAL) {
        return ps_fail(ld->err, st, "%s: the parameters of design row 0: %s", ld->file,
                       inner.msg);
    }
    return st == PS_OK ? PS_OK : ps_fail(ld->err, st, "%s", inner.msg);
}

ps_status ps_sweep_load_string(const char *text, const char *name, const char *dir,
                               ps_sweep **out, ps_error *err)
{
    *out = NULL;
    ps_sweep *sw = calloc(1, sizeof *sw);
    if (sw == NULL || (sw->text = strdup(text)) == NULL) {
        ps_sweep_destroy(sw);
        return ps_fail(err, PS_ENOMEM, "%s: out of memory", name);
    }
    snprintf(sw->source, sizeof sw->source, "%s", name);
    loader ld = {name, dir, sw, NULL, NULL, err};
    config_t cfg;
    config_init(&cfg);
    config_set_auto_convert(&cfg, CONFIG_TRUE);
    ps_status st = PS_OK;
    if (!config_read_string(&cfg, text)) {
        st = ps_fail(err, PS_EINVAL, "%s:%d: parse error: %s", name,
                     config_error_line(&cfg), config_error_text(&cfg));
    }
    st = st == PS_OK ? load_config(&ld, &cfg) : st;
    config_destroy(&cfg);
    free(ld.sc);
    if (st == PS_OK && sw->base_text == NULL) {
        sw->base_text = strdup("");
        st = sw->base_text != NULL ? PS_OK : ps_fail(err, PS_ENOMEM, "out of memory");
    }
    st = st == PS_OK ? try_row0(&ld) : st;
    if (st != PS_OK) {
        ps_sweep_destroy(sw);
        return st;
    }
    take_digest(sw);
    *out = sw;
    return PS_OK;
}

/* The whole file as a NUL-terminated string; NULL with errno set on failure. */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    char *text = NULL;
    size_t size = 0, used = 0;
    for (;;) {
        if (used + 4096 + 1 > size) {
            size = 2 * size + 4096 + 1;
            char *grown = realloc(text, size);
            if (grown == NULL) {
                free(text);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            text = grown;
        }
        size_t n = fread(text + used, 1, 4096, f);
        used += n;
        if (n < 4096) {
            break;
        }
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        free(text);
        errno = EIO;
        return NULL;
    }
    text[used] = '\0';
    return text;
}

ps_status ps_sweep_load(const char *path, ps_sweep **out, ps_error *err)
{
    *out = NULL;
    char *text = read_text(path);
    if (text == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    char dir[4 * PS_SWEEP_TEXT];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash != NULL ? (int)(slash - path) : 0, path);
    if (slash == path) {
        snprintf(dir, sizeof dir, "/");
    }
    ps_status st = ps_sweep_load_string(text, path, dir, out, err);
    free(text);
    return st;
}
