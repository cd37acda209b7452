/* record_checkpoint.h - /checkpoint of a run file (protsim run --checkpoint-at): the
 * whole world at the end of a month, the run's carried values, the scenario and the
 * build; read back, with the history's rows, by protsim run --from (docs/output.md,
 * "Checkpoints"). Like record_h5.c, the only code here that knows HDF5. */
#ifndef PROTSIM_RECORD_CHECKPOINT_H
#define PROTSIM_RECORD_CHECKPOINT_H

#include <stdint.h>

#include "protsim/record.h"
#include "protsim/world.h"

/* What a checkpoint holds besides the world's fields. Strings and fields are borrowed;
 * carried[k].data is read during the call. */
typedef struct ps_checkpoint_meta {
    ps_month month; /* the last month simulated: the checkpoint is its end */
    uint64_t seed;
    const char *build;        /* the identity of the build (SHA-256 of the executable) */
    const char *build_about;  /* the build in words: version, revision, compiler, flags */
    const char *scenario;     /* the run's resolved scenario, as the root attribute */
    const char *scenario_now; /* the world's scenario then: its schedule applied so far */
    const ps_world_field *carried; /* the driver's values carried from month to month */
    size_t n_carried;
} ps_checkpoint_meta;

/* Write /checkpoint into rec's file: its attributes, the scenario texts, every kept
 * field of w (ps_world_field_at, in the list's order: /checkpoint/world/NAME) and the
 * carried values (/checkpoint/driver/NAME). w is only read (its agent arrays already
 * hold ref.n). Returns PS_OK, PS_ENOMEM or PS_EHDF5. */
ps_status ps_recorder_write_checkpoint(ps_recorder *rec, ps_world *w,
                                       const ps_checkpoint_meta *meta, ps_error *err);

/* A checkpoint file open for reading. */
typedef struct ps_checkpoint ps_checkpoint;

/* Open the run file at path and read /checkpoint's attributes and scenario text: the
 * seal checked first (ps_record_check_seal), then the layout of what is read. Returns
 * PS_OK; PS_EINVAL "PATH: holds no checkpoint (...)" or "PATH: damaged: ...", or a
 * missing or malformed attribute named; PS_EIO when it cannot be read; PS_ENOMEM. */
ps_status ps_checkpoint_open(const char *path, ps_checkpoint **out, ps_error *err);

/* What the checkpoint says; strings owned by cp. */
ps_month ps_checkpoint_month(const ps_checkpoint *cp);
uint64_t ps_checkpoint_seed(const ps_checkpoint *cp);
const char *ps_checkpoint_build(const ps_checkpoint *cp);
const char *ps_checkpoint_build_about(const ps_checkpoint *cp);
const char *ps_checkpoint_scenario(const ps_checkpoint *cp);

/* Read every kept field of the world into w, a blank world of the history's scenario
 * (ps_world_create_blank): each dataset's type, rank and shape is checked against the
 * field before anything is copied or sized by it, the sizes of the world must stay
 * those of the scenario, and the fields must fit together (ps_world_check_fields).
 * Returns PS_OK; PS_EINVAL naming the dataset and what it holds; PS_ENOMEM; PS_EHDF5.
 */
ps_status ps_checkpoint_read_world(ps_checkpoint *cp, ps_world *w, ps_error *err);

/* Read the carried values into fields[n] (their names, types and counts as written),
 * checked as the world's. Same statuses as ps_checkpoint_read_world. */
ps_status ps_checkpoint_read_carried(ps_checkpoint *cp, const ps_world_field *fields,
                                     size_t n, ps_error *err);

/* Make ready to read the history's rows: every series of the file (its root layout of
 * one run of sc, the history's scenario, with n_ngos NGOs) checked for its shape and
 * read for the checkpoint's steps, and /events for their rows. Returns PS_OK, PS_EINVAL
 * (a dataset named), PS_ENOMEM or PS_EHDF5. */
ps_status ps_checkpoint_rows_open(ps_checkpoint *cp, const ps_scenario *sc, size_t n_ngos,
                                  ps_error *err);

/* Step t of the history, t from 0 up in order and before the checkpoint's steps: its
 * series into ind (made for the restored world), its events into *events[*n_events]
 * (owned by cp, valid until the next call). Returns PS_OK, PS_EINVAL (an event row out
 * of order or naming an unknown type or state), PS_ENOMEM or PS_EHDF5. */
ps_status ps_checkpoint_row(ps_checkpoint *cp, size_t t, ps_indicators *ind,
                            const ps_event **events, size_t *n_events, ps_error *err);

/* Close and free; NULL does nothing. */
void ps_checkpoint_close(ps_checkpoint *cp);

#endif
