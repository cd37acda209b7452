/* targets.h - calibration targets (docs/calibration.md): each an observed value with its
 * uncertainty, its source in data/, and how the same quantity is measured from a run;
 * and the observer that measures every target of a run from its indicators and events,
 * so that thousands of runs need not keep their series
 *
 * A targets file is libconfig (scenarios/calibration/targets.cfg), checked like a
 * scenario: every message is one line "FILE:LINE: ...". Loaded against a scenario, the
 * states, subregions, series and labels it names are resolved and checked there too.
 */
#ifndef PROTSIM_TARGETS_H
#define PROTSIM_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "protsim/error.h"
#include "protsim/events.h"
#include "protsim/indicators.h"
#include "protsim/scenario.h"

#define PS_MAX_TARGETS 128       /* targets of one file */
#define PS_TARGET_NAME 64        /* names, series, labels, groups, units */
#define PS_TARGET_TEXT 512       /* words, reasons, sources, columns */
#define PS_TARGET_MAX_LABELS 16  /* labels of a series' last axis in one selection */
#define PS_TARGET_MAX_PLACES 16  /* states, or subregions, named by one measure */
#define PS_TARGET_MAX_OUTPUTS 16 /* outputs of a test model */

/* How a measure turns a run into one number. X(enum, name, meaning) */
#define PS_MEASURE_LIST(X)                                                               \
    X(PS_MEASURE_VALUE, "value", "the selection at the end of the month `at`")           \
    X(PS_MEASURE_POOLED, "pooled",                                                       \
      "the sum of the selection over the months `from` to `to` (over the sum of `per`)") \
    X(PS_MEASURE_MEAN, "mean",                                                           \
      "the mean of the selection at the Decembers from `from` to `to`")                  \
    X(PS_MEASURE_MEDIAN, "median",                                                       \
      "the median of the selection at the Decembers from `from` to `to`")                \
    X(PS_MEASURE_CHANGE, "change",                                                       \
      "the selection at `to` minus the selection at `from`")                             \
    X(PS_MEASURE_RATIO, "ratio", "the selection at `to` over the selection at `from`")   \
    X(PS_MEASURE_MAX_RISE, "max_rise",                                                   \
      "the largest selection after `from` up to `to`, minus the selection at `from`")    \
    X(PS_MEASURE_YEARS, "years_positive",                                                \
      "calendar years from `from` to `to` whose months' selections sum above 0")         \
    X(PS_MEASURE_EVENTS, "events", "events of the types `events` from `from` to `to`")   \
    X(PS_MEASURE_ANY, "any_event", "1 when there is such an event, else 0")              \
    X(PS_MEASURE_OUTPUT, "output", "an output of a test model (sweep model analytic)")

#define PS_AS_MEASURE_ENUM(id, name, doc) id,
typedef enum { PS_MEASURE_LIST(PS_AS_MEASURE_ENUM) PS_N_MEASURES } ps_measure_kind;
#undef PS_AS_MEASURE_ENUM

/* How the emulators of a calibration see a target (the statistics are in Python). */
typedef enum {
    PS_TRANSFORM_NONE,  /* y */
    PS_TRANSFORM_LOG,   /* log(y + offset) */
    PS_TRANSFORM_LOGIT, /* logit((y + offset) / (1 + 2 offset)), y a share */
    PS_N_TRANSFORMS
} ps_transform;

/* Which events a measure counts, by whether the state had a patron link before. */
typedef enum { PS_PATRON_ANY, PS_PATRON_WITH, PS_PATRON_WITHOUT, PS_N_PATRON } ps_patron;

/* Labels of the last axis of a series are summed, or averaged. */
typedef enum { PS_COMBINE_SUM, PS_COMBINE_MEAN, PS_N_COMBINE } ps_combine;

/* A series and the labels of its last axis that are combined (none: all of them). */
typedef struct ps_selection {
    char series[PS_TARGET_NAME]; /* "refugees/count": a dataset of docs/output.md */
    size_t n_labels;
    char labels[PS_TARGET_MAX_LABELS][PS_TARGET_NAME];
    ps_combine combine;
    /* resolved at load */
    int row;                                  /* of PS_SERIES_LIST; -1 before */
    size_t label_index[PS_TARGET_MAX_LABELS]; /* into the last axis */
} ps_selection;

/* How a target is measured from a run. */
typedef struct ps_measure {
    ps_measure_kind kind;
    ps_selection x;   /* series kinds: what is measured */
    ps_selection per; /* optional denominator (value, pooled, mean, median) */
    bool has_per;
    ps_month at, from, to; /* months; has_* say which were given */
    bool has_at, has_from, has_to;
    size_t n_states; /* state or states: by name (none: every state, summed) */
    char states[PS_TARGET_MAX_PLACES][PS_MAX_NAME];
    size_t n_subregions; /* or every state of these subregions */
    char subregions[PS_TARGET_MAX_PLACES][PS_MAX_NAME];
    size_t n_events; /* events kinds: the types counted */
    ps_event_type events[PS_N_EVENT_TYPES];
    bool has_democracy_below; /* events kinds: only states with democracy below it */
    double democracy_below;
    ps_patron patron;            /* events kinds */
    char output[PS_TARGET_NAME]; /* output kind: the test model's output */
    /* resolved at load against a scenario (state_mask) or a test model (output_index) */
    bool resolved;
    bool state_mask[PS_MAX_STATES]; /* states the measure covers */
    size_t output_index;
} ps_measure;

/* One target: targets.[i] of a targets file. */
typedef struct ps_target {
    char name[PS_TARGET_NAME];  /* unique; the value's name in sweep files */
    char what[PS_TARGET_TEXT];  /* the target in words */
    char group[PS_TARGET_NAME]; /* e.g. "stocks": one plot per group */
    char units[PS_TARGET_NAME]; /* of the observed value and of the measure */
    double observed;            /* z */
    double sd;                  /* of the observation: given, or (hi - lo) / 4 */
    double range[2];            /* the range given instead of sd */
    bool has_sd, has_range;
    char uncertainty[PS_TARGET_TEXT]; /* why that sd or range */
    char source[PS_TARGET_TEXT];      /* the file in data/ */
    char column[PS_TARGET_TEXT];      /* its columns and rows behind the value */
    ps_transform transform;
    double offset; /* of the transform */
    ps_measure measure;
} ps_target;

/* A loaded targets file: plain data, read-only after loading. */
typedef struct ps_targets {
    char source[PS_MAX_TEXT];      /* the file */
    char description[PS_MAX_TEXT]; /* description */
    char *text;                    /* owned: the file's text, as read */
    size_t n;
    ps_target list[PS_MAX_TARGETS];
} ps_targets;

/* What the targets may name: a scenario's states, subregions and series, or a test
 * model's outputs; with neither, only the file's own rules are checked. */
typedef struct ps_target_context {
    const ps_scenario *sc;      /* borrowed, or NULL */
    const char *const *outputs; /* borrowed: names of a test model's outputs, or NULL */
    size_t n_outputs;
    const char *model; /* "scenario NAME", "model analytic": for messages */
} ps_target_context;

/* Read and check the targets file at path (and resolve it in ctx, which may be NULL).
 * *out is NULL on failure; ps_targets_destroy frees it. Returns PS_OK, PS_EIO
 * (unreadable file), PS_EINVAL ("FILE:LINE: ..." for bad content) or PS_ENOMEM. */
ps_status ps_targets_load(const char *path, const ps_target_context *ctx,
                          ps_targets **out, ps_error *err);

/* The same for text in memory; name stands for its file in messages. */
ps_status ps_targets_load_string(const char *text, const char *name,
                                 const ps_target_context *ctx, ps_targets **out,
                                 ps_error *err);

/* Free; NULL does nothing. */
void ps_targets_destroy(ps_targets *t);

/* Index of the target called name, or -1. */
long ps_targets_find(const ps_targets *t, const char *name);

/* The first and last month t's measure reads (false for the output kind). */
bool ps_target_months(const ps_target *t, ps_month *first, ps_month *last);

/* The measure of t in words ("value at 2017-12 of refugees/count [pending + ...] in
 * Bangladesh"), cut to fit buf. */
void ps_target_describe(const ps_target *t, char *buf, size_t size);

/* Names of measure kinds, transforms and patron rules; "?" out of range. */
const char *ps_measure_name(ps_measure_kind k);
const char *ps_measure_doc(ps_measure_kind k);
const char *ps_transform_name(ps_transform tr);

/* Write the targets as a JSON array of objects (name, what, group, units, observed, sd,
 * range, uncertainty, source, column, transform, offset, measure in words), for the
 * calibration helper. Returns PS_OK, or PS_EIO when the stream fails. */
ps_status ps_targets_write_json(const ps_targets *t, FILE *out, ps_error *err);

/* JSON helpers shared by the writers of the calibration file: a string with its
 * escapes, and a number (null for NaN and infinities). */
void ps_json_string(FILE *out, const char *s);
void ps_json_number(FILE *out, double x);

/* ---- measuring a run ------------------------------------------------------------- */

typedef struct ps_target_observer ps_target_observer;

/* An observer of runs of sc for the targets t (loaded against a scenario with the same
 * states; both borrowed, and must outlive it). Measures of the output kind give NaN.
 * Returns PS_OK, PS_EINVAL (t was not resolved against a scenario, or sc has fewer
 * states) or PS_ENOMEM; *out is NULL on failure. */
ps_status ps_target_observer_create(const ps_targets *t, const ps_scenario *sc,
                                    ps_target_observer **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_target_observer_destroy(ps_target_observer *ob);

/* Start a new run (from sc's start month). */
void ps_target_observer_reset(ps_target_observer *ob);

/* Observe the next month of the run: its indicators and the events of that step. */
void ps_target_observer_step(ps_target_observer *ob, const ps_indicators *ind,
                             const ps_event *events, size_t n_events);

/* Every target's measurement so far into values[t->n]: NaN where the run has not
 * covered the target's months, or a ratio's denominator is 0. */
void ps_target_observer_values(const ps_target_observer *ob, double *values);

#endif
