/* bench.c - protsim's performance figures (docs/performance.md): the refugee kernel on
 * 1 and 2 threads against a plain reference loop timed in the same process, small_world
 * runs per second, the time a full-scale baseline spends outside the kernel, and the
 * cost of compare --fork against two runs from the start, and of run --from a
 * checkpoint against a run from the start.
 *
 *     cmake --build build --target bench        (or: build/protsim_bench [N] [steps])
 *
 * Ratios measured in one run are the figures to trust on a shared, noisy machine.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "clock.h"
#include "driver.h"
#include "protsim/protsim.h"
#include "protsim/summary.h"
#include "world_impl.h"

#define MESA_AGENT_STEPS_PER_S 1.0e6 /* upper end of Mesa 3.3's 0.5-1.0e6 (issue 5) */
#define N_STATES 30
#define N_ORIGINS 10

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static void die(const char *what, const ps_error *err)
{
    fprintf(stderr, "bench: %s: %s\n", what, err->msg);
    exit(1);
}

/* A world of n agents over 30 states and 10 origins, every status and RSD kind. */
static char *kernel_scenario(size_t n)
{
    static const char *rsd[] = {"unhcr", "state", "joint", "none"};
    size_t size = 1 << 16, used = 0;
    char *text = malloc(size);
    double per_state = (double)n / N_STATES;
    used += (size_t)snprintf(text + used, size - used,
                             "name = \"kernel bench\"; time = { start = \"2010-01\"; "
                             "end = \"2030-12\"; };\norigins = (");
    for (int o = 0; o < N_ORIGINS; o++) {
        used += (size_t)snprintf(text + used, size - used,
                                 "%s{ name = \"O%d\"; recognition = 0.%d; "
                                 "return_per_year = 0.01; }",
                                 o ? ", " : "", o, 3 + o % 6);
    }
    used += (size_t)snprintf(text + used, size - used, ");\nstates = { list = (");
    for (int i = 0; i < N_STATES; i++) {
        used += (size_t)snprintf(
            text + used, size - used,
            "%s{ name = \"S%d\"; rsd = \"%s\"; securitisation_baseline = 0.%d; "
            "decisions_per_year = %.1f; origin_mix = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, "
            "0.1, 0.1, 0.1, 0.1]; stock = { unregistered = %.1f; asylum_seekers = %.1f; "
            "refugees = %.1f; }; }\n",
            i ? ", " : "", i, rsd[i % 4], 2 + i % 7, per_state * 0.05, per_state * 0.2,
            per_state * 0.3, per_state - 0.5 * per_state);
    }
    snprintf(text + used, size - used, "); };\n");
    return text;
}

static ps_world *kernel_world(const ps_scenario *sc, const char *kernel, int threads)
{
    ps_world *w = NULL;
    ps_error err = {0};
    if (ps_world_create(sc, 42, &w, &err) != PS_OK ||
        ps_world_set_kernel(w, kernel, &err) != PS_OK) {
        die("kernel world", &err);
    }
    ps_world_set_threads(w, threads);
    return w;
}

/* One refugee step (the table build and the reduction of block tallies included: they
 * are part of every step); returns its seconds: of CPU time on one thread (what one
 * core spends, however busy the machine), of wall time on more. */
static double time_refugee_step(ps_world *w, bool one_thread)
{
    ps_error err = {0};
    double (*clock)(void) = one_thread ? ps_clock_cpu_seconds : ps_clock_seconds;
    double started = clock();
    if (ps_step_refugee(w, &err) != PS_OK) {
        die("refugee step", &err);
    }
    double seconds = clock() - started;
    w->t++;
    w->month++;
    return seconds;
}

static bool same_agents(const ps_world *a, const ps_world *b)
{
    size_t n = a->ref.n;
    return n == b->ref.n && memcmp(a->ref.group, b->ref.group, n * 2) == 0 &&
           memcmp(a->ref.state, b->ref.state, n * 2) == 0 &&
           memcmp(a->moves, b->moves, a->n_states * PS_N_MOVES * sizeof *a->moves) == 0;
}

/* The plain reference: an array of 16-byte structs, one GSL mt19937 draw per agent and
 * a linear search of cumulative probabilities per (state, status). */
typedef struct {
    int32_t host, origin, status, months;
} plain_agent;

typedef struct {
    plain_agent *a;
    size_t n;
    double cum[N_STATES][PS_N_PRESENT][4];
    gsl_rng *rng;
} plain_world;

static plain_world *plain_create(size_t n)
{
    plain_world *p = calloc(1, sizeof *p);
    p->a = malloc(n * sizeof *p->a);
    p->n = n;
    for (int i = 0; i < N_STATES; i++) {
        for (int s = 0; s < PS_N_PRESENT; s++) {
            for (int k = 0; k < 4; k++) {
                p->cum[i][s][k] = 0.004 * (k + 1) * (1 + i % 3);
            }
        }
    }
    for (size_t r = 0; r < n; r++) {
        p->a[r] = (plain_agent){(int32_t)(r % N_STATES), (int32_t)(r % N_ORIGINS),
                                (int32_t)(r % PS_N_PRESENT), 0};
    }
    p->rng = gsl_rng_alloc(gsl_rng_mt19937);
    return p;
}

static void plain_destroy(plain_world *p)
{
    gsl_rng_free(p->rng);
    free(p->a);
    free(p);
}

static double time_plain_step(plain_world *p)
{
    double started = ps_clock_cpu_seconds();
    for (size_t r = 0; r < p->n; r++) {
        plain_agent *a = &p->a[r];
        double u = gsl_rng_uniform(p->rng);
        const double *c = p->cum[a->host][a->status];
        int k = 0;
        while (k < 4 && u >= c[k]) {
            k++;
        }
        if (k < 4) {
            a->status = (a->status + k + 1) % PS_N_PRESENT;
            a->months = 0;
        } else {
            a->months += a->months < 255;
        }
    }
    return ps_clock_cpu_seconds() - started;
}

static void print_rate(const char *what, size_t n, double seconds, double reference)
{
    double rate = (double)n / seconds;
    printf("%-34s %11.2f %14.3g %9.1fx %9.0fx\n", what, 1e9 * seconds / (double)n, rate,
           reference / seconds, rate / MESA_AGENT_STEPS_PER_S);
}

/* The kernels timed step by step in turn, so that a busy machine slows all of them
 * alike; each figure is its fastest step. w[0] is the plain reference's slot, w[n - 1]
 * the world on two threads (timed on the wall clock, the others in CPU time). */
static void time_kernels(plain_world *plain, ps_world *const *w, int n, int steps,
                         double *best)
{
    for (int k = 0; k < n; k++) {
        best[k] = INFINITY;
    }
    for (int t = 0; t < steps; t++) {
        best[0] = fmin(best[0], time_plain_step(plain));
        for (int k = 1; k < n; k++) {
            best[k] = fmin(best[k], time_refugee_step(w[k], k < n - 1));
        }
    }
}

static const char *const KERNELS[] = {"scalar", "avx2", "avx512"};
#define N_KERNELS (sizeof KERNELS / sizeof *KERNELS)

/* Worlds 1.. of every path this CPU runs on 1 thread, then the fastest on 2; returns
 * how many slots (the plain reference's included). */
static int kernel_worlds(const ps_scenario *sc, ps_world **w)
{
    int n = 1;
    for (size_t k = 0; k < N_KERNELS; k++) {
        ps_world *probe = kernel_world(sc, NULL, 1);
        ps_error err = {0};
        if (ps_world_set_kernel(probe, KERNELS[k], &err) == PS_OK) {
            w[n++] = probe;
        } else {
            printf("kernel %s: %s, not timed\n", KERNELS[k], err.msg);
            ps_world_destroy(probe);
        }
    }
    w[n++] = kernel_world(sc, "auto", 2);
    return n;
}

static void print_kernels(ps_world *const *w, int n, size_t agents, const double *best)
{
    printf("%-34s %11s %14s %10s %10s\n", "", "ns/agent", "agent-steps/s", "vs plain",
           "vs Mesa");
    print_rate("plain C, 16-byte structs, mt19937", agents, best[0], best[0]);
    for (int k = 1; k < n; k++) {
        char label[64];
        snprintf(label, sizeof label, "protsim kernel, %s, %d thread%s",
                 ps_world_kernel(w[k]), k < n - 1 ? 1 : 2, k < n - 1 ? "" : "s");
        print_rate(label, agents, best[k], best[0]);
    }
    for (int k = 2; k < n - 1; k++) {
        printf("%s / scalar: %.2fx; results identical: %s\n", ps_world_kernel(w[k]),
               best[1] / best[k], same_agents(w[1], w[k]) ? "yes" : "NO");
    }
    printf("%s, 2 threads / 1 thread: %.2fx; results identical: %s\n",
           ps_world_kernel(w[n - 1]), best[n - 2] / best[n - 1],
           same_agents(w[n - 2], w[n - 1]) ? "yes" : "NO");
    printf("streaming bound at 15 GB/s, 4 bytes read + 2 written per agent: %.3g "
           "agent-steps/s; 1 thread (%s) reaches %.0f%% of it\n",
           15e9 / 6.0, ps_world_kernel(w[n - 2]),
           100.0 * ((double)agents / best[n - 2]) / (15e9 / 6.0));
}

static void bench_kernel(size_t n, int steps)
{
    ps_scenario *sc = calloc(1, sizeof *sc);
    char *text = kernel_scenario(n);
    ps_error err = {0};
    if (ps_scenario_load_string(text, "kernel", NULL, NULL, 0, sc, &err) != PS_OK) {
        die("kernel scenario", &err);
    }
    ps_world *w[N_KERNELS + 2] = {NULL};
    int n_worlds = kernel_worlds(sc, w);
    size_t agents = w[1]->ref.n;
    plain_world *plain = plain_create(agents);
    double best[N_KERNELS + 2];
    time_kernels(plain, w, n_worlds, steps, best);
    printf(
        "\nRefugee kernel (docs/model.md §7.5): N = %zu agents, %d states, %d origins, "
        "fastest of %d steps\n",
        agents, N_STATES, N_ORIGINS, steps);
    print_kernels(w, n_worlds, agents, best);
    printf("state per agent: %.2f bytes (group and state, 2 bytes each; plus tallies)\n",
           4.0 + (double)(w[1]->n_blocks_cap * sizeof(ps_tally)) / (double)agents);
    for (int k = 1; k < n_worlds; k++) {
        ps_world_destroy(w[k]);
    }
    plain_destroy(plain);
    free(text);
    free(sc);
}

/* What one run cost: CPU seconds, and on the wall clock the run and its refugee steps. */
typedef struct {
    double cpu, wall, refugee_wall;
    size_t agents;      /* at the end */
    double agent_steps; /* agents at the start of each step, summed */
    double step_cpu;    /* CPU time in ps_world_step: the model without load or file */
} run_cost;

/* One complete run as `protsim run` does it: load, create, step, record (the resolved
 * scenario text included) at deflate level compress, close; on the kernel path called
 * kernel (NULL: auto). */
static run_cost full_run(const char *scenario, const char *kernel, const char *output,
                         int compress)
{
    ps_scenario *sc = calloc(1, sizeof *sc);
    ps_world *w = NULL;
    ps_indicators *ind = NULL;
    ps_recorder *rec = NULL;
    ps_error err = {0};
    double started = ps_clock_cpu_seconds(), wall = ps_clock_seconds();
    if (ps_scenario_load(scenario, NULL, 0, sc, &err) != PS_OK ||
        ps_world_create(sc, sc->seed, &w, &err) != PS_OK ||
        ps_world_set_kernel(w, kernel, &err) != PS_OK ||
        ps_indicators_create(w, &ind, &err) != PS_OK) {
        die(scenario, &err);
    }
    char *text = ps_scenario_text(sc);
    ps_run_meta meta = {.seed = sc->seed, .compress = compress, .scenario_text = text};
    ps_record_shape shape = {.n_states = ps_world_n_states(w),
                             .n_ngos = ps_world_n_ngos(w),
                             .n_steps = ps_world_steps_total(w),
                             .ngo_home = ps_world_ngo_home(w)};
    if (text == NULL ||
        ps_recorder_open(output, true, sc, &shape, &meta, &rec, &err) != PS_OK) {
        die(output, &err);
    }
    double agent_steps = 0.0, step_cpu = 0.0;
    while (ps_world_steps_done(w) < ps_world_steps_total(w)) {
        agent_steps += (double)ps_world_n_agents(w);
        double before = ps_clock_cpu_seconds();
        if (ps_world_step(w, &err) != PS_OK) {
            die("step", &err);
        }
        step_cpu += ps_clock_cpu_seconds() - before;
        ps_indicators_compute(w, ind);
        size_t n_events = 0;
        const ps_event *events = ps_world_events(w, &n_events);
        if (ps_recorder_write(rec, ind, events, n_events, &err) != PS_OK) {
            die("write", &err);
        }
    }
    run_cost cost = {
        .agents = ps_world_n_agents(w), .agent_steps = agent_steps, .step_cpu = step_cpu};
    if (ps_recorder_close(rec, &err) != PS_OK) {
        die("close", &err);
    }
    cost.cpu = ps_clock_cpu_seconds() - started;
    cost.wall = ps_clock_seconds() - wall;
    cost.refugee_wall = ps_world_refugee_seconds(w);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    free(text);
    free(sc);
    return cost;
}

/* What a sweep pays per run: load, run, summary metrics at two years. */
static double summary_run(const char *scenario, size_t index)
{
    const int years[] = {2015, 2020};
    double values[2 * PS_N_METRICS], started = ps_clock_cpu_seconds();
    ps_scenario *sc = calloc(1, sizeof *sc);
    ps_error err = {0};
    if (ps_scenario_load(scenario, NULL, 0, sc, &err) != PS_OK ||
        ps_summary_run(sc, ps_rng_derive_seed(1, index), years, 2, values, &err) !=
            PS_OK) {
        die(scenario, &err);
    }
    free(sc);
    return ps_clock_cpu_seconds() - started;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void print_runs(const char *what, double *seconds, size_t n, double target)
{
    qsort(seconds, n, sizeof *seconds, by_value);
    printf("  %-44s %6.1f runs/s (median of %zu; fastest %.1f; target %.0f)\n", what,
           1.0 / seconds[n / 2], n, 1.0 / seconds[0], target);
}

#define SMALL_RUNS 40

/* The kinds of small_world run in turn, so that load on the machine falls on all
 * alike: the full file at the default level and uncompressed, a sweep's run; and the
 * share of the refugee step (table and kernel) in the full runs. */
static void bench_small_world(const char *root)
{
    char scenario[4096], output[4096];
    snprintf(scenario, sizeof scenario, "%s/scenarios/small_world.cfg", root);
    snprintf(output, sizeof output, "/tmp/protsim_bench_%d.h5", (int)getpid());
    double full[SMALL_RUNS], raw[SMALL_RUNS], summary[SMALL_RUNS], share[SMALL_RUNS];
    double step[SMALL_RUNS], agent_steps = 0.0;
    for (size_t r = 0; r < SMALL_RUNS; r++) {
        run_cost c = full_run(scenario, NULL, output, PS_RECORD_COMPRESS);
        full[r] = c.cpu;
        share[r] = c.refugee_wall / c.wall;
        step[r] = c.step_cpu;
        agent_steps = c.agent_steps;
        raw[r] = full_run(scenario, NULL, output, 0).cpu;
        summary[r] = summary_run(scenario, r);
    }
    unlink(output);
    qsort(share, SMALL_RUNS, sizeof *share, by_value);
    qsort(step, SMALL_RUNS, sizeof *step, by_value);
    printf("\nsmall_world, one core (CPU time), in this process (no start-up of "
           "protsim):\n");
    print_runs("load, 156 steps, full HDF5 file (protsim run)", full, SMALL_RUNS, 100);
    print_runs("the same, --compress 0", raw, SMALL_RUNS, 100);
    print_runs("load, 156 steps, summary metrics (a sweep's run)", summary, SMALL_RUNS,
               150);
    printf("  refugee step (table and kernel) in the full run: %.0f%% of the wall clock "
           "(median)\n",
           100.0 * share[SMALL_RUNS / 2]);
    printf("  the model's steps alone (no load, no file): %.2f ns CPU per agent-step "
           "over %.1f million (fastest run), at most %.0f runs/s\n",
           1e9 * step[0] / agent_steps, agent_steps / 1e6, 1.0 / step[0]);
}

/* One replicate of the baseline on the fastest path and on the scalar one. */
static void bench_baseline(const char *root)
{
    char scenario[4096], output[4096];
    snprintf(scenario, sizeof scenario, "%s/scenarios/asia_pacific.cfg", root);
    if (access(scenario, R_OK) != 0) {
        printf("\nAsia-Pacific baseline: %s not found, skipped\n", scenario);
        return;
    }
    snprintf(output, sizeof output, "/tmp/protsim_bench_ap_%d.h5", (int)getpid());
    printf("\nAsia-Pacific baseline, full scale, one replicate with its HDF5 file (CPU "
           "time; the share of the refugee step on the wall clock):\n");
    const char *paths[] = {NULL, "scalar"};
    for (int k = 0; k < 2; k++) {
        run_cost c = full_run(scenario, paths[k], output, PS_RECORD_COMPRESS);
        double outside = 1.0 - c.refugee_wall / c.wall;
        printf("  %-6s %6.2f s, %zu agents at the end; refugee step %.2f s, everything "
               "else %.2f s = %.1f%% of the run (target <= 10%%)\n",
               k == 0 ? "auto" : paths[k], c.cpu, c.agents, c.cpu * (1.0 - outside),
               c.cpu * outside, 100.0 * outside);
    }
    unlink(output);
}

/* CPU seconds of `protsim compare A B -n 2 --threads 1` (no file), forked at fork
 * (0: both arms from the start). */
static double compare_cost(const char *a, const char *b, ps_month fork)
{
    ps_compare_options opt = {.scenario = {a, b},
                              .replicates = 2,
                              .seed = PS_DRIVER_NO_SEED,
                              .compress = PS_RECORD_COMPRESS,
                              .threads = 1,
                              .fork = fork,
                              .quiet = true};
    ps_error err = {0};
    double started = ps_clock_cpu_seconds();
    if (ps_driver_compare(&opt, &err) != PS_OK) {
        die("compare", &err);
    }
    return ps_clock_cpu_seconds() - started;
}

#define FORK_ROUNDS 3

/* The baseline against its what-if from 2025-01 (scenarios/what_if/), two replicates
 * on one thread, forked and from the start in turn: the fork's cost as a ratio. */
static void bench_fork(const char *root)
{
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/scenarios/asia_pacific.cfg", root);
    snprintf(b, sizeof b, "%s/scenarios/what_if/legislation_2025.cfg", root);
    ps_month fork = 0;
    if (access(a, R_OK) != 0 || access(b, R_OK) != 0 ||
        !ps_month_parse("2025-01", &fork)) {
        printf("\ncompare --fork: %s not found, skipped\n", b);
        return;
    }
    double ratio[FORK_ROUNDS], straight = 0.0, forked = 0.0;
    for (int k = 0; k < FORK_ROUNDS; k++) {
        double s = compare_cost(a, b, 0), f = compare_cost(a, b, fork);
        ratio[k] = f / s;
        straight += s / FORK_ROUNDS;
        forked += f / FORK_ROUNDS;
    }
    qsort(ratio, FORK_ROUNDS, sizeof *ratio, by_value);
    printf("\ncompare of the baseline and what_if/legislation_2025.cfg, full scale, 2 "
           "replicates, one thread (CPU time):\n");
    printf("  from the start %.2f s, --fork 2025-01 %.2f s (means of %d): the fork costs "
           "%.2f of two full runs (median of %d; target <= 0.6)\n",
           straight, forked, FORK_ROUNDS, ratio[FORK_ROUNDS / 2], FORK_ROUNDS);
}

/* CPU seconds of `protsim run SCENARIO -o output --threads 1`, with --checkpoint-at
 * at (0: none) and --from from (NULL: none). */
static double driver_run_cost(const char *scenario, ps_month at, const char *from,
                              const char *output)
{
    ps_run_options opt = {.scenario = scenario,
                          .output = output,
                          .seed = PS_DRIVER_NO_SEED,
                          .threads = 1,
                          .compress = PS_RECORD_COMPRESS,
                          .checkpoint_at = at,
                          .from = from,
                          .quiet = true,
                          .force = true};
    ps_error err = {0};
    double started = ps_clock_cpu_seconds();
    if (ps_driver_run(&opt, &err) != PS_OK) {
        die("run", &err);
    }
    return ps_clock_cpu_seconds() - started;
}

/* The baseline's history kept at 2024-12 (its cost against the plain run), and its
 * what-if from 2025-01 run --from it against the what-if from the start. */
static void bench_from(const char *root)
{
    char a[4096], b[4096], hist[64], out[64];
    snprintf(a, sizeof a, "%s/scenarios/asia_pacific.cfg", root);
    snprintf(b, sizeof b, "%s/scenarios/what_if/legislation_2025.cfg", root);
    snprintf(hist, sizeof hist, "/tmp/protsim_bench_hist_%d.h5", (int)getpid());
    snprintf(out, sizeof out, "/tmp/protsim_bench_from_%d.h5", (int)getpid());
    ps_month at = 0;
    if (access(a, R_OK) != 0 || access(b, R_OK) != 0 || !ps_month_parse("2024-12", &at)) {
        printf("\nrun --from: %s not found, skipped\n", b);
        return;
    }
    double plain = driver_run_cost(a, 0, NULL, out);
    double kept = driver_run_cost(a, at, NULL, hist);
    double ratio[FORK_ROUNDS], straight = 0.0, from = 0.0;
    for (int k = 0; k < FORK_ROUNDS; k++) {
        double s = driver_run_cost(b, 0, NULL, out), f = driver_run_cost(b, 0, hist, out);
        ratio[k] = f / s;
        straight += s / FORK_ROUNDS;
        from += f / FORK_ROUNDS;
    }
    qsort(ratio, FORK_ROUNDS, sizeof *ratio, by_value);
    printf(
        "\nrun --checkpoint-at 2024-12 and --from, the baseline and "
        "what_if/legislation_2025.cfg, full scale, one thread, with files (CPU time):\n");
    printf("  the baseline %.2f s, with its checkpoint %.2f s (x%.3f)\n", plain, kept,
           kept / plain);
    printf("  the what-if from the start %.2f s, --from the checkpoint %.2f s (means of "
           "%d): --from costs %.2f of the full run (median of %d)\n",
           straight, from, FORK_ROUNDS, ratio[FORK_ROUNDS / 2], FORK_ROUNDS);
    unlink(hist);
    unlink(out);
}

/* What a workload of many runs cost, summed over its runs. */
typedef struct {
    double cpu, wall, refugee_wall;
    size_t runs;
} work_cost;

/* One run as a sweep or a comparison pays it: load the scenario with the point's
 * settings, create the world, step to the end observing the summary totals, the
 * metrics at the end; no file. */
static void metric_run(const char *scenario, const char *const *sets, size_t n_sets,
                       uint64_t seed, work_cost *acc)
{
    double cpu = ps_clock_cpu_seconds(), wall = ps_clock_seconds();
    ps_scenario *sc = calloc(1, sizeof *sc);
    ps_world *w = NULL;
    ps_indicators *ind = NULL;
    ps_error err = {0};
    if (ps_scenario_load(scenario, sets, n_sets, sc, &err) != PS_OK ||
        ps_world_create(sc, seed, &w, &err) != PS_OK ||
        ps_indicators_create(w, &ind, &err) != PS_OK) {
        die(scenario, &err);
    }
    ps_summary_state totals = {0};
    while (ps_world_steps_done(w) < ps_world_steps_total(w)) {
        if (ps_world_step(w, &err) != PS_OK) {
            die("step", &err);
        }
        ps_summary_observe(w, &totals);
    }
    double values[PS_N_METRICS];
    ps_indicators_compute(w, ind);
    ps_summary_metrics(ind, &totals, values);
    acc->refugee_wall += ps_world_refugee_seconds(w);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    free(sc);
    acc->cpu += ps_clock_cpu_seconds() - cpu;
    acc->wall += ps_clock_seconds() - wall;
    acc->runs++;
}

static void print_work(const char *what, const work_cost *c)
{
    printf("  %-52s %3zu runs, %6.2f runs/s per core, %4.1f%% outside the refugee step "
           "(target <= 15%%)\n",
           what, c->runs, (double)c->runs / c->cpu,
           100.0 * (1.0 - c->refugee_wall / c->wall));
}

#define WAVE_POINTS 20
#define WAVE_REPLICATES 2
#define N_UNCERTAIN 3
#define ROBUST_POINTS 4

/* Point k of a Latin hypercube of WAVE_POINTS over the uncertain settings: each
 * setting's range cut in WAVE_POINTS strata, each stratum used once. */
static void wave_point(size_t k, char (*sets)[128])
{
    static const struct {
        const char *path;
        double lo, hi;
    } U[N_UNCERTAIN] = {{"hazard.pass.alpha", -24.0, -21.5},
                        {"hazard.ratify.alpha", -8.0, -6.0},
                        {"securitisation.surge", 0.02, 0.2}};
    static const size_t STEP[N_UNCERTAIN] = {1, 7, 13}; /* coprime with 20 */
    for (size_t j = 0; j < N_UNCERTAIN; j++) {
        double stratum = (double)((k * STEP[j] + j) % WAVE_POINTS) + 0.5;
        snprintf(sets[j], sizeof sets[j], "%s=%.6g", U[j].path,
                 U[j].lo + (U[j].hi - U[j].lo) * stratum / WAVE_POINTS);
    }
    snprintf(sets[N_UNCERTAIN], sizeof sets[N_UNCERTAIN], "time.end=2018-12");
}

/* The calibration workloads of issue 13 on the Asia-Pacific baseline, one core each:
 * a history-matching wave (WAVE_POINTS x WAVE_REPLICATES runs to 2018-12, what
 * `protsim sweep` pays per run) and a robust comparison (ratification against
 * legislation, 2 paired replicates at each of ROBUST_POINTS plausible points, to
 * 2025-12, what `protsim compare --set` pays per run without a file). */
static void bench_calibration(const char *root)
{
    char base[4096], a[4096], b[4096];
    snprintf(base, sizeof base, "%s/scenarios/asia_pacific.cfg", root);
    snprintf(a, sizeof a, "%s/scenarios/strategy_ratification.cfg", root);
    snprintf(b, sizeof b, "%s/scenarios/strategy_legislation.cfg", root);
    if (access(base, R_OK) != 0 || access(a, R_OK) != 0 || access(b, R_OK) != 0) {
        printf("\ncalibration workloads: the scenarios are not in %s, skipped\n", root);
        return;
    }
    char sets[N_UNCERTAIN + 1][128];
    const char *set_list[N_UNCERTAIN + 1];
    for (size_t j = 0; j <= N_UNCERTAIN; j++) {
        set_list[j] = sets[j];
    }
    work_cost wave = {0}, robust = {0};
    for (size_t k = 0; k < WAVE_POINTS; k++) {
        wave_point(k, sets);
        for (size_t r = 0; r < WAVE_REPLICATES; r++) {
            metric_run(base, set_list, N_UNCERTAIN + 1, ps_rng_derive_seed(8, k * 2 + r),
                       &wave);
        }
    }
    for (size_t k = 0; k < ROBUST_POINTS; k++) {
        wave_point(k, sets);
        snprintf(sets[N_UNCERTAIN], sizeof sets[N_UNCERTAIN], "time.end=2025-12");
        for (size_t r = 0; r < 2; r++) {
            uint64_t seed = ps_rng_derive_seed(13, r);
            metric_run(a, set_list, N_UNCERTAIN + 1, seed, &robust);
            metric_run(b, set_list, N_UNCERTAIN + 1, seed, &robust);
        }
    }
    printf("\nCalibration workloads, Asia-Pacific baseline at full scale, one core (CPU "
           "time; the share on the wall clock):\n");
    print_work("history-matching wave: 20 points x 2, to 2018-12", &wave);
    print_work("robust comparison: 4 plausible points x 2 pairs, 2025", &robust);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    size_t n = argc > 1 ? (size_t)atof(argv[1]) : 10000000;
    int steps = argc > 2 ? atoi(argv[2]) : 8;
    const char *root = getenv("PROTSIM_ROOT") != NULL ? getenv("PROTSIM_ROOT") : ".";
    printf("protsim %s benchmark (%s)\n", ps_version(), root);
    bench_kernel(n, steps);
    bench_small_world(root);
    bench_baseline(root);
    bench_fork(root);
    bench_from(root);
    bench_calibration(root);
    printf("\npeak resident memory: %.0f MB\n", peak_rss_mb());
    return 0;
}
