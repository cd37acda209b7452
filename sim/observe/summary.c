/* summary.c - scalar outcome metrics of a run at chosen years (compare, sweep) */
#include "protsim/summary.h"

#include <math.h>
#include <stdlib.h>

#include "world_impl.h"

static const struct {
    const char *name, *unit, *doc;
} METRICS[PS_N_METRICS] = {
#define PS_AS_METRIC_ROW(id, name, unit, doc) {name, unit, doc},
    PS_METRIC_LIST(PS_AS_METRIC_ROW)
#undef PS_AS_METRIC_ROW
};

const char *ps_metric_name(ps_metric m)
{
    return m >= 0 && m < PS_N_METRICS ? METRICS[m].name : "?";
}

const char *ps_metric_unit(ps_metric m)
{
    return m >= 0 && m < PS_N_METRICS ? METRICS[m].unit : "?";
}

const char *ps_metric_doc(ps_metric m)
{
    return m >= 0 && m < PS_N_METRICS ? METRICS[m].doc : "?";
}

void ps_summary_observe(const ps_world *w, ps_summary_state *acc)
{
    size_t n;
    const ps_event *ev = ps_world_events(w, &n);
    for (size_t k = 0; k < n; k++) {
        bool framework = ev[k].type == PS_EV_ADMIN_STEP ||
                         ev[k].type == PS_EV_REGULATION || ev[k].type == PS_EV_STATUTE;
        acc->framework_steps += framework;
        acc->accessions += ev[k].type == PS_EV_RATIFICATION;
    }
}

void ps_summary_metrics(const ps_indicators *ind, const ps_summary_state *acc,
                        double *values)
{
    double refouled = 0.0, gap = 0.0;
    for (size_t i = 0; i < ind->n_states; i++) {
        refouled += ind->refouled[i];
        gap += ind->gap[i];
    }
    values[PS_M_POI] = ind->region_poi;
    values[PS_M_LEGAL] = ind->region_legal_status_share;
    values[PS_M_DETENTION] = ind->region_detention_incidence;
    values[PS_M_REFOULED] = refouled;
    values[PS_M_SOLUTIONS] = ind->region_solutions_rate;
    values[PS_M_FRAMEWORK] = acc->framework_steps;
    values[PS_M_ACCESSIONS] = acc->accessions;
    values[PS_M_GAP] = ind->n_states > 0 ? gap / (double)ind->n_states : NAN;
    values[PS_M_REFUGEES] = ind->region_refugees;
}

void ps_summary_observe_states(const ps_world *w, double *framework, double *accessions)
{
    size_t n;
    const ps_event *ev = ps_world_events(w, &n);
    for (size_t k = 0; k < n; k++) {
        bool step = ev[k].type == PS_EV_ADMIN_STEP || ev[k].type == PS_EV_REGULATION ||
                    ev[k].type == PS_EV_STATUTE;
        if (ev[k].state >= 0) { /* events of the network or UNHCR have no state */
            framework[ev[k].state] += step;
            accessions[ev[k].state] += ev[k].type == PS_EV_RATIFICATION;
        }
    }
}

void ps_summary_state_metrics(const ps_indicators *ind, const double *framework,
                              const double *accessions, size_t i, double *values)
{
    values[PS_M_POI] = ind->poi[i];
    values[PS_M_LEGAL] = ind->legal_status_share[i];
    values[PS_M_DETENTION] = ind->detention_incidence[i];
    values[PS_M_REFOULED] = ind->refouled[i];
    values[PS_M_SOLUTIONS] = ind->solutions_rate[i];
    values[PS_M_FRAMEWORK] = framework[i];
    values[PS_M_ACCESSIONS] = accessions[i];
    values[PS_M_GAP] = ind->gap[i];
    values[PS_M_REFUGEES] = ind->present[i];
}

/* The year index whose December is the month just simulated, or -1. */
static long year_slot(const ps_world *w, const int *years, size_t n_years)
{
    if (w->month % 12 != 11) {
        return -1;
    }
    for (size_t k = 0; k < n_years; k++) {
        if (years[k] == w->month / 12) {
            return (long)k;
        }
    }
    return -1;
}

ps_status ps_summary_run(const ps_scenario *sc, uint64_t seed, const int *years,
                         size_t n_years, double *values, ps_error *err)
{
    for (size_t k = 0; k < n_years * PS_N_METRICS; k++) {
        values[k] = NAN;
    }
    ps_world *w = NULL;
    ps_indicators *ind = NULL;
    ps_status st = ps_world_create(sc, seed, &w, err);
    if (st == PS_OK) {
        st = ps_indicators_create(w, &ind, err);
    }
    ps_summary_state acc = {0};
    while (st == PS_OK && ps_world_steps_done(w) < ps_world_steps_total(w)) {
        long slot = year_slot(w, years, n_years); /* before the step moves the month */
        st = ps_world_step(w, err);
        if (st != PS_OK) {
            break;
        }
        ps_summary_observe(w, &acc);
        if (slot >= 0) {
            ps_indicators_compute(w, ind);
            ps_summary_metrics(ind, &acc, &values[(size_t)slot * PS_N_METRICS]);
        }
    }
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    return st;
}
