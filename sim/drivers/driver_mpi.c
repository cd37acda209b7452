/* driver_mpi.c - `protsim sweep` under mpirun or srun: the ranks share the runs with
 * dynamic load balancing. Rank 0 owns the job (journal, file, progress), hands out run
 * indices as results come back and computes runs itself in between; workers keep
 * DEPTH runs in hand so they never wait for rank 0. Built only with PROTSIM_WITH_MPI;
 * the only file that knows MPI. */
#define _POSIX_C_SOURCE 200809L
#include "driver_sweep.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpi.h>

/* Runs a worker holds (one computing, two waiting), and results it may have in flight. */
#define DEPTH 3
#define NO_RUN UINT64_MAX                      /* "no more runs" in a work message */
#define MSG_ERROR sizeof(((ps_error *)0)->msg) /* a failed run's message in a result */

enum { TAG_WORK = 1, TAG_RESULT = 2 };

/* A result message: run, status, values, series, error text. */
typedef struct result_msg {
    unsigned char *buf; /* owned */
    size_t size;
    size_t n_values, n_series;
} result_msg;

static bool msg_create(result_msg *m, const ps_sweep *sw)
{
    m->n_values = sw->n_values;
    m->n_series = sw->n_series;
    m->size =
        2 * sizeof(uint64_t) + (m->n_values + m->n_series) * sizeof(double) + MSG_ERROR;
    m->buf = calloc(1, m->size);
    return m->buf != NULL;
}

static double *msg_values(const result_msg *m)
{
    return (double *)(void *)(m->buf + 2 * sizeof(uint64_t));
}

static char *msg_error(const result_msg *m)
{
    return (char *)(m->buf + m->size - MSG_ERROR);
}

/* Compute run into the message (NaN values when it fails). */
static void compute(const ps_sweep *sw, uint64_t run, result_msg *m)
{
    ps_error run_err = {0};
    double *values = msg_values(m), *series = values + m->n_values;
    ps_status st = ps_sweep_run(sw, (size_t)run, values, series, &run_err);
    for (size_t k = 0; st != PS_OK && k < m->n_values + m->n_series; k++) {
        values[k] = NAN;
    }
    uint64_t head[2] = {run, (uint64_t)st};
    memcpy(m->buf, head, sizeof head);
    memcpy(msg_error(m), st == PS_OK ? "" : run_err.msg, st == PS_OK ? 1 : MSG_ERROR);
}

static ps_status commit(ps_sweep_job *job, const result_msg *m, ps_error *err)
{
    uint64_t head[2];
    memcpy(head, m->buf, sizeof head);
    const double *values = msg_values(m);
    return ps_sweep_job_commit(job, (size_t)head[0], (ps_status)head[1], values,
                               values + m->n_values, msg_error(m), err);
}

/* ---- rank 0 ----------------------------------------------------------------------- */

typedef struct master {
    ps_sweep_job *job;
    int size;           /* ranks */
    size_t next;        /* into job->todo */
    size_t outstanding; /* runs handed to workers and not back yet */
    size_t *in_hand;    /* owned: [size] runs each worker holds */
    result_msg msg;
    ps_status st; /* the first failure to commit */
} master;

/* The next run to hand out, or NO_RUN once done, stopping or failed. */
static uint64_t next_run(master *ma)
{
    if (ma->st != PS_OK || ps_sweep_job_stopping(ma->job) ||
        ma->next == ma->job->n_todo) {
        return NO_RUN;
    }
    return ma->job->todo[ma->next++];
}

/* Send rank a run, or NO_RUN. Near the end a worker holds fewer runs, so that the
 * ranks run out of work at about the same time. */
static void hand_out(master *ma, int rank)
{
    size_t left = ma->job->n_todo - ma->next, size = (size_t)ma->size;
    size_t limit = left >= size * DEPTH ? DEPTH : 1 + left / size;
    uint64_t run = ma->in_hand[rank] < limit ? next_run(ma) : NO_RUN;
    MPI_Send(&run, 1, MPI_UINT64_T, rank, TAG_WORK, MPI_COMM_WORLD);
    ma->outstanding += run != NO_RUN;
    ma->in_hand[rank] += run != NO_RUN;
}

/* Receive one result (from any worker; wait when block), commit it, answer with work. */
static bool take_result(master *ma, bool block, ps_error *err)
{
    MPI_Status status;
    int ready = 1;
    if (block) {
        MPI_Probe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &status);
    } else {
        MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &ready, &status);
    }
    if (!ready) {
        return false;
    }
    MPI_Recv(ma->msg.buf, (int)ma->msg.size, MPI_BYTE, status.MPI_SOURCE, TAG_RESULT,
             MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    ma->outstanding--;
    ma->in_hand[status.MPI_SOURCE]--;
    if (ma->st == PS_OK) {
        ma->st = commit(ma->job, &ma->msg, err);
    }
    hand_out(ma, status.MPI_SOURCE);
    return true;
}

/* Hand out runs as results come back; compute one whenever no result waits. */
static ps_status run_master(ps_sweep_job *job, int size, ps_error *err)
{
    master ma = {.job = job, .size = size, .st = PS_OK};
    result_msg own = {0};
    ma.in_hand = calloc((size_t)size, sizeof *ma.in_hand);
    if (ma.in_hand == NULL || !msg_create(&ma.msg, job->sw) ||
        !msg_create(&own, job->sw)) {
        MPI_Abort(MPI_COMM_WORLD, 1); /* the protocol cannot go on without buffers */
    }
    for (int d = 0; d < DEPTH; d++) {
        for (int rank = 1; rank < size; rank++) {
            hand_out(&ma, rank); /* NO_RUN too: every worker waits for DEPTH messages */
        }
    }
    for (;;) {
        while (take_result(&ma, false, err)) {
        }
        uint64_t run = next_run(&ma);
        if (run != NO_RUN) {
            compute(job->sw, run, &own);
            ma.st = ma.st == PS_OK ? commit(job, &own, err) : ma.st;
        } else if (ma.outstanding > 0) {
            take_result(&ma, true, err);
        } else {
            break;
        }
    }
    free(ma.in_hand);
    free(ma.msg.buf);
    free(own.buf);
    return ma.st;
}

/* ---- workers ---------------------------------------------------------------------- */

/* Receive the work messages that have come (waiting for one when the queue is empty);
 * *expected counts the messages rank 0 still owes. */
static void receive_work(uint64_t *queue, size_t *n_queue, size_t *expected)
{
    while (*expected > 0) {
        int ready = 1;
        if (*n_queue > 0) {
            MPI_Iprobe(0, TAG_WORK, MPI_COMM_WORLD, &ready, MPI_STATUS_IGNORE);
        }
        if (!ready) {
            return;
        }
        uint64_t run;
        MPI_Recv(&run, 1, MPI_UINT64_T, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        --*expected;
        if (run != NO_RUN) {
            queue[(*n_queue)++] = run;
        }
    }
}

/* Compute the runs rank 0 hands out until it has no more. Each result is answered with
 * one work message (a run or NO_RUN). Results go out from a ring of DEPTH buffers: a
 * send completes only when rank 0 has taken the message, which it does between its
 * own runs, so the worker must not wait for the last send before the next run. */
static ps_status run_worker(const ps_sweep *sw)
{
    uint64_t queue[DEPTH];
    size_t n_queue = 0, expected = DEPTH, next = 0;
    result_msg out[DEPTH] = {{0}};
    MPI_Request sending[DEPTH];
    for (size_t k = 0; k < DEPTH; k++) {
        sending[k] = MPI_REQUEST_NULL;
        if (!msg_create(&out[k], sw)) {
            MPI_Abort(MPI_COMM_WORLD, 1); /* the protocol cannot go on without buffers */
        }
    }
    for (receive_work(queue, &n_queue, &expected); n_queue > 0;
         receive_work(queue, &n_queue, &expected)) {
        uint64_t run = queue[0];
        memmove(queue, queue + 1, --n_queue * sizeof *queue);
        MPI_Wait(&sending[next], MPI_STATUS_IGNORE); /* sent DEPTH runs ago */
        compute(sw, run, &out[next]);
        MPI_Isend(out[next].buf, (int)out[next].size, MPI_BYTE, 0, TAG_RESULT,
                  MPI_COMM_WORLD, &sending[next]);
        next = (next + 1) % DEPTH;
        expected++;
    }
    MPI_Waitall(DEPTH, sending, MPI_STATUSES_IGNORE);
    for (size_t k = 0; k < DEPTH; k++) {
        free(out[k].buf);
    }
    return PS_OK;
}

/* ---- the whole sweep -------------------------------------------------------------- */

/* Whether every rank has st == PS_OK; rank 0 then holds the first failure (its own, or
 * that of the lowest failing rank) in err. */
static ps_status agree(int rank, int size, ps_status st, ps_error *err)
{
    char mine[sizeof err->msg] = "";
    int ok = st == PS_OK, all = 0;
    if (!ok) {
        snprintf(mine, sizeof mine, "%s", err->msg);
    }
    MPI_Allreduce(&ok, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    char *msgs = rank == 0 ? calloc((size_t)size, sizeof mine) : NULL;
    MPI_Gather(mine, sizeof mine, MPI_CHAR, msgs, sizeof mine, MPI_CHAR, 0,
               MPI_COMM_WORLD);
    for (int r = 1; rank == 0 && !all && ok && msgs != NULL && r < size; r++) {
        if (msgs[(size_t)r * sizeof mine] != '\0') {
            st =
                ps_fail(err, PS_EINVAL, "rank %d: %s", r, msgs + (size_t)r * sizeof mine);
            ok = 0;
        }
    }
    free(msgs);
    if (all) {
        return PS_OK;
    }
    return st != PS_OK ? st : ps_fail(err, PS_EINVAL, "another rank failed");
}

/* Every rank loads the sweep itself; a rank that read other files (another digest
 * than rank 0's) or runs another protsim build fails. */
static ps_status load(int rank, const ps_sweep_options *opt, ps_sweep **sw, ps_error *err)
{
    char mine[2][65] = {"", ""}, root[2][65];
    ps_status st = ps_sweep_load_interruptible(opt->sweep, opt->interrupted, sw, err);
    if (st == PS_EIO) {
        err->status = st = PS_EINVAL; /* an unreadable sweep file is bad input */
    }
    if (st == PS_OK) {
        memcpy(mine[0], (*sw)->digest, sizeof mine[0]);
    }
    ps_driver_build_id(mine[1]);
    memcpy(root, mine, sizeof root);
    MPI_Bcast(root, sizeof root, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (st == PS_OK && rank > 0 && strcmp(root[0], mine[0]) != 0) {
        st = ps_fail(err, PS_EINVAL,
                     "read another sweep or base scenario (digest "
                     "%.12s..., rank 0 %.12s...): are the files on a shared file system?",
                     mine[0], root[0]);
    } else if (st == PS_OK && rank > 0 && strcmp(root[1], mine[1]) != 0) {
        st = ps_fail(err, PS_EINVAL,
                     "runs another protsim build (%.12s..., rank 0 "
                     "%.12s...)",
                     mine[1], root[1]);
    }
    return st;
}

static ps_status sweep_ranks(const ps_sweep_options *opt, int rank, int size,
                             ps_error *err)
{
    ps_sweep *sw = NULL;
    ps_sweep_job job;
    ps_status st = agree(rank, size, load(rank, opt, &sw, err), err);
    if (st != PS_OK) {
        ps_sweep_destroy(sw);
        return st;
    }
    st = rank == 0 ? ps_sweep_job_open(&job, opt, sw, err) : PS_OK;
    int ok = st == PS_OK;
    MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        job.workers = size;
        st = ok ? run_master(&job, size, err) : st;
        st = ps_sweep_job_finish(&job, st, err);
    } else {
        st = ok ? run_worker(sw) : PS_EINVAL;
    }
    ps_sweep_destroy(sw);
    return st;
}

ps_status ps_driver_mpi_sweep(const ps_sweep_options *opt, bool *speak, ps_error *err)
{
    int rank = 0, size = 1;
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    *speak = rank == 0;
    ps_sweep_options one = *opt;
    one.threads = opt->threads > 0 ? opt->threads : 1; /* a rank per core */
    ps_status st;
    if (size > 1 && opt->threads > 1) {
        st = ps_fail(err, PS_EINVAL,
                     "--threads %d: under MPI each rank computes one run "
                     "at a time (start one rank per core)",
                     opt->threads);
    } else if (size == 1) {
        st = ps_driver_sweep_alone(&one, err);
    } else {
        st = sweep_ranks(opt, rank, size, err);
    }
    MPI_Finalize();
    return st;
}
