/* driver_sweep.c - `protsim sweep`: arguments and help, and the choice between a sweep
 * alone on this machine (sweep_job.c) and one shared by MPI ranks (driver_mpi.c) */
#define _POSIX_C_SOURCE 200809L
#include "driver_sweep.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "driver.h"

enum { EXIT_RUN_FAILED = 1, EXIT_USAGE = 2 };

static const char *const SWEEP_HELP =
    "usage: protsim sweep SWEEP.cfg [-o FILE.h5] [--resume] [--shard K/N]\n"
    "                     [--threads N] [--force] [--quiet]\n"
    "\n"
    "Run every run of a sweep (design points x replicates; docs/sweeps.md) and write\n"
    "one HDF5 file (default: the sweep file's name with .h5, in the current folder).\n"
    "Each finished run is committed to FILE.h5.journal first; the file is written from\n"
    "the journal at the end and the journal removed. Under mpirun or srun the ranks\n"
    "share the runs (docs/cluster.md). The numbers do not depend on threads, ranks or\n"
    "shards.\n"
    "\n"
    "  -o FILE.h5       result file; written to a temporary name, renamed when done\n"
    "  --resume         finish the runs missing from FILE.h5.journal (after a kill,\n"
    "                   a preemption or Ctrl-C); without a journal, start afresh\n"
    "  --shard K/N      run only part K of N (runs r with r % N = K - 1); merge the\n"
    "                   parts with protsim merge. auto/N takes K from SLURM's\n"
    "                   SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1\n"
    "  --threads N      runs computed at once (default: every core; 1 per MPI rank)\n"
    "  --force          replace FILE.h5, or start over from an old journal\n"
    "  --quiet          no progress and no summary\n"
#ifdef PROTSIM_WITH_MPI
    "\nThis protsim was built with MPI.\n";
#else
    "\nThis protsim was built without MPI: use --threads or --shard.\n";
#endif

/* A whole number in [lo, hi] from all of text. */
static bool parse_size(const char *text, size_t lo, size_t hi, size_t *out)
{
    uint64_t v;
    bool ok = ps_driver_parse_count(text, lo, hi, &v);
    *out = ok ? (size_t)v : *out;
    return ok;
}

/* K of "auto/N": the place of this task in its SLURM job array, from 1. */
static int shard_from_slurm(const char *text, size_t n, size_t *k)
{
    const char *id = getenv("SLURM_ARRAY_TASK_ID"), *min = getenv("SLURM_ARRAY_TASK_MIN");
    size_t vid, vmin;
    if (id == NULL || min == NULL || !parse_size(id, 0, SIZE_MAX / 2, &vid) ||
        !parse_size(min, 0, vid, &vmin)) {
        return ps_driver_usage_error("sweep",
                                     "--shard %s: auto needs SLURM_ARRAY_TASK_ID and "
                                     "SLURM_ARRAY_TASK_MIN (a SLURM job array)",
                                     text);
    }
    *k = vid - vmin + 1;
    if (*k > n) {
        return ps_driver_usage_error(
            "sweep",
            "--shard %s: task %zu of an array starting at %zu is part %zu, "
            "not one of 1 to %zu",
            text, vid, vmin, *k, n);
    }
    return 0;
}

/* "K/N" or "auto/N" into opt. */
static int parse_shard(const char *text, ps_sweep_options *opt)
{
    char k[32], n[32];
    const char *slash = strchr(text, '/');
    if (slash == NULL || slash - text >= (long)sizeof k ||
        strlen(slash + 1) >= sizeof n) {
        return ps_driver_usage_error(
            "sweep", "--shard %s: expected K/N, e.g. 2/8, or auto/N", text);
    }
    snprintf(k, sizeof k, "%.*s", (int)(slash - text), text);
    snprintf(n, sizeof n, "%s", slash + 1);
    if (!parse_size(n, 1, 1000000, &opt->n_shards)) {
        return ps_driver_usage_error(
            "sweep", "--shard %s: N must be a whole number from 1 to 1000000", text);
    }
    if (strcmp(k, "auto") == 0) {
        return shard_from_slurm(text, opt->n_shards, &opt->shard);
    }
    if (!parse_size(k, 1, opt->n_shards, &opt->shard)) {
        return ps_driver_usage_error("sweep",
                                     "--shard %s: K must be a whole number from 1 to %zu",
                                     text, opt->n_shards);
    }
    return 0;
}

/* The value of an option, from "--opt=value" or the next argument; NULL if none. */
static const char *option_value(int argc, char **argv, int *k, const char *name)
{
    size_t len = strlen(name);
    if (strncmp(argv[*k], name, len) == 0 && argv[*k][len] == '=') {
        return argv[*k] + len + 1;
    }
    return *k + 1 < argc ? argv[++*k] : NULL;
}

static bool is_option(const char *arg, const char *name)
{
    size_t len = strlen(name);
    return strncmp(arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

/* Options with a value: -o, --output, --shard, --threads. */
static int parse_valued(int argc, char **argv, int *k, ps_sweep_options *opt,
                        const char **threads)
{
    const char *arg = argv[*k];
    const char *name = is_option(arg, "-o")         ? "-o"
                       : is_option(arg, "--output") ? "--output"
                       : is_option(arg, "--shard")  ? "--shard"
                                                    : "--threads";
    const char *value = option_value(argc, argv, k, name);
    if (value == NULL) {
        return ps_driver_usage_error("sweep", "%s needs a value", name);
    }
    if (name[1] != '-' || name[2] == 'o') {
        opt->output = value;
    } else if (name[2] == 's') {
        return parse_shard(value, opt);
    } else {
        *threads = value;
    }
    return 0;
}

/* Parse argv[2..] into opt; 0, -1 after --help, or an exit status after a message. */
static int parse(int argc, char **argv, ps_sweep_options *opt, const char **threads)
{
    int rc = 0;
    for (int k = 2; rc == 0 && k < argc; k++) {
        const char *arg = argv[k];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            return -1;
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            opt->quiet = true;
        } else if (strcmp(arg, "--force") == 0) {
            opt->force = true;
        } else if (strcmp(arg, "--resume") == 0) {
            opt->resume = true;
        } else if (is_option(arg, "-o") || is_option(arg, "--output") ||
                   is_option(arg, "--shard") || is_option(arg, "--threads")) {
            rc = parse_valued(argc, argv, &k, opt, threads);
        } else if (arg[0] == '-' && arg[1] != '\0') {
            rc = ps_driver_usage_error("sweep", "%s: unknown option", arg);
        } else if (opt->sweep == NULL) {
            opt->sweep = arg;
        } else {
            rc = ps_driver_usage_error("sweep", "%s: unexpected argument", arg);
        }
    }
    return rc;
}

static int exit_code(ps_status st)
{
    return st == PS_OK                          ? 0
           : st == PS_EINVAL || st == PS_EEXIST ? EXIT_USAGE
                                                : EXIT_RUN_FAILED;
}

/* Whether mpirun or srun started this process: variables their launchers set. */
static bool mpi_launched(void)
{
    static const char *const VARS[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK",
                                       "PMI_SIZE", "MPI_LOCALNRANKS"};
    for (size_t k = 0; k < sizeof VARS / sizeof VARS[0]; k++) {
        if (getenv(VARS[k]) != NULL) {
            return true;
        }
    }
    return false;
}

/* The sweep alone, or shared by MPI ranks when mpirun or srun started it. A build
 * without MPI refuses to run under mpirun: every rank would run the whole sweep. */
static ps_status sweep(const ps_sweep_options *opt, bool *print, ps_error *err)
{
    if (!mpi_launched()) {
        return ps_driver_sweep_alone(opt, err);
    }
#ifdef PROTSIM_WITH_MPI
    return ps_driver_mpi_sweep(opt, print, err);
#else
    (void)print;
    return ps_fail(err, PS_EINVAL,
                   "started by mpirun or srun, but this protsim was built "
                   "without MPI (every rank would run the whole sweep): rebuild with "
                   "MPI, or use --shard K/N");
#endif
}

int ps_driver_sweep_main(int argc, char **argv, volatile sig_atomic_t *interrupted)
{
    ps_sweep_options opt = {.shard = 1, .n_shards = 1, .interrupted = interrupted};
    const char *threads = NULL;
    size_t n_threads = 0;
    char output[4096];
    int rc = parse(argc, argv, &opt, &threads);
    if (rc != 0) {
        return rc < 0 ? (fputs(SWEEP_HELP, stdout), 0) : rc;
    }
    if (opt.sweep == NULL) {
        return ps_driver_usage_error("sweep", "sweep needs a SWEEP file");
    }
    if (threads != NULL && !parse_size(threads, 1, 1024, &n_threads)) {
        return ps_driver_usage_error(
            "sweep", "--threads %s: expected a number from 1 to 1024", threads);
    }
    opt.threads = (int)n_threads;
    ps_driver_default_output(opt.sweep, output, sizeof output);
    opt.output = opt.output != NULL ? opt.output : output;
    char *line = ps_driver_command_line(argc, argv);
    opt.command_line = line;
    ps_error err = {0};
    bool print = true;
    ps_status st = sweep(&opt, &print, &err);
    free(line);
    if (st != PS_OK && print) {
        fprintf(stderr, "protsim: %s\n", err.msg);
    }
    return print ? exit_code(st) : 0;
}
