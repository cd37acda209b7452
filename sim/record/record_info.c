/* record_info.c - `protsim info`: what a run, replicate, compare or sweep file holds, in
 * words, from the tables of record_schema.c */
#define _POSIX_C_SOURCE 200809L
#include "protsim/record.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hdf5.h>

#include "protsim/sweep.h"
#include "record_common.h"
#include "record_schema.h"
#include "sweep_impl.h" /* run status codes */

#define DATE_SIZE 16  /* "YYYY-MM", with room for years of five digits and a sign */
#define GROUP_SIZE 64 /* a layout's group, e.g. "/a" */
#define PATH_SIZE 160 /* a group and a dataset path */

/* Read a scalar numeric attribute as int64; -1 when missing. */
static int64_t get_int(hid_t obj, const char *name)
{
    int64_t value = -1;
    if (H5Aexists(obj, name) > 0) {
        hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
        if (H5Aread(attr, H5T_NATIVE_INT64, &value) < 0) {
            value = -1;
        }
        H5Aclose(attr);
    }
    return value;
}

/* The attributes of a layout's group (obj) in words; the root's for a single layout. */
static void info_header(hid_t obj, FILE *out)
{
    char name[PS_MAX_TEXT], source[PS_MAX_TEXT], version[64], start[DATE_SIZE],
        end[DATE_SIZE], command[1024];
    ps_record_get_text(obj, "scenario_name", name, sizeof name);
    ps_record_get_text(obj, "scenario_source", source, sizeof source);
    ps_record_get_text(obj, "protsim_version", version, sizeof version);
    ps_record_get_text(obj, "start", start, sizeof start);
    ps_record_get_text(obj, "end", end, sizeof end);
    ps_record_get_text(obj, "command_line", command, sizeof command);
    uint64_t seed = 0;
    hid_t attr = H5Aopen(obj, "seed", H5P_DEFAULT);
    H5Aread(attr, H5T_NATIVE_UINT64, &seed);
    H5Aclose(attr);
    fprintf(out, "scenario: %s (from %s)\n", name, source);
    fprintf(out, "protsim version: %s\n", version);
    fprintf(out, "seed: %llu\n", (unsigned long long)seed);
    if (H5Aexists(obj, "command_line") > 0) {
        fprintf(out, "command line: %s\n", command);
    }
    fprintf(out, "period: %s to %s, %lld of %lld steps written%s\n", start, end,
            (long long)get_int(obj, "steps_written"), (long long)get_int(obj, "steps"),
            get_int(obj, "complete") == 1 ? "" : " (the file was not closed)");
    if (get_int(obj, "replicates") >= 0) {
        fprintf(out, "replicates: %lld, %lld written; each with its own seed (seeds)\n",
                (long long)get_int(obj, "replicates"),
                (long long)get_int(obj, "replicates_written"));
    }
}

/* Where and how the file was made (root attributes of docs/output.md, Provenance). */
static void info_provenance(hid_t root, FILE *out)
{
    if (H5Aexists(root, "source_revision") <= 0) {
        return; /* a file of an older protsim */
    }
    static const char *const NAMES[] = {
        "source_revision", "build_type",        "compiler",   "gsl_version",
        "hdf5_version",    "libconfig_version", "start_time", "host_name"};
    char v[8][256];
    for (size_t k = 0; k < 8; k++) {
        ps_record_get_text(root, NAMES[k], v[k], sizeof v[k]);
    }
    fprintf(out, "built from: %s (%s, %s; GSL %s, HDF5 %s, libconfig %s)\n", v[0], v[1],
            v[2], v[3], v[4], v[5]);
    fprintf(out, "written: %s on %s\n", v[6], v[7]);
}

/* "states: 2 (Japan, Korea)" */
static ps_status info_states(hid_t file, const char *group, const char *path, FILE *out,
                             ps_error *err)
{
    char dpath[PATH_SIZE];
    snprintf(dpath, sizeof dpath, "%s%s", group, PS_NAMES[0].doc.path); /* /states/name */
    size_t n = ps_record_extent(file, dpath, 0);
    if (!ps_record_shape_is(file, dpath, 1, n, 0)) {
        return ps_fail(err, PS_EINVAL, "%s: %s: not a list of names", path, dpath);
    }
    char **names = calloc(n > 0 ? n : 1, sizeof *names);
    if (names == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", path, dpath);
    }
    hid_t type = ps_record_text_type();
    hid_t dset = H5Dopen2(file, dpath, H5P_DEFAULT);
    hid_t space = H5Dget_space(dset);
    herr_t status =
        n == 0 ? 0 : H5Dread(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, names);
    if (status >= 0) {
        fprintf(out, "states: %zu (", n);
        for (size_t i = 0; i < n; i++) {
            fprintf(out, "%s%s", i > 0 ? ", " : "", names[i] != NULL ? names[i] : "");
        }
        fprintf(out, ")\n");
        H5Dvlen_reclaim(type, space, H5P_DEFAULT, names);
    }
    H5Sclose(space);
    H5Dclose(dset);
    H5Tclose(type);
    free(names);
    return status < 0 ? ps_fail(err, PS_EHDF5, "%s: %s: cannot read", path, dpath)
                      : PS_OK;
}

/* "time 5, state 2": each axis named from the dimensions attribute. */
static void format_shape(hid_t dset, const char *dims_text, char *buf, size_t size)
{
    hsize_t dims[H5S_MAX_RANK];
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    const char *name = dims_text;
    size_t used = 0;
    snprintf(buf, size, "%s", rank == 0 ? "scalar" : "");
    for (int i = 0; i < rank && used < size; i++) {
        int len = (int)strcspn(name, ",");
        used +=
            (size_t)snprintf(buf + used, size - used, "%s%.*s%s%llu", i > 0 ? ", " : "",
                             len, name, len > 0 ? " " : "", (unsigned long long)dims[i]);
        name += name[len] == ',' ? len + 1 : len;
    }
}

/* "  /states/poi [time 5, state 2], units 1: Protection Outcome Index ..."; the group
 * of a layout goes before path. */
static void info_dataset(hid_t file, const char *group, const char *path, FILE *out)
{
    char at[PATH_SIZE];
    snprintf(at, sizeof at, "%s%s", group, path);
    if (H5Lexists(file, at, H5P_DEFAULT) <= 0) {
        return;
    }
    char units[128], dims[128], description[512], shape[256];
    hid_t dset = H5Dopen2(file, at, H5P_DEFAULT);
    ps_record_get_text(dset, "units", units, sizeof units);
    ps_record_get_text(dset, "dimensions", dims, sizeof dims);
    ps_record_get_text(dset, "description", description, sizeof description);
    format_shape(dset, dims, shape, sizeof shape);
    H5Dclose(dset);
    fprintf(out, "  %s [%s], units %s: %s\n", at, shape, units, description);
}

/* One layout: its attributes, states, sizes and every dataset. */
/* A run file's checkpoint, in one line. */
static void info_checkpoint(hid_t file, const char *group, FILE *out)
{
    const char *path = PS_CHECKPOINT_GROUPS[PS_CKPT_GROUP].path;
    char month[32];
    if (group[0] != '\0' || H5Lexists(file, path, H5P_DEFAULT) <= 0) {
        return;
    }
    hid_t g = H5Gopen2(file, path, H5P_DEFAULT);
    ps_record_get_text(g, "month", month, sizeof month);
    H5Gclose(g);
    fprintf(out, "checkpoint: the world at the end of %s in %s (protsim run --from)\n",
            month, path);
}

static ps_status info_layout(hid_t file, const char *group, const char *path, FILE *out,
                             ps_error *err)
{
    char at[PATH_SIZE];
    hid_t obj = H5Oopen(file, group[0] != '\0' ? group : "/", H5P_DEFAULT);
    if (obj < 0) {
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot open", path, group);
    }
    info_header(obj, out);
    H5Oclose(obj);
    ps_status status = info_states(file, group, path, out, err);
    if (status != PS_OK) {
        return status;
    }
    snprintf(at, sizeof at, "%s%s", group, PS_OTHERS[PS_OTHER_HOME].path);
    fprintf(out, "NGOs: %zu\n", ps_record_extent(file, at, 0));
    snprintf(at, sizeof at, "%s%s", group, PS_OTHERS[PS_OTHER_EVENTS].path);
    fprintf(out, "events: %zu\n", ps_record_extent(file, at, 0));
    info_checkpoint(file, group, out);
    fprintf(out, "time series:\n");
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        info_dataset(file, group, PS_SERIES[k].path, out);
    }
    fprintf(out, "names:\n");
    for (size_t k = 0; k < PS_N_NAMES; k++) {
        info_dataset(file, group, PS_NAMES[k].doc.path, out);
    }
    fprintf(out, "other datasets:\n");
    for (size_t k = 0; k < PS_N_OTHERS; k++) {
        info_dataset(file, group, PS_OTHERS[k].path, out);
    }
    fprintf(out, "dimension scales (the coordinates of the axes; and /time):\n");
    for (size_t k = 0; k < PS_N_RUN_SCALES; k++) {
        info_dataset(file, group, PS_RUN_SCALES[k].doc.path, out);
    }
    return PS_OK;
}

/* What H5Literate hands to list_dataset. */
typedef struct {
    hid_t file;
    const char *group;
    FILE *out;
} listing;

static herr_t list_dataset(hid_t group, const char *name, const H5L_info_t *info,
                           void *data)
{
    (void)info;
    const listing *l = data;
    char at[PATH_SIZE];
    snprintf(at, sizeof at, "/%s", name);
    hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
    bool is_dataset = obj >= 0 && H5Iget_type(obj) == H5I_DATASET;
    if (obj >= 0) {
        H5Oclose(obj);
    }
    if (is_dataset) {
        info_dataset(l->file, l->group, at, l->out);
    }
    return 0;
}

/* Every dataset of a group that is not a layout, e.g. /comparison, in the order
 * written. */
static void info_group(hid_t file, const char *group, FILE *out)
{
    char description[512];
    hid_t obj = H5Gopen2(file, group, H5P_DEFAULT);
    if (obj < 0) {
        return;
    }
    ps_record_get_text(obj, "description", description, sizeof description);
    fprintf(out, "\n%s: %s\n", group, description);
    listing l = {file, group, out};
    hsize_t idx = 0;
    if (H5Literate(obj, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, list_dataset, &l) < 0) {
        idx = 0;
        H5Literate(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, list_dataset, &l);
    }
    H5Gclose(obj);
}

/* Whether group is one of the layouts in parts, e.g. "/a,/b". */
static bool is_part(const char *parts, const char *group)
{
    size_t len = strlen(group);
    const char *p = parts;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        if (n == len && strncmp(p, group, len) == 0) {
            return true;
        }
        p += p[n] == ',' ? n + 1 : n;
    }
    return false;
}

static herr_t list_group(hid_t root, const char *name, const H5L_info_t *info, void *data)
{
    (void)info;
    (void)root;
    const listing *l = data;
    char group[PATH_SIZE];
    snprintf(group, sizeof group, "/%s", name);
    hid_t obj = H5Oopen(l->file, group, H5P_DEFAULT);
    bool is_group = obj >= 0 && H5Iget_type(obj) == H5I_GROUP;
    if (obj >= 0) {
        H5Oclose(obj);
    }
    if (is_group && !is_part(l->group, group)) {
        info_group(l->file, group, l->out);
    }
    return 0;
}

/* A file of several layouts: what made it, each layout, then the other groups. */
static ps_status info_parts(hid_t file, const char *parts, const char *path, FILE *out,
                            ps_error *err)
{
    char command[1024], version[64];
    ps_record_get_text(file, "protsim_version", version, sizeof version);
    ps_record_get_text(file, "command_line", command, sizeof command);
    fprintf(out, "protsim version: %s\n", version);
    fprintf(out, "command line: %s\n", command);
    fprintf(out, "layouts: %s%s\n", parts,
            get_int(file, "complete") == 1 ? "" : " (the file was not closed)");
    ps_status status = PS_OK;
    for (const char *p = parts; *p != '\0' && status == PS_OK;) {
        char group[GROUP_SIZE];
        int len = (int)strcspn(p, ",");
        snprintf(group, sizeof group, "%.*s", len, p);
        fprintf(out, "\n%s:\n", group);
        status = info_layout(file, group, path, out, err);
        p += p[len] == ',' ? len + 1 : len;
    }
    listing l = {file, parts, out};
    hsize_t idx = 0;
    if (status == PS_OK) {
        H5Literate(file, H5_INDEX_NAME, H5_ITER_INC, &idx, list_group, &l);
    }
    return status;
}

static ps_status info_file(hid_t file, const char *path, FILE *out, ps_error *err)
{
    char parts[PATH_SIZE];
    ps_record_get_text(file, "parts", parts, sizeof parts);
    fprintf(out, "file: %s\n", path);
    info_provenance(file, out);
    if (parts[0] != '\0') {
        return info_parts(file, parts, path, out, err);
    }
    ps_status st = info_layout(file, "", path, out, err);
    for (size_t g = 0; st == PS_OK && g < 2; g++) { /* run --parameters: its ensemble */
        if (H5Lexists(file, PS_ENSEMBLE_GROUPS[g].path, H5P_DEFAULT) > 0) {
            info_group(file, PS_ENSEMBLE_GROUPS[g].path, out);
        }
    }
    return st;
}

/* ---- sweep files ----------------------------------------------------------------- */

/* A scalar unsigned attribute; 0 when missing. */
static uint64_t get_u64(hid_t obj, const char *name)
{
    uint64_t value = 0;
    if (H5Aexists(obj, name) > 0) {
        hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
        if (H5Aread(attr, H5T_NATIVE_UINT64, &value) < 0) {
            value = 0;
        }
        H5Aclose(attr);
    }
    return value;
}

/* Text dataset k of PS_SWEEP as n strings (freed with free_texts); NULL on failure. */
static char **read_texts(hid_t file, size_t k, size_t n)
{
    if (!ps_record_shape_is(file, PS_SWEEP[k].doc.path, 1, n, 0)) {
        return NULL; /* not the layout: another length, or another rank */
    }
    char **text = calloc(n + 1, sizeof *text);
    hid_t dset = H5Dopen2(file, PS_SWEEP[k].doc.path, H5P_DEFAULT);
    hid_t type = ps_record_text_type();
    if (text == NULL || dset < 0 ||
        H5Dread(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text) < 0) {
        free(text);
        text = NULL;
    }
    H5Tclose(type);
    H5Dclose(dset);
    return text;
}

static void free_texts(char **text, size_t n)
{
    for (size_t i = 0; text != NULL && i < n; i++) {
        H5free_memory(text[i]);
    }
    free(text);
}

/* One line per parameter: name, path, scale, range or values, unit. */
static void info_params(hid_t file, FILE *out)
{
    size_t n = ps_record_extent(file, PS_SWEEP[PS_D_NAMES].doc.path, 0);
    char **name = read_texts(file, PS_D_NAMES, n),
         **path = read_texts(file, PS_D_PATHS, n);
    char **scale = read_texts(file, PS_D_SCALE, n),
         **unit = read_texts(file, PS_D_UNITS, n);
    char **list = read_texts(file, PS_D_LISTS, n);
    double *lo = calloc(n + 1, sizeof *lo), *hi = calloc(n + 1, sizeof *hi);
    bool ok = name && path && scale && unit && list && lo && hi &&
              ps_record_shape_is(file, PS_SWEEP[PS_D_LO].doc.path, 1, n, 0) &&
              ps_record_shape_is(file, PS_SWEEP[PS_D_HI].doc.path, 1, n, 0);
    hid_t a = H5Dopen2(file, PS_SWEEP[PS_D_LO].doc.path, H5P_DEFAULT);
    hid_t b = H5Dopen2(file, PS_SWEEP[PS_D_HI].doc.path, H5P_DEFAULT);
    ok = ok && H5Dread(a, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, lo) >= 0 &&
         H5Dread(b, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, hi) >= 0;
    fprintf(out, "parameters: %zu\n", n);
    for (size_t j = 0; ok && j < n; j++) {
        fprintf(out, "  %-20s %-36s %-6s ", name[j], path[j], scale[j]);
        if (list[j][0] != '\0') {
            fprintf(out, "%s", list[j]);
        } else {
            fprintf(out, "[%g, %g]", lo[j], hi[j]);
        }
        fprintf(out, unit[j][0] != '\0' ? " (%s)\n" : "%s\n", unit[j]);
    }
    H5Dclose(a);
    H5Dclose(b);
    free(lo);
    free(hi);
    free_texts(name, n);
    free_texts(path, n);
    free_texts(scale, n);
    free_texts(unit, n);
    free_texts(list, n);
}

/* Runs by status, from /sweep/status. */
static void info_runs(hid_t file, FILE *out)
{
    size_t n = ps_record_extent(file, PS_SWEEP[PS_D_STATUS].doc.path, 0), count[3] = {0};
    int *status = calloc(n + 1, sizeof *status);
    hid_t dset = H5Dopen2(file, PS_SWEEP[PS_D_STATUS].doc.path, H5P_DEFAULT);
    if (status != NULL &&
        ps_record_shape_is(file, PS_SWEEP[PS_D_STATUS].doc.path, 1, n, 0) &&
        H5Dread(dset, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, status) >= 0) {
        for (size_t r = 0; r < n; r++) {
            count[status[r] >= 0 && status[r] <= 2 ? status[r] : PS_RUN_MISSING]++;
        }
        fprintf(out, "runs: %zu done, %zu failed, %zu missing (/sweep/status)\n",
                count[0], count[1], count[2]);
    }
    H5Dclose(dset);
    free(status);
}

/* The summary values and the series, in words. */
static void info_values(hid_t file, FILE *out)
{
    size_t n = ps_record_extent(file, PS_SWEEP[PS_D_VALUE_NAMES].doc.path, 0);
    char **names = read_texts(file, PS_D_VALUE_NAMES, n);
    fprintf(out, "summary values: %zu per run in /summary/values:", n);
    for (size_t k = 0; names != NULL && k < n; k++) {
        fprintf(out, "%s%s", k > 0 ? ", " : " ", names[k]);
    }
    free_texts(names, n);
    size_t n_series = ps_record_extent(file, PS_SWEEP[PS_D_SERIES_NAMES].doc.path, 0);
    fprintf(out, "\nseries: ");
    if (n_series == 0) {
        fprintf(out, "none\n");
        return;
    }
    names = read_texts(file, PS_D_SERIES_NAMES, n_series);
    fprintf(out, "%zu months of",
            ps_record_extent(file, PS_SWEEP[PS_D_TIME].doc.path, 0));
    for (size_t m = 0; names != NULL && m < n_series; m++) {
        fprintf(out, "%s/series/%s", m > 0 ? ", " : " ", names[m]);
    }
    fprintf(out, " [run, time]\n");
    free_texts(names, n_series);
}

/* A sweep file (root attribute kind "sweep"), open. */
static void sweep_info(hid_t file, const char *path, FILE *out)
{
    char text[4][1024];
    const char *const names[4] = {"sweep_file", "model", "design", "digest"};
    for (int k = 0; k < 4; k++) {
        ps_record_get_text(file, names[k], text[k], sizeof text[k]);
    }
    fprintf(out, "file: %s\nsweep: %s (model %s)\n", path, text[0], text[1]);
    fprintf(out, "design: %s, %llu points x %llu replicates = %llu runs; seed %llu\n",
            text[2], (unsigned long long)get_u64(file, "n_points"),
            (unsigned long long)get_u64(file, "replicates"),
            (unsigned long long)get_u64(file, "n_runs"),
            (unsigned long long)get_u64(file, "sweep_seed"));
    fprintf(out, "digest: %s\n", text[3]);
    info_provenance(file, out);
    info_runs(file, out);
    info_params(file, out);
    info_values(file, out);
}

ps_status ps_record_info(const char *path, FILE *out, ps_error *err)
{
    ps_record_init(); /* failures become statuses, not stderr or a crash at exit */
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    fclose(probe);
    ps_status sealed = ps_record_check_seal(path, err);
    if (sealed != PS_OK) {
        return sealed;
    }
    hid_t file = H5Fis_hdf5(path) > 0 ? H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT)
                                      : H5I_INVALID_HID;
    if (file < 0 || H5Aexists(file, "protsim_version") <= 0) {
        if (file >= 0) {
            H5Fclose(file);
        }
        return ps_fail(err, PS_EIO, "%s: not a protsim result file", path);
    }
    char kind[16];
    ps_record_get_text(file, "kind", kind, sizeof kind);
    ps_status status = PS_OK;
    if (strcmp(kind, "sweep") == 0) { /* written by protsim sweep: record_sweep.c */
        sweep_info(file, path, out);
    } else {
        status = info_file(file, path, out, err);
    }
    H5Fclose(file);
    if (status == PS_OK && ferror(out)) {
        return ps_fail(err, PS_EIO, "%s: cannot write the description", path);
    }
    return status;
}
