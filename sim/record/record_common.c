/* record_common.c - HDF5 helpers shared by the run and sweep recorders */
#define _POSIX_C_SOURCE 200809L /* stat */
#include "record_common.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
