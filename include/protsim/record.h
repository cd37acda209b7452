/* record.h - the HDF5 recorder: one result file per run (docs/output.md)
 *
 * The recorder is the only code that knows HDF5. It writes to PATH.tmp-<pid> and renames
 * to PATH on ps_recorder_close, so an interrupted run never leaves a truncated file
 * under the requested name.
 */
#ifndef PROTSIM_RECORD_H
#define PROTSIM_RECORD_H

#include <stdbool.h>
#include <stdio.h>

#include "protsim/error.h"
#include "protsim/indicators.h"
#include "protsim/scenario.h"
#include "protsim/world.h"

typedef struct ps_recorder ps_recorder;

/* What goes into the root attributes besides the scenario. */
typedef struct ps_run_meta {
    uint64_t seed;
    const char *command_line;  /* borrowed; may be NULL */
    const char *scenario_text; /* borrowed: the resolved scenario (ps_scenario_dump) */
} ps_run_meta;

/* Create the file for a run of w (its sizes fix the datasets) and write the static
 * datasets (names, NGO homes). force allows replacing an existing path. sc, w and meta
 * are only read during the call. Returns PS_OK, PS_EEXIST, PS_EIO, PS_EHDF5 or
 * PS_ENOMEM. */
ps_status ps_recorder_open(const char *path, bool force, const ps_scenario *sc,
                           const ps_world *w, const ps_run_meta *meta, ps_recorder **out,
                           ps_error *err);

/* Append one step: the indicators and the world's events of that step. Steps are kept
 * in memory and written in blocks; buffers are sized at open, so nothing is allocated
 * here. Returns PS_OK, PS_EINVAL (more steps than the world has) or PS_EHDF5; after a
 * failure, abandon the recorder. */
ps_status ps_recorder_write(ps_recorder *rec, const ps_indicators *ind, const ps_world *w,
                            ps_error *err);

/* Flush, write the closing attributes, close and rename to the final path. A run
 * stopped early may be closed too: steps_written says how many steps hold data. rec is
 * freed whether or not this succeeds; on failure the temporary file is deleted and the
 * final path is left as it was. Returns PS_OK, PS_EHDF5 or PS_EIO (rename). */
ps_status ps_recorder_close(ps_recorder *rec, ps_error *err);

/* Close and delete the temporary file (after an interruption or a failure); NULL does
 * nothing. */
void ps_recorder_abandon(ps_recorder *rec);

/* Describe a result file in words (scenario, seed, period, states, datasets with
 * shapes and units) on out. Returns PS_OK, PS_EIO or PS_EHDF5. */
ps_status ps_record_info(const char *path, FILE *out, ps_error *err);

#endif
