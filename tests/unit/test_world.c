/* test_world.c - creating the world from small_world, and determinism: the same seed
 * gives bit-identical indicators, whatever the number of threads */
#include <string.h>

#include "tiny.h"

static ps_scenario sc;

static void load_small_world(const char *const *sets, size_t n_sets)
{
    gsl_set_error_handler_off();
    ps_error err = {0};
    cr_assert_eq(
        ps_scenario_load(PS_SCENARIOS "/small_world.cfg", sets, n_sets, &sc, &err), PS_OK,
        "%s", err.msg);
}

static ps_world *create(uint64_t seed, int threads)
{
    ps_world *w = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_world_create(&sc, seed, &w, &err), PS_OK, "%s", err.msg);
    ps_world_set_threads(w, threads);
    return w;
}

Test(world, initial_stocks_split_exactly_by_status_and_origin)
{
    load_small_world(NULL, 0);
    ps_world *w = create(sc.seed, 1);
    cr_assert_eq(ps_world_n_states(w), 6);
    cr_assert_eq(ps_world_n_ngos(w), 60);
    cr_assert_eq(ps_world_n_agents(w), 50000);
    /* Aland (state RSD): 2000 asylum-seekers pending, 2000 refugees protected */
    cr_assert_eq(ps_world_in_status(w, 0, PS_RS_PENDING), 2000.0);
    cr_assert_eq(ps_world_in_status(w, 0, PS_RS_PROTECTED), 2000.0);
    /* Borea (UNHCR RSD): 3000 unregistered; refugees mandate except the P_status share */
    cr_assert_eq(ps_world_in_status(w, 1, PS_RS_UNREGISTERED), 3000.0);
    cr_assert_eq(ps_world_in_status(w, 1, PS_RS_MANDATE) +
                     ps_world_in_status(w, 1, PS_RS_PROTECTED),
                 13000.0);
    size_t by_origin[3] = {0};
    for (size_t r = 0; r < w->ref.n; r++) {
        size_t host = w->ref.group[r] / w->n_origins,
               origin = w->ref.group[r] % w->n_origins;
        by_origin[origin] += host == 0;
    }
    /* Aland's mix 0.5 / 0.2 / 0.3 of 4000 agents */
    cr_assert_eq(by_origin[0], 2000);
    cr_assert_eq(by_origin[1], 800);
    cr_assert_eq(by_origin[2], 1200);
    ps_world_destroy(w);
}

/* Step both worlds and compare every indicator array after each step. */
static bool same_run(ps_world *a, ps_world *b, size_t steps)
{
    ps_indicators *ia = NULL, *ib = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_indicators_create(a, &ia, &err), PS_OK);
    cr_assert_eq(ps_indicators_create(b, &ib, &err), PS_OK);
    bool same = true;
    size_t S = ia->n_states;
    for (size_t t = 0; t < steps && same; t++) {
        cr_assert_eq(ps_world_step(a, &err), PS_OK);
        cr_assert_eq(ps_world_step(b, &err), PS_OK);
        ps_indicators_compute(a, ia);
        ps_indicators_compute(b, ib);
        same = memcmp(ia->count, ib->count, S * PS_N_RSTATUS * sizeof(double)) == 0 &&
               memcmp(ia->flows, ib->flows, S * PS_N_FLOWS * sizeof(double)) == 0 &&
               memcmp(ia->implementation, ib->implementation,
                      S * PS_N_COMPONENTS * sizeof(double)) == 0 &&
               memcmp(ia->ngo_budget, ib->ngo_budget, ia->n_ngos * sizeof(double)) == 0 &&
               memcmp(ia->ngo_strategy, ib->ngo_strategy,
                      ia->n_ngos * PS_N_CHANNELS * sizeof(double)) == 0 &&
               ia->pool == ib->pool && ia->members == ib->members;
    }
    ps_indicators_destroy(ia);
    ps_indicators_destroy(ib);
    return same;
}

Test(world, same_seed_gives_identical_runs)
{
    load_small_world(NULL, 0);
    ps_world *a = create(5, 1), *b = create(5, 1);
    cr_assert(same_run(a, b, ps_world_steps_total(a)));
    ps_world_destroy(a);
    ps_world_destroy(b);
}

Test(world, other_seed_gives_another_run)
{
    load_small_world(NULL, 0);
    ps_world *a = create(5, 1), *b = create(6, 1);
    cr_assert_not(same_run(a, b, 12));
    ps_world_destroy(a);
    ps_world_destroy(b);
}

/* The kernel keeps counts as changes; after a year of moves, arrivals and compaction
 * they must equal a fresh count of the agents. */
Test(world, running_counts_equal_a_recount)
{
    load_small_world(NULL, 0);
    ps_world *w = create(4, 1);
    ps_error err = {0};
    for (int t = 0; t < 30; t++) {
        cr_assert_eq(ps_world_step(w, &err), PS_OK);
    }
    size_t n_count = w->n_states * PS_STATUS_CODES * PS_DCLASSES;
    int64_t *count = malloc(n_count * sizeof *count);
    int64_t wait[PS_MAX_STATES], saturated[PS_MAX_STATES];
    memcpy(count, w->count, n_count * sizeof *count);
    memcpy(wait, w->wait, w->n_states * sizeof *wait);
    memcpy(saturated, w->saturated, w->n_states * sizeof *saturated);
    ps_refugee_tally(w);
    cr_assert_arr_eq(count, w->count, n_count * sizeof *count);
    cr_assert_arr_eq(wait, w->wait, w->n_states * sizeof *wait);
    cr_assert_arr_eq(saturated, w->saturated, w->n_states * sizeof *saturated);
    free(count);
    ps_world_destroy(w);
}

/* 450,000 agents: seven blocks, spread differently over one and two threads. */
Test(world, threads_do_not_change_the_numbers)
{
    const char *sets[] = {"states.list.[1].stock.refugees=400000", "time.end=2010-12"};
    load_small_world(sets, 2);
    ps_world *a = create(9, 1), *b = create(9, 2);
    cr_assert_gt(a->ref.n, 2 * PS_BLOCK_AGENTS);
    cr_assert(same_run(a, b, ps_world_steps_total(a)));
    ps_world_destroy(a);
    ps_world_destroy(b);
}

/* compare --fork: a clone holds every kept field of the list byte for byte, and runs on
 * exactly as the original does. */
Test(world, clone_holds_every_field_and_runs_on_alike)
{
    load_small_world(NULL, 0);
    ps_world *a = create(5, 1), *b = NULL;
    ps_error err = {0};
    for (int t = 0; t < 40; t++) {
        cr_assert_eq(ps_world_step(a, &err), PS_OK, "%s", err.msg);
    }
    cr_assert_eq(ps_world_clone(a, &b, &err), PS_OK, "%s", err.msg);
    cr_assert_gt(ps_world_n_fields(), 70);
    for (size_t k = 0; k < ps_world_n_fields(); k++) {
        ps_world_field fa, fb;
        cr_assert_eq(ps_world_field_at(a, k, &fa, &err), PS_OK, "%s", err.msg);
        cr_assert_eq(ps_world_field_at(b, k, &fb, &err), PS_OK, "%s", err.msg);
        cr_assert_str_eq(fa.name, fb.name);
        cr_assert_eq(fa.size * fa.count, fb.size * fb.count, "%s", fa.name);
        cr_assert_arr_eq(fa.data, fb.data, fa.size * fa.count, "%s", fa.name);
    }
    cr_assert_eq(ps_world_steps_done(b), 40);
    cr_assert(same_run(a, b, ps_world_steps_total(a) - 40));
    ps_world_destroy(a);
    ps_world_destroy(b);
}
