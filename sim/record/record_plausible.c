/* record_plausible.c - reading the plausible set of a history-match file (hm.h5,
 * written by protsim calibrate with h5py: /plausible/values [point, parameter],
 * /plausible/param_paths and param_names, the root attributes kind, targets_file and
 * targets_text) for protsim run and compare --parameters */
#define _POSIX_C_SOURCE 200809L
#include "protsim/record.h"

#include <errno.h>
#include <hdf5.h>
#include <stdlib.h>
#include <string.h>

#include "record_common.h"

#define KIND "history_match"

void ps_record_plausible_destroy(ps_plausible *p)
{
    if (p != NULL) {
        free(p->paths);
        free(p->names);
        free(p->values);
        free(p->targets_text);
        free(p);
    }
}

/* The text attribute name of obj, whole, in a new buffer; NULL when missing. */
static char *attribute_text(hid_t obj, const char *name)
{
    if (H5Aexists(obj, name) <= 0) {
        return NULL;
    }
    hid_t type = ps_record_text_type();
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    char *text = NULL, *copy = NULL;
    if (H5Aread(attr, type, &text) >= 0 && text != NULL) {
        copy = strdup(text);
        H5free_memory(text);
    }
    H5Aclose(attr);
    H5Tclose(type);
    return copy;
}

/* The n strings of the text dataset at path into dst[n][PS_MAX_TEXT]. */
static herr_t read_names(hid_t file, const char *path, size_t n, char (*dst)[PS_MAX_TEXT])
{
    char **text = calloc(n + 1, sizeof *text);
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t type = ps_record_text_type();
    herr_t status = text == NULL || dset < 0
                        ? -1
                        : H5Dread(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text);
    for (size_t k = 0; text != NULL && k < n; k++) {
        snprintf(dst[k], PS_MAX_TEXT, "%s",
                 status >= 0 && text[k] != NULL ? text[k] : "");
        H5free_memory(text[k]);
    }
    free(text);
    H5Tclose(type);
    H5Dclose(dset);
    return status;
}

static ps_status read_set(hid_t file, ps_plausible *p, ps_error *err)
{
    p->n_points = ps_record_extent(file, "/plausible/values", 0);
    p->n_params = ps_record_extent(file, "/plausible/values", 1);
    if (p->n_points == 0 || p->n_params == 0 ||
        ps_record_extent(file, "/plausible/param_paths", 0) != p->n_params) {
        return ps_fail(err, PS_EINVAL,
                       "%s: the plausible set is empty (%zu points of %zu "
                       "parameters)",
                       p->source, p->n_points, p->n_params);
    }
    p->paths = calloc(p->n_params, sizeof *p->paths);
    p->names = calloc(p->n_params, sizeof *p->names);
    p->values = calloc(p->n_points * p->n_params, sizeof *p->values);
    if (p->paths == NULL || p->names == NULL || p->values == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate %zu points", p->source,
                       p->n_points);
    }
    hid_t dset = H5Dopen2(file, "/plausible/values", H5P_DEFAULT);
    herr_t status = dset < 0 ? -1
                             : H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL,
                                       H5P_DEFAULT, p->values);
    H5Dclose(dset);
    if (status < 0 ||
        read_names(file, "/plausible/param_paths", p->n_params, p->paths) < 0 ||
        read_names(file, "/plausible/param_names", p->n_params, p->names) < 0) {
        return ps_fail(err, PS_EINVAL, "%s: /plausible: cannot read", p->source);
    }
    ps_record_get_text(file, "targets_file", p->targets_file, sizeof p->targets_file);
    p->targets_text = attribute_text(file, "targets_text");
    return PS_OK;
}

ps_status ps_record_plausible_load(const char *path, ps_plausible **out, ps_error *err)
{
    *out = NULL;
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    fclose(probe);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) {
        return ps_fail(err, PS_EINVAL, "%s: not an HDF5 file", path);
    }
    char kind[64];
    ps_record_get_text(file, "kind", kind, sizeof kind);
    ps_plausible *p = calloc(1, sizeof *p);
    ps_status st = p == NULL ? ps_fail(err, PS_ENOMEM, "%s: out of memory", path) : PS_OK;
    if (st == PS_OK && strcmp(kind, KIND) != 0) {
        st =
            ps_fail(err, PS_EINVAL,
                    "%s: not a history-match file (protsim calibrate writes them)", path);
    }
    if (st == PS_OK) {
        snprintf(p->source, sizeof p->source, "%s", path);
        st = read_set(file, p, err);
    }
    H5Fclose(file);
    if (st != PS_OK) {
        ps_record_plausible_destroy(p);
        return st;
    }
    *out = p;
    return PS_OK;
}
