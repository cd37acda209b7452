/* sweep_run.c - one run of a sweep: a design row's values as settings, the model run,
 * and the summary values (and series) it keeps */
#include "protsim/sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "protsim/indicators.h"
#include "protsim/world.h"
#include "rng.h"

/* The stream of the Ishigami model's noise, keyed by the run seed. */
#define NOISE_STREAM 0x6e6f697365ull /* "noise" */
#define TWO_PI 6.28318530717958647692

size_t ps_sweep_row(const ps_sweep *sw, size_t run)
{
    return run / sw->replicates;
}

size_t ps_sweep_replicate(const ps_sweep *sw, size_t run)
{
    return run % sw->replicates;
}

uint64_t ps_sweep_seed(const ps_sweep *sw, size_t run)
{
    return ps_rng_derive_seed(sw->seed, run);
}

/* u in [0, 1] to one of n slots, each a 1/n of the interval (u = 1 is the last). */
static size_t slot_of(double u, size_t n)
{
    size_t k = (size_t)floor(u * (double)n);
    return k < n ? k : n - 1;
}

double ps_sweep_value(const ps_sweep *sw, size_t row, size_t j)
{
    const ps_sweep_param *p = &sw->params[j];
    double u = sw->unit[row * sw->n_params + j], v;
    if (p->scale == PS_SCALE_LIST) {
        return p->values[slot_of(u, p->n_values)];
    }
    if (p->integer && p->scale == PS_SCALE_LINEAR) { /* every whole number equally */
        return p->lo + (double)slot_of(u, (size_t)(p->hi - p->lo) + 1);
    }
    v = p->scale == PS_SCALE_LOG ? p->lo * pow(p->hi / p->lo, u)
                                 : p->lo + u * (p->hi - p->lo);
    v = p->integer ? round(v) : v;
    return v < p->lo ? p->lo : v > p->hi ? p->hi : v; /* rounding must not leave range */
}

void ps_sweep_value_name(const ps_sweep *sw, size_t k, char *buf, size_t size)
{
    if (sw->targets != NULL) {
        snprintf(buf, size, "%s", sw->targets->list[k].name);
    } else if (sw->model == PS_MODEL_ISHIGAMI) {
        snprintf(buf, size, "y");
    } else if (sw->model == PS_MODEL_ANALYTIC) {
        snprintf(buf, size, "%s", ps_sweep_analytic_output(k));
    } else {
        snprintf(buf, size, "%s@%d", ps_metric_name(sw->metrics[k / sw->n_years]),
                 sw->years[k % sw->n_years]);
    }
}

const char *ps_sweep_value_unit(const ps_sweep *sw, size_t k)
{
    if (sw->targets != NULL) {
        return sw->targets->list[k].units;
    }
    return sw->model != PS_MODEL_SCENARIO ? "1"
                                          : ps_metric_unit(sw->metrics[k / sw->n_years]);
}

const char *ps_sweep_value_doc(const ps_sweep *sw, size_t k)
{
    if (sw->targets != NULL) {
        return sw->targets->list[k].what;
    }
    switch (sw->model) {
    case PS_MODEL_ISHIGAMI:
        return "Ishigami function sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1 (plus noise)";
    case PS_MODEL_ANALYTIC:
        return "an output of the analytic test model (docs/sweeps.md), plus noise";
    default:
        return ps_metric_doc(sw->metrics[k / sw->n_years]);
    }
}

/* "path=value" of parameter j at design row i; numbers round-trip exactly. */
static void format_set(const ps_sweep *sw, size_t row, size_t j, char *buf, size_t size)
{
    const ps_sweep_param *p = &sw->params[j];
    double v = ps_sweep_value(sw, row, j);
    if (p->labels[0] != NULL) {
        snprintf(buf, size, "%s=%s", p->path, p->labels[(size_t)v]);
    } else if (p->integer) {
        snprintf(buf, size, "%s=%.0f", p->path, v);
    } else {
        snprintf(buf, size, "%s=%.17g", p->path, v);
    }
}

ps_status ps_sweep_scenario(const ps_sweep *sw, size_t row, ps_scenario *sc,
                            ps_error *err)
{
    char text[PS_SWEEP_MAX_PARAMS][2 * PS_SWEEP_TEXT];
    const char *sets[PS_SWEEP_MAX_PARAMS];
    for (size_t j = 0; j < sw->n_params; j++) {
        format_set(sw, row, j, text[j], sizeof text[j]);
        sets[j] = text[j];
    }
    return ps_scenario_load_string(sw->base_text, sw->base, NULL, sets, sw->n_params, sc,
                                   err);
}

/* values[m n_years + y] from all[y PS_N_METRICS + metric]: metric by metric. */
static void pick(const ps_sweep *sw, const double *all, double *values)
{
    for (size_t m = 0; m < sw->n_metrics; m++) {
        for (size_t y = 0; y < sw->n_years; y++) {
            values[m * sw->n_years + y] = all[y * PS_N_METRICS + sw->metrics[m]];
        }
    }
}

/* The index in years of the year whose December is month, or -1. */
static long year_slot(const ps_sweep *sw, ps_month month)
{
    for (size_t k = 0; month % 12 == 11 && k < sw->n_years; k++) {
        if (sw->years[k] == month / 12) {
            return (long)k;
        }
    }
    return -1;
}

/* ps_summary_run, observing every month for the series. */
static ps_status run_series(const ps_sweep *sw, const ps_scenario *sc, uint64_t seed,
                            double *all, double *series, ps_error *err)
{
    ps_world *w = NULL;
    ps_indicators *ind = NULL;
    ps_summary_state acc = {0};
    double now[PS_N_METRICS];
    ps_status st = ps_world_create(sc, seed, &w, err);
    st = st == PS_OK ? ps_indicators_create(w, &ind, err) : st;
    for (size_t t = 0; st == PS_OK && t < sw->n_steps; t++) {
        st = ps_world_step(w, err);
        if (st != PS_OK) {
            break;
        }
        ps_summary_observe(w, &acc);
        ps_indicators_compute(w, ind);
        ps_summary_metrics(ind, &acc, now);
        for (size_t m = 0; m < sw->n_metrics; m++) {
            series[m * sw->n_steps + t] = now[sw->metrics[m]];
        }
        long slot = year_slot(sw, sw->start + (ps_month)t);
        if (slot >= 0) {
            memcpy(&all[(size_t)slot * PS_N_METRICS], now, sizeof now);
        }
    }
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    return st;
}

/* Run sc, measuring the sweep's targets: values[targets->n]. */
static ps_status run_targets(const ps_sweep *sw, const ps_scenario *sc, uint64_t seed,
                             double *values, ps_error *err)
{
    ps_world *w = NULL;
    ps_indicators *ind = NULL;
    ps_target_observer *ob = NULL;
    ps_status st = ps_world_create(sc, seed, &w, err);
    st = st == PS_OK ? ps_indicators_create(w, &ind, err) : st;
    st = st == PS_OK ? ps_target_observer_create(sw->targets, sc, &ob, err) : st;
    for (size_t t = 0; st == PS_OK && t < sw->n_steps; t++) {
        st = ps_world_step(w, err);
        if (st == PS_OK) {
            size_t n_events = 0;
            const ps_event *events = ps_world_events(w, &n_events);
            ps_indicators_compute(w, ind);
            ps_target_observer_step(ob, ind, events, n_events);
        }
    }
    if (st == PS_OK) {
        ps_target_observer_values(ob, values);
    }
    ps_target_observer_destroy(ob);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    return st;
}

static ps_status run_scenario(const ps_sweep *sw, size_t run, double *values,
                              double *series, ps_error *err)
{
    double all[PS_SWEEP_MAX_YEARS * PS_N_METRICS];
    ps_scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        return ps_fail(err, PS_ENOMEM, "run %zu: cannot allocate its scenario", run);
    }
    for (size_t k = 0; k < sizeof all / sizeof *all; k++) {
        all[k] = NAN;
    }
    uint64_t seed = ps_sweep_seed(sw, run);
    ps_status st = ps_sweep_scenario(sw, ps_sweep_row(sw, run), sc, err);
    if (st == PS_OK && sw->targets != NULL) {
        st = run_targets(sw, sc, seed, values, err);
        free(sc);
        return st;
    }
    if (st == PS_OK && sw->series) {
        st = run_series(sw, sc, seed, all, series, err);
    } else if (st == PS_OK) {
        st = ps_summary_run(sc, seed, sw->years, sw->n_years, all, err);
    }
    free(sc);
    pick(sw, all, values);
    return st;
}

/* Noise of sd sw->noise added to y[n], drawn in order from the run's seed. */
static ps_status add_noise(const ps_sweep *sw, size_t run, double *y, size_t n,
                           ps_error *err)
{
    if (sw->noise <= 0.0) {
        return PS_OK;
    }
    gsl_rng *r = gsl_rng_alloc(ps_rng_xoshiro);
    if (r == NULL) {
        return ps_fail(err, PS_ENOMEM, "run %zu: cannot allocate its generator", run);
    }
    ps_rng_reseed(r, ps_sweep_seed(sw, run), NOISE_STREAM, 0);
    for (size_t k = 0; k < n; k++) {
        y[k] += gsl_ran_gaussian_ziggurat(r, sw->noise);
    }
    gsl_rng_free(r);
    return PS_OK;
}

/* The inputs x1.. of a test model at row (unvaried inputs are 0). */
static void test_inputs(const ps_sweep *sw, size_t row, double *x)
{
    for (size_t j = 0; j < sw->n_params; j++) {
        x[sw->params[j].path[1] - '1'] = ps_sweep_value(sw, row, j); /* "x1".."x4" */
    }
}

/* y = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1 (Ishigami and Homma 1990), plus noise. */
static ps_status run_ishigami(const ps_sweep *sw, size_t run, double *values,
                              ps_error *err)
{
    double x[3] = {0.0, 0.0, 0.0};
    test_inputs(sw, ps_sweep_row(sw, run), x);
    double s1 = sin(x[0]), s2 = sin(x[1]);
    values[0] = s1 + 7.0 * s2 * s2 + 0.1 * pow(x[2], 4) * s1;
    return add_noise(sw, run, values, 1, err);
}

void ps_sweep_analytic(const double *x, double *y)
{
    y[0] = x[0] + x[1] * x[1];
    y[1] = exp(x[0] - x[2]);
    y[2] = sin(TWO_PI * x[1]) + x[2];
    y[3] = x[0] * x[1] + 0.5 * x[2];
    y[4] = 4.0 * (x[2] - 0.5) * (x[2] - 0.5) + x[0]; /* x[3] is inert */
}

/* The analytic model's outputs plus noise; with targets, the outputs they name. */
static ps_status run_analytic(const ps_sweep *sw, size_t run, double *values,
                              ps_error *err)
{
    double x[PS_ANALYTIC_INPUTS] = {0.0}, y[PS_ANALYTIC_OUTPUTS];
    test_inputs(sw, ps_sweep_row(sw, run), x);
    ps_sweep_analytic(x, y);
    ps_status st = add_noise(sw, run, y, PS_ANALYTIC_OUTPUTS, err);
    for (size_t k = 0; k < sw->n_values; k++) {
        values[k] =
            sw->targets != NULL ? y[sw->targets->list[k].measure.output_index] : y[k];
    }
    return st;
}

ps_status ps_sweep_run(const ps_sweep *sw, size_t run, double *values, double *series,
                       ps_error *err)
{
    switch (sw->model) {
    case PS_MODEL_ISHIGAMI:
        return run_ishigami(sw, run, values, err);
    case PS_MODEL_ANALYTIC:
        return run_analytic(sw, run, values, err);
    default:
        return run_scenario(sw, run, values, series, err);
    }
}
