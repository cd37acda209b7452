/* driver_sweep.c - `protsim sweep`: arguments, the journal that makes a sweep
 * resumable, the runs on this machine (OpenMP over runs), progress and the result file;
 * driver_mpi.c shares the runs among MPI ranks with the same job */
#define _POSIX_C_SOURCE 200809L
#include "driver_sweep.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "driver.h"
#include "record_sweep.h"
#include "sha256.h"

enum { EXIT_RUN_FAILED = 1, EXIT_USAGE = 2 };

#define PROGRESS_SECONDS 0.2 /* between progress lines */

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

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- the job: journal, runs to do, progress --------------------------------------- */

void ps_driver_build_id(char out[65])
{
    FILE *f = fopen("/proc/self/exe", "rb");
    unsigned char buf[1 << 16];
    size_t n;
    ps_sha256 s;
    ps_sha256_init(&s);
    out[0] = '\0';
    if (f == NULL) {
        return; /* not Linux: no check */
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        ps_sha256_update(&s, buf, n);
    }
    if (!ferror(f)) {
        ps_sha256_hex(&s, out);
    }
    fclose(f);
}

/* Whether the output already holds every run of the shard (a sweep resumed after it
 * finished, e.g. by a requeued batch job). */
static bool output_complete(const ps_sweep_job *job)
{
    ps_sweep_part *part = NULL;
    ps_error ignored = {0};
    bool complete = ps_record_sweep_load(job->opt->output, &part, &ignored) == PS_OK &&
                    strcmp(part->digest, job->sw->digest) == 0 &&
                    part->res->n_runs == job->sw->n_runs;
    for (size_t r = 0; complete && r < part->res->n_runs; r++) {
        bool mine = r % job->opt->n_shards == job->opt->shard - 1;
        complete = !mine || part->res->status[r] != PS_RUN_MISSING;
    }
    ps_record_sweep_destroy(part);
    return complete;
}

/* The rules of --force and --resume about an existing output and journal. */
static ps_status check_files(ps_sweep_job *job, bool *resume, ps_error *err)
{
    const ps_sweep_options *opt = job->opt;
    bool has_journal = exists(job->journal);
    *resume = opt->resume && has_journal;
    if (has_journal && !opt->resume && !opt->force) {
        return ps_fail(err, PS_EEXIST,
                       "%s: the journal of an unfinished sweep exists (use --resume to "
                       "finish it, or --force to start over)",
                       job->journal);
    }
    if (exists(opt->output) && !*resume && opt->resume && output_complete(job)) {
        job->complete = true;
        return PS_OK;
    }
    if (exists(opt->output) && !opt->force && !*resume) {
        return ps_fail(err, PS_EEXIST, "%s: exists (use --force to replace it)",
                       opt->output);
    }
    return PS_OK;
}

/* List the runs of the shard that the journal does not hold as done: missing runs,
 * and failed ones, which get another try (a failure may have been the node's). */
static ps_status list_todo(ps_sweep_job *job, const ps_sweep_results *res, ps_error *err)
{
    const ps_sweep_options *opt = job->opt;
    job->todo = malloc((job->sw->n_runs / opt->n_shards + 1) * sizeof *job->todo);
    if (job->todo == NULL) {
        return ps_fail(err, PS_ENOMEM, "cannot allocate the list of %zu runs",
                       job->sw->n_runs);
    }
    for (size_t r = opt->shard - 1; r < job->sw->n_runs; r += opt->n_shards) {
        job->n_shard++;
        if (res->status[r] != PS_RUN_DONE) {
            job->todo[job->n_todo++] = r;
        } else {
            job->n_done++;
        }
    }
    return PS_OK;
}

ps_status ps_sweep_job_open(ps_sweep_job *job, const ps_sweep_options *opt,
                            const ps_sweep *sw, ps_error *err)
{
    ps_sweep_results *res = NULL;
    *job = (ps_sweep_job){.opt = opt, .sw = sw, .failure_status = PS_OK};
    snprintf(job->journal, sizeof job->journal, "%s.journal", opt->output);
    job->key = (ps_journal_key){.n_runs = sw->n_runs,
                                .n_values = sw->n_values,
                                .n_series = sw->n_series,
                                .shard = opt->shard,
                                .n_shards = opt->n_shards};
    memcpy(job->key.digest, sw->digest, sizeof job->key.digest);
    ps_driver_build_id(job->key.build);
    bool resume = false;
    ps_status st = check_files(job, &resume, err);
    if (st != PS_OK || job->complete) {
        return st;
    }
    st = ps_sweep_results_create(sw->n_runs, sw->n_values, sw->n_series, &res, err);
    st = st == PS_OK
             ? ps_journal_open(job->journal, &job->key, resume, res, &job->jr, err)
             : st;
    st = st == PS_OK ? list_todo(job, res, err) : st;
    ps_sweep_results_destroy(res);
    job->started = job->shown = now_seconds();
    job->show = !opt->quiet && isatty(STDERR_FILENO);
    return st;
}

static void progress(ps_sweep_job *job, bool last)
{
    double elapsed = now_seconds() - job->started;
    double rate = elapsed > 0.0 ? (double)job->n_new / elapsed : 0.0;
    double left = rate > 0.0 ? (double)(job->n_shard - job->n_done) / rate : 0.0;
    fprintf(stderr, "\r  run %zu/%zu  %.1f runs/s  %.0f s left   %s", job->n_done,
            job->n_shard, rate, left, last ? "\n" : "");
    fflush(stderr);
    job->shown = now_seconds();
}

ps_status ps_sweep_job_commit(ps_sweep_job *job, size_t run, ps_status run_status,
                              const double *values, const double *series,
                              const char *run_error, ps_error *err)
{
    int status = run_status == PS_OK ? PS_RUN_DONE : PS_RUN_FAILED;
    ps_status st = ps_journal_append(job->jr, run, status, values, series, err);
    if (st != PS_OK) {
        return st;
    }
    job->n_done++;
    job->n_new++;
    if (status == PS_RUN_FAILED && job->n_failed++ == 0) {
        snprintf(job->first_failure, sizeof job->first_failure, "run %zu: %s", run,
                 run_error);
        job->failure_status = run_status;
    }
    if (job->show && now_seconds() - job->shown >= PROGRESS_SECONDS) {
        progress(job, false);
    }
    return PS_OK;
}

bool ps_sweep_job_stopping(const ps_sweep_job *job)
{
    return job->opt->interrupted != NULL && *job->opt->interrupted;
}

/* Read the whole journal and write the result file from it. */
static ps_status write_output(const ps_sweep_job *job, ps_error *err)
{
    ps_sweep_results *res = NULL;
    size_t n_read = 0;
    ps_status st = ps_sweep_results_create(job->sw->n_runs, job->sw->n_values,
                                           job->sw->n_series, &res, err);
    st = st == PS_OK ? ps_journal_read(job->journal, &job->key, res, &n_read, err) : st;
    if (st == PS_OK) {
        ps_sweep_meta meta = {job->opt->command_line, job->key.build};
        st = ps_record_sweep_write(job->opt->output, true, job->sw, res, &meta, err);
    }
    ps_sweep_results_destroy(res);
    if (st == PS_OK && remove(job->journal) != 0) {
        st = ps_fail(err, PS_EIO, "%s: cannot remove: %s", job->journal, strerror(errno));
    }
    return st;
}

static void print_summary(const ps_sweep_job *job, double seconds)
{
    const ps_sweep_options *opt = job->opt;
    char part[64] = "";
    if (opt->n_shards > 1) {
        snprintf(part, sizeof part, " (shard %zu/%zu)", opt->shard, opt->n_shards);
    }
    printf("%s%s: %zu runs (%zu new, %zu failed) in %.2f s, %.2f runs/s with %d %s; "
           "wrote %s\n",
           opt->sweep, part, job->n_shard, job->n_new, job->n_failed, seconds,
           seconds > 0.0 ? (double)job->n_new / seconds : 0.0, job->workers,
           job->workers == 1 ? "worker" : "workers", opt->output);
}

ps_status ps_sweep_job_finish(ps_sweep_job *job, ps_status st, ps_error *err)
{
    double seconds = now_seconds() - job->started;
    ps_status closed = ps_journal_close(job->jr, st == PS_OK ? err : NULL);
    st = st == PS_OK ? closed : st;
    if (job->show && !job->complete) {
        progress(job, true);
    }
    if (st == PS_OK && job->complete && !job->opt->quiet) {
        printf("%s: complete already; nothing to do\n", job->opt->output);
    } else if (st == PS_OK && job->n_done < job->n_shard) {
        st = ps_fail(err, PS_EINTR,
                     "interrupted after %zu of %zu runs; they are kept in "
                     "%s (run again with --resume to finish)",
                     job->n_done, job->n_shard, job->journal);
    } else if (st == PS_OK) {
        st = write_output(job, err);
        if (st == PS_OK && !job->opt->quiet) {
            print_summary(job, seconds);
        }
    }
    if (st == PS_OK && job->n_failed > 0) {
        st = ps_fail(err, job->failure_status,
                     "%zu of %zu runs failed (status 1 in "
                     "/sweep/status); the first, %s",
                     job->n_failed, job->n_shard, job->first_failure);
    }
    free(job->todo);
    return st;
}

/* ---- runs on this machine --------------------------------------------------------- */

/* Compute run: fill values and series, NaN when it fails. */
static ps_status compute(const ps_sweep *sw, size_t run, double *values, double *series,
                         ps_error *run_err)
{
    ps_status st = ps_sweep_run(sw, run, values, series, run_err);
    for (size_t k = 0; st != PS_OK && k < sw->n_values; k++) {
        values[k] = NAN;
    }
    for (size_t k = 0; st != PS_OK && k < sw->n_series; k++) {
        series[k] = NAN;
    }
    return st;
}

ps_status ps_driver_sweep_local(ps_sweep_job *job, int threads, ps_error *err)
{
    const ps_sweep *sw = job->sw;
    ps_status st = PS_OK;
    int stop = 0;
    job->workers = threads;
#pragma omp parallel num_threads(threads)
    {
        double *values = malloc((sw->n_values + 1) * sizeof *values);
        double *series = malloc((sw->n_series + 1) * sizeof *series);
#pragma omp for schedule(dynamic, 1)
        for (size_t k = 0; k < job->n_todo; k++) {
            int stopped;
#pragma omp atomic read
            stopped = stop;
            if (stopped || ps_sweep_job_stopping(job)) {
                continue;
            }
            ps_error run_err = {0};
            ps_status run_st = values != NULL && series != NULL
                                   ? compute(sw, job->todo[k], values, series, &run_err)
                                   : ps_fail(&run_err, PS_ENOMEM, "cannot allocate");
#pragma omp critical(ps_sweep_commit)
            if (st == PS_OK) {
                st = ps_sweep_job_commit(job, job->todo[k], run_st, values, series,
                                         run_err.msg, err);
                if (st != PS_OK) {
#pragma omp atomic write
                    stop = 1;
                }
            }
        }
        free(values);
        free(series);
    }
    return st;
}

/* ---- the command ------------------------------------------------------------------ */

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

ps_status ps_driver_sweep_alone(const ps_sweep_options *opt, ps_error *err)
{
    ps_sweep *sw = NULL;
    ps_sweep_job job;
    ps_status st = ps_sweep_load(opt->sweep, &sw, err);
    if (st == PS_EIO) {
        err->status = st = PS_EINVAL; /* an unreadable sweep file is bad input */
    }
    if (st == PS_OK) {
        st = ps_sweep_job_open(&job, opt, sw, err);
        int threads = opt->threads;
#ifdef _OPENMP
        threads = threads > 0 ? threads : omp_get_max_threads();
#endif
        threads = threads > 0 ? threads : 1;
        st = st == PS_OK ? ps_driver_sweep_local(&job, threads, err) : st;
        st = ps_sweep_job_finish(&job, st, err);
    }
    ps_sweep_destroy(sw);
    return st;
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
