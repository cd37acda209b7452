/* driver_sweep.h - what the sweep drivers share: the options of `protsim sweep`, and
 * the job that rank 0 (or a lone process) owns: journal, runs to do, progress, file */
#ifndef PROTSIM_DRIVER_SWEEP_H
#define PROTSIM_DRIVER_SWEEP_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "protsim/sweep.h"
#include "sweep_journal.h"

/* What `protsim sweep` was asked to do. Strings are borrowed from argv. */
typedef struct ps_sweep_options {
    const char *sweep;  /* the sweep file */
    const char *output; /* the .h5 file; its journal is OUTPUT.journal */
    bool resume, force, quiet;
    size_t shard, n_shards; /* this process runs runs r with r % n_shards == shard - 1 */
    int threads;            /* 0: every core (OpenMP), 1 under MPI */
    const char *command_line;           /* recorded in the file */
    volatile sig_atomic_t *interrupted; /* set by SIGINT or SIGTERM; may be NULL */
} ps_sweep_options;

/* The runs of this process's shard still to do, and what finishing them takes. */
typedef struct ps_sweep_job {
    const ps_sweep_options *opt; /* borrowed */
    const ps_sweep *sw;          /* borrowed */
    char journal[4096];          /* path of the journal */
    ps_journal_key key;
    ps_journal *jr; /* owned */
    size_t *todo;   /* owned: [n_todo] runs still missing, ascending */
    size_t n_todo;
    size_t n_shard;          /* runs of the shard */
    size_t n_done;           /* runs of the shard finished, the journal's included */
    size_t n_new, n_failed;  /* by this process, so far */
    char first_failure[512]; /* message of the first failed run */
    ps_status failure_status;
    double started, shown; /* monotonic seconds */
    bool show;             /* progress on stderr */
    bool complete;         /* nothing to do: the output already holds the shard */
    int workers;           /* threads or ranks computing, for the summary */
} ps_sweep_job;

/* The build of this process, the SHA-256 (hex) of its executable into out[65]; "" when
 * it cannot be read. Journals and files record it: runs of another build could differ. */
void ps_driver_build_id(char out[65]);

/* Check the output and journal against the options (exists, --force, --resume), open
 * the journal (reading what it holds with --resume) and list the runs to do. Returns
 * PS_OK, PS_EEXIST, PS_EINVAL, PS_EIO or PS_ENOMEM. */
ps_status ps_sweep_job_open(ps_sweep_job *job, const ps_sweep_options *opt,
                            const ps_sweep *sw, ps_error *err);

/* Commit a finished run to the journal (run_status PS_OK: done; else failed, with
 * run_error its message) and show progress. Returns PS_OK or PS_EIO. */
ps_status ps_sweep_job_commit(ps_sweep_job *job, size_t run, ps_status run_status,
                              const double *values, const double *series,
                              const char *run_error, ps_error *err);

/* Whether the job should stop handing out runs (interrupted). */
bool ps_sweep_job_stopping(const ps_sweep_job *job);

/* Close the journal; when st is PS_OK and the shard is done, write the result file
 * from the journal, remove the journal and print the summary. Returns st, or the
 * failure of this step, or PS_EINTR / the first run failure. Frees the job. */
ps_status ps_sweep_job_finish(ps_sweep_job *job, ps_status st, ps_error *err);

/* `protsim sweep`: the sweep alone (ps_driver_sweep_alone), or shared by MPI ranks when
 * mpirun or srun started this process (ps_driver_mpi_sweep). *speak is set false on
 * MPI ranks other than 0, which must print nothing: rank 0 reports for all. Returns as
 * ps_sweep_job_finish; PS_EINVAL when started by mpirun in a build without MPI. */
ps_status ps_driver_sweep(const ps_sweep_options *opt, bool *speak, ps_error *err);

#ifdef PROTSIM_WITH_MPI
/* Run the sweep with the ranks of MPI_COMM_WORLD sharing the runs (driver_mpi.c):
 * MPI_Init to MPI_Finalize. *speak is set false on ranks other than 0, whose failures
 * rank 0 reports. Returns as ps_sweep_job_finish. */
ps_status ps_driver_mpi_sweep(const ps_sweep_options *opt, bool *speak, ps_error *err);
#endif

/* The whole sweep in this process: load, job, runs (opt->threads of them at once; 0:
 * every core), file. Returns as ps_sweep_job_finish. */
ps_status ps_driver_sweep_alone(const ps_sweep_options *opt, ps_error *err);

/* Compute the runs of the job with threads threads (OpenMP over runs, each run
 * single-threaded); returns PS_OK or the first failure to commit. */
ps_status ps_driver_sweep_local(ps_sweep_job *job, int threads, ps_error *err);

#endif
