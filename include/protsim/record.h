/* record.h - the HDF5 recorder: one result file per run (docs/output.md)
 *
 * The recorder is the only code that knows HDF5. It is given sizes, names, indicators
 * and events, never a world. It writes to a temporary file in the output's folder and
 * renames it to PATH on ps_recorder_close, so an interrupted run never leaves a
 * truncated file under the requested name.
 */
#ifndef PROTSIM_RECORD_H
#define PROTSIM_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "protsim/error.h"
#include "protsim/events.h"
#include "protsim/indicators.h"
#include "protsim/scenario.h"

typedef struct ps_recorder ps_recorder;

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

/* The default deflate level of the series and events (--compress): zlib at its
 * fastest, most of the size gain (a small_world file 1.25 MB uncompressed, 0.47 MB). */
#define PS_RECORD_COMPRESS 1

/* What goes into the root attributes besides the scenario. */
typedef struct ps_run_meta {
    uint64_t seed;
    int compress;             /* deflate level of the series and events: 1 to 9, 0 none */
    const char *command_line; /* borrowed; may be NULL */
    const char *scenario_text; /* borrowed: the resolved scenario (ps_scenario_dump) */
} ps_run_meta;

/* Create the file for a run of the sizes in shape and write the static datasets (names,
 * NGO homes). force allows replacing an existing regular file. sc, shape and meta are
 * only read during the call. Returns PS_OK, PS_EEXIST, PS_EIO, PS_EHDF5 or PS_ENOMEM. */
ps_status ps_recorder_open(const char *path, bool force, const ps_scenario *sc,
                           const ps_record_shape *shape, const ps_run_meta *meta,
                           ps_recorder **out, ps_error *err);

/* Append one step: the indicators and the events of that step (n_events may be 0 and
 * events NULL then). Steps are kept in memory and written in blocks; buffers are sized
 * at open, so nothing is allocated here. Returns PS_OK, PS_EINVAL (more steps than the
 * file holds) or PS_EHDF5; after a failure, abandon the recorder. */
ps_status ps_recorder_write(ps_recorder *rec, const ps_indicators *ind,
                            const ps_event *events, size_t n_events, ps_error *err);

/* Flush, write the closing attributes, close and rename to the final path. A run
 * stopped early may be closed too: steps_written says how many steps hold data. rec is
 * freed whether or not this succeeds; on failure the temporary file is deleted and the
 * final path is left as it was. Returns PS_OK, PS_EHDF5 or PS_EIO (rename). */
ps_status ps_recorder_close(ps_recorder *rec, ps_error *err);

/* Close and delete the temporary file (after an interruption or a failure); NULL does
 * nothing. */
void ps_recorder_abandon(ps_recorder *rec);

/* May path be written as an output? For a driver to ask before it runs anything. PS_OK
 * when it does not exist, or is a regular file and force is set; PS_EINVAL for "";
 * PS_EEXIST for an existing file without force, and for a folder, device, link or
 * pipe whatever force says. */
ps_status ps_record_check_output(const char *path, bool force, ps_error *err);

/* Describe a result file in words (scenario, seed, period, states, datasets with
 * shapes and units) on out. Returns PS_OK, PS_EIO, PS_EINVAL or PS_EHDF5. */
ps_status ps_record_info(const char *path, FILE *out, ps_error *err);

/* The plausible set of a history match (hm.h5, written by protsim calibrate;
 * docs/calibration.md): the points that protsim run and compare --parameters run at. */
typedef struct ps_plausible {
    char source[PS_MAX_TEXT]; /* the file */
    size_t n_points, n_params;
    char (*paths)[PS_MAX_TEXT];     /* owned: [n_params] the settings, as in --set */
    char (*names)[PS_MAX_TEXT];     /* owned: [n_params] their short names */
    double *values;                 /* owned: [n_points * n_params] */
    char targets_file[PS_MAX_TEXT]; /* the calibration's targets file ("" for none) */
    char *targets_text;             /* owned: its text, or NULL */
} ps_plausible;

/* Read the plausible set of the file at path. Returns PS_OK, PS_EIO (unreadable),
 * PS_EINVAL ("PATH: not a history-match file", or an empty set) or PS_ENOMEM. */
ps_status ps_record_plausible_load(const char *path, ps_plausible **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_record_plausible_destroy(ps_plausible *p);

#endif
