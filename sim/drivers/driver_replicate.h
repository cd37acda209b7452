/* driver_replicate.h - replicates of one or two scenarios, run in parallel and written
 * in order (`protsim run --replicates`, `protsim compare`) */
#ifndef PROTSIM_DRIVER_REPLICATE_H
#define PROTSIM_DRIVER_REPLICATE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "protsim/summary.h"
#include "protsim/targets.h"

#include "driver.h"
#include "record_impl.h"

#define PS_MAX_SCENARIOS 2 /* A and B of a comparison */

/* Replicates to run: replicate r of every scenario runs with the seed
 * ps_rng_derive_seed(seed, r), so that scenarios are compared on common random numbers.
 * Pointers are borrowed. */
typedef struct ps_replicate_job {
    const ps_scenario *sc[PS_MAX_SCENARIOS];
    size_t n_scenarios;
    size_t n_replicates;
    uint64_t seed;
    ps_month horizon[PS_MAX_SCENARIOS]; /* metrics at the end of this month of each */
    int threads;                        /* over replicates; 0: OpenMP's default */
    ps_recorder *rec; /* NULL: no file; else scenario s goes to layout s */
    bool progress;    /* replicates done, rate and time left on stderr */
    volatile sig_atomic_t *interrupted; /* may be NULL */
    double *state_metrics;     /* NULL, or [(s * n_replicates + r) * n_states + i] rows of
                                  PS_N_METRICS: state i's own metrics at the horizon */
    size_t n_states;           /* of every scenario, with state_metrics */
    size_t first_run;          /* with a recorder: replicate r is run first_run + r of its
                                  layout (runs at several plausible points) */
    const ps_targets *targets; /* NULL, or targets each run measures (borrowed) */
    double *target_values;     /* with targets: [(s * n_replicates + r) * targets->n] */
    ps_month fork;             /* 0; or (two scenarios that agree before it, with the same
                                  start) the month from which B runs on a clone of A's world
                                  (compare --fork): the same numbers, one history fewer */
} ps_replicate_job;

/* Run every replicate of every scenario, each world on one thread and the replicates in
 * parallel; fill metrics[(s * n_replicates + r) * PS_N_METRICS] with scenario s's
 * metrics at its horizon in replicate r (NaN when the run does not reach it), and
 * job->state_metrics (when set) with each state's own metrics. With a
 * recorder, replicates run in batches of about `threads` runs whose series are kept in
 * memory and then written in replicate order from this thread; the numbers do not
 * depend on the threads. Returns PS_OK, PS_EINTR, PS_ENOMEM or the recorder's
 * failure (that of the first failing run, in replicate order). */
ps_status ps_driver_replicates(const ps_replicate_job *job, double *metrics,
                               ps_error *err);

/* `protsim run --replicates R` (opt->replicates > 0): R replicates of the scenario,
 * seeds ps_rng_derive_seed(seed, r), in one file with a replicate axis; a summary of
 * each metric over the replicates on stdout. Same statuses as ps_driver_run. */
ps_status ps_driver_run_replicates(const ps_run_options *opt, ps_error *err);

/* What a compare file keeps of its series, from --keep (NULL: quantiles). PS_OK or
 * PS_EINVAL. */
ps_status ps_driver_pick_keep(const char *keep, ps_record_keep *out, ps_error *err);

/* Each metric over the n runs of metrics[n * PS_N_METRICS]: mean, 5%, median and 95%,
 * a row each on out; scratch holds n doubles. */
void ps_driver_print_spread(const double *metrics, size_t n, double *scratch, FILE *out);

/* x in a table: four significant digits, but whole numbers from 10^4 on (persons) in
 * full: "0.4839", "71450". */
void ps_driver_format_number(double x, char *buf, size_t size);

/* Threads that `threads` stands for: itself, or OpenMP's default for 0. */
int ps_driver_threads(int threads);

#endif
