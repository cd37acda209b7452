/* test_summary.c - scalar metrics of a run at chosen years */
#include <math.h>

#include "protsim/summary.h"
#include "tiny.h"

static ps_scenario sc;

static void load(void)
{
    gsl_set_error_handler_off();
    ps_error err = {0};
    cr_assert_eq(ps_scenario_load(PS_SCENARIOS "/small_world.cfg", NULL, 0, &sc, &err),
                 PS_OK, "%s", err.msg);
}

Test(summary, metrics_at_years_match_the_world_at_december)
{
    load();
    const int years[] = {2012, 2030};
    double v[2 * PS_N_METRICS];
    ps_error err = {0};
    cr_assert_eq(ps_summary_run(&sc, 3, years, 2, v, &err), PS_OK);
    /* the same run stepped by hand to December 2012 */
    ps_world *w = NULL;
    ps_indicators *ind = NULL;
    cr_assert_eq(ps_world_create(&sc, 3, &w, &err), PS_OK);
    cr_assert_eq(ps_indicators_create(w, &ind, &err), PS_OK);
    double ratified0 = 0.0, ratified = 0.0;
    for (size_t i = 0; i < sc.n_states; i++) {
        ratified0 += w->state_ratified[i];
    }
    for (int t = 0; t < 5 * 12; t++) {
        cr_assert_eq(ps_world_step(w, &err), PS_OK);
    }
    ps_indicators_compute(w, ind);
    for (size_t i = 0; i < sc.n_states; i++) {
        ratified += w->state_ratified[i];
    }
    cr_assert_eq(v[PS_M_POI], ind->region_poi);
    cr_assert_eq(v[PS_M_REFUGEES], ind->region_refugees);
    cr_assert_eq(v[PS_M_ACCESSIONS], ratified - ratified0);
    for (int m = 0; m < PS_N_METRICS; m++) {
        cr_assert(isnan(v[PS_N_METRICS + m]), "2030 is outside the run");
    }
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
}

Test(summary, metric_names_and_units)
{
    cr_assert_str_eq(ps_metric_name(PS_M_POI), "poi");
    cr_assert_str_eq(ps_metric_unit(PS_M_REFOULED), "persons");
    cr_assert_str_eq(ps_metric_name(PS_M_GAP), "mean_gap");
    cr_assert_str_eq(ps_metric_name((ps_metric)PS_N_METRICS), "?");
}
