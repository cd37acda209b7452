/* driver_run.c - `protsim run`: scenario -> world -> indicators -> recorder, with
 * progress on a terminal and a summary in words at the end */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_version.h>

#include "clock.h"
#include "driver_replicate.h"
#include "driver_sweep.h"
#include "record_checkpoint.h"

#define PS_NOTABLE_MAX 256 /* policy events kept for the summary */

/* Everything a run holds; the driver owns each piece (the world and the recorder do
 * not own each other). */
typedef struct run {
    ps_scenario *sc;
    ps_world *w;
    ps_indicators *ind;
    ps_recorder *rec;
    char *scenario_text;
    ps_checkpoint *from;  /* --from: the checkpoint file */
    ps_scenario *history; /* --from: its scenario */
    ps_event notable[PS_NOTABLE_MAX];
    size_t n_notable;
    double first_poi, first_legal, first_detention, first_refugees;
} run;

/* What run_loop carries from month to month besides the world and the file, as a
 * checkpoint holds it (/checkpoint/driver): field, type, count. */
#define RUN_CARRIED(X)                                                                   \
    X(first_poi, PS_WORLD_REAL, 1)                                                       \
    X(first_legal, PS_WORLD_REAL, 1)                                                     \
    X(first_detention, PS_WORLD_REAL, 1)                                                 \
    X(first_refugees, PS_WORLD_REAL, 1)                                                  \
    X(n_notable, PS_WORLD_UINT, 1)                                                       \
    X(notable, PS_WORLD_BYTES, PS_NOTABLE_MAX)

#define COUNT_CARRIED(...) +1
enum { N_CARRIED = 0 RUN_CARRIED(COUNT_CARRIED) };
#undef COUNT_CARRIED

static void carried_fields(run *r, ps_world_field f[N_CARRIED])
{
    size_t k = 0;
#define CARRIED_FIELD(field, type, n)                                                    \
    f[k++] =                                                                             \
        (ps_world_field){#field, type, sizeof r->field / (n), (n), (void *)&r->field};
    RUN_CARRIED(CARRIED_FIELD)
#undef CARRIED_FIELD
}

static void run_free(run *r)
{
    ps_recorder_abandon(r->rec);
    ps_indicators_destroy(r->ind);
    ps_world_destroy(r->w);
    ps_checkpoint_close(r->from);
    free(r->history);
    free(r->scenario_text);
    free(r->sc);
}

/* The scenario with the overrides, and the seed asked for. */
static ps_status run_load(run *r, const ps_run_options *opt, ps_error *err)
{
    r->sc = calloc(1, sizeof *r->sc);
    if (r->sc == NULL) {
        return ps_fail(err, PS_ENOMEM, "scenario: cannot allocate");
    }
    ps_status st = ps_driver_load_scenario(opt->scenario, opt->sets, opt->n_sets,
                                           opt->interrupted, r->sc, err);
    if (st == PS_OK && opt->seed != PS_DRIVER_NO_SEED) {
        r->sc->seed = opt->seed; /* the file records the seed actually used */
    }
    return st;
}

/* --checkpoint-at: one of the months of the run from first on, before its last. */
static ps_status check_checkpoint_at(const ps_run_options *opt, const ps_scenario *sc,
                                     ps_month first, ps_error *err)
{
    if (opt->checkpoint_at == 0 ||
        (opt->checkpoint_at >= first && opt->checkpoint_at < sc->end)) {
        return PS_OK;
    }
    char at[16], from[16], end[16];
    ps_month_format(opt->checkpoint_at, at, sizeof at);
    ps_month_format(first, from, sizeof from);
    ps_month_format(sc->end, end, sizeof end);
    return ps_fail(err, PS_EINVAL,
                   "--checkpoint-at %s: the run simulates %s to %s; the checkpoint must "
                   "be at the end of one of those months before the last",
                   at, from, end);
}

/* The indicators and the file of the run's world. */
static ps_status run_record(run *r, const ps_run_options *opt, ps_error *err)
{
    r->scenario_text = ps_scenario_text(r->sc);
    if (r->scenario_text == NULL) {
        return ps_fail(err, PS_ENOMEM, "scenario: cannot format");
    }
    ps_world_set_threads(r->w, opt->threads);
    ps_status st = ps_indicators_create(r->w, &r->ind, err);
    if (st != PS_OK) {
        return st;
    }
    ps_run_meta meta = {.seed = r->sc->seed,
                        .compress = opt->compress,
                        .command_line = opt->command_line,
                        .scenario_text = r->scenario_text};
    ps_record_shape shape = {.n_states = ps_world_n_states(r->w),
                             .n_ngos = ps_world_n_ngos(r->w),
                             .n_steps = ps_world_steps_total(r->w),
                             .ngo_home = ps_world_ngo_home(r->w)};
    return ps_recorder_open(opt->output, opt->force, r->sc, &shape, &meta, &r->rec, err);
}

static ps_status run_open(run *r, const ps_run_options *opt, ps_error *err)
{
    ps_status st = run_load(r, opt, err);
    st = st == PS_OK ? check_checkpoint_at(opt, r->sc, r->sc->start, err) : st;
    st = st == PS_OK ? ps_world_create(r->sc, r->sc->seed, &r->w, err) : st;
    return st == PS_OK ? run_record(r, opt, err) : st;
}

/* ---- checkpoints ----------------------------------------------------------------- */

/* This build in words: what can change a run's arithmetic besides the source. */
static void build_about(char *buf, size_t size)
{
    const ps_build_info *b = ps_build();
    snprintf(buf, size, "protsim %s, source %s, %s build (%s), %s, GSL %s",
             PROTSIM_VERSION, b->revision, b->build_type, b->flags, b->compiler,
             gsl_version);
}

/* /checkpoint: the world now (at the end of opt->checkpoint_at) and what run carries. */
static ps_status write_checkpoint(run *r, const ps_run_options *opt, ps_error *err)
{
    char build[65], about[1024];
    ps_driver_build_id(build);
    build_about(about, sizeof about);
    if (build[0] == '\0') {
        return ps_fail(err, PS_EIO,
                       "--checkpoint-at: cannot read this executable (/proc/self/exe) "
                       "to name its build");
    }
    char *now = ps_scenario_text(ps_world_scenario(r->w));
    if (now == NULL) {
        return ps_fail(err, PS_ENOMEM, "scenario: cannot format");
    }
    ps_world_field carried[N_CARRIED];
    carried_fields(r, carried);
    ps_checkpoint_meta meta = {.month = opt->checkpoint_at,
                               .seed = r->sc->seed,
                               .build = build,
                               .build_about = about,
                               .scenario = r->scenario_text,
                               .scenario_now = now,
                               .carried = carried,
                               .n_carried = N_CARRIED};
    ps_status st = ps_recorder_write_checkpoint(r->rec, r->w, &meta, err);
    free(now);
    return st;
}

/* The checkpoint was made by this build, with the seed asked for (if any). */
static ps_status check_origin(const run *r, const ps_run_options *opt, ps_error *err)
{
    char build[65], about[1024];
    ps_driver_build_id(build);
    build_about(about, sizeof about);
    const ps_checkpoint *cp = r->from;
    if (strcmp(build, ps_checkpoint_build(cp)) != 0 ||
        strcmp(about, ps_checkpoint_build_about(cp)) != 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: the checkpoint was made by another build of protsim (%s; "
                       "executable %.12s), not by this one (%s; executable %.12s): a run "
                       "from it could differ, so go on from it with that build",
                       opt->from, ps_checkpoint_build_about(cp), ps_checkpoint_build(cp),
                       about, build);
    }
    uint64_t seed = ps_checkpoint_seed(cp);
    if (opt->seed != PS_DRIVER_NO_SEED && opt->seed != seed) {
        return ps_fail(err, PS_EINVAL,
                       "--seed %llu: the checkpoint in %s was made with seed %llu, and a "
                       "run from it goes on with that seed (leave --seed out)",
                       (unsigned long long)opt->seed, opt->from,
                       (unsigned long long)seed);
    }
    return PS_OK;
}

/* The history's scenario, and B the same before the month after the checkpoint. */
static ps_status check_history(run *r, const ps_run_options *opt, ps_error *err)
{
    char name[4200];
    snprintf(name, sizeof name, "%s:/checkpoint/scenario", opt->from);
    r->history = calloc(1, sizeof *r->history);
    if (r->history == NULL) {
        return ps_fail(err, PS_ENOMEM, "scenario: cannot allocate");
    }
    ps_status st = ps_scenario_load_string(ps_checkpoint_scenario(r->from), name, NULL,
                                           NULL, 0, r->history, err);
    ps_month fork = ps_checkpoint_month(r->from) + 1;
    st = st == PS_OK ? ps_driver_check_fork(r->history, opt->from, r->sc, opt->scenario,
                                            fork, err)
                     : st;
    return st == PS_OK ? check_checkpoint_at(opt, r->sc, fork, err) : st;
}

/* The world of the checkpoint under B's scenario from the month after it. */
static ps_status restore_world(run *r, const ps_run_options *opt, ps_error *err)
{
    ps_month fork = ps_checkpoint_month(r->from) + 1;
    ps_status st = ps_world_create_blank(r->history, &r->w, err);
    st = st == PS_OK ? ps_checkpoint_read_world(r->from, r->w, err) : st;
    if (st == PS_OK && ps_world_month(r->w) != fork) {
        char at[16], next[16];
        ps_month_format(ps_world_month(r->w), at, sizeof at);
        ps_month_format(fork, next, sizeof next);
        return ps_fail(err, PS_EINVAL,
                       "%s: /checkpoint/world is at %s, not at %s, the month after the "
                       "checkpoint's",
                       opt->from, at, next);
    }
    if (st == PS_OK) {
        ps_world_adopt(r->w, r->sc);
    }
    return st;
}

/* The carried values of the checkpoint: notable events of this world only. */
static ps_status restore_carried(run *r, const ps_run_options *opt, ps_error *err)
{
    ps_world_field carried[N_CARRIED];
    carried_fields(r, carried);
    ps_status st = ps_checkpoint_read_carried(r->from, carried, N_CARRIED, err);
    bool fits = r->n_notable <= PS_NOTABLE_MAX;
    for (size_t k = 0; st == PS_OK && fits && k < r->n_notable; k++) {
        const ps_event *ev = &r->notable[k];
        fits = (unsigned)ev->type < PS_N_EVENT_TYPES && ev->state >= 0 &&
               ev->state < (long)r->sc->n_states;
    }
    if (st == PS_OK && !fits) {
        r->n_notable = 0;
        return ps_fail(err, PS_EINVAL,
                       "%s: /checkpoint/driver: n_notable and notable are not events of "
                       "this world",
                       opt->from);
    }
    return st;
}

/* The history's rows, steps 0 .. the checkpoint's, into the new file. */
static ps_status copy_history(run *r, const ps_run_options *opt, ps_error *err)
{
    ps_status st =
        ps_checkpoint_rows_open(r->from, r->history, ps_world_n_ngos(r->w), err);
    size_t steps = ps_world_steps_done(r->w);
    for (size_t t = 0; t < steps && st == PS_OK; t++) {
        if (opt->interrupted != NULL && *opt->interrupted) {
            return ps_fail(err, PS_EINTR,
                           "interrupted at step %zu of %zu; nothing written to %s", t,
                           ps_world_steps_total(r->w), opt->output);
        }
        const ps_event *events = NULL;
        size_t n_events = 0;
        st = ps_checkpoint_row(r->from, t, r->ind, &events, &n_events, err);
        st = st == PS_OK ? ps_recorder_write(r->rec, r->ind, events, n_events, err) : st;
    }
    return st;
}

/* --from: B's scenario, the checkpoint checked and restored, the history copied. */
static ps_status run_from(run *r, const ps_run_options *opt, ps_error *err)
{
    ps_status st = run_load(r, opt, err);
    st = st == PS_OK ? ps_checkpoint_open(opt->from, &r->from, err) : st;
    st = st == PS_OK ? check_origin(r, opt, err) : st;
    if (st != PS_OK) {
        return st;
    }
    r->sc->seed = ps_checkpoint_seed(r->from);
    st = check_history(r, opt, err);
    st = st == PS_OK ? restore_world(r, opt, err) : st;
    st = st == PS_OK ? run_record(r, opt, err) : st;
    st = st == PS_OK ? copy_history(r, opt, err) : st;
    return st == PS_OK ? restore_carried(r, opt, err) : st;
}

static bool is_notable(ps_event_type type)
{
    return type <= PS_EV_HANDOVER;
}

static void keep_notable(run *r)
{
    size_t n;
    const ps_event *ev = ps_world_events(r->w, &n);
    for (size_t k = 0; k < n && r->n_notable < PS_NOTABLE_MAX; k++) {
        if (is_notable(ev[k].type)) {
            r->notable[r->n_notable++] = ev[k];
        }
    }
}

static void progress(const run *r, double started, bool done)
{
    size_t t = ps_world_steps_done(r->w), total = ps_world_steps_total(r->w);
    double elapsed = ps_clock_seconds() - started;
    double rate = elapsed > 0.0 ? (double)t / elapsed : 0.0;
    double left = rate > 0.0 ? (double)(total - t) / rate : 0.0;
    fprintf(stderr, "\r  step %zu/%zu  %.0f steps/s  %.1f s left   %s", t, total, rate,
            left, done ? "\n" : "");
    fflush(stderr);
}

static ps_status run_loop(run *r, const ps_run_options *opt, ps_error *err)
{
    bool show = !opt->quiet && isatty(STDERR_FILENO);
    double started = ps_clock_seconds(), shown = started;
    while (ps_world_steps_done(r->w) < ps_world_steps_total(r->w)) {
        if (opt->interrupted != NULL && *opt->interrupted) {
            return ps_fail(
                err, PS_EINTR, "interrupted at step %zu of %zu; nothing written to %s",
                ps_world_steps_done(r->w), ps_world_steps_total(r->w), opt->output);
        }
        ps_status st = ps_world_step(r->w, err);
        if (st == PS_OK) {
            ps_indicators_compute(r->w, r->ind);
            size_t n_events = 0;
            const ps_event *events = ps_world_events(r->w, &n_events);
            st = ps_recorder_write(r->rec, r->ind, events, n_events, err);
        }
        if (st != PS_OK) {
            return st;
        }
        if (ps_world_steps_done(r->w) == 12) { /* the first year: 12-month rates full */
            r->first_poi = r->ind->region_poi;
            r->first_legal = r->ind->region_legal_status_share;
            r->first_detention = r->ind->region_detention_incidence;
            r->first_refugees = r->ind->region_refugees;
        }
        keep_notable(r);
        if (opt->checkpoint_at != 0 && ps_world_month(r->w) == opt->checkpoint_at + 1) {
            st = write_checkpoint(r, opt, err);
            if (st != PS_OK) {
                return st;
            }
        }
        if (show && ps_clock_seconds() - shown > 0.2) {
            progress(r, started, false);
            shown = ps_clock_seconds();
        }
    }
    if (show) {
        progress(r, started, true);
    }
    return PS_OK;
}

static void print_state_table(const run *r)
{
    const ps_indicators *ind = r->ind;
    printf("\n%-22s %10s %9s %9s %9s %9s %8s %4s %3s %5s\n", "state", "present",
           "pending", "mandate", "protected", "detained", "legal", "R", "L", "POI");
    for (size_t i = 0; i < ind->n_states; i++) {
        const double *c = &ind->count[i * PS_N_RSTATUS];
        double present = 0.0;
        for (int k = 0; k < PS_N_PRESENT; k++) {
            present += c[k];
        }
        printf("%-22.22s %10.0f %9.0f %9.0f %9.0f %9.0f %7.1f%% %4s %3.0f %5.2f\n",
               r->sc->states[i].name, present, c[PS_RS_PENDING], c[PS_RS_MANDATE],
               c[PS_RS_PROTECTED], c[PS_RS_DETAINED], 100.0 * ind->legal_status_share[i],
               ind->ratified[i] > 0 ? "yes" : "no", ind->law_level[i], ind->poi[i]);
    }
}

static void print_exits(const run *r)
{
    double exits[4] = {0};
    for (size_t i = 0; i < r->ind->n_states; i++) {
        for (int k = 0; k < 4; k++) {
            exits[k] += r->ind->count[i * PS_N_RSTATUS + PS_N_PRESENT + k];
        }
    }
    printf("\nExits over the run: %.0f resettled, %.0f returned, %.0f integrated, "
           "%.0f refouled.\n",
           exits[0], exits[1], exits[2], exits[3]);
}

static void print_events(const run *r)
{
    size_t n[PS_N_EVENT_TYPES] = {0};
    for (size_t k = 0; k < r->n_notable; k++) {
        n[r->notable[k].type]++;
    }
    printf("Policy: %zu ratification(s), %zu administrative step(s), %zu regulation(s), "
           "%zu statute(s), %zu bill(s) introduced, %zu lapsed, %zu RSD handover(s).\n",
           n[PS_EV_RATIFICATION], n[PS_EV_ADMIN_STEP], n[PS_EV_REGULATION],
           n[PS_EV_STATUTE], n[PS_EV_BILL], n[PS_EV_BILL_LAPSE], n[PS_EV_HANDOVER]);
    for (size_t k = 0; k < r->n_notable && k < 24; k++) {
        char date[16];
        ps_month_format(r->notable[k].date, date, sizeof date);
        printf("  %s  %-14s %s\n", date, ps_event_type_name(r->notable[k].type),
               r->sc->states[r->notable[k].state].name);
    }
    if (r->n_notable > 24) {
        printf("  ... %zu more in /events\n", r->n_notable - 24);
    }
}

static void print_summary(const run *r, const ps_run_options *opt, double seconds)
{
    const ps_indicators *ind = r->ind;
    char start[16], end[16];
    ps_month_format(r->sc->start, start, sizeof start);
    ps_month_format(r->sc->end, end, sizeof end);
    printf("%s: seed %llu, %s to %s (%zu months), %zu states, %zu NGOs\n", r->sc->name,
           (unsigned long long)r->sc->seed, start, end, ps_world_steps_total(r->w),
           ind->n_states, ind->n_ngos);
    printf("Wrote %s in %.2f s.\n", opt->output, seconds);
    print_state_table(r);
    print_exits(r);
    print_events(r);
    printf("Region: %.0f refugees (%.0f after the first year); protection index %.3f "
           "(%.3f); legal-status share %.1f%% (%.1f%%); detention %.2f%% (%.2f%%).\n",
           ind->region_refugees, r->first_refugees, ind->region_poi, r->first_poi,
           100.0 * ind->region_legal_status_share, 100.0 * r->first_legal,
           100.0 * ind->region_detention_incidence, 100.0 * r->first_detention);
    printf("Network: %.0f members, %.0f NGO exits; UNHCR ratification emphasis %.2f.\n",
           ind->members, ind->exits, ind->ratification_emphasis);
}

ps_status ps_driver_run(const ps_run_options *opt, ps_error *err)
{
    const char *single = opt->from != NULL ? "--from" : "--checkpoint-at";
    const char *many = opt->parameters != NULL ? "--parameters" : "--replicates";
    if ((opt->from != NULL || opt->checkpoint_at != 0) &&
        (opt->parameters != NULL || opt->replicates > 0)) {
        return ps_fail(err, PS_EINVAL, "%s: not with %s (see protsim run --help)", single,
                       many);
    }
    if (opt->parameters != NULL) {
        return ps_driver_run_parameters(opt, err); /* driver_ensemble.c */
    }
    if (opt->points > 0) {
        return ps_fail(err, PS_EINVAL,
                       "--points: only with --parameters (see protsim run --help)");
    }
    if (opt->replicates > 0) {
        return ps_driver_run_replicates(opt, err); /* driver_replicate.c */
    }
    run r = {0};
    double started = ps_clock_seconds();
    ps_status st = opt->from != NULL ? run_from(&r, opt, err) : run_open(&r, opt, err);
    if (st == PS_OK) {
        st = run_loop(&r, opt, err);
    }
    if (st == PS_OK) {
        st = ps_recorder_close(r.rec, err);
        r.rec = NULL; /* closed, even on failure */
    }
    if (st == PS_OK && !opt->quiet) {
        print_summary(&r, opt, ps_clock_seconds() - started);
    }
    run_free(&r);
    return st;
}
