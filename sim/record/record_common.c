/* record_common.c - HDF5 helpers shared by the run and sweep recorders */
#define _POSIX_C_SOURCE 200809L /* stat, gethostname, gmtime_r */
#include "record_common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_version.h>
#include <hdf5_hl.h>

#include "protsim/version.h"

hid_t ps_record_text_type(void)
{
    hid_t type = H5Tcopy(H5T_C_S1);
    if (H5Tset_size(type, H5T_VARIABLE) < 0 || H5Tset_cset(type, H5T_CSET_UTF8) < 0) {
        H5Tclose(type);
        return H5I_INVALID_HID;
    }
    return type;
}

herr_t ps_record_put_text(hid_t obj, const char *name, const char *value)
{
    const char *text = value != NULL ? value : "";
    if (H5Aexists(obj, name) > 0 && H5Adelete(obj, name) < 0) {
        return -1;
    }
    hid_t type = ps_record_text_type();
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, type, &text);
    H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
    return attr < 0 ? -1 : status;
}

void ps_record_get_text(hid_t obj, const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    if (H5Aexists(obj, name) <= 0) {
        return;
    }
    hid_t type = ps_record_text_type();
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    char *text = NULL;
    if (H5Aread(attr, type, &text) >= 0 && text != NULL) {
        snprintf(buf, size, "%s", text);
        H5free_memory(text);
    }
    H5Aclose(attr);
    H5Tclose(type);
}

herr_t ps_record_describe(hid_t obj, const char *units, const char *dims,
                          const char *description)
{
    herr_t a = ps_record_put_text(obj, "units", units);
    herr_t b = ps_record_put_text(obj, "dimensions", dims);
    herr_t c = ps_record_put_text(obj, "description", description);
    return a < 0 || b < 0 || c < 0 ? -1 : 0;
}

size_t ps_record_extent(hid_t file, const char *path, int dim)
{
    hsize_t dims[H5S_MAX_RANK] = {0};
    if (H5Lexists(file, path, H5P_DEFAULT) <= 0) {
        return 0;
    }
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    H5Dclose(dset);
    return rank > dim ? (size_t)dims[dim] : 0;
}

ps_status ps_record_check_target(const char *path, bool force, ps_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        return PS_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        return ps_fail(err, PS_EIO, "%s: cannot create: %s", path, strerror(EISDIR));
    }
    if (!force) {
        return ps_fail(err, PS_EEXIST, "%s: exists (use --force to replace it)", path);
    }
    return PS_OK;
}

/* Creation properties chunked by chunk[rank], shuffled and deflated; contiguous when a
 * chunk length is 0 (an empty axis cannot be chunked). */
hid_t ps_record_chunked_dcpl(int rank, const hsize_t *chunk)
{
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    for (int i = 0; i < rank; i++) {
        if (chunk[i] == 0) {
            return dcpl;
        }
    }
    if (H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
        H5Pset_deflate(dcpl, PS_RECORD_DEFLATE) < 0) {
        H5Pclose(dcpl);
        return H5I_INVALID_HID;
    }
    return dcpl;
}

/* A scalar numeric attribute of memory type type, created or overwritten. */
herr_t ps_record_put_number(hid_t obj, const char *name, hid_t type, const void *value)
{
    htri_t exists = H5Aexists(obj, name);
    if (exists < 0) {
        return -1;
    }
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = exists > 0
                     ? H5Aopen(obj, name, H5P_DEFAULT)
                     : H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, type, value);
    H5Aclose(attr);
    H5Sclose(space);
    return status;
}

/* A group with a description attribute; its links keep their creation order, so that
 * `protsim info` lists them as written. */
herr_t ps_record_create_group(hid_t file, const char *path, const char *description)
{
    hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
    herr_t status = H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED);
    hid_t group = H5Gcreate2(file, path, H5P_DEFAULT, gcpl, H5P_DEFAULT);
    if (status >= 0 && group >= 0) {
        status = ps_record_put_text(group, "description", description);
    }
    H5Gclose(group);
    H5Pclose(gcpl);
    return group < 0 ? -1 : status;
}

herr_t ps_record_put_provenance(hid_t obj)
{
    const ps_build_info *b = ps_build();
    unsigned major = 0, minor = 0, release = 0;
    char hdf5[96], started[32] = "", host[256] = "";
    H5get_libversion(&major, &minor, &release);
    snprintf(hdf5, sizeof hdf5, "%u.%u.%u (built with %s)", major, minor, release,
             b->hdf5);
    time_t now = time(NULL);
    struct tm utc;
    if (gmtime_r(&now, &utc) != NULL) {
        strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &utc);
    }
    if (gethostname(host, sizeof host - 1) != 0) {
        host[0] = '\0';
    }
    const char *const attrs[][2] = {{"source_revision", b->revision},
                                    {"build_type", b->build_type},
                                    {"build_flags", b->flags},
                                    {"compiler", b->compiler},
                                    {"gsl_version", gsl_version},
                                    {"hdf5_version", hdf5},
                                    {"libconfig_version", b->libconfig},
                                    {"start_time", started},
                                    {"host_name", host}};
    herr_t status = 0;
    for (size_t k = 0; k < sizeof attrs / sizeof attrs[0] && status >= 0; k++) {
        status = ps_record_put_text(obj, attrs[k][0], attrs[k][1]);
    }
    return status;
}

/* ---- dimension scales ------------------------------------------------------------ */

/* The datasets of a file, by path, as H5Ovisit finds them. */
typedef struct dataset_list {
    char **paths; /* owned: [n] */
    size_t n, cap;
    bool failed;
} dataset_list;

static herr_t collect(hid_t obj, const char *name, const H5O_info_t *info, void *data)
{
    (void)obj;
    dataset_list *l = data;
    if (info->type != H5O_TYPE_DATASET) {
        return 0;
    }
    if (l->n == l->cap) {
        size_t cap = 2 * l->cap + 64;
        char **grown = realloc(l->paths, cap * sizeof *grown);
        if (grown == NULL) {
            l->failed = true;
            return -1;
        }
        l->paths = grown;
        l->cap = cap;
    }
    size_t len = strlen(name) + 2;
    l->paths[l->n] = malloc(len);
    if (l->paths[l->n] == NULL) {
        l->failed = true;
        return -1;
    }
    snprintf(l->paths[l->n++], len, "/%s", name);
    return 0;
}

static void list_free(dataset_list *l)
{
    for (size_t k = 0; k < l->n; k++) {
        free(l->paths[k]);
    }
    free(l->paths);
}

static const char *basename_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* Make path a scale when its one dimension bears its name; 1 when it is one. */
static int mark_scale(hid_t file, const char *path)
{
    char dims[256];
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    if (dset < 0) {
        return -1;
    }
    ps_record_get_text(dset, "dimensions", dims, sizeof dims);
    const char *name = basename_of(path);
    int is_scale = strcmp(dims, name) == 0;
    herr_t status = is_scale ? H5DSset_scale(dset, name) : 0;
    herr_t closed = H5Dclose(dset);
    return status < 0 || closed < 0 ? -1 : is_scale;
}

/* The scale named axis in the group of path or the nearest group above, opened; a
 * negative id when there is none. */
static hid_t find_scale(hid_t file, const char *path, const char *axis, int len)
{
    char at[512];
    size_t group = (size_t)(basename_of(path) - path); /* keeps the trailing / */
    while (group > 0) {
        snprintf(at, sizeof at, "%.*s%.*s", (int)group, path, len, axis);
        if (H5Lexists(file, at, H5P_DEFAULT) > 0) {
            hid_t scale = H5Dopen2(file, at, H5P_DEFAULT);
            if (scale >= 0 && H5DSis_scale(scale) > 0) {
                return scale;
            }
            H5Dclose(scale);
        }
        while (--group > 0 && path[group - 1] != '/') {
        }
    }
    return H5I_INVALID_HID;
}

/* Attach each axis of the dataset at path to its scale. */
static ps_status attach_dataset(hid_t file, const char *fname, const char *path,
                                ps_error *err)
{
    char dims[256];
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    if (dset < 0) {
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot open", fname, path);
    }
    ps_record_get_text(dset, "dimensions", dims, sizeof dims);
    ps_status st = PS_OK;
    unsigned axis = 0;
    for (const char *p = dims; *p != '\0' && st == PS_OK; axis++) {
        int len = (int)strcspn(p, ",");
        hid_t scale = find_scale(file, path, p, len);
        if (scale < 0) {
            st = ps_fail(err, PS_EHDF5, "%s: %s: no dimension scale for axis %.*s", fname,
                         path, len, p);
        } else if (H5DSattach_scale(dset, scale, axis) < 0 || H5Dclose(scale) < 0) {
            st = ps_fail(err, PS_EHDF5, "%s: %s: cannot attach the scale %.*s", fname,
                         path, len, p);
        }
        p += p[len] == ',' ? len + 1 : len;
    }
    if (H5Dclose(dset) < 0 && st == PS_OK) {
        st = ps_fail(err, PS_EHDF5, "%s: %s: cannot close", fname, path);
    }
    return st;
}

ps_status ps_record_attach_scales(hid_t file, const char *fname, ps_error *err)
{
    dataset_list l = {0};
    herr_t visited =
        H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, collect, &l, H5O_INFO_BASIC);
    ps_status st = visited < 0 || l.failed
                       ? ps_fail(err, PS_EHDF5, "%s: cannot list the datasets", fname)
                       : PS_OK;
    int *is_scale = calloc(l.n + 1, sizeof *is_scale);
    if (st == PS_OK && is_scale == NULL) {
        st = ps_fail(err, PS_ENOMEM, "%s: cannot list the datasets", fname);
    }
    for (size_t k = 0; k < l.n && st == PS_OK; k++) {
        is_scale[k] = mark_scale(file, l.paths[k]);
        if (is_scale[k] < 0) {
            st = ps_fail(err, PS_EHDF5, "%s: %s: cannot make it a scale", fname,
                         l.paths[k]);
        }
    }
    for (size_t k = 0; k < l.n && st == PS_OK; k++) {
        st = is_scale[k] ? PS_OK : attach_dataset(file, fname, l.paths[k], err);
    }
    free(is_scale);
    list_free(&l);
    return st;
}
