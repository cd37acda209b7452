/* targets.c - measuring the calibration targets of a run (docs/calibration.md): each
 * target keeps the months of its window (its selection, and its denominator) as the run
 * goes, and reduces them to one number at the end; events are counted as they come */
#include "protsim/targets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "targets_impl.h"

/* ---- the series a measure may select ----------------------------------------------- */

#define SEL_ROW(field, kind, n, axis, path, ...)                                         \
    {(path) + 1, PS_SEL_##kind, (n), (axis), offsetof(ps_indicators, field)},
const ps_sel_series PS_SEL_SERIES[] = {PS_SERIES_LIST(SEL_ROW)};
#undef SEL_ROW
const size_t PS_N_SEL_SERIES = sizeof PS_SEL_SERIES / sizeof PS_SEL_SERIES[0];

/* The labels of each axis of the series: one name function per vocabulary. */
#define LABELS_OF(fn, type)                                                              \
    static const char *fn##_label(size_t i)                                              \
    {                                                                                    \
        return fn((type)i);                                                              \
    }
LABELS_OF(ps_rstatus_name, ps_rstatus)
LABELS_OF(ps_flow_name, ps_flow)
LABELS_OF(ps_component_name, ps_component)
LABELS_OF(ps_channel_name, ps_channel)
LABELS_OF(ps_action_name, ps_action)
LABELS_OF(ps_plan_kind_name, ps_plan_kind)
#undef LABELS_OF

static const struct {
    const char *axis;
    size_t n;
    const char *(*name)(size_t i);
} AXES[] = {
    {"status", PS_N_RSTATUS, ps_rstatus_name_label},
    {"flow", PS_N_FLOWS, ps_flow_name_label},
    {"component", PS_N_COMPONENTS, ps_component_name_label},
    {"channel", PS_N_CHANNELS, ps_channel_name_label},
    {"action", PS_N_ACTIONS, ps_action_name_label},
    {"plan_kind", PS_N_PLAN_KINDS, ps_plan_kind_name_label},
};

const char *ps_sel_label(const char *axis, size_t i)
{
    for (size_t k = 0; k < sizeof AXES / sizeof *AXES; k++) {
        if (strcmp(axis, AXES[k].axis) == 0) {
            return i < AXES[k].n ? AXES[k].name(i) : NULL;
        }
    }
    return NULL;
}

/* ---- the observer ------------------------------------------------------------------ */

/* The months a target keeps: its selection and denominator at each. */
typedef struct window {
    ps_month first; /* of the window */
    size_t len;     /* months */
    double *x, *d;  /* [len], NaN until observed */
} window;

struct ps_target_observer {
    const ps_targets *t;        /* borrowed */
    const ps_scenario *sc;      /* borrowed */
    ps_month month;             /* of the next step */
    window *win;                /* owned: [t->n] */
    double *store;              /* owned: every window's x and d */
    double *count;              /* owned: [t->n] events counted */
    double *scratch;            /* owned: [longest window] */
    bool linked[PS_MAX_STATES]; /* a patron link seen in the state */
};

static bool uses_series(ps_measure_kind k)
{
    return k != PS_MEASURE_EVENTS && k != PS_MEASURE_ANY && k != PS_MEASURE_OUTPUT;
}

/* Where the window of m starts and how long it is (0 for events and outputs). */
static void window_of(const ps_measure *m, window *w)
{
    w->first = m->has_at ? m->at : m->from;
    w->len = !uses_series(m->kind) ? 0 : m->has_at ? 1 : (size_t)(m->to - m->from) + 1;
}

void ps_target_observer_destroy(ps_target_observer *ob)
{
    if (ob != NULL) {
        free(ob->win);
        free(ob->store);
        free(ob->count);
        free(ob->scratch);
        free(ob);
    }
}

static ps_status check_resolved(const ps_targets *t, const ps_scenario *sc, ps_error *err)
{
    for (size_t i = 0; i < t->n; i++) {
        const ps_measure *m = &t->list[i].measure;
        if (!m->resolved && m->kind != PS_MEASURE_OUTPUT) {
            return ps_fail(err, PS_EINVAL,
                           "%s: targets.[%zu] (%s) was not checked against a scenario",
                           t->source, i, t->list[i].name);
        }
        for (size_t s = sc->n_states; s < PS_MAX_STATES; s++) {
            if (m->state_mask[s]) {
                return ps_fail(err, PS_EINVAL,
                               "%s: targets.[%zu] (%s) names state %zu; %s has %zu",
                               t->source, i, t->list[i].name, s, sc->name, sc->n_states);
            }
        }
    }
    return PS_OK;
}

ps_status ps_target_observer_create(const ps_targets *t, const ps_scenario *sc,
                                    ps_target_observer **out, ps_error *err)
{
    *out = NULL;
    ps_status st = check_resolved(t, sc, err);
    if (st != PS_OK) {
        return st;
    }
    ps_target_observer *ob = calloc(1, sizeof *ob);
    size_t total = 0, longest = 1;
    if (ob != NULL) {
        ob->t = t;
        ob->sc = sc;
        ob->win = calloc(t->n + 1, sizeof *ob->win);
        ob->count = calloc(t->n + 1, sizeof *ob->count);
    }
    for (size_t i = 0; ob != NULL && ob->win != NULL && i < t->n; i++) {
        window_of(&t->list[i].measure, &ob->win[i]);
        total += ob->win[i].len;
        longest = ob->win[i].len > longest ? ob->win[i].len : longest;
    }
    if (ob != NULL && ob->win != NULL) {
        ob->store = malloc((2 * total + 1) * sizeof *ob->store);
        ob->scratch = malloc(longest * sizeof *ob->scratch);
    }
    if (ob == NULL || ob->win == NULL || ob->count == NULL || ob->store == NULL ||
        ob->scratch == NULL) {
        ps_target_observer_destroy(ob);
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the targets' windows",
                       t->source);
    }
    double *p = ob->store;
    for (size_t i = 0; i < t->n; i++) {
        ob->win[i].x = p;
        ob->win[i].d = p + ob->win[i].len;
        p += 2 * ob->win[i].len;
    }
    ps_target_observer_reset(ob);
    *out = ob;
    return PS_OK;
}

void ps_target_observer_reset(ps_target_observer *ob)
{
    ob->month = ob->sc->start;
    for (size_t i = 0; i < ob->t->n; i++) {
        ob->count[i] = 0.0;
        for (size_t k = 0; k < 2 * ob->win[i].len; k++) {
            ob->win[i].x[k] = NAN;
        }
    }
    memset(ob->linked, 0, sizeof ob->linked);
}

/* ---- one month --------------------------------------------------------------------- */

/* The labels of sel combined from row[s->n], the values of one state (or the array). */
static double combine(const ps_sel_series *s, const ps_selection *sel, const double *row)
{
    double sum = 0.0;
    size_t n = sel->n_labels > 0 ? sel->n_labels : s->n;
    for (size_t k = 0; k < n; k++) {
        sum += row[sel->n_labels > 0 ? sel->label_index[k] : k];
    }
    return sel->combine == PS_COMBINE_MEAN ? sum / (double)n : sum;
}

/* The selection this month: over the states of mask for a series of states. */
static double selection(const ps_selection *sel, const ps_indicators *ind,
                        const bool *mask)
{
    const ps_sel_series *s = &PS_SEL_SERIES[sel->row];
    const char *base = (const char *)ind + s->offset;
    double v = 0.0;
    switch (s->shape) {
    case PS_SEL_SCALAR:
        return *(const double *)(const void *)base;
    case PS_SEL_ARRAY:
        return combine(s, sel, (const double *)(const void *)base);
    case PS_SEL_STATES:
        for (size_t i = 0; i < ind->n_states; i++) {
            const double *values = *(double *const *)(const void *)base;
            v += mask[i] ? combine(s, sel, values + i * s->n) : 0.0;
        }
        return v;
    case PS_SEL_TIME:
    case PS_SEL_NGOS:
        break;
    }
    return NAN; /* not selectable: refused when the targets were loaded */
}

/* Whether event e counts for measure m (its month is checked by the caller). */
static bool counts(const ps_target_observer *ob, const ps_measure *m, const ps_event *e)
{
    bool type = false;
    for (size_t k = 0; k < m->n_events; k++) {
        type |= m->events[k] == e->type;
    }
    if (!type || e->state < 0 || e->state >= (long)ob->sc->n_states ||
        !m->state_mask[e->state]) {
        return false;
    }
    if (m->has_democracy_below &&
        !(ob->sc->states[e->state].democracy < m->democracy_below)) {
        return false;
    }
    bool linked = ob->linked[e->state];
    return m->patron == PS_PATRON_ANY || (m->patron == PS_PATRON_WITH) == linked;
}

static void observe_events(ps_target_observer *ob, const ps_event *events,
                           size_t n_events)
{
    for (size_t k = 0; k < n_events; k++) { /* a link of this month counts for it */
        if (events[k].type == PS_EV_PATRON && events[k].state >= 0 &&
            events[k].state < PS_MAX_STATES) {
            ob->linked[events[k].state] = true;
        }
    }
    for (size_t i = 0; i < ob->t->n; i++) {
        const ps_measure *m = &ob->t->list[i].measure;
        bool in = m->has_from && ob->month >= m->from && ob->month <= m->to;
        for (size_t k = 0; in && m->n_events > 0 && k < n_events; k++) {
            ob->count[i] += counts(ob, m, &events[k]);
        }
    }
}

void ps_target_observer_step(ps_target_observer *ob, const ps_indicators *ind,
                             const ps_event *events, size_t n_events)
{
    observe_events(ob, events, n_events);
    for (size_t i = 0; i < ob->t->n; i++) {
        const ps_measure *m = &ob->t->list[i].measure;
        window *w = &ob->win[i];
        if (w->len == 0 || ob->month < w->first ||
            ob->month >= w->first + (ps_month)w->len) {
            continue;
        }
        size_t k = (size_t)(ob->month - w->first);
        w->x[k] = selection(&m->x, ind, m->state_mask);
        w->d[k] = m->has_per ? selection(&m->per, ind, m->state_mask) : 1.0;
    }
    ob->month++;
}

/* ---- reducing a window ------------------------------------------------------------- */

static double ratio(double num, double den)
{
    return den != 0.0 ? num / den : NAN;
}

/* Mean or median over the Decembers of the window (NaN values skipped). */
static double over_decembers(const ps_target_observer *ob, const window *w, bool median)
{
    size_t n = 0;
    for (size_t k = 0; k < w->len; k++) {
        double v = ratio(w->x[k], w->d[k]);
        if ((w->first + (ps_month)k) % 12 == 11 && !isnan(v)) {
            ob->scratch[n++] = v;
        }
    }
    if (n == 0) {
        return NAN;
    }
    if (!median) {
        return ps_stats_mean(ob->scratch, n);
    }
    ps_stats_sort(ob->scratch, n);
    return ps_stats_quantile(ob->scratch, n, 0.5);
}

static double sum_of(const double *v, size_t n)
{
    double s = 0.0;
    for (size_t k = 0; k < n; k++) {
        s += v[k];
    }
    return s;
}

/* Calendar years of the window whose months sum above 0. */
static double years_positive(const window *w)
{
    double years = 0.0, sum = 0.0;
    for (size_t k = 0; k < w->len; k++) {
        ps_month m = w->first + (ps_month)k;
        sum += w->x[k];
        if (m % 12 == 11 || k + 1 == w->len) {
            years += sum > 0.0;
            sum = 0.0;
        }
    }
    return years;
}

static double max_rise(const window *w)
{
    double best = -INFINITY;
    for (size_t k = 1; k < w->len; k++) {
        best = w->x[k] > best ? w->x[k] : best;
    }
    return w->len > 1 ? best - w->x[0] : NAN;
}

/* x(to) / x(from): infinite when only the first is 0. */
static double growth(const window *w)
{
    double a = w->x[0], b = w->x[w->len - 1];
    return a != 0.0 ? b / a : b > 0.0 ? INFINITY : NAN;
}

static double reduce(const ps_target_observer *ob, const ps_measure *m, const window *w)
{
    switch (m->kind) {
    case PS_MEASURE_VALUE:
        return ratio(w->x[0], w->d[0]);
    case PS_MEASURE_POOLED:
        return ratio(sum_of(w->x, w->len), sum_of(w->d, w->len));
    case PS_MEASURE_MEAN:
        return over_decembers(ob, w, false);
    case PS_MEASURE_MEDIAN:
        return over_decembers(ob, w, true);
    case PS_MEASURE_CHANGE:
        return w->x[w->len - 1] - w->x[0];
    case PS_MEASURE_RATIO:
        return growth(w);
    case PS_MEASURE_MAX_RISE:
        return max_rise(w);
    case PS_MEASURE_YEARS:
        return years_positive(w);
    default:
        return NAN;
    }
}

void ps_target_observer_values(const ps_target_observer *ob, double *values)
{
    ps_month last = ob->month - 1; /* the last month observed */
    for (size_t i = 0; i < ob->t->n; i++) {
        const ps_measure *m = &ob->t->list[i].measure;
        const window *w = &ob->win[i];
        bool covered = m->has_at ? last >= m->at && m->at >= ob->sc->start
                                 : last >= m->to && m->from >= ob->sc->start;
        if (!covered || m->kind == PS_MEASURE_OUTPUT) {
            values[i] = NAN;
        } else if (m->kind == PS_MEASURE_EVENTS) {
            values[i] = ob->count[i];
        } else if (m->kind == PS_MEASURE_ANY) {
            values[i] = ob->count[i] > 0.0;
        } else {
            values[i] = reduce(ob, m, w);
        }
    }
}
