/* record_common.h - small HDF5 helpers shared by the recorders (record_h5.c for runs,
 * record_sweep.c for sweeps): text attributes, dataset descriptions, the output check */
#ifndef PROTSIM_RECORD_COMMON_H
#define PROTSIM_RECORD_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include <hdf5.h>

#include "protsim/error.h"

/* Before the first HDF5 call of every entry point: errors become statuses (no message
 * on stderr), and HDF5 does not close files again at exit. */
void ps_record_init(void);

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

/* Whether the dataset at path in file exists with rank axes of lengths d0 (and d1):
 * what a reader checks before it reads into a buffer sized by other datasets. */
bool ps_record_shape_is(hid_t file, const char *path, int rank, size_t d0, size_t d1);

/* May path be written? PS_OK when it does not exist, or is a regular file and force is
 * set; PS_EINVAL for an empty name; PS_EEXIST "PATH: exists (use --force to replace
 * it)", or for a folder, device, link or pipe, whatever force says. */
ps_status ps_record_check_target(const char *path, bool force, ps_error *err);

/* A temporary file in the folder of its target, renamed to the target when complete. */
typedef struct ps_record_temp {
    char *path; /* owned: DIR/NAME.tmp-XXXXXX, NAME cut to 200 bytes */
    int fd;     /* open and locked (fcntl) while it is written, so that a later run
                 * can tell a live writer's file from one a dead process left */
} ps_record_temp;

/* Check target (ps_record_check_target), remove the temporary files of target that no
 * live process holds, and create a new one, exclusively and without following links
 * (mkostemp with O_NOFOLLOW), mode 0666 less the umask, locked. Returns PS_OK,
 * PS_EINVAL, PS_EEXIST, PS_EIO or PS_ENOMEM; on failure t needs no finish. */
ps_status ps_record_temp_create(const char *target, bool force, ps_record_temp *t,
                                ps_error *err);

/* A second temporary file, main's path with suffix, created and locked as main (a
 * scratch file). Returns PS_OK, PS_EIO or PS_ENOMEM; on failure t needs no finish. */
ps_status ps_record_temp_beside(const ps_record_temp *main, const char *suffix,
                                ps_record_temp *t, ps_error *err);

/* PS_OK when the file HDF5 opened (file) is the one t created, not something put in its
 * place since; PS_EIO otherwise. */
ps_status ps_record_temp_verify(const ps_record_temp *t, hid_t file, const char *target,
                                ps_error *err);

/* After the file is closed: seal it (when it has the seal's user block) and rename t
 * to target when st is PS_OK, else remove it; close and free t. Returns st; PS_EIO when
 * the rename fails, or "TARGET: no space left on device (writing PATH)" when st is
 * PS_EHDF5 and the file system is full. */
ps_status ps_record_temp_finish(ps_record_temp *t, const char *target, ps_status st,
                                ps_error *err);

/* The seal (docs/output.md, "Trusted and untrusted files"): every result file starts
 * with a user block of PS_RECORD_SEAL_SIZE bytes, which ps_record_temp_finish fills,
 * before the rename, with PS_RECORD_SEAL and the SHA-256 of every byte after the block
 * in 64 hex digits; readers check it before libhdf5 sees a byte. */
#define PS_RECORD_SEAL_SIZE 512
#define PS_RECORD_SEAL "protsim: SHA-256 of the bytes after the first 512: "

/* File creation properties with the seal's user block; the caller closes them.
 * Negative on failure. */
hid_t ps_record_fcpl(void);

/* PS_OK when the file at path is sealed and its bytes match the seal, or carries no
 * seal (not written by protsim, or edited and unsealed since: trusted to libhdf5);
 * PS_EINVAL "PATH: damaged: ..." when they do not match; PS_EIO when it cannot be
 * read. */
ps_status ps_record_check_seal(const char *path, ps_error *err);

/* Creation properties chunked by chunk[rank], shuffled and deflated at level (1-9; 0:
 * neither); contiguous when a chunk length is 0 (an empty axis cannot be chunked).
 * The caller closes them; negative on failure. */
hid_t ps_record_chunked_dcpl(int rank, const hsize_t *chunk, int level);

/* Creation properties of a dataset of type written whole: one chunk of dims[rank] with
 * Fletcher-32, so that a damaged byte is an error when read; contiguous for a scalar,
 * an empty dataset or text (HDF5 filters no variable-length data). The caller closes
 * them; negative on failure. */
hid_t ps_record_whole_dcpl(hid_t type, int rank, const hsize_t *dims);

/* File access properties of every file written: the HDF5 1.10 format, whose metadata
 * carries checksums. The caller closes them; negative on failure. */
hid_t ps_record_fapl(void);

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
