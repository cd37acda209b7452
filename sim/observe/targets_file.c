/* targets_file.c - read and check targets files (docs/calibration.md): one table of
 * rows per target, checks of the observation and of the measure (what each kind needs),
 * names resolved against a scenario or a test model; JSON for the calibration helper */
#define _XOPEN_SOURCE 700 /* strdup */
#include "protsim/targets.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config_read.h"
#include "settings.h"
#include "targets_impl.h"

#define AT(base, offset, type) ((type *)(void *)((base) + (offset)))
#define member ps_node_member

/* ---- names ------------------------------------------------------------------------- */

#define PS_AS_MEASURE_NAME(id, name, doc) [id] = name,
#define PS_AS_MEASURE_DOC(id, name, doc) [id] = doc,
static const char *const MEASURE_NAMES[PS_N_MEASURES] = {
    PS_MEASURE_LIST(PS_AS_MEASURE_NAME)};
static const char *const MEASURE_DOCS[PS_N_MEASURES] = {
    PS_MEASURE_LIST(PS_AS_MEASURE_DOC)};
static const char *const TRANSFORM_NAMES[PS_N_TRANSFORMS] = {"none", "log", "logit"};
static const char *const PATRON_NAMES[PS_N_PATRON] = {"any", "with", "without"};
static const char *const COMBINE_NAMES[PS_N_COMBINE] = {"sum", "mean"};

_Static_assert(sizeof(ps_measure_kind) == sizeof(int), "stored as int");
_Static_assert(sizeof(ps_transform) == sizeof(int), "stored as int");
_Static_assert(sizeof(ps_patron) == sizeof(int), "stored as int");
_Static_assert(sizeof(ps_combine) == sizeof(int), "stored as int");

const char *ps_measure_name(ps_measure_kind k)
{
    return k >= 0 && k < PS_N_MEASURES ? MEASURE_NAMES[k] : "?";
}

const char *ps_measure_doc(ps_measure_kind k)
{
    return k >= 0 && k < PS_N_MEASURES ? MEASURE_DOCS[k] : "?";
}

const char *ps_transform_name(ps_transform tr)
{
    return tr >= 0 && tr < PS_N_TRANSFORMS ? TRANSFORM_NAMES[tr] : "?";
}

/* ---- the rows ---------------------------------------------------------------------- */

/* clang-format off */
#define TG(f) offsetof(ps_target, f)
#define ME(f) offsetof(ps_target, measure.f)
#define TEXT(p, f, fl, d)                                                                \
    {.path = (p), .kind = PS_KIND_STRING, .flags = (fl), .unit = "", .doc = (d),         \
     .offset = TG(f), .n = sizeof(((ps_target *)0)->f)}
#define CHOICE(p, o, dv, nm, nn, fl, d)                                                  \
    {.path = (p), .kind = PS_KIND_ENUM, .flags = (fl), .unit = "", .doc = (d),           \
     .offset = (o), .def = (dv), .names = (nm), .n = (nn)}
#define MONTH(p, f, d)                                                                   \
    {.path = (p), .kind = PS_KIND_DATE, .flags = PS_OPTIONAL, .unit = "month",          \
     .doc = (d), .offset = ME(f), .has_offset = ME(has_##f)}
#define OTHER(p, d) {.path = (p), .kind = PS_KIND_CUSTOM, .unit = "", .doc = (d)}
#define BIG 1e15 /* no observed quantity of the model is larger */

/* targets.[i]; the custom rows are read by check_target below. */
static const ps_setting TARGET_ROWS[] = {
    {.path = "name", .kind = PS_KIND_STRING, .flags = PS_REQUIRED | PS_UNIQUE, .unit = "",
     .doc = "the target's name: letters, digits and _", .offset = TG(name),
     .n = sizeof(((ps_target *)0)->name)},
    TEXT("what", what, PS_REQUIRED, "the target in words"),
    TEXT("group", group, PS_REQUIRED, "the group of targets it belongs to (one plot each)"),
    TEXT("units", units, 0, "units of the observed value and of the measure"),
    {.path = "observed", .kind = PS_KIND_REAL, .flags = PS_REQUIRED, .unit = "",
     .doc = "the observed value z", .offset = TG(observed), .min = -BIG, .max = BIG},
    {.path = "sd", .kind = PS_KIND_REAL, .flags = PS_OPTIONAL, .unit = "",
     .doc = "standard deviation of the observation", .offset = TG(sd),
     .has_offset = TG(has_sd), .min = 0, .max = BIG},
    OTHER("range", "[lo, hi]: the observation's range instead of sd (sd = (hi - lo) / 4)"),
    TEXT("uncertainty", uncertainty, PS_REQUIRED, "why that sd or range"),
    TEXT("source", source, PS_REQUIRED, "the file in data/ the value comes from"),
    TEXT("column", column, PS_REQUIRED, "the columns and rows of the source behind it"),
    CHOICE("transform", TG(transform), PS_TRANSFORM_NONE, TRANSFORM_NAMES,
           PS_N_TRANSFORMS, 0, "how the emulators see the target: none, log or logit"),
    {.path = "offset", .kind = PS_KIND_REAL, .unit = "", .doc = "offset of the transform",
     .offset = TG(offset), .def = 0, .min = 0, .max = BIG},
    CHOICE("measure.kind", ME(kind), 0, MEASURE_NAMES, PS_N_MEASURES, PS_REQUIRED,
           "how a run is measured"),
    {.path = "measure.series", .kind = PS_KIND_STRING, .unit = "",
     .doc = "the series measured, e.g. refugees/count", .offset = ME(x.series),
     .n = PS_TARGET_NAME},
    OTHER("measure.labels", "labels of the series' last axis combined (default all)"),
    CHOICE("measure.combine", ME(x.combine), PS_COMBINE_SUM, COMBINE_NAMES, PS_N_COMBINE,
           0, "how the labels combine: sum or mean"),
    {.path = "measure.per.series", .kind = PS_KIND_STRING, .unit = "",
     .doc = "the denominator's series", .offset = ME(per.series), .n = PS_TARGET_NAME},
    OTHER("measure.per.labels", "labels of the denominator (default all)"),
    CHOICE("measure.per.combine", ME(per.combine), PS_COMBINE_SUM, COMBINE_NAMES,
           PS_N_COMBINE, 0, "how the denominator's labels combine"),
    OTHER("measure.state", "the state measured"),
    OTHER("measure.states", "the states measured, summed"),
    OTHER("measure.subregions", "every state of these subregions"),
    MONTH("measure.at", at, "the month of a value"),
    MONTH("measure.from", from, "the first month measured"),
    MONTH("measure.to", to, "the last month measured"),
    OTHER("measure.events", "the event types counted"),
    {.path = "measure.democracy_below", .kind = PS_KIND_REAL, .flags = PS_OPTIONAL,
     .unit = "1", .doc = "events only in states whose democracy is below this",
     .offset = ME(democracy_below), .has_offset = ME(has_democracy_below), .min = 0,
     .max = 1},
    CHOICE("measure.patron", ME(patron), PS_PATRON_ANY, PATRON_NAMES, PS_N_PATRON, 0,
           "events in states with a patron link before them, without one, or any"),
    {.path = "measure.output", .kind = PS_KIND_STRING, .unit = "",
     .doc = "the test model's output", .offset = ME(output), .n = PS_TARGET_NAME},
};
static const ps_scope TARGET_SCOPE = {"target", TARGET_ROWS,
                                      sizeof TARGET_ROWS / sizeof TARGET_ROWS[0],
                                      sizeof(ps_target)};

static const ps_setting FILE_ROWS[] = {
    {.path = "description", .kind = PS_KIND_STRING, .unit = "",
     .doc = "what the targets are", .offset = offsetof(ps_targets, description),
     .n = PS_MAX_TEXT},
    {.path = "targets", .kind = PS_KIND_LIST, .flags = PS_REQUIRED, .unit = "",
     .doc = "the targets", .offset = offsetof(ps_targets, list), .min = 1,
     .n = PS_MAX_TARGETS, .aux_offset = offsetof(ps_targets, n), .elem = &TARGET_SCOPE},
};
/* clang-format on */

/* ---- what the checks share --------------------------------------------------------- */

/* One target being checked. */
typedef struct check {
    const ps_loader *ld;
    const ps_node *node; /* targets.[i] */
    char where[64];      /* "targets.[i]" */
    ps_target *t;
    const ps_target_context *ctx; /* may be NULL */
} check;

/* Fail at the node of rel below the target (the nearest existing node on the way; the
 * target itself when rel is NULL) with the message as formatted. */
static ps_status fail_at(const check *c, const char *rel, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static ps_status fail_at(const check *c, const char *rel, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const ps_node *parent = c->node;
    const ps_node *node = rel != NULL ? ps_node_lookup(c->node, rel, &parent) : c->node;
    return ps_settings_fail(c->ld, node != NULL ? node : parent, "%s", msg);
}

/* ---- the observation --------------------------------------------------------------- */

static bool is_name(const char *s)
{
    size_t n =
        strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    return n == strlen(s) && s[0] != '\0' && !(s[0] >= '0' && s[0] <= '9');
}

static ps_status check_range(const check *c)
{
    ps_target *t = c->t;
    const ps_node *node = member(c->node, "range");
    double lo, hi;
    bool pair = ps_node_is_sequence_of(node, false, 2);
    if (!pair || !ps_node_number(ps_node_elem(node, 0), &lo) ||
        !ps_node_number(ps_node_elem(node, 1), &hi)) {
        return fail_at(c, "range", "%s.range: expected [lo, hi]", c->where);
    }
    if (!(lo < hi)) {
        return fail_at(c, "range", "%s.range = [%g, %g]: expected lo < hi", c->where, lo,
                       hi);
    }
    if (t->observed < lo || t->observed > hi) {
        return fail_at(c, "range", "%s.range = [%g, %g] does not hold observed = %g",
                       c->where, lo, hi, t->observed);
    }
    t->range[0] = lo;
    t->range[1] = hi;
    t->has_range = true;
    t->sd = (hi - lo) / 4.0; /* a range read as mean +- 2 sd */
    return PS_OK;
}

/* The transform must be defined at the observation. */
static ps_status check_transform(const check *c)
{
    const ps_target *t = c->t;
    double y = t->observed + t->offset;
    if (t->transform == PS_TRANSFORM_LOG && !(y > 0.0)) {
        return fail_at(c, "transform",
                       "%s.transform = \"log\": observed + offset = %g must be above 0",
                       c->where, y);
    }
    if (t->transform == PS_TRANSFORM_LOGIT && !(y > 0.0 && y < 1.0 + 2.0 * t->offset)) {
        return fail_at(c, "transform",
                       "%s.transform = \"logit\": (observed + offset) / (1 + 2 offset) = "
                       "%g must lie inside (0, 1)",
                       c->where, y / (1.0 + 2.0 * t->offset));
    }
    return PS_OK;
}

static ps_status check_observation(const check *c)
{
    ps_target *t = c->t;
    bool range = member(c->node, "range") != NULL;
    if (!is_name(t->name)) {
        return fail_at(c, "name",
                       "%s.name = \"%s\": expected letters, digits and _ (not first a "
                       "digit)",
                       c->where, t->name);
    }
    if (range && t->has_sd) {
        return fail_at(c, "range", "%s.range: give sd or range, not both", c->where);
    }
    if (!range && !t->has_sd) {
        return fail_at(c, NULL, "%s: missing sd or range (the observation's uncertainty)",
                       c->where);
    }
    ps_status st = range ? check_range(c) : PS_OK;
    if (st == PS_OK && !(t->sd > 0.0)) {
        return fail_at(c, "sd",
                       "%s.sd = 0: the observation's uncertainty must be above 0 (the "
                       "least difference that matters)",
                       c->where);
    }
    return st == PS_OK ? check_transform(c) : st;
}

/* ---- lists of names ---------------------------------------------------------------- */

/* The strings at rel (one string, or a list of them when list) into dst[cap][width]. */
static ps_status read_names(const check *c, const char *rel, bool list, size_t cap,
                            size_t width, char *dst, size_t *n)
{
    const ps_node *node = member(c->node, rel);
    if (node == NULL) {
        return PS_OK;
    }
    if (!list) {
        const char *s = ps_node_string(node);
        if (s == NULL || strlen(s) >= width) {
            return fail_at(c, rel, "%s.%s: expected a name of at most %zu characters",
                           c->where, rel, width - 1);
        }
        snprintf(dst, width, "%s", s);
        *n = 1;
        return PS_OK;
    }
    if (!ps_node_is_sequence_of(node, true, SIZE_MAX) || ps_node_length(node) == 0) {
        return fail_at(c, rel, "%s.%s: expected a list of names [\"a\", ...]", c->where,
                       rel);
    }
    if ((size_t)ps_node_length(node) > cap) {
        return fail_at(c, rel, "%s.%s has %d names, at most %zu", c->where, rel,
                       ps_node_length(node), cap);
    }
    for (int i = 0; i < ps_node_length(node); i++) {
        const char *s = ps_node_string(ps_node_elem(node, i));
        if (strlen(s) >= width) {
            return fail_at(c, rel, "%s.%s.[%d] = \"%s\" is longer than %zu characters",
                           c->where, rel, i, s, width - 1);
        }
        snprintf(dst + (size_t)i * width, width, "%s", s);
    }
    *n = (size_t)ps_node_length(node);
    return PS_OK;
}

/* The nearest of names[n] to name within 3 edits, or NULL. */
static const char *nearest(const char *name, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = 4;
    for (size_t k = 0; k < n; k++) {
        size_t d = ps_edit_distance(name, names[k]);
        if (d < best_d) {
            best_d = d;
            best = names[k];
        }
    }
    return best;
}

/* ", did you mean X?" or "" */
static void hint_text(const char *name, const char *const *names, size_t n, char *buf,
                      size_t size)
{
    const char *near = nearest(name, names, n);
    snprintf(buf, size, "%s%s%s", near != NULL ? " (did you mean " : "",
             near != NULL ? near : "", near != NULL ? "?)" : "");
}

static ps_status read_events(const check *c)
{
    char names[PS_N_EVENT_TYPES][PS_TARGET_NAME];
    ps_measure *m = &c->t->measure;
    size_t n = 0;
    ps_status st = read_names(c, "measure.events", true, PS_N_EVENT_TYPES, PS_TARGET_NAME,
                              names[0], &n);
    const char *all[PS_N_EVENT_TYPES];
    for (int e = 0; e < PS_N_EVENT_TYPES; e++) {
        all[e] = ps_event_type_name((ps_event_type)e);
    }
    for (size_t k = 0; st == PS_OK && k < n; k++) {
        int e = 0;
        while (e < PS_N_EVENT_TYPES && strcmp(names[k], all[e]) != 0) {
            e++;
        }
        if (e == PS_N_EVENT_TYPES) {
            char hint[128];
            hint_text(names[k], all, PS_N_EVENT_TYPES, hint, sizeof hint);
            return fail_at(c, "measure.events",
                           "%s.measure.events.[%zu] = \"%s\": unknown event type%s",
                           c->where, k, names[k], hint);
        }
        m->events[m->n_events++] = (ps_event_type)e;
    }
    return st;
}

/* ---- series and labels ------------------------------------------------------------- */

/* Resolve sel (at rel: "measure" or "measure.per"): its series and labels. */
static ps_status resolve_selection(const check *c, const char *rel, ps_selection *sel)
{
    char at[64], labels_at[80];
    snprintf(at, sizeof at, "%s.series", rel);
    snprintf(labels_at, sizeof labels_at, "%s.labels", rel);
    const char *path = sel->series[0] == '/' ? sel->series + 1 : sel->series;
    const char *names[64];
    size_t n = 0;
    sel->row = -1;
    for (size_t k = 0; k < PS_N_SEL_SERIES; k++) {
        bool usable = PS_SEL_SERIES[k].shape != PS_SEL_TIME &&
                      PS_SEL_SERIES[k].shape != PS_SEL_NGOS;
        if (usable && strcmp(path, PS_SEL_SERIES[k].path) == 0) {
            sel->row = (int)k;
        }
        if (usable && n < 64) {
            names[n++] = PS_SEL_SERIES[k].path;
        }
    }
    if (sel->row < 0) {
        char hint[128];
        hint_text(path, names, n, hint, sizeof hint);
        return fail_at(c, at, "%s.%s = \"%s\": not a series of states or of the region%s",
                       c->where, at, sel->series, hint);
    }
    const ps_sel_series *s = &PS_SEL_SERIES[sel->row];
    if (s->n == 1 && sel->n_labels > 0) {
        return fail_at(c, labels_at, "%s.%s: the series %s has no labels", c->where,
                       labels_at, path);
    }
    for (size_t k = 0; k < sel->n_labels; k++) {
        const char *axis[64];
        size_t i = 0;
        for (; i < s->n && i < 64; i++) {
            axis[i] = ps_sel_label(s->axis, i);
        }
        size_t j = 0;
        while (j < s->n && strcmp(sel->labels[k], ps_sel_label(s->axis, j)) != 0) {
            j++;
        }
        if (j == s->n) {
            char hint[128];
            hint_text(sel->labels[k], axis, i, hint, sizeof hint);
            return fail_at(c, labels_at, "%s.%s.[%zu] = \"%s\": not a %s of %s%s",
                           c->where, labels_at, k, sel->labels[k], s->axis, path, hint);
        }
        sel->label_index[k] = j;
    }
    return PS_OK;
}

/* ---- what each kind of measure takes ----------------------------------------------- */

enum {
    USES_SERIES = 1u << 0, /* series, labels, combine (series required) */
    USES_PER = 1u << 1,    /* per (a denominator) */
    USES_AT = 1u << 2,     /* at (required) */
    USES_SPAN = 1u << 3,   /* from and to (required) */
    USES_EVENTS = 1u << 4, /* events (required), democracy_below, patron */
    USES_OUTPUT = 1u << 5, /* output (required) */
    USES_PLACES = 1u << 6  /* state, states or subregions */
};

static const unsigned KIND_USES[PS_N_MEASURES] = {
    [PS_MEASURE_VALUE] = USES_SERIES | USES_PER | USES_AT | USES_PLACES,
    [PS_MEASURE_POOLED] = USES_SERIES | USES_PER | USES_SPAN | USES_PLACES,
    [PS_MEASURE_MEAN] = USES_SERIES | USES_PER | USES_SPAN | USES_PLACES,
    [PS_MEASURE_MEDIAN] = USES_SERIES | USES_PER | USES_SPAN | USES_PLACES,
    [PS_MEASURE_CHANGE] = USES_SERIES | USES_SPAN | USES_PLACES,
    [PS_MEASURE_RATIO] = USES_SERIES | USES_SPAN | USES_PLACES,
    [PS_MEASURE_MAX_RISE] = USES_SERIES | USES_SPAN | USES_PLACES,
    [PS_MEASURE_YEARS] = USES_SERIES | USES_SPAN | USES_PLACES,
    [PS_MEASURE_EVENTS] = USES_EVENTS | USES_SPAN | USES_PLACES,
    [PS_MEASURE_ANY] = USES_EVENTS | USES_SPAN | USES_PLACES,
    [PS_MEASURE_OUTPUT] = USES_OUTPUT,
};

/* Each setting of a measure, what it belongs to, and whether it is then required. */
static const struct {
    const char *rel;
    unsigned use;
    bool required;
} MEASURE_SETTINGS[] = {
    {"measure.series", USES_SERIES, true},
    {"measure.labels", USES_SERIES, false},
    {"measure.combine", USES_SERIES, false},
    {"measure.per", USES_PER, false},
    {"measure.at", USES_AT, true},
    {"measure.from", USES_SPAN, true},
    {"measure.to", USES_SPAN, true},
    {"measure.events", USES_EVENTS, true},
    {"measure.democracy_below", USES_EVENTS, false},
    {"measure.patron", USES_EVENTS, false},
    {"measure.output", USES_OUTPUT, true},
    {"measure.state", USES_PLACES, false},
    {"measure.states", USES_PLACES, false},
    {"measure.subregions", USES_PLACES, false},
};

static ps_status check_settings_of_kind(const check *c)
{
    ps_measure_kind kind = c->t->measure.kind;
    unsigned uses = KIND_USES[kind];
    size_t places = 0;
    for (size_t k = 0; k < sizeof MEASURE_SETTINGS / sizeof *MEASURE_SETTINGS; k++) {
        const char *rel = MEASURE_SETTINGS[k].rel;
        bool given = member(c->node, rel) != NULL;
        bool wanted = (uses & MEASURE_SETTINGS[k].use) != 0;
        if (given && !wanted) {
            return fail_at(c, rel, "%s.%s: not used by measure.kind = \"%s\"", c->where,
                           rel, MEASURE_NAMES[kind]);
        }
        if (!given && wanted && MEASURE_SETTINGS[k].required) {
            return fail_at(c, "measure",
                           "%s.%s: missing (measure.kind = \"%s\" needs it)", c->where,
                           rel, MEASURE_NAMES[kind]);
        }
        places += given && MEASURE_SETTINGS[k].use == USES_PLACES;
    }
    if (places > 1) {
        return fail_at(c, "measure",
                       "%s.measure: give one of state, states and subregions", c->where);
    }
    return PS_OK;
}

/* from <= to; a mean or median needs a December inside. */
static ps_status check_span(const check *c)
{
    const ps_measure *m = &c->t->measure;
    char from[16], to[16];
    ps_month_format(m->from, from, sizeof from);
    ps_month_format(m->to, to, sizeof to);
    if (m->has_from && m->has_to && m->to < m->from) {
        return fail_at(c, "measure.to",
                       "%s.measure.to = \"%s\" is before measure.from (%s)", c->where, to,
                       from);
    }
    bool decembers = m->kind == PS_MEASURE_MEAN || m->kind == PS_MEASURE_MEDIAN;
    ps_month first_december = m->from + (11 - m->from % 12);
    if (decembers && first_december > m->to) {
        return fail_at(c, "measure.to",
                       "%s.measure: no December from %s to %s (measure.kind = \"%s\" "
                       "takes the Decembers)",
                       c->where, from, to, MEASURE_NAMES[m->kind]);
    }
    return PS_OK;
}

static ps_status read_measure(const check *c)
{
    ps_measure *m = &c->t->measure;
    ps_status st = check_settings_of_kind(c);
    m->has_per = member(c->node, "measure.per") != NULL;
    if (st == PS_OK && m->has_per && m->per.series[0] == '\0') {
        st = fail_at(c, "measure.per", "%s.measure.per.series: missing", c->where);
    }
    st = st == PS_OK ? check_span(c) : st;
    st = st == PS_OK ? read_names(c, "measure.labels", true, PS_TARGET_MAX_LABELS,
                                  PS_TARGET_NAME, m->x.labels[0], &m->x.n_labels)
                     : st;
    st = st == PS_OK ? read_names(c, "measure.per.labels", true, PS_TARGET_MAX_LABELS,
                                  PS_TARGET_NAME, m->per.labels[0], &m->per.n_labels)
                     : st;
    st = st == PS_OK ? read_names(c, "measure.state", false, 1, PS_MAX_NAME, m->states[0],
                                  &m->n_states)
                     : st;
    st = st == PS_OK ? read_names(c, "measure.states", true, PS_TARGET_MAX_PLACES,
                                  PS_MAX_NAME, m->states[0], &m->n_states)
                     : st;
    st = st == PS_OK ? read_names(c, "measure.subregions", true, PS_TARGET_MAX_PLACES,
                                  PS_MAX_NAME, m->subregions[0], &m->n_subregions)
                     : st;
    st = st == PS_OK && (KIND_USES[m->kind] & USES_EVENTS) ? read_events(c) : st;
    if (st == PS_OK && (KIND_USES[m->kind] & USES_SERIES)) {
        st = resolve_selection(c, "measure", &m->x);
    }
    if (st == PS_OK && m->has_per) {
        st = resolve_selection(c, "measure.per", &m->per);
    }
    return st;
}

/* ---- places and outputs ------------------------------------------------------------ */

static ps_status resolve_states(const check *c, const ps_scenario *sc)
{
    ps_measure *m = &c->t->measure;
    const char *names[PS_MAX_STATES];
    for (size_t i = 0; i < sc->n_states; i++) {
        names[i] = sc->states[i].name;
    }
    for (size_t k = 0; k < m->n_states; k++) {
        size_t i = 0;
        while (i < sc->n_states && strcmp(m->states[k], names[i]) != 0) {
            i++;
        }
        const char *rel =
            member(c->node, "measure.state") ? "measure.state" : "measure.states";
        if (i == sc->n_states) {
            char hint[128];
            hint_text(m->states[k], names, sc->n_states, hint, sizeof hint);
            return fail_at(c, rel, "%s.%s = \"%s\": not a state of %s%s", c->where, rel,
                           m->states[k], c->ctx->model, hint);
        }
        m->state_mask[i] = true;
    }
    return PS_OK;
}

static ps_status resolve_subregions(const check *c, const ps_scenario *sc)
{
    ps_measure *m = &c->t->measure;
    const char *names[PS_MAX_STATES];
    for (size_t i = 0; i < sc->n_states; i++) {
        names[i] = sc->states[i].subregion;
    }
    for (size_t k = 0; k < m->n_subregions; k++) {
        bool found = false;
        for (size_t i = 0; i < sc->n_states; i++) {
            bool in = strcmp(m->subregions[k], names[i]) == 0;
            m->state_mask[i] |= in;
            found |= in;
        }
        if (!found) {
            char hint[128];
            hint_text(m->subregions[k], names, sc->n_states, hint, sizeof hint);
            return fail_at(
                c, "measure.subregions",
                "%s.measure.subregions.[%zu] = \"%s\": no state of %s is in it%s",
                c->where, k, m->subregions[k], c->ctx->model, hint);
        }
    }
    return PS_OK;
}

/* A measure of a scenario: its states (every state when none is named). */
static ps_status resolve_places(const check *c, const ps_scenario *sc)
{
    ps_measure *m = &c->t->measure;
    bool named = m->n_states > 0 || m->n_subregions > 0;
    if (m->kind == PS_MEASURE_OUTPUT) {
        return fail_at(
            c, "measure.kind",
            "%s.measure.kind = \"output\": only for test models (these targets "
            "are of %s)",
            c->where, c->ctx->model);
    }
    bool states_series = (KIND_USES[m->kind] & USES_EVENTS) ||
                         PS_SEL_SERIES[m->x.row].shape == PS_SEL_STATES;
    if (named && !states_series) {
        return fail_at(c, "measure",
                       "%s.measure: %s is a series of the region, not of states",
                       c->where, m->x.series);
    }
    for (size_t i = 0; i < sc->n_states; i++) {
        m->state_mask[i] = !named;
    }
    ps_status st = resolve_states(c, sc);
    return st == PS_OK ? resolve_subregions(c, sc) : st;
}

static ps_status resolve_output(const check *c)
{
    ps_measure *m = &c->t->measure;
    const ps_target_context *ctx = c->ctx;
    if (m->kind != PS_MEASURE_OUTPUT) {
        return fail_at(c, "measure.kind",
                       "%s.measure.kind = \"%s\": %s has only outputs (measure.kind = "
                       "\"output\")",
                       c->where, MEASURE_NAMES[m->kind], ctx->model);
    }
    for (size_t k = 0; k < ctx->n_outputs; k++) {
        if (strcmp(m->output, ctx->outputs[k]) == 0) {
            m->output_index = k;
            return PS_OK;
        }
    }
    char hint[128];
    hint_text(m->output, ctx->outputs, ctx->n_outputs, hint, sizeof hint);
    return fail_at(c, "measure.output",
                   "%s.measure.output = \"%s\": not an output of %s%s", c->where,
                   m->output, ctx->model, hint);
}

static ps_status resolve(const check *c)
{
    const ps_target_context *ctx = c->ctx;
    ps_status st = PS_OK;
    if (ctx != NULL && ctx->sc != NULL) {
        st = resolve_places(c, ctx->sc);
    } else if (ctx != NULL && ctx->outputs != NULL) {
        st = resolve_output(c);
    } else {
        return PS_OK;
    }
    c->t->measure.resolved = st == PS_OK;
    return st;
}

/* ---- the file ---------------------------------------------------------------------- */

static ps_status check_targets(const ps_loader *ld, const ps_node *root, void *out,
                               void *ctx)
{
    ps_targets *ts = out;
    const ps_node *list = member(root, "targets");
    for (size_t i = 0; i < ts->n; i++) {
        check c = {ld, ps_node_elem(list, (int)i), "", &ts->list[i], ctx};
        snprintf(c.where, sizeof c.where, "targets.[%zu]", i);
        ps_status st = check_observation(&c);
        st = st == PS_OK ? read_measure(&c) : st;
        st = st == PS_OK ? resolve(&c) : st;
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

static ps_format_check *const TARGETS_CHECKS[] = {check_targets};
static const ps_scope FILE_SCOPE = {
    "targets", FILE_ROWS, sizeof FILE_ROWS / sizeof FILE_ROWS[0], sizeof(ps_targets)};
static const ps_format TARGETS_FORMAT = {
    .scope = &FILE_SCOPE, .checks = TARGETS_CHECKS, .n_checks = 1};

void ps_targets_destroy(ps_targets *t)
{
    if (t != NULL) {
        free(t->text);
        free(t);
    }
}

/* The folder of path ("" for the working directory). */
static void folder_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    snprintf(buf, size, "%.*s", slash != NULL ? (int)(slash - path) : 0, path);
    if (slash == path) {
        snprintf(buf, size, "/");
    }
}

static ps_status load_text(const char *text, const char *name, const char *dir,
                           const ps_target_context *ctx, ps_targets **out, ps_error *err)
{
    *out = NULL;
    ps_targets *t = calloc(1, sizeof *t);
    if (t == NULL || (t->text = strdup(text)) == NULL) {
        ps_targets_destroy(t);
        return ps_fail(err, PS_ENOMEM, "%s: out of memory", name);
    }
    snprintf(t->source, sizeof t->source, "%s", name);
    ps_status st = ps_format_load_string(&TARGETS_FORMAT, text, name, dir, NULL, t,
                                         (void *)ctx, err);
    if (st != PS_OK) {
        ps_targets_destroy(t);
        return st;
    }
    *out = t;
    return PS_OK;
}

ps_status ps_targets_load_string(const char *text, const char *name,
                                 const ps_target_context *ctx, ps_targets **out,
                                 ps_error *err)
{
    char dir[PS_MAX_TEXT];
    folder_of(name, dir, sizeof dir);
    return load_text(text, name, dir, ctx, out, err);
}

ps_status ps_targets_load(const char *path, const ps_target_context *ctx,
                          ps_targets **out, ps_error *err)
{
    *out = NULL;
    char *text = NULL;
    ps_status st = ps_config_read_text(path, &text, err);
    if (st == PS_OK) {
        st = ps_targets_load_string(text, path, ctx, out, err);
    }
    free(text);
    return st;
}

long ps_targets_find(const ps_targets *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->list[i].name, name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

bool ps_target_months(const ps_target *t, ps_month *first, ps_month *last)
{
    const ps_measure *m = &t->measure;
    *first = m->has_at ? m->at : m->from;
    *last = m->has_at ? m->at : m->to;
    return m->kind != PS_MEASURE_OUTPUT;
}

/* ---- in words ---------------------------------------------------------------------- */

/* Append to buf[size] (used so far: *len). */
static void add(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len >= size) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    *len = n < 0 ? size : *len + (size_t)n;
}

static void add_selection(char *buf, size_t size, size_t *len, const ps_selection *s)
{
    add(buf, size, len, "%s", s->series);
    for (size_t k = 0; k < s->n_labels; k++) {
        add(buf, size, len, "%s%s",
            k == 0                          ? " ["
            : s->combine == PS_COMBINE_MEAN ? " , "
                                            : " + ",
            s->labels[k]);
    }
    add(buf, size, len, "%s", s->n_labels > 0 ? "]" : "");
    if (s->combine == PS_COMBINE_MEAN) {
        add(buf, size, len, " (mean of the labels)");
    }
}

static void add_places(char *buf, size_t size, size_t *len, const ps_measure *m)
{
    const char(*names)[PS_MAX_NAME] = m->n_states > 0 ? m->states : m->subregions;
    size_t n = m->n_states > 0 ? m->n_states : m->n_subregions;
    if (n == 0) {
        add(buf, size, len, ", all states");
        return;
    }
    add(buf, size, len, m->n_states > 0 ? ", in " : ", in the subregions ");
    for (size_t k = 0; k < n; k++) {
        add(buf, size, len, "%s%s", k > 0 ? ", " : "", names[k]);
    }
}

void ps_target_describe(const ps_target *t, char *buf, size_t size)
{
    const ps_measure *m = &t->measure;
    size_t len = 0;
    char from[16], to[16], at[16];
    ps_month_format(m->from, from, sizeof from);
    ps_month_format(m->to, to, sizeof to);
    ps_month_format(m->at, at, sizeof at);
    buf[0] = '\0';
    add(buf, size, &len, "%s: ", MEASURE_NAMES[m->kind]);
    if (m->kind == PS_MEASURE_OUTPUT) {
        add(buf, size, &len, "%s", m->output);
        return;
    }
    for (size_t k = 0; k < m->n_events; k++) {
        add(buf, size, &len, "%s%s", k > 0 ? " or " : "",
            ps_event_type_name(m->events[k]));
    }
    if (KIND_USES[m->kind] & USES_SERIES) {
        add_selection(buf, size, &len, &m->x);
    }
    if (m->has_per) {
        add(buf, size, &len, " / ");
        add_selection(buf, size, &len, &m->per);
    }
    if (m->has_at) {
        add(buf, size, &len, " at %s", at);
    } else {
        add(buf, size, &len, " from %s to %s", from, to);
    }
    bool of_states = (KIND_USES[m->kind] & USES_EVENTS) ||
                     (m->x.row >= 0 && PS_SEL_SERIES[m->x.row].shape == PS_SEL_STATES);
    if (of_states) {
        add_places(buf, size, &len, m);
    }
    if (m->has_democracy_below) {
        add(buf, size, &len, ", democracy below %g", m->democracy_below);
    }
    if (m->patron != PS_PATRON_ANY) {
        add(buf, size, &len, ", %s a patron link before", PATRON_NAMES[m->patron]);
    }
}

/* ---- JSON -------------------------------------------------------------------------- */

void ps_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(out, "\\%c", *p);
        } else if (*p < 0x20) {
            fprintf(out, "\\u%04x", *p);
        } else {
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

void ps_json_number(FILE *out, double x)
{
    if (isfinite(x)) {
        fprintf(out, "%.17g", x);
    } else {
        fputs("null", out);
    }
}

static void json_field(FILE *out, const char *key, const char *value, bool last)
{
    fprintf(out, "\"%s\": ", key);
    ps_json_string(out, value);
    fputs(last ? "" : ", ", out);
}

static void json_number_field(FILE *out, const char *key, double value)
{
    fprintf(out, "\"%s\": ", key);
    ps_json_number(out, value);
    fputs(", ", out);
}

static void json_target(FILE *out, const ps_target *t)
{
    char words[2 * PS_TARGET_TEXT];
    ps_target_describe(t, words, sizeof words);
    fputs("{", out);
    json_field(out, "name", t->name, false);
    json_field(out, "what", t->what, false);
    json_field(out, "group", t->group, false);
    json_field(out, "units", t->units, false);
    json_number_field(out, "observed", t->observed);
    json_number_field(out, "sd", t->sd);
    fputs("\"range\": ", out);
    if (t->has_range) {
        fprintf(out, "[%.17g, %.17g], ", t->range[0], t->range[1]);
    } else {
        fputs("null, ", out);
    }
    json_field(out, "uncertainty", t->uncertainty, false);
    json_field(out, "source", t->source, false);
    json_field(out, "column", t->column, false);
    json_field(out, "transform", TRANSFORM_NAMES[t->transform], false);
    json_number_field(out, "offset", t->offset);
    json_field(out, "measure_kind", MEASURE_NAMES[t->measure.kind], false);
    json_field(out, "measure", words, true);
    fputs("}", out);
}

ps_status ps_targets_write_json(const ps_targets *t, FILE *out, ps_error *err)
{
    fputs("[", out);
    for (size_t i = 0; i < t->n; i++) {
        fputs(i > 0 ? ",\n " : "\n ", out);
        json_target(out, &t->list[i]);
    }
    fputs("\n]", out);
    return ferror(out) ? ps_fail(err, PS_EIO, "cannot write the targets") : PS_OK;
}
