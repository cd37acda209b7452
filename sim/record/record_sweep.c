/* record_sweep.c - the sweep result file: the design, each run's status, summary values
 * and series in one HDF5 file. Every dataset is a row of PS_SWEEP (docs/sweeps.md
 * follows it); written whole through a temporary file, read back to merge parts. */
#define _POSIX_C_SOURCE 200809L /* getpid, stat */
#include "record_sweep.h"

#include "record_common.h"
#include "record_schema.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>

#include "protsim/version.h"

#define DEFLATE_LEVEL 4
#define VALUE_NAME 64   /* "detention_incidence@2020" */
#define LIST_TEXT 4096  /* "[0.1, 0.2, ...]" of one list parameter */
#define SERIES_CHUNK 16 /* runs per chunk of a series */

/* ---- small HDF5 helpers: negative on failure ------------------------------------- */

static herr_t put_u64(hid_t obj, const char *name, uint64_t value)
{
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(obj, name, H5T_STD_U64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, H5T_NATIVE_UINT64, &value);
    H5Aclose(attr);
    H5Sclose(space);
    return attr < 0 ? -1 : status;
}

static herr_t put_f64(hid_t obj, const char *name, double value)
{
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(obj, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, H5T_NATIVE_DOUBLE, &value);
    H5Aclose(attr);
    H5Sclose(space);
    return attr < 0 ? -1 : status;
}

/* The memory type of a dataset type; text types must be closed by the caller. */
static hid_t memory_type(ps_sweep_dtype type)
{
    switch (type) {
    case PS_T_F64:
        return H5T_NATIVE_DOUBLE;
    case PS_T_U64:
        return H5T_NATIVE_UINT64;
    case PS_T_I32:
        return H5T_NATIVE_INT;
    default:
        return ps_record_text_type();
    }
}

static hid_t file_type(ps_sweep_dtype type)
{
    switch (type) {
    case PS_T_F64:
        return H5T_IEEE_F64LE;
    case PS_T_U64:
        return H5T_STD_U64LE;
    case PS_T_I32:
        return H5T_STD_I32LE;
    default:
        return ps_record_text_type();
    }
}

static ps_status h5_fail(const char *file, const char *object, const char *what,
                         ps_error *err)
{
    return ps_fail(err, PS_EHDF5, "%s: %s: %s", file, object, what);
}

/* ---- what is written -------------------------------------------------------------- */

/* The data of every dataset, gathered from the sweep and the results. */
typedef struct sweep_data {
    const void *data[PS_N_SWEEP_DATASETS]; /* borrowed from the fields below, sw or res */
    size_t n[PS_N_AXES];                   /* length of each axis */
    double *design, *unit, *lo, *hi, *time;
    uint64_t *seed, *point, *replicate, *levels, *run;
    char (*month)[16]; /* owned: [T] "YYYY-MM" of each month of the series */
    const char **text[PS_N_SWEEP_DATASETS]; /* text datasets: one string per element */
    char *buf;                              /* owned: the strings made here */
} sweep_data;

static void data_free(sweep_data *d)
{
    free(d->design);
    free(d->unit);
    free(d->lo);
    free(d->hi);
    free(d->time);
    free(d->month);
    free(d->run);
    free(d->seed);
    free(d->point);
    free(d->replicate);
    free(d->levels);
    for (size_t k = 0; k < PS_N_SWEEP_DATASETS; k++) {
        free(d->text[k]);
    }
    free(d->buf);
}

/* Shortest text that reads back as v. */
static void format_exact(double v, char *buf, size_t size)
{
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, v);
        if (strtod(buf, NULL) == v) {
            return;
        }
    }
}

/* "[0.1, 0.2]" or "[\"a\", \"b\"]" for a list parameter; "" for a range. */
static void list_text(const ps_sweep_param *p, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < p->n_values; i++) {
        char value[64];
        size_t used = strlen(buf);
        if (p->labels[i] != NULL) {
            snprintf(value, sizeof value, "\"%s\"", p->labels[i]);
        } else {
            format_exact(p->values[i], value, sizeof value);
        }
        snprintf(buf + used, size - used, "%s%s%s", i == 0 ? "[" : ", ", value,
                 i + 1 == p->n_values ? "]" : "");
    }
}

/* Per-run arrays: the design as values and unit values, seeds, points, replicates. */
static void gather_runs(const ps_sweep *sw, sweep_data *d)
{
    size_t p = sw->n_params;
    for (size_t r = 0; r < sw->n_runs; r++) {
        size_t row = ps_sweep_row(sw, r);
        for (size_t j = 0; j < p; j++) {
            d->design[r * p + j] = ps_sweep_value(sw, row, j);
            d->unit[r * p + j] = sw->unit[row * p + j];
        }
        d->seed[r] = ps_sweep_seed(sw, r);
        d->point[r] = row;
        d->replicate[r] = ps_sweep_replicate(sw, r);
    }
}

/* Per-parameter arrays and texts; list texts go to buf. */
static void gather_params(const ps_sweep *sw, sweep_data *d, char *buf)
{
    for (size_t j = 0; j < sw->n_params; j++) {
        const ps_sweep_param *p = &sw->params[j];
        d->text[PS_D_NAMES][j] = p->name;
        d->text[PS_D_PATHS][j] = p->path;
        d->text[PS_D_UNITS][j] = p->unit;
        d->text[PS_D_SCALE][j] = ps_scale_name(p->scale);
        d->lo[j] = p->lo;
        d->hi[j] = p->hi;
        d->levels[j] = p->levels;
        list_text(p, buf + j * LIST_TEXT, LIST_TEXT);
        d->text[PS_D_LISTS][j] = buf + j * LIST_TEXT;
    }
}

/* Per-value texts (names go to buf), series names and the months. */
static void gather_values(const ps_sweep *sw, sweep_data *d, char *buf)
{
    for (size_t k = 0; k < sw->n_values; k++) {
        ps_sweep_value_name(sw, k, buf + k * VALUE_NAME, VALUE_NAME);
        d->text[PS_D_VALUE_NAMES][k] = buf + k * VALUE_NAME;
        d->text[PS_D_VALUE_UNITS][k] = ps_sweep_value_unit(sw, k);
        d->text[PS_D_VALUE_DOCS][k] = ps_sweep_value_doc(sw, k);
    }
    for (size_t m = 0; sw->series && m < sw->n_metrics; m++) {
        d->text[PS_D_SERIES_NAMES][m] = ps_metric_name(sw->metrics[m]);
    }
    for (size_t t = 0; t < d->n[PS_AX_T]; t++) {
        d->time[t] = (double)(sw->start + (ps_month)t + 1) / 12.0;
        ps_month_format(sw->start + (ps_month)t, d->month[t], sizeof d->month[t]);
        d->text[PS_D_MONTH][t] = d->month[t];
    }
}

/* The scales: run indices, and the names of parameters, values and series again. */
static void gather_scales(sweep_data *d)
{
    for (size_t r = 0; r < d->n[PS_AX_R]; r++) {
        d->run[r] = r;
    }
    memcpy(d->text[PS_D_PARAMETER], d->text[PS_D_NAMES],
           d->n[PS_AX_P] * sizeof *d->text[PS_D_NAMES]);
    memcpy(d->text[PS_D_VALUE], d->text[PS_D_VALUE_NAMES],
           d->n[PS_AX_M] * sizeof *d->text[PS_D_VALUE_NAMES]);
    memcpy(d->text[PS_D_METRIC], d->text[PS_D_SERIES_NAMES],
           d->n[PS_AX_K] * sizeof *d->text[PS_D_SERIES_NAMES]);
}

static bool data_alloc(sweep_data *d)
{
    size_t r = d->n[PS_AX_R], p = d->n[PS_AX_P], t = d->n[PS_AX_T] + 1;
    d->design = malloc(r * p * sizeof *d->design);
    d->unit = malloc(r * p * sizeof *d->unit);
    d->seed = malloc(r * sizeof *d->seed);
    d->point = malloc(r * sizeof *d->point);
    d->replicate = malloc(r * sizeof *d->replicate);
    d->lo = malloc(p * sizeof *d->lo);
    d->hi = malloc(p * sizeof *d->hi);
    d->levels = malloc(p * sizeof *d->levels);
    d->time = malloc(t * sizeof *d->time);
    d->month = malloc(t * sizeof *d->month);
    d->run = malloc((r + 1) * sizeof *d->run);
    d->buf = malloc(p * LIST_TEXT + (d->n[PS_AX_M] + 1) * VALUE_NAME);
    bool ok = d->design && d->unit && d->seed && d->point && d->replicate && d->lo &&
              d->hi && d->levels && d->time && d->month && d->run && d->buf;
    for (size_t k = 0; k < PS_N_SWEEP_DATASETS; k++) {
        if (PS_SWEEP[k].type == PS_T_TEXT) {
            d->text[k] = calloc(d->n[PS_SWEEP[k].a0] + 1, sizeof *d->text[k]);
            ok = ok && d->text[k] != NULL;
        }
    }
    return ok;
}

static ps_status gather(const ps_sweep *sw, const ps_sweep_results *res, sweep_data *d,
                        ps_error *err)
{
    size_t n[PS_N_AXES] = {[PS_AX_R] = sw->n_runs,
                           [PS_AX_P] = sw->n_params,
                           [PS_AX_M] = sw->n_values,
                           [PS_AX_K] = sw->series ? sw->n_metrics : 0,
                           [PS_AX_T] = sw->series ? sw->n_steps : 0};
    memcpy(d->n, n, sizeof n);
    if (!data_alloc(d)) {
        return ps_fail(err, PS_ENOMEM, "cannot allocate the sweep file's data");
    }
    gather_runs(sw, d);
    gather_params(sw, d, d->buf);
    gather_values(sw, d, d->buf + sw->n_params * LIST_TEXT);
    gather_scales(d);
    const void *numeric[PS_N_SWEEP_DATASETS] = {
        [PS_D_DESIGN] = d->design,   [PS_D_UNIT] = d->unit,
        [PS_D_LO] = d->lo,           [PS_D_HI] = d->hi,
        [PS_D_LEVELS] = d->levels,   [PS_D_SEED] = d->seed,
        [PS_D_POINT] = d->point,     [PS_D_REPLICATE] = d->replicate,
        [PS_D_STATUS] = res->status, [PS_D_VALUES] = res->values,
        [PS_D_TIME] = d->time,       [PS_D_RUN] = d->run};
    for (size_t k = 0; k < PS_N_SWEEP_DATASETS; k++) {
        d->data[k] =
            PS_SWEEP[k].type == PS_T_TEXT ? (const void *)d->text[k] : numeric[k];
    }
    return PS_OK;
}

/* ---- writing ---------------------------------------------------------------------- */

/* Write all of data into the existing dataset at path. */
static herr_t write_into(hid_t file, const char *path, ps_sweep_dtype type,
                         const void *data)
{
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t space = H5Dget_space(dset);
    hid_t mtype = memory_type(type);
    herr_t status = -1;
    if (dset >= 0 && space >= 0 && mtype >= 0) {
        status = H5Sget_simple_extent_npoints(space) == 0
                     ? 0
                     : H5Dwrite(dset, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    }
    if (type == PS_T_TEXT) {
        H5Tclose(mtype);
    }
    H5Sclose(space);
    return dset >= 0 && H5Dclose(dset) < 0 ? -1 : status;
}

/* Create dataset k of PS_SWEEP, described, and write data into it. */
static herr_t create_dataset(hid_t file, const sweep_data *d, size_t k)
{
    const ps_sweep_spec *s = &PS_SWEEP[k];
    hsize_t dims[2] = {d->n[s->a0], d->n[s->a1]};
    hid_t space = H5Screate_simple(s->a1 == PS_AX_NONE ? 1 : 2, dims, NULL);
    hid_t ftype = file_type(s->type);
    hid_t dcpl = ps_record_whole_dcpl(ftype, s->a1 == PS_AX_NONE ? 1 : 2, dims);
    hid_t dset =
        H5Dcreate2(file, s->doc.path, ftype, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    herr_t status = dset >= 0 ? ps_record_describe(dset, s->doc.units, s->doc.dims,
                                                   s->doc.description)
                              : -1;
    if (status >= 0 && k == PS_D_STATUS) {
        status = ps_record_put_text(dset, "codes", PS_SWEEP_STATUS_CODES);
    }
    if (s->type == PS_T_TEXT) {
        H5Tclose(ftype);
    }
    status = dset >= 0 && H5Dclose(dset) < 0 ? -1 : status;
    H5Sclose(space);
    return status < 0 ? -1 : write_into(file, s->doc.path, s->type, d->data[k]);
}

/* Select series metric m of every run in memory, [R, K T] laid out run by run. */
static hid_t series_memory(size_t n_runs, size_t n_metrics, size_t n_steps, size_t m)
{
    hsize_t dims[2] = {n_runs, n_metrics * n_steps};
    hsize_t start[2] = {0, m * n_steps}, count[2] = {n_runs, n_steps};
    hid_t space = H5Screate_simple(2, dims, NULL);
    if (H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL) < 0) {
        H5Sclose(space);
        return H5I_INVALID_HID;
    }
    return space;
}

/* Read (read = true) or write series /series/<name> [R, T] from or into res. */
static herr_t move_series(hid_t file, const char *name, size_t m, ps_sweep_results *res,
                          size_t n_steps, bool read)
{
    char path[VALUE_NAME + 16];
    snprintf(path, sizeof path, "/series/%s", name);
    size_t n_metrics = res->n_series / n_steps;
    if (!ps_record_shape_is(file, path, 2, res->n_runs, n_steps)) {
        return -1; /* not [runs, months]: reading it would overflow res */
    }
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t mem = series_memory(res->n_runs, n_metrics, n_steps, m);
    herr_t status = -1;
    if (dset >= 0 && mem >= 0) {
        status = read ? H5Dread(dset, H5T_NATIVE_DOUBLE, mem, H5S_ALL, H5P_DEFAULT,
                                res->series)
                      : H5Dwrite(dset, H5T_NATIVE_DOUBLE, mem, H5S_ALL, H5P_DEFAULT,
                                 res->series);
    }
    H5Sclose(mem);
    return dset >= 0 && H5Dclose(dset) < 0 ? -1 : status; /* a close writes too */
}

/* Create /series/<name> [R, T], chunked by SERIES_CHUNK runs and deflated. */
static herr_t create_series(hid_t file, const char *name, size_t n_runs, size_t n_steps,
                            const ps_sweep *sw, size_t m)
{
    char path[VALUE_NAME + 16], description[512];
    snprintf(path, sizeof path, "/series/%s", name);
    snprintf(description, sizeof description, "%s, at the end of each month of each run",
             ps_metric_doc(sw->metrics[m]));
    hsize_t dims[2] = {n_runs, n_steps};
    hsize_t chunk[2] = {n_runs < SERIES_CHUNK ? n_runs : SERIES_CHUNK, n_steps};
    hid_t space = H5Screate_simple(2, dims, NULL);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    herr_t status = H5Pset_chunk(dcpl, 2, chunk);
    status = status < 0 ? status : H5Pset_shuffle(dcpl);
    status = status < 0 ? status : H5Pset_deflate(dcpl, DEFLATE_LEVEL);
    status = status < 0 ? status : H5Pset_fletcher32(dcpl);
    hid_t dset =
        H5Dcreate2(file, path, H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    status = status < 0 || dset < 0
                 ? -1
                 : ps_record_describe(dset, ps_metric_unit(sw->metrics[m]), "run,time",
                                      description);
    status = dset >= 0 && H5Dclose(dset) < 0 ? -1 : status;
    H5Pclose(dcpl);
    H5Sclose(space);
    return status;
}

/* Root attributes: what the sweep was, in words and numbers. */
static herr_t write_root(hid_t file, const ps_sweep *sw, const ps_sweep_meta *meta)
{
    herr_t bad = ps_record_put_text(file, "kind", "sweep");
    bad |= ps_record_put_text(file, "protsim_version", PROTSIM_VERSION);
    bad |= ps_record_put_text(file, "build", meta->build);
    bad |= ps_record_put_text(file, "command_line", meta->command_line);
    bad |= ps_record_put_provenance(file);
    bad |= ps_record_put_text(file, "model", ps_sweep_model_name(sw->model));
    bad |= ps_record_put_text(file, "design", ps_design_name(sw->design));
    bad |= ps_record_put_text(file, "row_order", ps_schema_row_order((int)sw->design));
    bad |= put_u64(file, "n_points", sw->n_rows);
    bad |= put_u64(file, "replicates", sw->replicates);
    bad |= put_u64(file, "n_runs", sw->n_runs);
    bad |= put_u64(file, "n_params", sw->n_params);
    bad |= put_u64(file, "sweep_seed", sw->seed);
    bad |= ps_record_put_text(file, "digest", sw->digest);
    bad |= ps_record_put_text(file, "sweep_file", sw->source);
    bad |= ps_record_put_text(file, "sweep_text", sw->text);
    bad |= ps_record_put_text(file, "base_scenario",
                              sw->model == PS_MODEL_SCENARIO ? sw->base : "");
    bad |= ps_record_put_text(file, "base_scenario_text", sw->base_text);
    if (sw->design == PS_DESIGN_SOBOL) {
        bad |= put_u64(file, "n_base", sw->points);
    }
    if (sw->design == PS_DESIGN_MORRIS) {
        bad |= put_u64(file, "levels", sw->levels);
        bad |= put_u64(file, "trajectories", sw->points);
        bad |=
            put_f64(file, "delta", (double)sw->levels / (2.0 * (double)(sw->levels - 1)));
    }
    if (sw->model == PS_MODEL_ISHIGAMI || sw->model == PS_MODEL_ANALYTIC) {
        bad |= put_f64(file, "noise", sw->noise);
    }
    return bad < 0 ? -1 : 0;
}

static ps_status write_groups(hid_t file, const char *path, bool series, ps_error *err)
{
    for (size_t k = 0; k < PS_N_SWEEP_GROUPS; k++) {
        if (!series && strcmp(PS_SWEEP_GROUPS[k].path, "/series") == 0) {
            continue;
        }
        hid_t group = H5Gcreate2(file, PS_SWEEP_GROUPS[k].path, H5P_DEFAULT, H5P_DEFAULT,
                                 H5P_DEFAULT);
        herr_t status = group >= 0 ? ps_record_put_text(group, "description",
                                                        PS_SWEEP_GROUPS[k].description)
                                   : -1;
        H5Gclose(group);
        if (status < 0) {
            return h5_fail(path, PS_SWEEP_GROUPS[k].path, "cannot create", err);
        }
    }
    return PS_OK;
}

/* Everything of the file into the open file. */
static ps_status write_file(hid_t file, const char *path, const ps_sweep *sw,
                            const ps_sweep_results *res, const sweep_data *d,
                            const ps_sweep_meta *meta, ps_error *err)
{
    if (write_root(file, sw, meta) < 0) {
        return h5_fail(path, "/", "cannot write the root attributes", err);
    }
    ps_status st = write_groups(file, path, sw->series, err);
    for (size_t k = 0; st == PS_OK && k < PS_N_SWEEP_DATASETS; k++) {
        bool series_only = k == PS_D_TIME || k == PS_D_SERIES_NAMES || k == PS_D_METRIC ||
                           k == PS_D_MONTH;
        if ((!series_only || sw->series) && create_dataset(file, d, k) < 0) {
            st = h5_fail(path, PS_SWEEP[k].doc.path, "cannot write", err);
        }
    }
    for (size_t m = 0; st == PS_OK && sw->series && m < sw->n_metrics; m++) {
        const char *name = ps_metric_name(sw->metrics[m]);
        if (create_series(file, name, sw->n_runs, sw->n_steps, sw, m) < 0 ||
            move_series(file, name, m, (ps_sweep_results *)res, sw->n_steps, false) < 0) {
            st = h5_fail(path, name, "cannot write the series", err);
        }
    }
    return st == PS_OK ? ps_record_attach_scales(file, path, err) : st;
}

/* ---- files ------------------------------------------------------------------------ */

ps_status ps_record_sweep_write(const char *path, bool force, const ps_sweep *sw,
                                const ps_sweep_results *res, const ps_sweep_meta *meta,
                                ps_error *err)
{
    ps_record_init();
    ps_record_temp tmp;
    ps_status st = ps_record_temp_create(path, force, &tmp, err);
    if (st != PS_OK) {
        return st;
    }
    sweep_data d = {0};
    hid_t fapl = ps_record_fapl(), fcpl = ps_record_fcpl();
    st = gather(sw, res, &d, err);
    hid_t file =
        st == PS_OK ? H5Fcreate(tmp.path, H5F_ACC_TRUNC, fcpl, fapl) : H5I_INVALID_HID;
    H5Pclose(fcpl);
    if (st == PS_OK && file < 0) {
        st = ps_fail(err, PS_EIO, "%s: cannot create %s", path, tmp.path);
    }
    st = st == PS_OK ? ps_record_temp_verify(&tmp, file, path, err) : st;
    st = st == PS_OK ? write_file(file, path, sw, res, &d, meta, err) : st;
    if (file >= 0 && H5Fclose(file) < 0 && st == PS_OK) {
        st = h5_fail(path, tmp.path, "cannot close", err);
    }
    data_free(&d);
    H5Pclose(fapl);
    return ps_record_temp_finish(&tmp, path, st, err);
}

/* ---- reading back, and rewriting with merged results ------------------------------ */

/* The names in /series/metric_names into names[PS_N_METRICS]; their count, or -1. */
static int series_names(hid_t file, char names[PS_N_METRICS][VALUE_NAME])
{
    size_t n = ps_record_extent(file, PS_SWEEP[PS_D_SERIES_NAMES].doc.path, 0);
    char *text[PS_N_METRICS] = {0};
    if (n == 0 || n > PS_N_METRICS) {
        return n == 0 ? 0 : -1;
    }
    if (!ps_record_shape_is(file, PS_SWEEP[PS_D_SERIES_NAMES].doc.path, 1, n, 0)) {
        return -1;
    }
    hid_t dset = H5Dopen2(file, PS_SWEEP[PS_D_SERIES_NAMES].doc.path, H5P_DEFAULT);
    hid_t type = ps_record_text_type();
    herr_t status = H5Dread(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text);
    for (size_t m = 0; m < n; m++) {
        snprintf(names[m], VALUE_NAME, "%s", text[m] != NULL ? text[m] : "");
        H5free_memory(text[m]);
    }
    H5Tclose(type);
    H5Dclose(dset);
    return status < 0 ? -1 : (int)n;
}

/* Read or write the status, values and series of an open sweep file. */
static herr_t move_results(hid_t file, ps_sweep_results *res, bool read)
{
    char names[PS_N_METRICS][VALUE_NAME];
    int n_series = series_names(file, names);
    size_t n_steps = ps_record_extent(file, PS_SWEEP[PS_D_TIME].doc.path, 0);
    if (!ps_record_shape_is(file, PS_SWEEP[PS_D_STATUS].doc.path, 1, res->n_runs, 0) ||
        !ps_record_shape_is(file, PS_SWEEP[PS_D_VALUES].doc.path, 2, res->n_runs,
                            res->n_values) ||
        (n_series > 0 && (size_t)n_series * n_steps != res->n_series)) {
        return -1; /* the datasets disagree: reading them would overflow res */
    }
    hid_t dsets[2] = {H5Dopen2(file, PS_SWEEP[PS_D_STATUS].doc.path, H5P_DEFAULT),
                      H5Dopen2(file, PS_SWEEP[PS_D_VALUES].doc.path, H5P_DEFAULT)};
    hid_t types[2] = {H5T_NATIVE_INT, H5T_NATIVE_DOUBLE};
    void *data[2] = {res->status, res->values};
    herr_t status = n_series < 0 ? -1 : 0;
    for (int k = 0; k < 2; k++) {
        herr_t s =
            read ? H5Dread(dsets[k], types[k], H5S_ALL, H5S_ALL, H5P_DEFAULT, data[k])
                 : H5Dwrite(dsets[k], types[k], H5S_ALL, H5S_ALL, H5P_DEFAULT, data[k]);
        status = s < 0 || dsets[k] < 0 ? -1 : status;
        status = dsets[k] >= 0 && H5Dclose(dsets[k]) < 0 ? -1 : status;
    }
    for (int m = 0; status >= 0 && m < n_series && n_steps > 0; m++) {
        status = move_series(file, names[m], (size_t)m, res, n_steps, read);
    }
    return status;
}

void ps_record_sweep_destroy(ps_sweep_part *part)
{
    if (part != NULL) {
        ps_sweep_results_destroy(part->res);
        free(part);
    }
}

/* Every run of a part read back is done, failed or missing: another status would be
 * copied into a merged file, or taken by a resume for a run that needs no computing. */
static ps_status check_statuses(const char *path, const ps_sweep_results *res,
                                ps_error *err)
{
    for (size_t r = 0; r < res->n_runs; r++) {
        int s = res->status[r];
        if (s != PS_RUN_DONE && s != PS_RUN_FAILED && s != PS_RUN_MISSING) {
            return ps_fail(err, PS_EINVAL,
                           "%s: %s: run %zu has status %d, not 0, 1 or 2 (done, failed, "
                           "missing)",
                           path, PS_SWEEP[PS_D_STATUS].doc.path, r, s);
        }
    }
    return PS_OK;
}

/* Open path read-only as a sweep file; fails with a message naming it otherwise. */
static ps_status open_sweep(const char *path, hid_t *file, ps_error *err)
{
    char kind[32];
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    fclose(probe);
    ps_status sealed = ps_record_check_seal(path, err);
    if (sealed != PS_OK) {
        return sealed;
    }
    *file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (*file < 0) {
        return ps_fail(err, PS_EINVAL, "%s: not an HDF5 file", path);
    }
    ps_record_get_text(*file, "kind", kind, sizeof kind);
    if (strcmp(kind, "sweep") != 0) {
        return ps_fail(err, PS_EINVAL, "%s: not a protsim sweep file", path);
    }
    return PS_OK;
}

ps_status ps_record_sweep_load(const char *path, ps_sweep_part **out, ps_error *err)
{
    *out = NULL;
    ps_record_init();
    hid_t file = H5I_INVALID_HID;
    ps_sweep_part *part = NULL;
    ps_status st = open_sweep(path, &file, err);
    if (st == PS_OK && (part = calloc(1, sizeof *part)) == NULL) {
        st = ps_fail(err, PS_ENOMEM, "%s: cannot allocate", path);
    }
    if (st == PS_OK) {
        ps_record_get_text(file, "digest", part->digest, sizeof part->digest);
        ps_record_get_text(file, "build", part->build, sizeof part->build);
        size_t n_metrics =
            ps_record_extent(file, PS_SWEEP[PS_D_SERIES_NAMES].doc.path, 0);
        size_t n_steps = ps_record_extent(file, PS_SWEEP[PS_D_TIME].doc.path, 0);
        st = ps_sweep_results_create(
            ps_record_extent(file, PS_SWEEP[PS_D_STATUS].doc.path, 0),
            ps_record_extent(file, PS_SWEEP[PS_D_VALUES].doc.path, 1),
            n_metrics * n_steps, &part->res, err);
    }
    if (st == PS_OK && move_results(file, part->res, true) < 0) {
        st = h5_fail(path, "/sweep/status, /summary/values, /series", "cannot read", err);
    }
    st = st == PS_OK ? check_statuses(path, part->res, err) : st;
    if (file >= 0) {
        H5Fclose(file);
    }
    if (st != PS_OK) {
        ps_record_sweep_destroy(part);
        return st;
    }
    *out = part;
    return PS_OK;
}

/* Copy the bytes of from into the open file descriptor fd (a new temporary file). */
static ps_status copy_file(const char *from, int fd, const char *to, ps_error *err)
{
    FILE *in = fopen(from, "rb");
    char buf[1 << 16];
    size_t n;
    bool bad = in == NULL;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        for (size_t done = 0; !bad && done < n;) {
            ssize_t w = write(fd, buf + done, n - done);
            bad = w <= 0;
            done += w > 0 ? (size_t)w : 0;
        }
    }
    bad = bad || ferror(in);
    int saved = errno;
    if (in != NULL) {
        fclose(in);
    }
    bad = bad || fsync(fd) != 0;
    return bad ? ps_fail(err, PS_EIO, "%s: cannot copy %s to it: %s", to, from,
                         strerror(saved != 0 ? saved : errno))
               : PS_OK;
}

ps_status ps_record_sweep_rewrite(const char *from, const char *path, bool force,
                                  const ps_sweep_results *res, const char *command_line,
                                  ps_error *err)
{
    ps_record_init();
    ps_record_temp tmp;
    ps_status st = ps_record_temp_create(path, force, &tmp, err);
    if (st != PS_OK) {
        return st;
    }
    st = copy_file(from, tmp.fd, path, err);
    hid_t file =
        st == PS_OK ? H5Fopen(tmp.path, H5F_ACC_RDWR, H5P_DEFAULT) : H5I_INVALID_HID;
    if (st == PS_OK && file < 0) {
        st = h5_fail(path, tmp.path, "cannot open", err);
    }
    st = st == PS_OK ? ps_record_temp_verify(&tmp, file, path, err) : st;
    if (st == PS_OK && (ps_record_put_text(file, "command_line", command_line) < 0 ||
                        move_results(file, (ps_sweep_results *)res, false) < 0)) {
        st =
            h5_fail(path, "/sweep/status, /summary/values, /series", "cannot write", err);
    }
    if (file >= 0 && H5Fclose(file) < 0 && st == PS_OK) {
        st = h5_fail(path, tmp.path, "cannot close", err);
    }
    return ps_record_temp_finish(&tmp, path, st, err);
}
