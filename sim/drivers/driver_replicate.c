/* driver_replicate.c - replicates in parallel (OpenMP over replicates, one thread per
 * world), their series kept in memory per batch and written in replicate order, because
 * HDF5 is not thread-safe; and `protsim run --replicates` */
#define _POSIX_C_SOURCE 200809L
#include "driver_replicate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "clock.h"
#include "driver.h"
#include "record_impl.h"
#include "rng.h"
#include "stats.h"

/* One run's series in memory: its indicators after every step and its events. */
typedef struct history {
    size_t n_steps;
    ps_indicators **ind; /* owned: [n_steps] */
    size_t *n_events;    /* owned: [n_steps] events of each step */
    ps_event *events;    /* owned: [cap] the run's events, step after step */
    size_t used, cap;
} history;

/* What a batch holds: a slot per run (scenario s of replicate r0 + k / n_scenarios for
 * slot k); histories only when a file is written. Slots keep their scenario from batch
 * to batch, so histories are created once and reused. */
typedef struct batch {
    size_t n_slots;
    history *hist;  /* owned: [n_slots], or NULL without a file */
    ps_status *st;  /* owned: [n_slots] */
    ps_error *errs; /* owned: [n_slots] */
} batch;

int ps_driver_threads(int threads)
{
#ifdef _OPENMP
    return threads > 0 ? threads : omp_get_max_threads();
#else
    (void)threads;
    return 1;
#endif
}

void ps_driver_format_number(double x, char *buf, size_t size)
{
    bool large = isfinite(x) && fabs(x) >= 1e4 && fabs(x) < 1e12;
    snprintf(buf, size, large ? "%.0f" : "%.4g", x);
}

/* ---- histories ------------------------------------------------------------------- */

static void history_free(history *h)
{
    for (size_t t = 0; h->ind != NULL && t < h->n_steps; t++) {
        ps_indicators_destroy(h->ind[t]);
    }
    free(h->ind);
    free(h->n_events);
    free(h->events);
    memset(h, 0, sizeof *h);
}

/* Indicators for every step of w's scenario. */
static ps_status history_alloc(history *h, const ps_world *w, ps_error *err)
{
    h->n_steps = ps_world_steps_total(w);
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, as meant */
    h->ind = calloc(h->n_steps, sizeof *h->ind);
    h->n_events = calloc(h->n_steps, sizeof *h->n_events);
    if (h->ind == NULL || h->n_events == NULL) {
        return ps_fail(err, PS_ENOMEM, "replicates: cannot allocate %zu steps",
                       h->n_steps);
    }
    ps_status st = PS_OK;
    for (size_t t = 0; t < h->n_steps && st == PS_OK; t++) {
        st = ps_indicators_create(w, &h->ind[t], err);
    }
    return st;
}

/* Keep events[n] as step t's (steps are kept in order). */
static ps_status history_append(history *h, size_t t, const ps_event *ev, size_t n,
                                ps_error *err)
{
    if (h->used + n > h->cap) {
        size_t cap = 2 * (h->used + n) + 64;
        ps_event *grown = realloc(h->events, cap * sizeof *grown);
        if (grown == NULL) {
            return ps_fail(err, PS_ENOMEM, "replicates: cannot keep %zu events", cap);
        }
        h->events = grown;
        h->cap = cap;
    }
    if (n > 0) {
        memcpy(h->events + h->used, ev, n * sizeof *ev);
    }
    h->used += n;
    h->n_events[t] = n;
    return PS_OK;
}

/* Keep the events of the step just made as step t's. */
static ps_status history_events(history *h, size_t t, const ps_world *w, ps_error *err)
{
    size_t n;
    const ps_event *ev = ps_world_events(w, &n);
    return history_append(h, t, ev, n, err);
}

static ps_status history_write(ps_recorder *rec, size_t s, size_t r, const history *h,
                               ps_error *err)
{
    ps_status st = PS_OK;
    size_t first = 0;
    for (size_t t = 0; t < h->n_steps && st == PS_OK; t++) {
        const ps_event *ev = h->n_events[t] > 0 ? h->events + first : NULL;
        st = ps_recorder_write_run_step(rec, s, r, h->ind[t], ev, h->n_events[t], err);
        first += h->n_events[t];
    }
    return st;
}

/* ---- one run --------------------------------------------------------------------- */

/* What a run measures at its horizon: the region's metrics, and each state's when
 * per_state is set (with the totals of events it needs, [2 * n_states]); and over the
 * whole run, its targets when ob is set. */
typedef struct measures {
    double *metrics;   /* [PS_N_METRICS] */
    double *per_state; /* NULL, or [n_states * PS_N_METRICS] */
    double *totals;    /* owned with per_state: framework steps, then accessions */
    size_t n_states;
    ps_target_observer *ob; /* owned, or NULL */
    double *targets;        /* with ob: [targets->n] */
} measures;

static void measure(const measures *out, const ps_indicators *ind,
                    const ps_summary_state *acc)
{
    ps_summary_metrics(ind, acc, out->metrics);
    for (size_t i = 0; out->per_state != NULL && i < out->n_states; i++) {
        ps_summary_state_metrics(ind, out->totals, out->totals + out->n_states, i,
                                 out->per_state + i * PS_N_METRICS);
    }
}

/* One run in progress: its world, and what it keeps and measures from month to month.
 * A fork copies all of it (arm_copy), so whatever a run carries lives here. */
typedef struct arm {
    size_t s;               /* its scenario */
    ps_world *w;            /* owned */
    history *h;             /* borrowed: every step's indicators and events; or NULL */
    ps_indicators *scratch; /* owned, without h */
    measures out;           /* out.totals owned */
    ps_summary_state acc;
} arm;

static void arm_free(arm *a)
{
    free(a->out.totals);
    ps_target_observer_destroy(a->out.ob);
    ps_indicators_destroy(a->scratch);
    ps_world_destroy(a->w);
}

/* Scenario s of replicate r on world w (owned by the arm from now on). */
static ps_status arm_open(const ps_replicate_job *job, size_t s, size_t r, ps_world *w,
                          history *h, double *metrics, arm *a, ps_error *err)
{
    size_t row = (s * job->n_replicates + r) * job->n_states;
    *a = (arm){.s = s, .w = w, .h = h};
    a->out = (measures){.metrics = metrics, .n_states = job->n_states};
    if (job->state_metrics != NULL) {
        a->out.per_state = job->state_metrics + row * PS_N_METRICS;
        a->out.totals = calloc(2 * job->n_states + 1, sizeof *a->out.totals);
        if (a->out.totals == NULL) {
            return ps_fail(err, PS_ENOMEM, "replicates: cannot allocate");
        }
    }
    ps_status st = PS_OK;
    if (job->targets != NULL) {
        a->out.targets =
            job->target_values + (s * job->n_replicates + r) * job->targets->n;
        st = ps_target_observer_create(job->targets, job->sc[s], &a->out.ob, err);
    }
    if (st == PS_OK && h != NULL && h->ind == NULL) {
        st = history_alloc(h, w, err);
    }
    if (st == PS_OK && h == NULL) {
        st = ps_indicators_create(w, &a->scratch, err);
    }
    if (h != NULL) {
        h->used = 0;
    }
    ps_world_set_threads(w, 1); /* the threads go to replicates */
    return st;
}

/* Step the arm's world until end steps are done; the metrics at the horizon go to
 * out, every step's indicators and events to h when it is set (else scratch serves). */
static ps_status step_until(const ps_replicate_job *job, arm *a, size_t end,
                            ps_error *err)
{
    ps_month first = job->sc[a->s]->start;
    for (size_t t = ps_world_steps_done(a->w); t < end; t++) {
        if (job->interrupted != NULL && *job->interrupted) {
            return ps_fail(err, PS_EINTR, "interrupted");
        }
        ps_status st = ps_world_step(a->w, err);
        ps_indicators *ind = a->h != NULL ? a->h->ind[t] : a->scratch;
        bool at_horizon = first + (ps_month)t == job->horizon[a->s];
        if (st == PS_OK && a->h != NULL) {
            ps_indicators_compute(a->w, ind);
            st = history_events(a->h, t, a->w, err);
        }
        if (st != PS_OK) {
            return st;
        }
        if (a->out.ob != NULL) {
            size_t n_events;
            const ps_event *events = ps_world_events(a->w, &n_events);
            if (a->h == NULL) {
                ps_indicators_compute(a->w, ind);
            }
            ps_target_observer_step(a->out.ob, ind, events, n_events);
        }
        ps_summary_observe(a->w, &a->acc);
        if (a->out.per_state != NULL) {
            ps_summary_observe_states(a->w, a->out.totals,
                                      a->out.totals + a->out.n_states);
        }
        if (at_horizon) {
            if (a->h == NULL && a->out.ob == NULL) {
                ps_indicators_compute(a->w, ind);
            }
            measure(&a->out, ind, &a->acc);
        }
    }
    if (a->out.ob != NULL && ps_world_steps_done(a->w) == ps_world_steps_total(a->w)) {
        ps_target_observer_values(a->out.ob, a->out.targets);
    }
    return PS_OK;
}

/* Replicate r of scenario s, on this thread only. */
static ps_status run_one(const ps_replicate_job *job, size_t s, size_t r, history *h,
                         double *metrics, ps_error *err)
{
    ps_world *w = NULL;
    arm a = {0};
    ps_status st = ps_world_create(job->sc[s], ps_rng_derive_seed(job->seed, r), &w, err);
    if (st == PS_OK) {
        st = arm_open(job, s, r, w, h, metrics, &a, err);
    }
    if (st == PS_OK) {
        st = step_until(job, &a, ps_world_steps_total(w), err);
    }
    if (a.w == NULL) {
        ps_world_destroy(w);
    }
    arm_free(&a);
    return st;
}

/* What `from` carries after its first t steps goes to `to` (opened on a clone of its
 * world): the running totals, what was measured, and the kept steps. */
static ps_status arm_copy(const arm *from, arm *to, size_t t, ps_error *err)
{
    if (from->out.ob != NULL) { /* an observer's running state is not copied */
        return ps_fail(err, PS_EINVAL,
                       "replicates: targets are not measured with a fork");
    }
    to->acc = from->acc;
    memcpy(to->out.metrics, from->out.metrics, PS_N_METRICS * sizeof *to->out.metrics);
    if (to->out.per_state != NULL) {
        size_t n = to->out.n_states;
        memcpy(to->out.per_state, from->out.per_state,
               n * PS_N_METRICS * sizeof *to->out.per_state);
        memcpy(to->out.totals, from->out.totals, 2 * n * sizeof *to->out.totals);
    }
    if (to->h == NULL) {
        return PS_OK;
    }
    for (size_t k = 0; k < t; k++) {
        ps_indicators_copy(to->h->ind[k], from->h->ind[k]);
    }
    size_t first = 0;
    for (size_t k = 0; k < t; k++) { /* the events of every step, through the same door */
        ps_status st =
            history_append(to->h, k, from->h->events + first, from->h->n_events[k], err);
        if (st != PS_OK) {
            return st;
        }
        first += from->h->n_events[k];
    }
    return PS_OK;
}

/* Replicate r of both scenarios from one history (--fork): A's world runs to the
 * month before job->fork, B's is a clone of it under B's scenario from then on, and
 * each runs on to its end. The same numbers as two runs from the start (the scenarios
 * agree before the fork: ps_scenario_differs). */
static ps_status run_forked(const ps_replicate_job *job, size_t r, history *h[2],
                            double *metrics[2], ps_error *err)
{
    ps_world *w[2] = {NULL, NULL};
    arm a[2] = {{0}, {0}};
    size_t shared = (size_t)(job->fork - job->sc[0]->start);
    ps_status st =
        ps_world_create(job->sc[0], ps_rng_derive_seed(job->seed, r), &w[0], err);
    if (st == PS_OK) {
        st = arm_open(job, 0, r, w[0], h[0], metrics[0], &a[0], err);
    }
    if (st == PS_OK) {
        st = step_until(job, &a[0], shared, err);
    }
    if (st == PS_OK) {
        st = ps_world_clone(a[0].w, &w[1], err);
    }
    if (st == PS_OK) {
        ps_world_adopt(w[1], job->sc[1]);
        st = arm_open(job, 1, r, w[1], h[1], metrics[1], &a[1], err);
    }
    st = st == PS_OK ? arm_copy(&a[0], &a[1], shared, err) : st;
    for (size_t s = 0; s < 2 && st == PS_OK; s++) {
        st = step_until(job, &a[s], ps_world_steps_total(a[s].w), err);
    }
    for (size_t s = 0; s < 2; s++) {
        if (a[s].w == NULL) {
            ps_world_destroy(w[s]);
        }
        arm_free(&a[s]);
    }
    return st;
}

/* ---- batches --------------------------------------------------------------------- */

static void batch_free(batch *b)
{
    for (size_t k = 0; b->hist != NULL && k < b->n_slots; k++) {
        history_free(&b->hist[k]);
    }
    free(b->hist);
    free(b->st);
    free(b->errs);
}

static ps_status batch_alloc(batch *b, size_t n_slots, bool keep, ps_error *err)
{
    b->n_slots = n_slots;
    b->hist = keep ? calloc(n_slots, sizeof *b->hist) : NULL;
    b->st = calloc(n_slots, sizeof *b->st);
    b->errs = calloc(n_slots, sizeof *b->errs);
    if ((keep && b->hist == NULL) || b->st == NULL || b->errs == NULL) {
        return ps_fail(err, PS_ENOMEM, "replicates: cannot allocate %zu runs", n_slots);
    }
    return PS_OK;
}

/* Replicates done of all, the rate and the time left, on one line of stderr. */
static void progress(size_t done, size_t total, double started)
{
    double elapsed = ps_clock_seconds() - started;
    double rate = elapsed > 0.0 ? (double)done / elapsed : 0.0;
    double left = rate > 0.0 ? (double)(total - done) / rate : 0.0;
    fprintf(stderr, "\r  run %zu/%zu  %.2f runs/s  %.0f s left   %s", done, total, rate,
            left, done == total ? "\n" : "");
    fflush(stderr);
}

/* Replicate r of both scenarios from one history (job->fork) into slots k0, k0 + 1. */
static void run_fork_slots(const ps_replicate_job *job, batch *b, size_t k0, size_t r,
                           double *metrics)
{
    history *h[2] = {NULL, NULL};
    double *m[2];
    for (size_t s = 0; s < 2; s++) {
        h[s] = b->hist != NULL ? &b->hist[k0 + s] : NULL;
        m[s] = &metrics[(s * job->n_replicates + r) * PS_N_METRICS];
    }
    b->st[k0 + 1] = PS_OK;
    b->st[k0] = run_forked(job, r, h, m, &b->errs[k0]);
}

/* Runs of replicates r0 .. r0 + n - 1 in parallel, one run (or, with a fork, one
 * replicate) per task; returns the first failure in slot order. */
static ps_status batch_run(const ps_replicate_job *job, batch *b, size_t r0, size_t n,
                           double *metrics, size_t *done, double started, ps_error *err)
{
    size_t n_s = job->n_scenarios, all = job->n_replicates * n_s;
    size_t per_task = job->fork != 0 ? n_s : 1, n_tasks = n * n_s / per_task;
#pragma omp parallel for schedule(dynamic, 1) num_threads(ps_driver_threads(job->threads))
    for (size_t k = 0; k < n_tasks; k++) {
        size_t k0 = k * per_task;
        if (per_task == 1) {
            size_t s = k0 % n_s, r = r0 + k0 / n_s;
            history *h = b->hist != NULL ? &b->hist[k0] : NULL;
            double *m = &metrics[(s * job->n_replicates + r) * PS_N_METRICS];
            b->st[k0] = run_one(job, s, r, h, m, &b->errs[k0]);
        } else {
            run_fork_slots(job, b, k0, r0 + k0 / n_s, metrics);
        }
#pragma omp critical(ps_replicate_progress)
        {
            *done += per_task;
            if (job->progress) {
                progress(*done, all, started);
            }
        }
    }
    for (size_t k = 0; k < n * n_s; k++) {
        if (b->st[k] != PS_OK) {
            *err = b->errs[k];
            return b->st[k];
        }
    }
    return PS_OK;
}

static ps_status batch_write(const ps_replicate_job *job, const batch *b, size_t r0,
                             size_t n, ps_error *err)
{
    ps_status st = PS_OK;
    size_t n_s = job->n_scenarios;
    for (size_t k = 0; k < n * n_s && st == PS_OK; k++) {
        st = history_write(job->rec, k % n_s, job->first_run + r0 + k / n_s, &b->hist[k],
                           err);
    }
    return st;
}

ps_status ps_driver_replicates(const ps_replicate_job *job, double *metrics,
                               ps_error *err)
{
    size_t n_s = job->n_scenarios, n_r = job->n_replicates;
    size_t threads = (size_t)ps_driver_threads(job->threads);
    size_t per_task = job->fork != 0 ? n_s : 1; /* runs per parallel task */
    size_t per_batch = job->rec == NULL ? n_r : (threads * per_task + n_s - 1) / n_s;
    per_batch = per_batch < n_r ? per_batch : n_r;
    for (size_t k = 0; k < n_s * n_r * PS_N_METRICS; k++) {
        metrics[k] = NAN;
    }
    for (size_t k = 0;
         job->state_metrics != NULL && k < n_s * n_r * job->n_states * PS_N_METRICS;
         k++) {
        job->state_metrics[k] = NAN;
    }
    batch b = {0};
    ps_status st = batch_alloc(&b, per_batch * n_s, job->rec != NULL, err);
    size_t done = 0;
    double started = ps_clock_seconds();
    for (size_t r0 = 0; r0 < n_r && st == PS_OK; r0 += per_batch) {
        size_t n = n_r - r0 < per_batch ? n_r - r0 : per_batch;
        st = batch_run(job, &b, r0, n, metrics, &done, started, err);
        if (st == PS_OK && job->rec != NULL) {
            st = batch_write(job, &b, r0, n, err);
        }
    }
    batch_free(&b);
    return st;
}

/* ---- protsim run --replicates ---------------------------------------------------- */

/* Everything `run --replicates` holds; the driver owns each piece. */
typedef struct reps {
    ps_scenario *sc;
    char *scenario_text;
    uint64_t *seeds; /* [n] */
    double *metrics; /* [n * PS_N_METRICS] */
    double *values;  /* [n] one metric's values, sorted for the summary */
    ps_recorder *rec;
} reps;

static void reps_free(reps *x)
{
    ps_recorder_abandon(x->rec);
    free(x->metrics);
    free(x->values);
    free(x->seeds);
    free(x->scenario_text);
    free(x->sc);
}

/* The file: one layout at the root with a replicate axis; sizes from a world of the
 * first replicate's seed (NGO homes do not depend on the seed). */
static ps_status reps_open(reps *x, const ps_run_options *opt, ps_error *err)
{
    ps_world *w = NULL;
    ps_status st = ps_world_create(x->sc, x->seeds[0], &w, err);
    if (st != PS_OK) {
        return st;
    }
    ps_record_shape shape = {.n_states = ps_world_n_states(w),
                             .n_ngos = ps_world_n_ngos(w),
                             .n_steps = ps_world_steps_total(w),
                             .ngo_home = ps_world_ngo_home(w),
                             .n_runs = opt->replicates,
                             .run_seeds = x->seeds};
    ps_run_meta meta = {.seed = x->sc->seed,
                        .compress = opt->compress,
                        .command_line = opt->command_line,
                        .scenario_text = x->scenario_text};
    st = ps_recorder_open(opt->output, opt->force, x->sc, &shape, &meta, &x->rec, err);
    ps_world_destroy(w);
    return st;
}

static ps_status reps_load(reps *x, const ps_run_options *opt, ps_error *err)
{
    size_t n = opt->replicates;
    x->sc = calloc(1, sizeof *x->sc);
    x->seeds = calloc(n, sizeof *x->seeds);
    x->metrics = calloc(n * PS_N_METRICS, sizeof *x->metrics);
    x->values = calloc(n, sizeof *x->values);
    if (x->sc == NULL || x->seeds == NULL || x->metrics == NULL || x->values == NULL) {
        return ps_fail(err, PS_ENOMEM, "replicates: cannot allocate %zu", n);
    }
    ps_status st = ps_driver_load_scenario(opt->scenario, opt->sets, opt->n_sets,
                                           opt->interrupted, x->sc, err);
    if (st != PS_OK) {
        return st;
    }
    if (opt->seed != PS_DRIVER_NO_SEED) {
        x->sc->seed = opt->seed;
    }
    for (size_t r = 0; r < n; r++) {
        x->seeds[r] = ps_rng_derive_seed(x->sc->seed, r);
    }
    x->scenario_text = ps_scenario_text(x->sc);
    return x->scenario_text != NULL ? PS_OK
                                    : ps_fail(err, PS_ENOMEM, "scenario: cannot format");
}

void ps_driver_print_spread(const double *metrics, size_t n, double *scratch, FILE *out)
{
    fprintf(out, "%-20s %-8s %11s %11s %11s %11s\n", "metric", "units", "mean", "5%",
            "median", "95%");
    for (int m = 0; m < PS_N_METRICS; m++) {
        size_t k = 0;
        for (size_t r = 0; r < n; r++) {
            double value = metrics[r * PS_N_METRICS + (size_t)m];
            scratch[k] = value;
            k += isfinite(value);
        }
        ps_stats_sort(scratch, k);
        double q[4] = {ps_stats_mean(scratch, k), ps_stats_quantile(scratch, k, 0.05),
                       ps_stats_quantile(scratch, k, 0.5),
                       ps_stats_quantile(scratch, k, 0.95)};
        char text[4][32];
        for (int j = 0; j < 4; j++) {
            ps_driver_format_number(q[j], text[j], sizeof text[j]);
        }
        fprintf(out, "%-20s %-8s %11s %11s %11s %11s\n", ps_metric_name((ps_metric)m),
                ps_metric_unit((ps_metric)m), text[0], text[1], text[2], text[3]);
    }
}

/* "poi  1  0.412  0.398  0.415  0.431": each metric over the replicates at the end. */
static void print_spread(const reps *x, const ps_run_options *opt, double seconds)
{
    char start[16], end[16];
    ps_month_format(x->sc->start, start, sizeof start);
    ps_month_format(x->sc->end, end, sizeof end);
    printf("%s: %zu replicates of seed %llu, %s to %s\n", x->sc->name, opt->replicates,
           (unsigned long long)x->sc->seed, start, end);
    printf("Wrote %s in %.2f s.\n\nAt %s, over the replicates:\n", opt->output, seconds,
           end);
    ps_driver_print_spread(x->metrics, opt->replicates, x->values, stdout);
}

ps_status ps_driver_run_replicates(const ps_run_options *opt, ps_error *err)
{
    reps x = {0};
    double started = ps_clock_seconds();
    ps_status st = reps_load(&x, opt, err);
    if (st == PS_OK) {
        st = reps_open(&x, opt, err);
    }
    if (st == PS_OK) {
        ps_replicate_job job = {.sc = {x.sc},
                                .n_scenarios = 1,
                                .n_replicates = opt->replicates,
                                .seed = x.sc->seed,
                                .horizon = {x.sc->end},
                                .threads = opt->threads,
                                .rec = x.rec,
                                .progress = !opt->quiet && isatty(STDERR_FILENO),
                                .interrupted = opt->interrupted};
        st = ps_driver_replicates(&job, x.metrics, err);
    }
    if (st == PS_EINTR) {
        ps_fail(err, st, "interrupted; nothing written to %s", opt->output);
    }
    if (st == PS_OK) {
        st = ps_recorder_close(x.rec, err);
        x.rec = NULL; /* closed, even on failure */
    }
    if (st == PS_OK && !opt->quiet) {
        print_spread(&x, opt, ps_clock_seconds() - started);
    }
    reps_free(&x);
    return st;
}
