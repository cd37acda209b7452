/* record_impl.h - files of several runs and several scenarios (docs/output.md): the
 * replicate and compare drivers write runs kept in memory through these, and the
 * comparison table */
#ifndef PROTSIM_RECORD_IMPL_H
#define PROTSIM_RECORD_IMPL_H

#include <stdint.h>

#include "stats.h" /* ps_paired_result */

#include "protsim/record.h"

/* What a layout of several runs keeps of their series (protsim compare --keep). */
typedef enum {
    PS_KEEP_ALL,       /* every run's series on a leading replicate axis */
    PS_KEEP_QUANTILES, /* per month, the 5%, 50% and 95% quantiles over the runs, on a
                        * leading quantile axis; events and /ngos/member of every run */
    PS_KEEP_SUMMARY    /* no series, names or events: the attributes and /seeds only */
} ps_record_keep;

/* One scenario's layout in a file of several (protsim compare). */
typedef struct ps_record_part {
    const char *group;       /* borrowed: e.g. "/a", one level below the root */
    const char *description; /* borrowed: the group's description attribute */
    const ps_scenario *sc;   /* borrowed */
    ps_record_shape shape;
    ps_run_meta meta;    /* the group's attributes, as the root's of a single run */
    ps_record_keep keep; /* with shape.n_runs > 0; PS_KEEP_ALL is 0 */
} ps_record_part;

/* Create a file whose layouts are in the groups of parts[n_parts]; the root holds
 * meta's seed and command line, the version and the attribute parts ("/a,/b"). Only read
 * during the call. Same statuses as ps_recorder_open. */
ps_status ps_recorder_open_parts(const char *path, bool force,
                                 const ps_record_part *parts, size_t n_parts,
                                 const ps_run_meta *meta, ps_recorder **out,
                                 ps_error *err);

/* Append the next step of run `run` of layout `part` (0 for a file of one layout).
 * Runs are written one after the other in increasing order, each from its first step;
 * moving to the next run writes what is left of the one before. run is 0 without a
 * replicate axis. Nothing is allocated. Returns PS_OK, PS_EINVAL (a run out of order
 * or beyond the last, a step beyond the last) or PS_EHDF5; after a failure, abandon
 * the recorder. */
ps_status ps_recorder_write_run_step(ps_recorder *rec, size_t part, size_t run,
                                     const ps_indicators *ind, const ps_event *events,
                                     size_t n_events, ps_error *err);

/* Create a group with a description attribute, e.g. "/comparison"; its parent must
 * exist. Returns PS_OK or PS_EHDF5. */
ps_status ps_recorder_add_group(ps_recorder *rec, const char *path,
                                const char *description, ps_error *err);

/* A whole dataset that is not a time series (the comparison table): exactly one of
 * real, integer and text is set, with shape[0] (x shape[1]) values, row-major. */
typedef struct ps_record_array {
    const char *path; /* e.g. "/comparison/p_value"; its group must exist */
    const char *units, *dims, *description; /* its attributes; dims names the axes */
    int rank;                               /* 0 (a scalar), 1 or 2 */
    size_t shape[2];
    const double *real;      /* borrowed; written as 64-bit floats */
    const int64_t *integer;  /* borrowed; written as 64-bit integers */
    const char *const *text; /* borrowed; written as variable-length UTF-8 */
} ps_record_array;

/* Write a as a new dataset. Returns PS_OK or PS_EHDF5. */
ps_status ps_recorder_write_array(ps_recorder *rec, const ps_record_array *a,
                                  ps_error *err);

/* The comparison table of a compare file (/comparison, rows of PS_COMPARE). */
typedef struct ps_record_comparison {
    size_t n_replicates;
    const ps_paired_result *res; /* borrowed: [PS_N_METRICS] */
    const double *a_values;      /* borrowed: [n_replicates * PS_N_METRICS] */
    const double *b_values;      /* borrowed: [n_replicates * PS_N_METRICS] */
    int64_t horizon;             /* the year whose December the metrics are taken at */
    double level;                /* of every confidence interval */
} ps_record_comparison;

/* Write the group /comparison with every dataset of PS_COMPARE. Returns PS_OK or
 * PS_EHDF5. */
ps_status ps_recorder_write_comparison(ps_recorder *rec, const ps_record_comparison *c,
                                       ps_error *err);

/* The plausible ensemble of `protsim run` or `compare` with --parameters: the points,
 * the point of each run, and the targets' coverage (run) or the robust comparison
 * (compare). Every pointer is borrowed; a group whose pointers are NULL is left out. */
typedef struct ps_record_ensemble {
    const char *source; /* the plausible file */
    size_t n_points, n_params, n_runs;
    const char *const *paths, *const *names; /* [n_params] */
    const double *values;                    /* [n_points * n_params] */
    const int64_t *point;                    /* [n_runs] */
    /* /targets: n_targets 0 for none */
    size_t n_targets;
    const char *const *target_names, *const *target_units; /* [n_targets] */
    const double *observed, *sd;                           /* [n_targets] */
    const double *q05, *median, *q95;                      /* [n_targets] */
    const int64_t *covered;                                /* [n_targets] */
    const double *target_values;                           /* [n_runs * n_targets] */
    /* /robust: better_is NULL for none */
    const char *const *better_is; /* [PS_N_METRICS] "higher", "lower" or "" */
    const double *difference, *ci_low, *ci_high, *p_value, *p_bh; /* [points x M] */
    const double *median_effect, *q05_effect, *q95_effect;        /* [M] */
    const double *share_better, *share_worse, *share_unclear;     /* [M] */
    const char *discovery; /* the metric PRIM looked at */
    size_t n_steps;
    const double *coverage, *density, *mass; /* [n_steps] PRIM's trajectory */
    const double *box_lo, *box_hi;           /* [n_params] the box where B loses */
    const int64_t *restricted;               /* [n_params] */
} ps_record_ensemble;

/* Write the groups of e (rows of PS_ENSEMBLE). Returns PS_OK or PS_EHDF5. */
ps_status ps_recorder_write_ensemble(ps_recorder *rec, const ps_record_ensemble *e,
                                     ps_error *err);

#endif
