/* sweep_impl.h - what the sweep's journal, recorder and drivers share: the results of
 * a sweep's runs as arrays indexed by run */
#ifndef PROTSIM_SWEEP_IMPL_H
#define PROTSIM_SWEEP_IMPL_H

#include <stddef.h>

#include "protsim/sweep.h"

/* /sweep/status of a run. */
enum { PS_RUN_DONE = 0, PS_RUN_FAILED = 1, PS_RUN_MISSING = 2 };

/* The results of every run of a sweep (or of a part): plain arrays. */
typedef struct ps_sweep_results {
    size_t n_runs, n_values, n_series;
    int *status;    /* [n_runs] PS_RUN_*; PS_RUN_MISSING until a run is set */
    double *values; /* [n_runs * n_values], NaN where missing */
    double *series; /* [n_runs * n_series], NaN where missing; NULL when n_series = 0 */
} ps_sweep_results;

/* Allocate results for n_runs runs, all missing. Returns PS_OK or PS_ENOMEM. */
ps_status ps_sweep_results_create(size_t n_runs, size_t n_values, size_t n_series,
                                  ps_sweep_results **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_sweep_results_destroy(ps_sweep_results *res);

/* Record run's status and its values (n_values) and series (n_series; may be NULL
 * when n_series = 0). */
void ps_sweep_results_set(ps_sweep_results *res, size_t run, int status,
                          const double *values, const double *series);

#endif
