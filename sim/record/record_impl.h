/* record_impl.h - the recorder without a world: open from sizes, write from arrays; files
 * of several runs and several scenarios (docs/output.md)
 *
 * ps_recorder_open and ps_recorder_write read sizes and events from the world and call
 * these. Tests use them to write a file from hand-made indicators (tests/unit); the
 * replicate and compare drivers use them to write runs kept in memory.
 */
#ifndef PROTSIM_RECORD_IMPL_H
#define PROTSIM_RECORD_IMPL_H

#include <stdint.h>

#include "protsim/record.h"

/* What the file's datasets are sized by. State names, codes and subregions come from the
 * scenario, whose n_states must equal n_states here. */
typedef struct ps_record_shape {
    size_t n_states;
    size_t n_ngos;
    size_t n_steps;         /* rows of every time series */
    const size_t *ngo_home; /* borrowed: [n_ngos] index of each NGO's home state */
    size_t n_runs;          /* 0: one run, as `protsim run` writes it; R >= 1: R runs on
                             * a leading replicate axis of every series but /time */
    const uint64_t *run_seeds; /* borrowed: [n_runs] the seed of each run, for /seeds;
                                * unused when n_runs is 0 */
} ps_record_shape;

/* ps_recorder_open with the sizes given by shape instead of a world: one layout at the
 * root of the file. sc, shape and meta are only read during the call. Same statuses as
 * ps_recorder_open. */
ps_status ps_recorder_open_shape(const char *path, bool force, const ps_scenario *sc,
                                 const ps_record_shape *shape, const ps_run_meta *meta,
                                 ps_recorder **out, ps_error *err);

/* One scenario's layout in a file of several (protsim compare). */
typedef struct ps_record_part {
    const char *group;       /* borrowed: e.g. "/a", one level below the root */
    const char *description; /* borrowed: the group's description attribute */
    const ps_scenario *sc;   /* borrowed */
    ps_record_shape shape;
    ps_run_meta meta; /* the group's attributes, as the root's of a single run */
} ps_record_part;

/* Create a file whose layouts are in the groups of parts[n_parts]; the root holds
 * meta's seed and command line, the version and the attribute parts ("/a,/b"). Only read
 * during the call. Same statuses as ps_recorder_open. */
ps_status ps_recorder_open_parts(const char *path, bool force,
                                 const ps_record_part *parts, size_t n_parts,
                                 const ps_run_meta *meta, ps_recorder **out,
                                 ps_error *err);

/* ps_recorder_write with the step's events given as an array (n_events may be 0 and
 * events NULL then). Returns PS_OK, PS_EINVAL when the file already holds every step,
 * or PS_EHDF5. */
ps_status ps_recorder_write_step(ps_recorder *rec, const ps_indicators *ind,
                                 const ps_event *events, size_t n_events, ps_error *err);

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

#endif
