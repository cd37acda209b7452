/* driver_compare.c - `protsim compare A B`: paired replicates on common random numbers
 * (replicate r of A and of B share a seed), the table of differences at the horizon
 * (statistics in stats.c), and the compare file (docs/output.md) */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "compare_table.h"
#include "driver_replicate.h"
#include "record_impl.h"
#include "rng.h"

#define LEVEL 0.95 /* of every confidence interval */

/* Everything a comparison holds; the driver owns each piece. */
typedef struct comparison {
    ps_scenario *sc[2];
    char *text[2];         /* the resolved scenarios */
    uint64_t seed;         /* replicate r runs with ps_rng_derive_seed(seed, r) */
    uint64_t *seeds;       /* [n] */
    int horizon;           /* year; metrics at the end of its December */
    double *metrics;       /* [2 * n * PS_N_METRICS]: A's replicates, then B's */
    size_t n_states;       /* --by-state: of both scenarios; else 0 */
    double *state_metrics; /* --by-state: [2 * n * n_states * PS_N_METRICS] */
    ps_compare_stats *cs;
    ps_recorder *rec;
    ps_record_keep keep; /* what the file keeps of the series */
} comparison;

/* ---- scenarios, seeds and the horizon -------------------------------------------- */

/* The year whose December the metrics are taken at: asked, when both scenarios
 * simulate that month; by default the last calendar year both simulate whole. */
static ps_status pick_horizon(comparison *c, uint64_t asked, ps_error *err)
{
    const ps_scenario *const sc[2] = {c->sc[0], c->sc[1]};
    return ps_driver_compare_horizon(sc, asked, &c->horizon, err);
}

static ps_status cmp_alloc(comparison *c, size_t n, ps_error *err)
{
    for (int s = 0; s < 2; s++) {
        c->sc[s] = calloc(1, sizeof *c->sc[s]);
    }
    c->seeds = calloc(n, sizeof *c->seeds);
    c->metrics = calloc(2 * n * PS_N_METRICS, sizeof *c->metrics);
    if (c->sc[0] == NULL || c->sc[1] == NULL || c->seeds == NULL || c->metrics == NULL) {
        return ps_fail(err, PS_ENOMEM, "compare: cannot allocate %zu replicates", n);
    }
    return PS_OK;
}

/* --by-state pairs state i of A with state i of B: they must be the same states. */
static ps_status cmp_states(comparison *c, size_t n, ps_error *err)
{
    const ps_scenario *a = c->sc[0], *b = c->sc[1];
    if (a->n_states != b->n_states) {
        return ps_fail(err, PS_EINVAL,
                       "--by-state: A has %zu states and B %zu; the table by state "
                       "needs the same states in both",
                       a->n_states, b->n_states);
    }
    for (size_t i = 0; i < a->n_states; i++) {
        if (strcmp(a->states[i].name, b->states[i].name) != 0) {
            return ps_fail(err, PS_EINVAL,
                           "--by-state: state %zu is %s in A and %s in B; the table by "
                           "state needs the same states in both",
                           i, a->states[i].name, b->states[i].name);
        }
    }
    c->n_states = a->n_states;
    c->state_metrics =
        calloc(2 * n * c->n_states * PS_N_METRICS + 1, sizeof *c->state_metrics);
    if (c->state_metrics == NULL) {
        return ps_fail(err, PS_ENOMEM, "compare: cannot allocate %zu replicates", n);
    }
    return PS_OK;
}

/* Both scenarios with the --set overrides, the seeds and the horizon. */
static ps_status cmp_load(comparison *c, const ps_compare_options *a, ps_error *err)
{
    size_t n = a->replicates;
    ps_status st = cmp_alloc(c, n, err);
    for (int s = 0; s < 2 && st == PS_OK; s++) {
        st = ps_driver_load_scenario(a->scenario[s], a->sets, a->n_sets, a->interrupted,
                                     c->sc[s], err);
    }
    if (st != PS_OK) {
        return st;
    }
    c->seed = a->seed != PS_DRIVER_NO_SEED ? a->seed : c->sc[0]->seed;
    for (int s = 0; s < 2; s++) {
        c->sc[s]->seed = c->seed; /* the files record the seed actually used */
        c->text[s] = ps_scenario_text(c->sc[s]);
        if (c->text[s] == NULL) {
            return ps_fail(err, PS_ENOMEM, "scenario: cannot format");
        }
    }
    for (size_t r = 0; r < n; r++) {
        c->seeds[r] = ps_rng_derive_seed(c->seed, r);
    }
    st = a->fork != 0 ? ps_driver_check_fork(c->sc[0], "A", c->sc[1], "B", a->fork, err)
                      : PS_OK;
    st = st == PS_OK && a->by_state ? cmp_states(c, n, err) : st;
    st = st == PS_OK ? ps_compare_stats_create(n, c->n_states, &c->cs, err) : st;
    return st == PS_OK ? pick_horizon(c, a->horizon, err) : st;
}

static void cmp_free(comparison *c)
{
    ps_recorder_abandon(c->rec);
    ps_compare_stats_destroy(c->cs);
    free(c->metrics);
    free(c->state_metrics);
    free(c->seeds);
    for (int s = 0; s < 2; s++) {
        free(c->text[s]);
        free(c->sc[s]);
    }
}

/* ---- the file -------------------------------------------------------------------- */

/* The compare file: A's replicates in /a, B's in /b; sizes from worlds of the first
 * replicate's seed (NGO homes do not depend on the seed). */
static ps_status cmp_open(comparison *c, const ps_compare_options *a, ps_error *err)
{
    static const char *const GROUP[2] = {"/a", "/b"};
    char description[2][2 * PS_MAX_TEXT + 32];
    ps_world *w[2] = {NULL, NULL};
    ps_record_part parts[2];
    ps_status st = PS_OK;
    for (int s = 0; s < 2 && st == PS_OK; s++) {
        st = ps_world_create(c->sc[s], c->seeds[0], &w[s], err);
        if (st != PS_OK) {
            break;
        }
        snprintf(description[s], sizeof description[s], "scenario %s: %s, from %s",
                 s == 0 ? "A" : "B", c->sc[s]->name, c->sc[s]->source);
        parts[s] = (ps_record_part){.group = GROUP[s],
                                    .description = description[s],
                                    .sc = c->sc[s],
                                    .shape = {.n_states = ps_world_n_states(w[s]),
                                              .n_ngos = ps_world_n_ngos(w[s]),
                                              .n_steps = ps_world_steps_total(w[s]),
                                              .ngo_home = ps_world_ngo_home(w[s]),
                                              .n_runs = a->replicates,
                                              .run_seeds = c->seeds},
                                    .meta = {.seed = c->seed,
                                             .compress = a->compress,
                                             .scenario_text = c->text[s]},
                                    .keep = c->keep};
    }
    ps_run_meta meta = {.seed = c->seed, .command_line = a->command_line};
    if (st == PS_OK) {
        st = ps_recorder_open_parts(a->output, a->force, parts, 2, &meta, &c->rec, err);
    }
    ps_world_destroy(w[0]);
    ps_world_destroy(w[1]);
    return st;
}

/* The table, every replicate's metrics at the horizon, the horizon and the level. */
static ps_status cmp_write_table(comparison *c, size_t n, ps_error *err)
{
    ps_record_comparison table = {.n_replicates = n,
                                  .res = c->cs->region,
                                  .a_values = c->metrics,
                                  .b_values = c->metrics + n * PS_N_METRICS,
                                  .horizon = c->horizon,
                                  .level = LEVEL};
    return ps_recorder_write_comparison(c->rec, &table, err);
}

static void print_header(const comparison *c, const ps_compare_options *a, double seconds)
{
    printf("A: %s (%s)\nB: %s (%s)\n", c->sc[0]->name, a->scenario[0], c->sc[1]->name,
           a->scenario[1]);
    for (size_t k = 0; k < a->n_sets; k++) {
        printf("%s--set %s%s", k == 0 ? "Both with " : " ", a->sets[k],
               k + 1 == a->n_sets ? "\n" : "");
    }
    printf("%llu paired replicates from seed %llu: replicate r of A and of B share a "
           "seed.\n",
           (unsigned long long)a->replicates, (unsigned long long)c->seed);
    printf("Outcomes at the end of %d; %.1f s%s%s.\n\n", c->horizon, seconds,
           a->output != NULL ? "; wrote " : "", a->output != NULL ? a->output : "");
}

static void print_table(const comparison *c, const ps_compare_options *a, double seconds)
{
    print_header(c, a, seconds);
    ps_compare_print_region(c->cs, stdout);
    if (c->n_states > 0) {
        ps_compare_print_states(c->cs, c->sc[0], c->horizon, stdout);
    }
}

/* ---- compare --------------------------------------------------------------------- */

static ps_status cmp_run(comparison *c, const ps_compare_options *a, ps_error *err)
{
    ps_month december = (ps_month)c->horizon * 12 + 11;
    ps_replicate_job job = {.sc = {c->sc[0], c->sc[1]},
                            .n_scenarios = 2,
                            .n_replicates = a->replicates,
                            .seed = c->seed,
                            .horizon = {december, december},
                            .threads = a->threads,
                            .rec = c->keep == PS_KEEP_SUMMARY ? NULL : c->rec,
                            .progress = !a->quiet && isatty(STDERR_FILENO),
                            .interrupted = a->interrupted,
                            .state_metrics = c->state_metrics,
                            .n_states = c->n_states,
                            .fork = a->fork};
    ps_status st = ps_driver_replicates(&job, c->metrics, err);
    if (st == PS_EINTR) {
        return ps_fail(err, st, "interrupted; nothing written%s%s",
                       a->output != NULL ? " to " : "",
                       a->output != NULL ? a->output : "");
    }
    return st;
}

/* Options that go only with --parameters, or never with it. */
static ps_status check_parameters(const ps_compare_options *a, ps_error *err)
{
    const char *alone = a->points > 0         ? "--points"
                        : a->discover != NULL ? "--discover"
                                              : NULL;
    if (a->parameters == NULL && alone != NULL) {
        return ps_fail(err, PS_EINVAL,
                       "%s: only with --parameters (see protsim compare --help)", alone);
    }
    if (a->parameters != NULL && a->by_state) {
        return ps_fail(err, PS_EINVAL,
                       "--by-state: not with --parameters (see protsim compare --help)");
    }
    return PS_OK;
}

/* Load, run, test, write, print: the whole command once its arguments are known. */
ps_status ps_driver_compare(const ps_compare_options *opt, ps_error *err)
{
    ps_status checked = check_parameters(opt, err);
    if (checked != PS_OK || opt->parameters != NULL) {
        return checked != PS_OK ? checked : ps_driver_compare_parameters(opt, err);
    }
    comparison c = {0};
    double started = ps_clock_seconds();
    ps_status st = ps_driver_pick_keep(opt->keep, &c.keep, err);
    st = st == PS_OK ? cmp_load(&c, opt, err) : st;
    if (st == PS_OK && opt->output != NULL) {
        st = cmp_open(&c, opt, err);
    }
    if (st == PS_OK) {
        st = cmp_run(&c, opt, err);
    }
    if (st == PS_OK) {
        ps_compare_stats_compute(c.cs, c.metrics, c.state_metrics, LEVEL);
    }
    if (st == PS_OK && c.rec != NULL) {
        st = cmp_write_table(&c, opt->replicates, err);
        if (st == PS_OK) {
            st = ps_recorder_close(c.rec, err);
            c.rec = NULL; /* closed, even on failure */
        }
    }
    if (st == PS_OK && !opt->quiet) {
        print_table(&c, opt, ps_clock_seconds() - started);
    }
    cmp_free(&c);
    return st;
}
