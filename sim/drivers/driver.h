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

/* What `protsim run` was asked to do. Strings are borrowed from argv. */
typedef struct ps_run_options {
    const char *scenario;    /* path */
    const char *output;      /* path of the .h5 file */
    const char *const *sets; /* "path=value" overrides */
    size_t n_sets;
    bool has_seed;
    uint64_t seed;
    bool quiet, force;
    int threads;              /* 0: default */
    size_t replicates;        /* 0: one run; R: R replicates in one file (--replicates) */
    const char *command_line; /* recorded in the file */
    volatile sig_atomic_t *interrupted; /* set by the SIGINT handler; may be NULL */
} ps_run_options;

/* Run one simulation to a result file and print its summary on stdout (and progress
 * on stderr when it is a terminal). Returns PS_OK; PS_EINVAL or PS_EIO for a bad
 * scenario, PS_EEXIST for an existing output, PS_EINTR when interrupted, others when
 * the run failed. */
ps_status ps_driver_run(const ps_run_options *opt, ps_error *err);

/* Load a scenario for a command. Unlike ps_scenario_load, a scenario (or @include)
 * that cannot be read is PS_EINVAL: bad input to the command, exit status 2. */
ps_status ps_driver_load_scenario(const char *path, const char *const *sets,
                                  size_t n_sets, ps_scenario *sc, ps_error *err);

/* A whole decimal number in [min, max] from all of text (no sign, no spaces); false on
 * anything else. */
bool ps_driver_parse_count(const char *text, uint64_t min, uint64_t max, uint64_t *out);

/* The default result file of an input file: "scenarios/small_world.cfg" ->
 * "small_world.h5" (in the current folder). */
void ps_driver_default_output(const char *input, char *buf, size_t size);

/* Print "protsim: <message> (see protsim CMD --help)" on stderr and return 2, the exit
 * status of bad usage. */
int ps_driver_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* argv joined by spaces, for the file's command_line attribute; the caller frees it.
 * NULL when out of memory. */
char *ps_driver_command_line(int argc, char **argv);

/* `protsim compare A B [options]`: argv[2..] are its own arguments (sim/drivers/driver_compare.c
 * parses them); command_line (borrowed) is recorded in the file. Prints its help or the
 * comparison table on stdout. Returns PS_OK; PS_EINVAL for bad usage (the message ends
 * "(see protsim compare --help)") or a bad scenario; PS_EEXIST, PS_EINTR, or the
 * failure of a run or of the file. */
ps_status ps_cli_compare(int argc, char **argv, const char *command_line,
                         volatile sig_atomic_t *interrupted, ps_error *err);

/* `protsim sweep SWEEP [options]` and `protsim merge PART... -o FILE` (driver_sweep.c,
 * driver_merge.c): argv[2..] are their own arguments. They print their help, progress,
 * summary and errors themselves (under MPI only rank 0 speaks) and return the exit
 * status: 0 success, 1 a run or the file failed or the sweep was interrupted, 2 bad
 * usage, a bad sweep file, or an output that exists. */
int ps_driver_sweep_main(int argc, char **argv, volatile sig_atomic_t *interrupted);
int ps_driver_merge_main(int argc, char **argv, volatile sig_atomic_t *interrupted);

#endif
