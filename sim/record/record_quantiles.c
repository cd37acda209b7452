/* record_quantiles.c - compare --keep quantiles: every run's series, kept in a scratch
 * file while the runs are written, reduced at close to the 5%, 50% and 95% quantiles
 * over the runs of each month and cell */
#include "record_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record_common.h"
#include "stats.h"

#define READ_BYTES ((size_t)64 << 20) /* of every run's values read at once */

/* The quantiles of the finite values among x[r * stride], r < n_runs, into out[q *
 * qstride]; col is scratch for n_runs values. */
static void cell_quantiles(const double *x, size_t n_runs, size_t stride, double *col,
                           double *out, size_t qstride)
{
    size_t n = 0;
    for (size_t r = 0; r < n_runs; r++) {
        double v = x[r * stride];
        col[n] = v;
        n += isfinite(v) ? 1 : 0;
    }
    ps_stats_sort(col, n);
    for (size_t q = 0; q < PS_N_QUANTILES; q++) {
        out[q * qstride] = ps_stats_quantile(col, n, PS_QUANTILES[q]);
    }
}

/* The reduced dataset of series k in lay->file: [quantile, time, ...], chunked as the
 * series; its dimensions and description say so. */
static hid_t create_reduced(ps_layout *lay, size_t k, const hsize_t *dims, int rank)
{
    const ps_series_spec *s = &PS_SERIES[k];
    hsize_t chunk[MAX_RANK];
    memcpy(chunk, dims, sizeof chunk);
    chunk[0] = 1;
    chunk[1] = lay->series[k].block;
    char at[PATH_SIZE], axes[128], dimensions[160], description[640];
    ps_schema_series_dims(s, axes, sizeof axes);
    snprintf(dimensions, sizeof dimensions, "quantile,%s", axes);
    snprintf(description, sizeof description, "%s%s", PS_QUANTILE_NOTE, s->description);
    hid_t dcpl = ps_record_chunked_dcpl(rank, chunk, lay->compress);
    if (lay->series[k].row > 0 && H5Pset_fletcher32(dcpl) < 0) {
        H5Pclose(dcpl);
        return H5I_INVALID_HID;
    }
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t dset = H5Dcreate2(lay->file, ps_layout_path(lay, s->path, at), H5T_IEEE_F64LE,
                            space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Sclose(space);
    H5Pclose(dcpl);
    if (dset >= 0 && ps_record_describe(dset, s->units, dimensions, description) < 0) {
        H5Dclose(dset);
        return H5I_INVALID_HID;
    }
    return dset;
}

/* Steps t0 .. t0 + n - 1 of every run: [runs, n, rest] from the scratch, quantiles
 * into [quantile, n, rest] of the reduced dataset. */
static herr_t reduce_block(hid_t from, hid_t to, const hsize_t *dims, int rank, size_t t0,
                           size_t n, size_t row, double *in, double *out, double *col)
{
    hsize_t start[MAX_RANK] = {0}, count[MAX_RANK];
    memcpy(count, dims, sizeof count);
    start[1] = t0;
    count[1] = n;
    hid_t mem = H5Screate_simple(rank, count, NULL);
    hid_t space = H5Dget_space(from);
    herr_t status = H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL);
    status = status < 0 ? status
                        : H5Dread(from, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, in);
    H5Sclose(space);
    H5Sclose(mem);
    size_t cells = n * row, runs = (size_t)dims[0];
    for (size_t c = 0; status >= 0 && c < cells; c++) {
        cell_quantiles(in + c, runs, cells, col, out + c, cells);
    }
    count[0] = PS_N_QUANTILES;
    mem = H5Screate_simple(rank, count, NULL);
    space = H5Dget_space(to);
    status = status < 0
                 ? status
                 : H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL);
    status = status < 0 ? status
                        : H5Dwrite(to, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, out);
    H5Sclose(space);
    H5Sclose(mem);
    return status;
}

/* Series k: every block of steps. */
static ps_status reduce_series(ps_layout *lay, size_t k, ps_error *err)
{
    const series_buffer *b = &lay->series[k];
    hsize_t dims[MAX_RANK];
    int rank = ps_layout_series_dims(&PS_SERIES[k], lay, dims);
    size_t runs = lay->n_runs, per_step = runs * b->row * sizeof(double);
    size_t steps = per_step > 0 ? READ_BYTES / per_step : lay->n_steps;
    steps = steps < 1 ? 1 : steps > lay->n_steps ? lay->n_steps : steps;
    double *in = malloc(runs * steps * b->row * sizeof *in + 1);
    double *out = malloc(PS_N_QUANTILES * steps * b->row * sizeof *out + 1);
    double *col = malloc(runs * sizeof *col + 1);
    dims[0] = PS_N_QUANTILES;
    hid_t to = in != NULL && out != NULL && col != NULL
                   ? create_reduced(lay, k, dims, rank)
                   : H5I_INVALID_HID;
    dims[0] = runs;
    herr_t status = to >= 0 ? 0 : -1;
    for (size_t t0 = 0; status >= 0 && b->row > 0 && t0 < lay->n_steps; t0 += steps) {
        size_t n = lay->n_steps - t0 < steps ? lay->n_steps - t0 : steps;
        status = reduce_block(b->dset, to, dims, rank, t0, n, b->row, in, out, col);
    }
    if (to >= 0 && H5Dclose(to) < 0) {
        status = -1;
    }
    free(in);
    free(out);
    free(col);
    return status < 0
               ? ps_layout_fail(lay, PS_SERIES[k].path, "cannot write the quantiles", err)
               : PS_OK;
}

/* /quantile: the probabilities. */
static ps_status create_quantile_scale(ps_layout *lay, ps_error *err)
{
    char at[PATH_SIZE];
    hsize_t dims[1] = {PS_N_QUANTILES};
    hid_t space = H5Screate_simple(1, dims, NULL);
    hid_t dset = H5Dcreate2(lay->file, ps_layout_path(lay, PS_QUANTILE_SCALE.path, at),
                            H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Sclose(space);
    herr_t status = dset < 0 ? -1
                             : ps_record_describe(dset, PS_QUANTILE_SCALE.units,
                                                  PS_QUANTILE_SCALE.dims,
                                                  PS_QUANTILE_SCALE.description);
    if (status >= 0) {
        status = H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                          PS_QUANTILES);
    }
    if (dset >= 0 && H5Dclose(dset) < 0) {
        status = -1;
    }
    return status < 0 ? ps_layout_fail(lay, PS_QUANTILE_SCALE.path, "cannot write", err)
                      : PS_OK;
}

ps_status ps_layout_reduce(ps_layout *lay, ps_error *err)
{
    ps_status status = create_quantile_scale(lay, err);
    for (size_t k = 0; k < PS_N_SERIES && status == PS_OK; k++) {
        if (ps_layout_replicated(lay, &PS_SERIES[k])) {
            status = reduce_series(lay, k, err);
        }
    }
    return status == PS_OK ? ps_layout_add_codes(lay, err) : status;
}
