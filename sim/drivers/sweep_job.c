/* sweep_job.c - the job of a sweep on this machine: the journal that makes it
 * resumable, the runs (OpenMP over runs), progress and the result file; driver_mpi.c
 * shares the same job's runs among MPI ranks */
#define _POSIX_C_SOURCE 200809L
#include "driver_sweep.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "clock.h"
#include "driver.h"
#include "record_sweep.h"
#include "sha256.h"

#define PROGRESS_SECONDS 0.2 /* between progress lines */

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
    ps_status st = ps_record_check_output(opt->output, true, err); /* a name, a file */
    if (st != PS_OK) {
        return st;
    }
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

/* Open the journal (to resume, after waiting for a process that holds it) and list the
 * runs to do. job->jr stays NULL when the journal went while this process waited: the
 * process that held it finished the sweep. */
static ps_status open_journal(ps_sweep_job *job, bool resume, ps_error *err)
{
    const ps_sweep *sw = job->sw;
    ps_sweep_results *res = NULL;
    if (resume && job->show && ps_journal_busy(job->journal)) {
        fprintf(stderr, "  waiting for the protsim process that holds %s\n",
                job->journal);
    }
    ps_status st =
        ps_sweep_results_create(sw->n_runs, sw->n_values, sw->n_series, &res, err);
    st = st == PS_OK
             ? ps_journal_open(job->journal, &job->key, resume, res, &job->jr, err)
             : st;
    st = st == PS_OK && job->jr != NULL ? list_todo(job, res, err) : st;
    ps_sweep_results_destroy(res);
    return st;
}

ps_status ps_sweep_job_open(ps_sweep_job *job, const ps_sweep_options *opt,
                            const ps_sweep *sw, ps_error *err)
{
    *job = (ps_sweep_job){.opt = opt, .sw = sw, .failure_status = PS_OK};
    snprintf(job->journal, sizeof job->journal, "%s.journal", opt->output);
    job->key = (ps_journal_key){.n_runs = sw->n_runs,
                                .n_values = sw->n_values,
                                .n_series = sw->n_series,
                                .shard = opt->shard,
                                .n_shards = opt->n_shards};
    memcpy(job->key.digest, sw->digest, sizeof job->key.digest);
    ps_driver_build_id(job->key.build);
    job->show = !opt->quiet && isatty(STDERR_FILENO);
    bool resume = false;
    ps_status st = check_files(job, &resume, err);
    for (int tries = 0; st == PS_OK && !job->complete && job->jr == NULL; tries++) {
        if (tries == 2) {
            return ps_fail(err, PS_EINVAL,
                           "%s: removed by another protsim process while this one waited "
                           "for it; run again",
                           job->journal);
        }
        st = tries > 0 ? check_files(job, &resume, err) : st; /* the journal went */
        st = st == PS_OK && !job->complete ? open_journal(job, resume, err) : st;
    }
    job->started = job->shown = ps_clock_seconds();
    return st;
}

static void progress(ps_sweep_job *job, bool last)
{
    double elapsed = ps_clock_seconds() - job->started;
    double rate = elapsed > 0.0 ? (double)job->n_new / elapsed : 0.0;
    double left = rate > 0.0 ? (double)(job->n_shard - job->n_done) / rate : 0.0;
    fprintf(stderr, "\r  run %zu/%zu  %.1f runs/s  %.0f s left   %s", job->n_done,
            job->n_shard, rate, left, last ? "\n" : "");
    fflush(stderr);
    job->shown = ps_clock_seconds();
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
    if (job->show && ps_clock_seconds() - job->shown >= PROGRESS_SECONDS) {
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

/* The result file goes in place and the journal away while the journal is still
 * locked: a --resume waiting for it then finds the sweep complete. */
ps_status ps_sweep_job_finish(ps_sweep_job *job, ps_status st, ps_error *err)
{
    double seconds = ps_clock_seconds() - job->started;
    st = st == PS_OK && !job->complete ? ps_journal_sync(job->jr, err) : st;
    if (job->show && !job->complete) {
        progress(job, true);
    }
    if (st == PS_OK && job->complete) {
        if (!job->opt->quiet) {
            printf("%s: complete already; nothing to do\n", job->opt->output);
        }
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
    ps_journal_close(job->jr, NULL); /* synced above; unlocks */
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

ps_status ps_driver_sweep_alone(const ps_sweep_options *opt, ps_error *err)
{
    ps_sweep *sw = NULL;
    ps_sweep_job job;
    ps_status st = ps_sweep_load_interruptible(opt->sweep, opt->interrupted, &sw, err);
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
