/* record_sweep.h - the sweep result file (docs/sweeps.md): written once from a sweep
 * and its results, read back as a part, and rewritten with merged results. Like
 * record_h5.c, the only code here that knows HDF5. */
#ifndef PROTSIM_RECORD_SWEEP_H
#define PROTSIM_RECORD_SWEEP_H

#include <stdbool.h>
#include <stdio.h>

#include "sweep_impl.h"

/* How a sweep file was made: root attributes command_line and build. */
typedef struct ps_sweep_meta {
    const char *command_line; /* borrowed; may be NULL */
    const char *build;        /* borrowed: SHA-256 of the protsim executable, or "" */
} ps_sweep_meta;

/* Write path (through PATH.tmp-<pid>, renamed when complete) with every dataset and
 * attribute of a sweep file, from sw and res (res has sw's sizes). force allows
 * replacing an existing path. Returns PS_OK, PS_EEXIST, PS_EIO, PS_EHDF5 or
 * PS_ENOMEM. */
ps_status ps_record_sweep_write(const char *path, bool force, const ps_sweep *sw,
                                const ps_sweep_results *res, const ps_sweep_meta *meta,
                                ps_error *err);

/* What merging needs of a sweep file. */
typedef struct ps_sweep_part {
    char digest[65];       /* of the sweep it belongs to */
    char build[65];        /* of the protsim that computed it */
    ps_sweep_results *res; /* owned: status, values, series */
} ps_sweep_part;

/* Read the digest and results of the sweep file at path into a new part. Returns PS_OK,
 * PS_EIO (unreadable), PS_EINVAL (not a sweep file) or PS_ENOMEM. */
ps_status ps_record_sweep_load(const char *path, ps_sweep_part **out, ps_error *err);

/* Free a part; NULL does nothing. */
void ps_record_sweep_destroy(ps_sweep_part *part);

/* Write path as a copy of the sweep file from (a part of the same sweep) whose
 * status, values and series are res and whose command_line is command_line; through a
 * temporary file renamed when complete. Returns as ps_record_sweep_write. */
ps_status ps_record_sweep_rewrite(const char *from, const char *path, bool force,
                                  const ps_sweep_results *res, const char *command_line,
                                  ps_error *err);

#endif
