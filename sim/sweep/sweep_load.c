/* sweep_load.c - what sweep files and calibration files share (sweep_load.h): the
 * rows of a parameter, the model's settings, the base scenario with its fixed overrides,
 * parameter paths checked against the settings table, and the targets file */
#include "sweep_load.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protsim/targets.h"

#define HINT_DISTANCE 3 /* farthest name offered by "did you mean" */
#define NAME_CAP 128    /* longer names are never offered as hints */
#define PI 3.14159265358979323846

/* clang-format off */
#define PA(f) offsetof(ps_sweep_param, f)
const char *const PS_SWEEP_MODEL_NAMES[PS_N_MODELS] = {"scenario", "ishigami", "analytic"};
static const char *const SCALE_NAMES[PS_N_SCALES] = {"linear", "log", "list"};

/* parameters.[j] */
static const ps_setting PARAM_ROWS[] = {
    PS_SW_TEXT(ps_sweep_param, "name", name, 0, "short label; default the path"),
    PS_SW_TEXT(ps_sweep_param, "path", path, PS_REQUIRED, "the setting varied"),
    PS_SW_OTHER("range", "[lo, hi]"),
    PS_SW_OTHER("values", "[a, b, ...]"),
    PS_SW_CHOICE("scale", PA(scale), 0, PS_SCALE_LINEAR, SCALE_NAMES, 2, "of a range"),
    PS_SW_COUNT("levels", PA(levels), 0, 1, 1000, "levels", "grid: levels of this axis"),
    PS_SW_TEXT(ps_sweep_param, "reason", reason, 0, "why this range (required in "
               "calibration files)"),
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

/* The analytic model's inputs. */
static const ps_setting ANALYTIC_ROWS[] = {
    {.path = "x1", .kind = PS_KIND_REAL, .unit = "1", .doc = "first input", .max = 1},
    {.path = "x2", .kind = PS_KIND_REAL, .unit = "1", .doc = "second input", .max = 1},
    {.path = "x3", .kind = PS_KIND_REAL, .unit = "1", .doc = "third input", .max = 1},
    {.path = "x4", .kind = PS_KIND_REAL, .unit = "1", .doc = "fourth input (inert)",
     .max = 1},
};
static const ps_scope ANALYTIC_SCOPE = {"analytic", ANALYTIC_ROWS, PS_ANALYTIC_INPUTS, 0};
/* clang-format on */

const char *ps_scale_name(ps_scale scale)
{
    return scale >= 0 && scale < PS_N_SCALES ? SCALE_NAMES[scale] : "?";
}

const char *ps_sweep_model_name(ps_sweep_model model)
{
    return model >= 0 && model < PS_N_MODELS ? PS_SWEEP_MODEL_NAMES[model] : "?";
}

/* ---- what the checks share -------------------------------------------------------- */

ps_sweep_loader *ps_sweep_loader_of(const ps_loader *pl, const ps_node *root, void *ctx)
{
    ps_sweep_loader *ld = ctx;
    ld->pl = pl;
    ld->root = root;
    return ld;
}

#define member ps_node_member

void ps_sweep_hint_offer(ps_sweep_hint *h, const char *candidate, size_t len)
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
static ps_status fail_set(const ps_sweep_loader *ld, const ps_node *node)
{
    char msg[sizeof ld->err->msg];
    const char *text = ld->err->msg;
    snprintf(msg, sizeof msg, "%s", strncmp(text, "--set: ", 7) == 0 ? text + 7 : text);
    return ps_settings_fail(ld->pl, node, "set: %s", msg);
}

static ps_status load_sets(const ps_sweep_loader *ld)
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
static ps_status load_base_file(ps_sweep_loader *ld)
{
    ps_sweep *sw = ld->sw;
    const ps_node *node = member(ld->root, "base");
    if (node == NULL) {
        return ps_settings_fail(ld->pl, ld->root,
                                "base: missing required setting (model \"%s\")",
                                PS_SWEEP_MODEL_NAMES[sw->model]);
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

ps_status ps_sweep_load_base(ps_sweep_loader *ld)
{
    if (ld->sw->model != PS_MODEL_SCENARIO) {
        return PS_OK;
    }
    ps_status st = load_sets(ld);
    return st == PS_OK ? load_base_file(ld) : st;
}

/* Settings that belong to other models must be absent. */
ps_status ps_sweep_check_model(const ps_sweep_loader *ld)
{
#define M(model) (1u << (model))
    static const struct {
        const char *path, *models; /* models: in words, for the message */
        unsigned mask;
    } ONLY[] = {{"base", "scenario", M(PS_MODEL_SCENARIO)},
                {"set", "scenario", M(PS_MODEL_SCENARIO)},
                {"outputs.years", "scenario", M(PS_MODEL_SCENARIO)},
                {"outputs.metrics", "scenario", M(PS_MODEL_SCENARIO)},
                {"outputs.series", "scenario", M(PS_MODEL_SCENARIO)},
                {"outputs.targets", "scenario\" or \"analytic",
                 M(PS_MODEL_SCENARIO) | M(PS_MODEL_ANALYTIC)},
                {"noise", "ishigami\" or \"analytic",
                 M(PS_MODEL_ISHIGAMI) | M(PS_MODEL_ANALYTIC)}};
#undef M
    for (size_t k = 0; k < sizeof ONLY / sizeof ONLY[0]; k++) {
        const ps_node *node = member(ld->root, ONLY[k].path);
        if (node != NULL && !(ONLY[k].mask & (1u << ld->sw->model))) {
            return ps_settings_fail(ld->pl, node, "%s: only for model \"%s\"",
                                    ONLY[k].path, ONLY[k].models);
        }
    }
    return PS_OK;
}

/* ---- parameter paths -------------------------------------------------------------- */

/* The setting a parameter path names, through list elements ("states.list.[2].access"),
 * which must exist in the base scenario. */
static ps_status find_setting(const ps_sweep_loader *ld, const ps_node *node,
                              const char *where, const char *path, const ps_setting **out)
{
    const ps_scope *scope = ld->sw->model == PS_MODEL_ISHIGAMI   ? &ISHIGAMI_SCOPE
                            : ld->sw->model == PS_MODEL_ANALYTIC ? &ANALYTIC_SCOPE
                                                                 : ps_scenario_scope();
    ps_path_walk w;
    ps_path_walk_of(scope, (const char *)ld->sc, path, &w);
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

static ps_status load_range(const ps_sweep_loader *ld, const ps_node *node,
                            const ps_setting *row, const char *where, ps_sweep_param *p)
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
static ps_status value_name(const ps_sweep_loader *ld, const ps_node *e,
                            const ps_setting *row, const char *where, int i,
                            ps_sweep_param *p)
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

static ps_status value_number(const ps_sweep_loader *ld, const ps_node *e,
                              const ps_setting *row, const char *where, int i,
                              ps_sweep_param *p)
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

static ps_status load_values(const ps_sweep_loader *ld, const ps_node *node,
                             const ps_setting *row, const char *where, ps_sweep_param *p)
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

/* A parameter of a calibration: a range (emulators need numbers), and why. */
static ps_status check_calibration_param(const ps_sweep_loader *ld, const ps_node *elem,
                                         const char *prefix)
{
    const ps_node *values = member(elem, "values"), *levels = member(elem, "levels");
    if (values != NULL || levels != NULL) {
        return ps_settings_fail(ld->pl, values != NULL ? values : levels,
                                "%s%s: not in a calibration file (it varies ranges)",
                                prefix, values != NULL ? "values" : "levels");
    }
    if (member(elem, "reason") == NULL) {
        return ps_settings_fail(ld->pl, elem,
                                "%sreason: missing (a calibration says why each range)",
                                prefix);
    }
    return PS_OK;
}

/* The settings of a parameter that do not go together, or not with the design. */
static ps_status check_param(const ps_sweep_loader *ld, const ps_node *elem,
                             const ps_setting *row, const char *prefix)
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
    if (ld->calibration) {
        return check_calibration_param(ld, elem, prefix);
    }
    if (levels != NULL && ld->sw->design != PS_DESIGN_GRID) {
        return ps_settings_fail(ld->pl, levels, "%slevels: only for design \"grid\"",
                                prefix);
    }
    return PS_OK;
}

static ps_status load_param(const ps_sweep_loader *ld, const ps_node *elem, size_t j)
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
static ps_status check_unique(const ps_sweep_loader *ld, const ps_node *elem, size_t j)
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

ps_status ps_sweep_load_params(const ps_sweep_loader *ld)
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

/* ---- the targets ------------------------------------------------------------------ */

/* Output names of the analytic model, for targets of measure kind output. */
static const char *const ANALYTIC_OUTPUTS[PS_ANALYTIC_OUTPUTS] = {"y1", "y2", "y3", "y4",
                                                                  "y5"};

const char *ps_sweep_analytic_output(size_t k)
{
    return k < PS_ANALYTIC_OUTPUTS ? ANALYTIC_OUTPUTS[k] : "?";
}

/* Every target's months lie inside the runs. */
static ps_status check_target_months(const ps_sweep_loader *ld, const ps_node *node,
                                     const char *where)
{
    const ps_targets *t = ld->sw->targets;
    for (size_t i = 0; i < t->n; i++) {
        ps_month first, last;
        char a[16], b[16], start[16], end[16];
        ps_target_months(&t->list[i], &first, &last);
        if (first >= ld->sc->start && last <= ld->sc->end) {
            continue;
        }
        ps_month_format(first, a, sizeof a);
        ps_month_format(last, b, sizeof b);
        ps_month_format(ld->sc->start, start, sizeof start);
        ps_month_format(ld->sc->end, end, sizeof end);
        return ps_settings_fail(ld->pl, node,
                                "%s: targets.[%zu] (%s) measures %s to %s, outside the "
                                "runs of the base scenario (%s to %s)",
                                where, i, t->list[i].name, a, b, start, end);
    }
    return PS_OK;
}

ps_status ps_sweep_load_targets(const ps_sweep_loader *ld, const ps_node *node,
                                const char *where)
{
    ps_sweep *sw = ld->sw;
    const char *rel = ps_node_string(node);
    if (rel == NULL) {
        return ps_settings_fail(ld->pl, node, "%s: expected the targets file's path",
                                where);
    }
    bool relative = rel[0] != '/' && ld->dir != NULL && ld->dir[0] != '\0';
    int len = snprintf(sw->targets_path, sizeof sw->targets_path, "%s%s%s",
                       relative ? ld->dir : "", relative ? "/" : "", rel);
    if (len < 0 || (size_t)len >= sizeof sw->targets_path) {
        return ps_settings_fail(ld->pl, node, "%s = \"%s\": path too long", where, rel);
    }
    char model[PS_MAX_TEXT + 16];
    if (sw->model == PS_MODEL_SCENARIO) {
        snprintf(model, sizeof model, "scenario %s", ld->sc->name);
    } else {
        snprintf(model, sizeof model, "model %s", PS_SWEEP_MODEL_NAMES[sw->model]);
    }
    ps_target_context ctx = {.model = model};
    if (sw->model == PS_MODEL_SCENARIO) {
        ctx.sc = ld->sc;
    } else {
        ctx.outputs = ANALYTIC_OUTPUTS;
        ctx.n_outputs = PS_ANALYTIC_OUTPUTS;
    }
    ps_status st = ps_targets_load(sw->targets_path, &ctx, &sw->targets, ld->err);
    if (st == PS_EIO) { /* a file the sweep names that cannot be read: bad input */
        return ps_settings_fail(ld->pl, node, "%s = \"%s\": %s", where, rel,
                                ld->err->msg);
    }
    return st == PS_OK && ld->sc != NULL ? check_target_months(ld, node, where) : st;
}
