/* driver.h - the loops that run simulations and print progress (DESIGN.md drivers) */
#ifndef PROTSIM_DRIVER_H
#define PROTSIM_DRIVER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "protsim/protsim.h"

/* What `protsim run` was asked to do. Strings are borrowed from argv. */
typedef struct ps_run_options {
    const char *scenario;     /* path */
    const char *output;       /* path of the .h5 file */
    const char *const *sets;  /* "path=value" overrides */
    size_t n_sets;
    bool has_seed;
    uint64_t seed;
    bool quiet, force;
    int threads;              /* 0: default */
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

/* The resolved scenario as text (ps_scenario_dump into memory); the caller frees it.
 * Returns NULL when out of memory. */
char *ps_driver_scenario_text(const ps_scenario *sc);

#endif
