/* record_sweep.c - the sweep result file: the design, each run's status, summary values
 * and series in one HDF5 file. Every dataset is a row of DATASETS (docs/sweeps.md
 * follows it); written whole through a temporary file, read back to merge parts. */
#define _POSIX_C_SOURCE 200809L /* getpid, stat */
#include "record_sweep.h"

#include "record_common.h"

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
#define CODES "0 done, 1 failed, 2 missing"

typedef enum { T_F64, T_U64, T_I32, T_TEXT } dtype;

/* Axes: runs, parameters, summary values, series metrics, months. */
typedef enum { AX_NONE, AX_R, AX_P, AX_M, AX_K, AX_T, N_AXES } axis;

typedef struct dataset_spec {
    const char *path;
    dtype type;
    axis a0, a1; /* a1 is AX_NONE for a 1-D dataset */
    const char *units, *dims, *description;
} dataset_spec;

enum {
    D_DESIGN,
    D_UNIT,
    D_NAMES,
    D_PATHS,
    D_UNITS,
    D_SCALE,
    D_LO,
    D_HI,
    D_LEVELS,
    D_LISTS,
    D_SEED,
    D_POINT,
    D_REPLICATE,
    D_STATUS,
    D_VALUES,
    D_VALUE_NAMES,
    D_VALUE_UNITS,
    D_VALUE_DOCS,
    D_TIME,
    D_SERIES_NAMES,
    N_DATASETS
};

/* clang-format off */
static const dataset_spec DATASETS[N_DATASETS] = {
    [D_DESIGN] = {"/sweep/design", T_F64, AX_R, AX_P, "see /sweep/param_units",
        "run,parameter", "value of each parameter in each run as set in its scenario "
        "(a choice: the index into its /sweep/param_values)"},
    [D_UNIT] = {"/sweep/unit_design", T_F64, AX_R, AX_P, "1", "run,parameter",
        "the design in [0, 1] before it is scaled to each parameter's range or list"},
    [D_NAMES] = {"/sweep/param_names", T_TEXT, AX_P, AX_NONE, "text", "parameter",
        "short name of each parameter"},
    [D_PATHS] = {"/sweep/param_paths", T_TEXT, AX_P, AX_NONE, "text", "parameter",
        "the setting each parameter sets (model ishigami: x1, x2, x3)"},
    [D_UNITS] = {"/sweep/param_units", T_TEXT, AX_P, AX_NONE, "text", "parameter",
        "unit of each parameter's setting"},
    [D_SCALE] = {"/sweep/param_scale", T_TEXT, AX_P, AX_NONE, "text", "parameter",
        "how a unit value u becomes a value: linear, log or list"},
    [D_LO] = {"/sweep/param_lo", T_F64, AX_P, AX_NONE, "see /sweep/param_units",
        "parameter", "lower end of each parameter's range (a list: its least value)"},
    [D_HI] = {"/sweep/param_hi", T_F64, AX_P, AX_NONE, "see /sweep/param_units",
        "parameter", "upper end of each parameter's range (a list: its greatest value)"},
    [D_LEVELS] = {"/sweep/param_levels", T_U64, AX_P, AX_NONE, "levels", "parameter",
        "levels of each parameter on a grid (a list: its number of values)"},
    [D_LISTS] = {"/sweep/param_values", T_TEXT, AX_P, AX_NONE, "text", "parameter",
        "the values of a list parameter, e.g. [\"ratification\", \"legislation\"]; "
        "\"\" for a range"},
    [D_SEED] = {"/sweep/seed", T_U64, AX_R, AX_NONE, "1", "run",
        "seed of each run, derived from the sweep seed and the run index only"},
    [D_POINT] = {"/sweep/point", T_U64, AX_R, AX_NONE, "index", "run",
        "design point (row of the design) of each run: run / replicates"},
    [D_REPLICATE] = {"/sweep/replicate", T_U64, AX_R, AX_NONE, "index", "run",
        "replicate of each run at its design point, from 0: run % replicates"},
    [D_STATUS] = {"/sweep/status", T_I32, AX_R, AX_NONE, "code", "run",
        "state of each run: " CODES " (another shard's, or not yet run)"},
    [D_VALUES] = {"/summary/values", T_F64, AX_R, AX_M, "see /summary/units", "run,value",
        "summary metrics of each run, the columns named in /summary/metric_names; "
        "NaN when the run failed or is missing"},
    [D_VALUE_NAMES] = {"/summary/metric_names", T_TEXT, AX_M, AX_NONE, "text", "value",
        "metric@year of each column of /summary/values (at the end of December of "
        "that year), e.g. poi@2020"},
    [D_VALUE_UNITS] = {"/summary/units", T_TEXT, AX_M, AX_NONE, "text", "value",
        "unit of each column of /summary/values"},
    [D_VALUE_DOCS] = {"/summary/descriptions", T_TEXT, AX_M, AX_NONE, "text", "value",
        "meaning of each column of /summary/values"},
    [D_TIME] = {"/series/time", T_F64, AX_T, AX_NONE, "decimal year", "time",
        "decimal year at the end of each month of the series"},
    [D_SERIES_NAMES] = {"/series/metric_names", T_TEXT, AX_K, AX_NONE, "text", "metric",
        "the series kept, each a dataset /series/<name> [run, time]"},
};

static const struct {
    const char *path, *description;
} GROUPS[] = {
    {"/sweep", "the design: parameters, the value of each in each run, seeds, status"},
    {"/summary", "summary metrics of every run at the end of chosen years"},
    {"/series", "monthly series of the summary metrics of every run, [run, time]"},
};

/* What the rows of the design are, by design (root attribute row_order). */
static const char *const ROW_ORDER[PS_N_DESIGNS] = {
    [PS_DESIGN_GRID] = "full factorial, the last parameter varying fastest",
    [PS_DESIGN_LHS] = "Latin hypercube: one point in each of the n_points strata of "
        "each parameter",
    [PS_DESIGN_SOBOL] = "Saltelli: base point j (of n_base) is rows j(P+2) .. "
        "j(P+2)+P+1: A, A_B^(1) .. A_B^(P) (A with column i from B), B",
    [PS_DESIGN_MORRIS] = "Morris: trajectory t (of trajectories) is rows t(P+1) .. "
        "t(P+1)+P; each row moves one parameter by delta = levels/(2(levels-1)) in unit "
        "values from the row before",
};
/* clang-format on */

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
static hid_t memory_type(dtype type)
{
    switch (type) {
    case T_F64:
        return H5T_NATIVE_DOUBLE;
    case T_U64:
        return H5T_NATIVE_UINT64;
    case T_I32:
        return H5T_NATIVE_INT;
    default:
        return ps_record_text_type();
    }
}

static hid_t file_type(dtype type)
{
    switch (type) {
    case T_F64:
        return H5T_IEEE_F64LE;
    case T_U64:
        return H5T_STD_U64LE;
    case T_I32:
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
    const void *data[N_DATASETS]; /* borrowed from the fields below, sw or res */
    size_t n[N_AXES];             /* length of each axis */
    double *design, *unit, *lo, *hi, *time;
    uint64_t *seed, *point, *replicate, *levels;
    const char **text[N_DATASETS]; /* text datasets: one string per element */
    char *buf;                     /* owned: the strings made here */
} sweep_data;

static void data_free(sweep_data *d)
{
    free(d->design);
    free(d->unit);
    free(d->lo);
    free(d->hi);
    free(d->time);
    free(d->seed);
    free(d->point);
    free(d->replicate);
    free(d->levels);
    for (size_t k = 0; k < N_DATASETS; k++) {
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
        d->text[D_NAMES][j] = p->name;
        d->text[D_PATHS][j] = p->path;
        d->text[D_UNITS][j] = p->unit;
        d->text[D_SCALE][j] = ps_scale_name(p->scale);
        d->lo[j] = p->lo;
        d->hi[j] = p->hi;
        d->levels[j] = p->levels;
        list_text(p, buf + j * LIST_TEXT, LIST_TEXT);
        d->text[D_LISTS][j] = buf + j * LIST_TEXT;
    }
}

/* Per-value texts (names go to buf), series names and the months. */
static void gather_values(const ps_sweep *sw, sweep_data *d, char *buf)
{
    for (size_t k = 0; k < sw->n_values; k++) {
        ps_sweep_value_name(sw, k, buf + k * VALUE_NAME, VALUE_NAME);
        d->text[D_VALUE_NAMES][k] = buf + k * VALUE_NAME;
        d->text[D_VALUE_UNITS][k] = ps_sweep_value_unit(sw, k);
        d->text[D_VALUE_DOCS][k] =
            sw->model == PS_MODEL_ISHIGAMI
                ? "Ishigami function sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1 (plus noise)"
                : ps_metric_doc(sw->metrics[k / sw->n_years]);
    }
    for (size_t m = 0; sw->series && m < sw->n_metrics; m++) {
        d->text[D_SERIES_NAMES][m] = ps_metric_name(sw->metrics[m]);
    }
    for (size_t t = 0; t < d->n[AX_T]; t++) {
        d->time[t] = (double)(sw->start + (ps_month)t + 1) / 12.0;
    }
}

static bool data_alloc(sweep_data *d)
{
    size_t r = d->n[AX_R], p = d->n[AX_P], t = d->n[AX_T] + 1;
    d->design = malloc(r * p * sizeof *d->design);
    d->unit = malloc(r * p * sizeof *d->unit);
    d->seed = malloc(r * sizeof *d->seed);
    d->point = malloc(r * sizeof *d->point);
    d->replicate = malloc(r * sizeof *d->replicate);
    d->lo = malloc(p * sizeof *d->lo);
    d->hi = malloc(p * sizeof *d->hi);
    d->levels = malloc(p * sizeof *d->levels);
    d->time = malloc(t * sizeof *d->time);
    d->buf = malloc(p * LIST_TEXT + (d->n[AX_M] + 1) * VALUE_NAME);
    bool ok = d->design && d->unit && d->seed && d->point && d->replicate && d->lo &&
              d->hi && d->levels && d->time && d->buf;
    for (size_t k = 0; k < N_DATASETS; k++) {
        if (DATASETS[k].type == T_TEXT) {
            d->text[k] = calloc(d->n[DATASETS[k].a0] + 1, sizeof *d->text[k]);
            ok = ok && d->text[k] != NULL;
        }
    }
    return ok;
}

static ps_status gather(const ps_sweep *sw, const ps_sweep_results *res, sweep_data *d,
                        ps_error *err)
{
    size_t n[N_AXES] = {[AX_R] = sw->n_runs,
                        [AX_P] = sw->n_params,
                        [AX_M] = sw->n_values,
                        [AX_K] = sw->series ? sw->n_metrics : 0,
                        [AX_T] = sw->series ? sw->n_steps : 0};
    memcpy(d->n, n, sizeof n);
    if (!data_alloc(d)) {
        return ps_fail(err, PS_ENOMEM, "cannot allocate the sweep file's data");
    }
    gather_runs(sw, d);
    gather_params(sw, d, d->buf);
    gather_values(sw, d, d->buf + sw->n_params * LIST_TEXT);
    const void *numeric[N_DATASETS] = {
        [D_DESIGN] = d->design,   [D_UNIT] = d->unit,
        [D_LO] = d->lo,           [D_HI] = d->hi,
        [D_LEVELS] = d->levels,   [D_SEED] = d->seed,
        [D_POINT] = d->point,     [D_REPLICATE] = d->replicate,
        [D_STATUS] = res->status, [D_VALUES] = res->values,
        [D_TIME] = d->time};
    for (size_t k = 0; k < N_DATASETS; k++) {
        d->data[k] = DATASETS[k].type == T_TEXT ? (const void *)d->text[k] : numeric[k];
    }
    return PS_OK;
}

/* ---- writing ---------------------------------------------------------------------- */

/* Write all of data into the existing dataset at path. */
static herr_t write_into(hid_t file, const char *path, dtype type, const void *data)
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
    if (type == T_TEXT) {
        H5Tclose(mtype);
    }
    H5Sclose(space);
    H5Dclose(dset);
    return status;
}

/* Create dataset k of DATASETS, described, and write data into it. */
static herr_t create_dataset(hid_t file, const sweep_data *d, size_t k)
{
    const dataset_spec *s = &DATASETS[k];
    hsize_t dims[2] = {d->n[s->a0], d->n[s->a1]};
    hid_t space = H5Screate_simple(s->a1 == AX_NONE ? 1 : 2, dims, NULL);
    hid_t ftype = file_type(s->type);
    hid_t dset =
        H5Dcreate2(file, s->path, ftype, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status =
        dset >= 0 ? ps_record_describe(dset, s->units, s->dims, s->description) : -1;
    if (status >= 0 && k == D_STATUS) {
        status = ps_record_put_text(dset, "codes", CODES);
    }
    if (s->type == T_TEXT) {
        H5Tclose(ftype);
    }
    H5Dclose(dset);
    H5Sclose(space);
    return status < 0 ? -1 : write_into(file, s->path, s->type, d->data[k]);
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
    H5Dclose(dset);
    return status;
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
    hid_t dset =
        H5Dcreate2(file, path, H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    status = status < 0 || dset < 0
                 ? -1
                 : ps_record_describe(dset, ps_metric_unit(sw->metrics[m]), "run,time",
                                      description);
    H5Dclose(dset);
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
    bad |= ps_record_put_text(file, "model", ps_sweep_model_name(sw->model));
    bad |= ps_record_put_text(file, "design", ps_design_name(sw->design));
    bad |= ps_record_put_text(file, "row_order", ROW_ORDER[sw->design]);
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
    if (sw->model == PS_MODEL_ISHIGAMI) {
        bad |= put_f64(file, "noise", sw->noise);
    }
    return bad < 0 ? -1 : 0;
}

static ps_status write_groups(hid_t file, const char *path, bool series, ps_error *err)
{
    for (size_t k = 0; k < sizeof GROUPS / sizeof GROUPS[0]; k++) {
        if (!series && strcmp(GROUPS[k].path, "/series") == 0) {
            continue;
        }
        hid_t group =
            H5Gcreate2(file, GROUPS[k].path, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        herr_t status =
            group >= 0 ? ps_record_put_text(group, "description", GROUPS[k].description)
                       : -1;
        H5Gclose(group);
        if (status < 0) {
            return h5_fail(path, GROUPS[k].path, "cannot create", err);
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
    for (size_t k = 0; st == PS_OK && k < N_DATASETS; k++) {
        bool series_only = k == D_TIME || k == D_SERIES_NAMES;
        if ((!series_only || sw->series) && create_dataset(file, d, k) < 0) {
            st = h5_fail(path, DATASETS[k].path, "cannot write", err);
        }
    }
    for (size_t m = 0; st == PS_OK && sw->series && m < sw->n_metrics; m++) {
        const char *name = ps_metric_name(sw->metrics[m]);
        if (create_series(file, name, sw->n_runs, sw->n_steps, sw, m) < 0 ||
            move_series(file, name, m, (ps_sweep_results *)res, sw->n_steps, false) < 0) {
            st = h5_fail(path, name, "cannot write the series", err);
        }
    }
    return st;
}

/* ---- files ------------------------------------------------------------------------ */

/* Rename tmp to path after a success; delete tmp after a failure. */
static ps_status settle(const char *tmp, const char *path, ps_status st, ps_error *err)
{
    if (st == PS_OK && rename(tmp, path) != 0) {
        st = ps_fail(err, PS_EIO, "%s: cannot rename %s to it: %s", path, tmp,
                     strerror(errno));
    }
    if (st != PS_OK) {
        remove(tmp);
    }
    return st;
}

ps_status ps_record_sweep_write(const char *path, bool force, const ps_sweep *sw,
                                const ps_sweep_results *res, const ps_sweep_meta *meta,
                                ps_error *err)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    ps_status st = ps_record_check_target(path, force, err);
    if (st != PS_OK) {
        return st;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    sweep_data d = {0};
    st = gather(sw, res, &d, err);
    hid_t file = st == PS_OK ? H5Fcreate(tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)
                             : H5I_INVALID_HID;
    if (st == PS_OK && file < 0) {
        st = ps_fail(err, PS_EIO, "%s: cannot create %s", path, tmp);
    }
    st = st == PS_OK ? write_file(file, path, sw, res, &d, meta, err) : st;
    if (file >= 0 && H5Fclose(file) < 0 && st == PS_OK) {
        st = h5_fail(path, tmp, "cannot close", err);
    }
    data_free(&d);
    return file >= 0 ? settle(tmp, path, st, err) : st;
}

/* ---- reading back, and rewriting with merged results ------------------------------ */

/* The names in /series/metric_names into names[PS_N_METRICS]; their count, or -1. */
static int series_names(hid_t file, char names[PS_N_METRICS][VALUE_NAME])
{
    size_t n = ps_record_extent(file, DATASETS[D_SERIES_NAMES].path, 0);
    char *text[PS_N_METRICS] = {0};
    if (n == 0 || n > PS_N_METRICS) {
        return n == 0 ? 0 : -1;
    }
    hid_t dset = H5Dopen2(file, DATASETS[D_SERIES_NAMES].path, H5P_DEFAULT);
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
    size_t n_steps = ps_record_extent(file, DATASETS[D_TIME].path, 0);
    hid_t dsets[2] = {H5Dopen2(file, DATASETS[D_STATUS].path, H5P_DEFAULT),
                      H5Dopen2(file, DATASETS[D_VALUES].path, H5P_DEFAULT)};
    hid_t types[2] = {H5T_NATIVE_INT, H5T_NATIVE_DOUBLE};
    void *data[2] = {res->status, res->values};
    herr_t status = n_series < 0 ? -1 : 0;
    for (int k = 0; k < 2; k++) {
        herr_t s =
            read ? H5Dread(dsets[k], types[k], H5S_ALL, H5S_ALL, H5P_DEFAULT, data[k])
                 : H5Dwrite(dsets[k], types[k], H5S_ALL, H5S_ALL, H5P_DEFAULT, data[k]);
        status = s < 0 || dsets[k] < 0 ? -1 : status;
        H5Dclose(dsets[k]);
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

/* Open path read-only as a sweep file; fails with a message naming it otherwise. */
static ps_status open_sweep(const char *path, hid_t *file, ps_error *err)
{
    char kind[32];
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    fclose(probe);
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
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    hid_t file = H5I_INVALID_HID;
    ps_sweep_part *part = NULL;
    ps_status st = open_sweep(path, &file, err);
    if (st == PS_OK && (part = calloc(1, sizeof *part)) == NULL) {
        st = ps_fail(err, PS_ENOMEM, "%s: cannot allocate", path);
    }
    if (st == PS_OK) {
        ps_record_get_text(file, "digest", part->digest, sizeof part->digest);
        ps_record_get_text(file, "build", part->build, sizeof part->build);
        size_t n_metrics = ps_record_extent(file, DATASETS[D_SERIES_NAMES].path, 0);
        size_t n_steps = ps_record_extent(file, DATASETS[D_TIME].path, 0);
        st = ps_sweep_results_create(ps_record_extent(file, DATASETS[D_STATUS].path, 0),
                                     ps_record_extent(file, DATASETS[D_VALUES].path, 1),
                                     n_metrics * n_steps, &part->res, err);
    }
    if (st == PS_OK && move_results(file, part->res, true) < 0) {
        st = h5_fail(path, "/sweep/status, /summary/values, /series", "cannot read", err);
    }
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

/* Copy the bytes of from into to. */
static ps_status copy_file(const char *from, const char *to, ps_error *err)
{
    FILE *in = fopen(from, "rb"), *out = in != NULL ? fopen(to, "wb") : NULL;
    char buf[1 << 16];
    size_t n;
    bool bad = in == NULL || out == NULL;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        bad = fwrite(buf, 1, n, out) != n;
    }
    bad = bad || ferror(in);
    int saved = errno;
    if (in != NULL) {
        fclose(in);
    }
    if (out != NULL && fclose(out) != 0) {
        bad = true;
    }
    return bad ? ps_fail(err, PS_EIO, "%s: cannot copy %s to it: %s", to, from,
                         strerror(saved))
               : PS_OK;
}

ps_status ps_record_sweep_rewrite(const char *from, const char *path, bool force,
                                  const ps_sweep_results *res, const char *command_line,
                                  ps_error *err)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    ps_status st = ps_record_check_target(path, force, err);
    if (st != PS_OK) {
        return st;
    }
    st = copy_file(from, tmp, err);
    hid_t file = st == PS_OK ? H5Fopen(tmp, H5F_ACC_RDWR, H5P_DEFAULT) : H5I_INVALID_HID;
    if (st == PS_OK && file < 0) {
        st = h5_fail(path, tmp, "cannot open", err);
    }
    if (st == PS_OK && (ps_record_put_text(file, "command_line", command_line) < 0 ||
                        move_results(file, (ps_sweep_results *)res, false) < 0)) {
        st =
            h5_fail(path, "/sweep/status, /summary/values, /series", "cannot write", err);
    }
    if (file >= 0 && H5Fclose(file) < 0 && st == PS_OK) {
        st = h5_fail(path, tmp, "cannot close", err);
    }
    return settle(tmp, path, st, err);
}

/* ---- protsim info ----------------------------------------------------------------- */

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

/* Text dataset k of DATASETS as n strings (freed with free_texts); NULL on failure. */
static char **read_texts(hid_t file, size_t k, size_t n)
{
    char **text = calloc(n + 1, sizeof *text);
    hid_t dset = H5Dopen2(file, DATASETS[k].path, H5P_DEFAULT);
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
    size_t n = ps_record_extent(file, DATASETS[D_NAMES].path, 0);
    char **name = read_texts(file, D_NAMES, n), **path = read_texts(file, D_PATHS, n);
    char **scale = read_texts(file, D_SCALE, n), **unit = read_texts(file, D_UNITS, n);
    char **list = read_texts(file, D_LISTS, n);
    double *lo = calloc(n + 1, sizeof *lo), *hi = calloc(n + 1, sizeof *hi);
    bool ok = name && path && scale && unit && list && lo && hi;
    hid_t a = H5Dopen2(file, DATASETS[D_LO].path, H5P_DEFAULT);
    hid_t b = H5Dopen2(file, DATASETS[D_HI].path, H5P_DEFAULT);
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
    size_t n = ps_record_extent(file, DATASETS[D_STATUS].path, 0), count[3] = {0};
    int *status = calloc(n + 1, sizeof *status);
    hid_t dset = H5Dopen2(file, DATASETS[D_STATUS].path, H5P_DEFAULT);
    if (status != NULL &&
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
    size_t n = ps_record_extent(file, DATASETS[D_VALUE_NAMES].path, 0);
    char **names = read_texts(file, D_VALUE_NAMES, n);
    fprintf(out, "summary values: %zu per run in /summary/values:", n);
    for (size_t k = 0; names != NULL && k < n; k++) {
        fprintf(out, "%s%s", k > 0 ? ", " : " ", names[k]);
    }
    free_texts(names, n);
    size_t n_series = ps_record_extent(file, DATASETS[D_SERIES_NAMES].path, 0);
    fprintf(out, "\nseries: ");
    if (n_series == 0) {
        fprintf(out, "none\n");
        return;
    }
    names = read_texts(file, D_SERIES_NAMES, n_series);
    fprintf(out, "%zu months of", ps_record_extent(file, DATASETS[D_TIME].path, 0));
    for (size_t m = 0; names != NULL && m < n_series; m++) {
        fprintf(out, "%s/series/%s", m > 0 ? ", " : " ", names[m]);
    }
    fprintf(out, " [run, time]\n");
    free_texts(names, n_series);
}

ps_status ps_record_sweep_info(const char *path, FILE *out, ps_error *err)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    hid_t file = H5I_INVALID_HID;
    ps_status st = open_sweep(path, &file, err);
    if (st == PS_OK) {
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
        info_runs(file, out);
        info_params(file, out);
        info_values(file, out);
    }
    if (file >= 0) {
        H5Fclose(file);
    }
    return st == PS_OK && ferror(out) ? ps_fail(err, PS_EIO, "%s: cannot write", path)
                                      : st;
}
