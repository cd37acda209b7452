/* sweep_results.c - the results of a sweep's runs as arrays indexed by run */
#include "sweep_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ps_sweep_results_destroy(ps_sweep_results *res)
{
    if (res != NULL) {
        free(res->status);
        free(res->values);
        free(res->series);
        free(res);
    }
}

static void fill_nan(double *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        v[k] = NAN;
    }
}

ps_status ps_sweep_results_create(size_t n_runs, size_t n_values, size_t n_series,
                                  ps_sweep_results **out, ps_error *err)
{
    *out = NULL;
    ps_sweep_results *res = calloc(1, sizeof *res);
    bool fits = n_values == 0 || n_runs <= SIZE_MAX / sizeof(double) / n_values;
    fits = fits && (n_series == 0 || n_runs <= SIZE_MAX / sizeof(double) / n_series);
    if (res != NULL && fits) {
        res->n_runs = n_runs;
        res->n_values = n_values;
        res->n_series = n_series;
        res->status = malloc((n_runs > 0 ? n_runs : 1) * sizeof *res->status);
        res->values =
            malloc((n_runs * n_values > 0 ? n_runs * n_values : 1) * sizeof(double));
        res->series = n_series > 0 ? malloc(n_runs * n_series * sizeof(double)) : NULL;
    }
    if (res == NULL || !fits || res->status == NULL || res->values == NULL ||
        (n_series > 0 && res->series == NULL)) {
        ps_sweep_results_destroy(res);
        return ps_fail(err, PS_ENOMEM, "cannot allocate the results of %zu runs", n_runs);
    }
    for (size_t r = 0; r < n_runs; r++) {
        res->status[r] = PS_RUN_MISSING;
    }
    fill_nan(res->values, n_runs * n_values);
    fill_nan(res->series, n_runs * n_series);
    *out = res;
    return PS_OK;
}

void ps_sweep_results_set(ps_sweep_results *res, size_t run, int status,
                          const double *values, const double *series)
{
    res->status[run] = status;
    memcpy(res->values + run * res->n_values, values, res->n_values * sizeof *values);
    if (res->n_series > 0) {
        memcpy(res->series + run * res->n_series, series, res->n_series * sizeof *series);
    }
}
