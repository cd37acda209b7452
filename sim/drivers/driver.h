/* driver.h - the loops that run simulations and print progress (DESIGN.md drivers) */
#ifndef PROTSIM_DRIVER_H
#define PROTSIM_DRIVER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "protsim/error.h"
#include "protsim/indicators.h"
#include "protsim/record.h"
#include "protsim/scenario.h"
#include "protsim/summary.h"
#include "protsim/sweep.h"
#include "protsim/version.h"
#include "protsim/world.h"

/* A seed not given (--seed accepts 0 to INT64_MAX): the scenario's `seed` is used. */
#define PS_DRIVER_NO_SEED UINT64_MAX

/* What `protsim run` was asked to do. Strings are borrowed from argv. */
typedef struct ps_run_options {
    const char *scenario;    /* path */
    const char *output;      /* path of the .h5 file */
    const char *const *sets; /* "path=value" overrides */
    size_t n_sets;
    uint64_t seed; /* PS_DRIVER_NO_SEED: the scenario's */
    bool quiet, force;
    int threads;            /* 0: default */
    size_t replicates;      /* 0: one run; R: R replicates in one file (--replicates) */
    int compress;           /* deflate level of the file's series (ps_run_meta) */
    const char *parameters; /* NULL, or a plausible set: run at its points */
    uint64_t points;        /* with parameters: the first K points; 0: all */
    ps_month checkpoint_at; /* 0; or keep the world at the end of this month in
                               /checkpoint (--checkpoint-at) */
    const char *from;       /* NULL; or a file with a checkpoint to go on from (--from) */
    const char *command_line;           /* recorded in the file */
    volatile sig_atomic_t *interrupted; /* set by the SIGINT handler; may be NULL */
} ps_run_options;

/* Run one simulation to a result file and print its summary on stdout (and progress
 * on stderr when it is a terminal); with opt->parameters, the plausible ensemble
 * (ps_driver_run_parameters). With opt->checkpoint_at, the file also holds the whole
 * world at the end of that month; with opt->from, the run goes on from the checkpoint
 * of that file, after the history's rows, and gives the file of a run from the start.
 * Returns PS_OK; PS_EINVAL or PS_EIO for a bad scenario, PS_EEXIST for an existing
 * output, PS_EINTR when interrupted, others when the run failed. */
ps_status ps_driver_run(const ps_run_options *opt, ps_error *err);

/* `protsim run --parameters`: replicates at each of the first K points of a plausible
 * set, one replicate file of K x R runs with /parameters (and /targets); the spread of
 * every metric and, when the set has targets, the coverage of each target on stdout.
 * Same statuses as ps_driver_run. */
ps_status ps_driver_run_parameters(const ps_run_options *opt, ps_error *err);

/* Load a scenario for a command. Unlike ps_scenario_load, a scenario (or @include)
 * that cannot be read is PS_EINVAL: bad input to the command, exit status 2. Loading
 * stops with PS_EINTR once *interrupted (may be NULL) is set. */
ps_status ps_driver_load_scenario(const char *path, const char *const *sets,
                                  size_t n_sets, volatile sig_atomic_t *interrupted,
                                  ps_scenario *sc, ps_error *err);

/* Whether a run of b may go on from a history of a at month fork (the first month in
 * which they may differ): fork after a's first month and not after its last, and b
 * the same as a before it (ps_scenario_differs). PS_OK; PS_EINVAL with one line that
 * names the fork, the first setting that differs and both values, e.g. "B differs
 * from A before the fork at 2025-01: ngo.strategy is "adaptive" in A and
 * "legislation" in B (only schedule entries from 2025-01 on may differ)". */
ps_status ps_driver_check_fork(const ps_scenario *a, const char *a_name,
                               const ps_scenario *b, const char *b_name, ps_month fork,
                               ps_error *err);

/* The year whose December a comparison of scenarios sc[2] takes its metrics at: asked
 * (0: the last calendar year both simulate whole), into *year. PS_OK or PS_EINVAL. */
ps_status ps_driver_compare_horizon(const ps_scenario *const sc[2], uint64_t asked,
                                    int *year, ps_error *err);

/* `protsim check FILE`: a targets or calibration file is checked and printed as JSON
 * (what protsim calibrate reads), a sweep file in one line, a scenario (with the
 * overrides) fully resolved in libconfig syntax. Returns PS_OK, PS_EINVAL for bad or
 * unreadable input (FILE:LINE messages), PS_ENOMEM, or PS_EIO when out fails. */
ps_status ps_driver_check(const char *path, const char *const *sets, size_t n_sets,
                          volatile sig_atomic_t *interrupted, FILE *out, ps_error *err);

/* What `protsim compare` was asked to do. Strings are borrowed from argv. */
typedef struct ps_compare_options {
    const char *scenario[2]; /* A and B */
    const char *const *sets; /* "path=value" overrides of both */
    size_t n_sets;
    const char *output;     /* NULL: no file */
    const char *keep;       /* what the file keeps: summary, quantiles (NULL) or all */
    int compress;           /* deflate level of the file's series (ps_run_meta) */
    uint64_t replicates;    /* paired replicates, 2 to PS_STATS_MAX_N */
    uint64_t seed;          /* PS_DRIVER_NO_SEED: A's `seed` */
    uint64_t horizon;       /* year; 0: the last full year both simulate */
    int threads;            /* 0: every core */
    bool by_state;          /* also a table of each state's own metrics */
    const char *parameters; /* NULL, or a plausible set: compare at each of its points */
    uint64_t points;        /* with parameters: the first K points; 0: all */
    const char *discover;   /* with parameters: the metric PRIM explains (NULL: poi) */
    ps_month fork; /* 0; or the first month in which A and B may differ (--fork): one
                      history per replicate, both arms from a clone of its world */
    bool quiet, force;
    const char *command_line;           /* recorded in the file */
    volatile sig_atomic_t *interrupted; /* set by the SIGINT handler; may be NULL */
} ps_compare_options;

/* Run opt->replicates paired replicates of A and B on common random numbers, print
 * the table of differences on stdout (unless quiet) and write the compare file when
 * opt->output is set. Returns PS_OK; PS_EINVAL for a bad scenario or horizon,
 * PS_EEXIST, PS_EINTR, or the failure of a run or of the file. */
ps_status ps_driver_compare(const ps_compare_options *opt, ps_error *err);

/* `protsim compare --parameters`: at each plausible point, R paired replicates of A
 * and B; the effect over the points (median, 5-95%, shares better, worse and not
 * distinguishable) and where B loses (PRIM) on stdout; with opt->output, a compare file
 * with /parameters and /robust. Same statuses as ps_driver_compare. */
ps_status ps_driver_compare_parameters(const ps_compare_options *opt, ps_error *err);

/* What `protsim merge` was asked to do. Strings are borrowed from argv. */
typedef struct ps_merge_options {
    const char *const *parts; /* the shard files */
    size_t n_parts;
    const char *output;
    bool force, quiet;
    const char *command_line;           /* recorded in the file */
    volatile sig_atomic_t *interrupted; /* set by the SIGINT handler; may be NULL */
} ps_merge_options;

/* Join the parts of one sweep into opt->output and print a one-line summary (unless
 * quiet). Returns PS_OK; PS_EINVAL for parts that cannot be read or do not fit
 * together, PS_EEXIST, PS_EINTR, or the failure of the file. */
ps_status ps_driver_merge(const ps_merge_options *opt, ps_error *err);

#endif
