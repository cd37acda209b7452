/* record_common.h - small HDF5 helpers shared by the recorders (record_h5.c for runs,
 * record_sweep.c for sweeps): text attributes, dataset descriptions, the output check */
#ifndef PROTSIM_RECORD_COMMON_H
#define PROTSIM_RECORD_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include <hdf5.h>

#include "protsim/error.h"

/* Variable-length UTF-8 strings (h5py reads them as str); the caller closes the type.
 * Negative on failure. */
hid_t ps_record_text_type(void);

/* Write the scalar text attribute name = value (NULL as ""), replacing one that exists.
 * Negative on failure. */
herr_t ps_record_put_text(hid_t obj, const char *name, const char *value);

/* Read the scalar text attribute name into buf; "" when it is missing or not text. */
void ps_record_get_text(hid_t obj, const char *name, char *buf, size_t size);

/* The attributes every dataset carries: units, dimensions, description. */
herr_t ps_record_describe(hid_t obj, const char *units, const char *dims,
                          const char *description);

/* Length of axis dim of the dataset at path in file; 0 when it is missing. */
size_t ps_record_extent(hid_t file, const char *path, int dim);

/* May path be written? PS_OK when it does not exist or force is set; PS_EEXIST
 * "PATH: exists (use --force to replace it)"; PS_EIO when it is a folder. */
ps_status ps_record_check_target(const char *path, bool force, ps_error *err);

/* zlib level of run files: at its fastest, most of the size gain, a third of the time */
#define PS_RECORD_DEFLATE 1

/* Creation properties chunked by chunk[rank], shuffled and deflated at
 * PS_RECORD_DEFLATE; contiguous when a chunk length is 0 (an empty axis cannot be
 * chunked). The caller closes them; negative on failure. */
hid_t ps_record_chunked_dcpl(int rank, const hsize_t *chunk);

/* A scalar numeric attribute of memory type type, created or overwritten. Negative on
 * failure. */
herr_t ps_record_put_number(hid_t obj, const char *name, hid_t type, const void *value);

/* A group with a description attribute; its links keep their creation order, so that
 * `protsim info` lists them as written. Negative on failure. */
herr_t ps_record_create_group(hid_t file, const char *path, const char *description);

/* The provenance attributes on obj (docs/output.md): source_revision, build_type,
 * build_flags, compiler, gsl_version, hdf5_version, libconfig_version, start_time (now,
 * UTC, ISO 8601) and host_name. Negative on failure. */
herr_t ps_record_put_provenance(hid_t obj);

/* Dimension scales on every axis of every dataset of file: a dataset whose one
 * dimension (attribute dimensions) bears its own name becomes the scale of that axis,
 * and each axis of every other dataset is attached to the scale of its name in the
 * dataset's group or the nearest group above. Returns PS_OK, PS_ENOMEM or PS_EHDF5
 * "FNAME: PATH: no dimension scale for axis AXIS" when an axis has none. */
ps_status ps_record_attach_scales(hid_t file, const char *fname, ps_error *err);

#endif
