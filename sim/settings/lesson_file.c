/* lesson_file.c - the classroom's lesson files (docs/classroom/README.md, "The lesson
 * format"): a format of the settings engine; each slider's path, range and values are
 * checked by loading the lesson's scenario with them as --set, the code students' values
 * meet on the classroom page */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_set.h"
#include "settings.h"

#define LESSON_TEXT 256
#define LESSON_MAX 16 /* sliders, charts, series of a chart, outcomes, slider values */

typedef struct {
    char key[LESSON_TEXT], label[LESSON_TEXT];
    ps_month month;
    bool has_month;
} lesson_series;

typedef struct {
    char title[LESSON_TEXT], unit[LESSON_TEXT];
    lesson_series series[LESSON_MAX];
    size_t n_series;
} lesson_chart;

typedef struct {
    char path[LESSON_TEXT], label[LESSON_TEXT];
    double min, max, step;
    bool has_min, has_max, has_step;
} lesson_slider;

typedef struct {
    char title[LESSON_TEXT], scenario[LESSON_TEXT], worksheet[LESSON_TEXT];
    char question[2 * LESSON_TEXT];
    lesson_slider sliders[LESSON_MAX];
    size_t n_sliders;
    lesson_chart charts[LESSON_MAX];
    size_t n_charts;
    lesson_series outcomes[LESSON_MAX];
    size_t n_outcomes;
} lesson;

/* What the checks share: the lesson's folder, its scenario (loaded once as given) and
 * where the resolved lesson goes (NULL: nowhere). */
typedef struct {
    char dir[LESSON_TEXT];
    char scenario_path[2 * LESSON_TEXT + 1];
    ps_scenario *sc; /* owned */
    FILE *out;       /* borrowed */
} lesson_ctx;

/* clang-format off */
#define TEXT(T, p, f, fl, d)                                                             \
    {.path = (p), .kind = PS_KIND_STRING, .flags = (fl), .unit = "", .doc = (d),         \
     .offset = offsetof(T, f), .n = sizeof(((T *)0)->f)}
#define NUMBER(p, f, d)                                                                  \
    {.path = (p), .kind = PS_KIND_REAL, .flags = PS_OPTIONAL, .unit = "1", .doc = (d),   \
     .offset = offsetof(lesson_slider, f), .min = -DBL_MAX, .max = DBL_MAX,              \
     .has_offset = offsetof(lesson_slider, has_##f)}
#define LIST(T, p, f, least, el, d)                                                      \
    {.path = (p), .kind = PS_KIND_LIST, .flags = PS_REQUIRED, .unit = "", .doc = (d),    \
     .offset = offsetof(T, f), .min = (least), .n = LESSON_MAX,                          \
     .aux_offset = offsetof(T, n_##f), .elem = (el)}
#define SCOPE(name, T, rows) {name, rows, sizeof rows / sizeof rows[0], sizeof(T)}

static const ps_setting SERIES_ROWS[] = {
    TEXT(lesson_series, "key", key, PS_REQUIRED, "a dataset of the result file, @STATE, :NAME"),
    TEXT(lesson_series, "label", label, PS_REQUIRED, "the series' name on the page"),
    {.path = "month", .kind = PS_KIND_DATE, .flags = PS_OPTIONAL, .unit = "month",
     .doc = "outcomes: the month of the value (default the last)",
     .offset = offsetof(lesson_series, month),
     .has_offset = offsetof(lesson_series, has_month)},
};
static const ps_scope SERIES_SCOPE = SCOPE("series", lesson_series, SERIES_ROWS);

static const ps_setting CHART_ROWS[] = {
    TEXT(lesson_chart, "title", title, PS_REQUIRED, "the chart's title"),
    TEXT(lesson_chart, "unit", unit, 0, "the unit of its values"),
    LIST(lesson_chart, "series", series, 1, &SERIES_SCOPE, "the series drawn"),
};
static const ps_scope CHART_SCOPE = SCOPE("chart", lesson_chart, CHART_ROWS);

static const ps_setting SLIDER_ROWS[] = {
    TEXT(lesson_slider, "path", path, PS_REQUIRED, "the setting, as --set names it"),
    TEXT(lesson_slider, "label", label, PS_REQUIRED, "the slider's name on the page"),
    NUMBER("min", min, "least value, inside the setting's range"),
    NUMBER("max", max, "greatest value, inside the setting's range"),
    NUMBER("step", step, "the slider's step"),
    {.path = "values", .kind = PS_KIND_CUSTOM, .unit = "",
     .doc = "a choice setting's values, instead of min, max and step"},
};
static const ps_scope SLIDER_SCOPE = SCOPE("slider", lesson_slider, SLIDER_ROWS);

static const ps_setting LESSON_ROWS[] = {
    TEXT(lesson, "title", title, PS_REQUIRED, "the lesson's title"),
    TEXT(lesson, "scenario", scenario, PS_REQUIRED, "its world, relative to this file"),
    TEXT(lesson, "worksheet", worksheet, 0, "its worksheet in docs/classroom/"),
    TEXT(lesson, "question", question, 0, "the question, in one sentence"),
    LIST(lesson, "sliders", sliders, 1, &SLIDER_SCOPE, "what students may change"),
    LIST(lesson, "charts", charts, 1, &CHART_SCOPE, "what the page draws"),
    LIST(lesson, "outcomes", outcomes, 1, &SERIES_SCOPE, "the table under the charts"),
};
static const ps_scope LESSON_SCOPE = SCOPE("lesson", lesson, LESSON_ROWS);
/* clang-format on */

/* The node of sliders.[i].name (the element itself when name is NULL or absent). */
static const ps_node *slider_node(const ps_node *root, size_t i, const char *name)
{
    const ps_node *list = ps_node_member(root, "sliders");
    const ps_node *elem = list != NULL ? ps_node_elem(list, (int)i) : NULL;
    const ps_node *node =
        elem != NULL && name != NULL ? ps_node_member(elem, name) : NULL;
    return node != NULL ? node : elem != NULL ? elem : root;
}

/* Load the lesson's scenario with one --set; a refusal is protsim's own message. */
static ps_status try_set(const ps_loader *ld, const lesson_ctx *cx, const ps_node *node,
                         const char *where, const char *set)
{
    ps_error inner = {0};
    const char *sets[] = {set};
    ps_scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        return ps_fail(ld->err, PS_ENOMEM, "out of memory");
    }
    ps_status st = ps_scenario_load(cx->scenario_path, sets, 1, sc, &inner);
    free(sc);
    if (st == PS_EINVAL) {
        return ps_settings_fail(ld, node, "%s: %s", where, inner.msg);
    }
    return st == PS_OK ? PS_OK : ps_fail(ld->err, st, "%s", inner.msg);
}

static ps_status check_scenario(const ps_loader *ld, const ps_node *root, void *out,
                                void *ctx)
{
    const lesson *l = out;
    lesson_ctx *cx = ctx;
    if (l->scenario[0] == '/') {
        snprintf(cx->scenario_path, sizeof cx->scenario_path, "%s", l->scenario);
    } else {
        snprintf(cx->scenario_path, sizeof cx->scenario_path, "%s/%s", cx->dir,
                 l->scenario);
    }
    ps_error inner = {0};
    ps_status st = ps_scenario_load(cx->scenario_path, NULL, 0, cx->sc, &inner);
    if (st != PS_OK && st != PS_ENOMEM) {
        return ps_settings_fail(ld, ps_node_member(root, "scenario"),
                                "scenario = \"%s\": %s", l->scenario, inner.msg);
    }
    return st == PS_OK ? PS_OK : ps_fail(ld->err, st, "%s", inner.msg);
}

/* A choice slider: values, a list of names, each taken by --set. */
static ps_status check_values(const ps_loader *ld, const lesson_ctx *cx,
                              const ps_node *values, const lesson_slider *s, size_t i)
{
    char where[64], set[2 * LESSON_TEXT];
    snprintf(where, sizeof where, "sliders.[%zu].values", i);
    int n = ps_node_length(values);
    if (!ps_node_is_sequence_of(values, true, SIZE_MAX) || n < 2 || n > LESSON_MAX) {
        return ps_settings_fail(ld, values, "%s: expected 2 to %d names", where,
                                LESSON_MAX);
    }
    for (int k = 0; k < n; k++) {
        snprintf(set, sizeof set, "%s=%s", s->path,
                 ps_node_string(ps_node_elem(values, k)));
        ps_status st = try_set(ld, cx, values, where, set);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* A number slider: min < max, step > 0, both ends taken by --set. */
static ps_status check_range(const ps_loader *ld, const lesson_ctx *cx,
                             const ps_node *root, const lesson_slider *s, size_t i)
{
    if (!s->has_min || !s->has_max || !s->has_step) {
        return ps_settings_fail(ld, slider_node(root, i, NULL),
                                "sliders.[%zu]: needs min, max and step, or values", i);
    }
    if (!(s->min < s->max) || !(s->step > 0)) {
        return ps_settings_fail(ld, slider_node(root, i, "min"),
                                "sliders.[%zu]: min %g, max %g, step %g: need min < max "
                                "and step > 0",
                                i, s->min, s->max, s->step);
    }
    const char *ends[] = {"min", "max"};
    const double value[] = {s->min, s->max};
    for (int k = 0; k < 2; k++) {
        char where[64], set[2 * LESSON_TEXT];
        snprintf(where, sizeof where, "sliders.[%zu].%s", i, ends[k]);
        snprintf(set, sizeof set, "%s=%.17g", s->path, value[k]);
        ps_status st = try_set(ld, cx, slider_node(root, i, ends[k]), where, set);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* The setting a slider names must be a number or a choice of the lesson's scenario. */
static ps_status check_path(const ps_loader *ld, const lesson_ctx *cx,
                            const ps_node *root, const lesson_slider *s, size_t i)
{
    ps_path_walk w;
    ps_path_walk_of(ps_scenario_scope(), (const char *)cx->sc, s->path, &w);
    const ps_node *node = slider_node(root, i, "path");
    if (w.end != PS_PATH_SETTING) { /* --set says what is wrong with the path */
        char where[64], set[2 * LESSON_TEXT];
        snprintf(where, sizeof where, "sliders.[%zu].path", i);
        snprintf(set, sizeof set, "%s=0", s->path);
        ps_status st = try_set(ld, cx, node, where, set);
        return st != PS_OK ? st
                           : ps_settings_fail(ld, node, "%s = \"%s\": not a setting",
                                              where, s->path);
    }
    ps_vary vary = ps_kind_ops_of(w.row->kind)->vary;
    bool choice = ps_node_member(slider_node(root, i, NULL), "values") != NULL;
    if (vary == PS_VARY_NO) {
        return ps_settings_fail(ld, node,
                                "sliders.[%zu].path = \"%s\": a %s setting "
                                "cannot be a slider",
                                i, s->path, ps_kind_ops_of(w.row->kind)->name);
    }
    if ((vary == PS_VARY_CHOICE) != choice) {
        return ps_settings_fail(ld, node, "sliders.[%zu].path = \"%s\": %s", i, s->path,
                                choice ? "a number takes min, max and step, not values"
                                       : "a choice takes values, not min and max");
    }
    return PS_OK;
}

/* The scenario's value of a number setting (at a walk's end) as a double. */
static double number_at(const ps_path_walk *w)
{
    const char *at = w->base + w->row->offset;
    switch (w->row->kind) {
    case PS_KIND_INT:
        return *(const int *)(const void *)at;
    case PS_KIND_COUNT:
        return (double)*(const size_t *)(const void *)at;
    case PS_KIND_INT64:
        return (double)*(const uint64_t *)(const void *)at;
    default:
        return *(const double *)(const void *)at;
    }
}

/* The scenario's own value of a number slider must lie between its ends. */
static ps_status check_default(const ps_loader *ld, const lesson_ctx *cx,
                               const ps_node *root, const lesson_slider *s, size_t i)
{
    ps_path_walk w;
    ps_path_walk_of(ps_scenario_scope(), (const char *)cx->sc, s->path, &w);
    double v = number_at(&w);
    if (v < s->min || v > s->max) {
        return ps_settings_fail(ld, slider_node(root, i, "min"),
                                "sliders.[%zu]: the scenario's %s = %g is outside the "
                                "slider's [%g, %g]",
                                i, s->path, v, s->min, s->max);
    }
    return PS_OK;
}

static ps_status check_sliders(const ps_loader *ld, const ps_node *root, void *out,
                               void *ctx)
{
    const lesson *l = out;
    const lesson_ctx *cx = ctx;
    for (size_t i = 0; i < l->n_sliders; i++) {
        const lesson_slider *s = &l->sliders[i];
        const ps_node *values = ps_node_member(slider_node(root, i, NULL), "values");
        ps_status st = check_path(ld, cx, root, s, i);
        if (st == PS_OK) {
            st = values != NULL ? check_values(ld, cx, values, s, i)
                                : check_range(ld, cx, root, s, i);
        }
        if (st == PS_OK && values == NULL) {
            st = check_default(ld, cx, root, s, i);
        }
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* ---- the resolved lesson ------------------------------------------------------------
 */

static void write_rows(FILE *out, const ps_scope *scope, const char *base, int depth);

static void write_list(FILE *out, const ps_setting *row, const char *base, int depth)
{
    size_t n = *(const size_t *)(const void *)(base + row->aux_offset);
    fprintf(out, "%*s%s = (\n", 4 * depth, "", row->path);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%*s{\n", 4 * depth + 4, "");
        write_rows(out, row->elem, base + row->offset + i * row->elem->size, depth + 2);
        fprintf(out, "%*s}%s\n", 4 * depth + 4, "", i + 1 < n ? "," : "");
    }
    fprintf(out, "%*s);\n", 4 * depth, "");
}

static void write_rows(FILE *out, const ps_scope *scope, const char *base, int depth)
{
    for (size_t k = 0; k < scope->n_rows; k++) {
        const ps_setting *row = &scope->rows[k];
        const ps_kind_ops *ops = ps_kind_ops_of(row->kind);
        bool given =
            !(row->flags & PS_OPTIONAL) || *(const bool *)(base + row->has_offset);
        if (row->kind == PS_KIND_LIST) {
            write_list(out, row, base, depth);
        } else if (ops->write != NULL && given) {
            fprintf(out, "%*s%s = ", 4 * depth, "", row->path);
            ops->write(out, NULL, row, base);
            fputs(";\n", out);
        }
    }
}

/* Each slider's values (a choice) and its value in the scenario, as the page needs. */
static void write_slider_extras(FILE *out, const lesson *l, const lesson_ctx *cx,
                                const ps_node *root)
{
    fputs("defaults = (\n", out);
    for (size_t i = 0; i < l->n_sliders; i++) {
        ps_path_walk w;
        ps_path_walk_of(ps_scenario_scope(), (const char *)cx->sc, l->sliders[i].path,
                        &w);
        fputs("    { value = ", out);
        ps_kind_ops_of(w.row->kind)->write(out, cx->sc, w.row, w.base);
        const ps_node *values = ps_node_member(slider_node(root, i, NULL), "values");
        if (values != NULL) {
            fputs("; values = [", out);
            for (int k = 0; k < ps_node_length(values); k++) {
                fprintf(out, "%s\"%s\"", k > 0 ? ", " : "",
                        ps_node_string(ps_node_elem(values, k)));
            }
            fputs("]", out);
        }
        fprintf(out, "; }%s\n", i + 1 < l->n_sliders ? "," : "");
    }
    fputs(");\n", out);
}

/* The last check: write the lesson resolved, once every other check has passed. */
static ps_status write_lesson(const ps_loader *ld, const ps_node *root, void *out,
                              void *ctx)
{
    const lesson_ctx *cx = ctx;
    if (cx->out != NULL) {
        write_rows(cx->out, &LESSON_SCOPE, out, 0);
        write_slider_extras(cx->out, out, cx, root);
        if (ferror(cx->out)) {
            return ps_fail(ld->err, PS_EIO, "cannot write the lesson");
        }
    }
    return PS_OK;
}

static ps_format_check *const LESSON_CHECKS[] = {check_scenario, check_sliders,
                                                 write_lesson};
static const ps_format LESSON_FORMAT = {.scope = &LESSON_SCOPE,
                                        .checks = LESSON_CHECKS,
                                        .n_checks = sizeof LESSON_CHECKS /
                                                    sizeof LESSON_CHECKS[0]};

ps_status ps_lesson_check(const char *path, FILE *out, ps_error *err)
{
    lesson_ctx cx = {.out = out};
    const char *slash = strrchr(path, '/');
    snprintf(cx.dir, sizeof cx.dir, "%.*s", slash == NULL ? 1 : (int)(slash - path),
             slash == NULL ? "." : path);
    lesson *l = calloc(1, sizeof *l);
    cx.sc = calloc(1, sizeof *cx.sc);
    ps_status st = l == NULL || cx.sc == NULL
                       ? ps_fail(err, PS_ENOMEM, "%s: out of memory", path)
                       : ps_format_load_file(&LESSON_FORMAT, path, NULL, l, &cx, err);
    free(cx.sc);
    free(l);
    return st;
}
