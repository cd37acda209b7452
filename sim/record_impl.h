/* record_impl.h - the recorder without a world: open from sizes, write from arrays
 *
 * ps_recorder_open and ps_recorder_write read sizes and events from the world and call
 * these. Tests use them to write a file from hand-made indicators (tests/unit).
 */
#ifndef PROTSIM_RECORD_IMPL_H
#define PROTSIM_RECORD_IMPL_H

#include "protsim/record.h"

/* What the file's datasets are sized by. State names, codes and subregions come from the
 * scenario, whose n_states must equal n_states here. */
typedef struct ps_record_shape {
    size_t n_states;
    size_t n_ngos;
    size_t n_steps;         /* rows of every time series */
    const size_t *ngo_home; /* borrowed: [n_ngos] index of each NGO's home state */
} ps_record_shape;

/* ps_recorder_open with the sizes given by shape instead of a world. sc, shape and
 * meta are only read during the call. Same statuses as ps_recorder_open. */
ps_status ps_recorder_open_shape(const char *path, bool force, const ps_scenario *sc,
                                 const ps_record_shape *shape, const ps_run_meta *meta,
                                 ps_recorder **out, ps_error *err);

/* ps_recorder_write with the step's events given as an array (n_events may be 0 and
 * events NULL then). Returns PS_OK, PS_EINVAL when the file already holds every step,
 * or PS_EHDF5. */
ps_status ps_recorder_write_step(ps_recorder *rec, const ps_indicators *ind,
                                 const ps_event *events, size_t n_events, ps_error *err);

#endif
