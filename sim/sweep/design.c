/* design.c - sweep designs over the unit cube: grid, Latin hypercube, Saltelli from
 * GSL's Sobol sequence, Morris trajectories (sweep.h says which row is which) */
#include "protsim/sweep.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "rng.h"

/* The stream of a design's random draws: only ever keyed by the sweep seed, so it
 * cannot meet a run's streams, which are keyed by derived run seeds. */
#define DESIGN_STREAM 0x6465736967ull /* "desig" */
#define SOBOL_MAX_DIMENSION 40        /* GSL's table; gsl_qrng_alloc does not check */

static const char *const DESIGN_NAMES[PS_N_DESIGNS] = {
#define PS_AS_DESIGN_NAME(id, name) [id] = name,
    PS_DESIGN_LIST(PS_AS_DESIGN_NAME)
#undef PS_AS_DESIGN_NAME
};

const char *ps_design_name(ps_design_kind kind)
{
    return kind >= 0 && kind < PS_N_DESIGNS ? DESIGN_NAMES[kind] : "?";
}

/* a * b, or 0 when it overflows. */
static size_t mul(size_t a, size_t b)
{
    return b != 0 && a > SIZE_MAX / b ? 0 : a * b;
}

size_t ps_design_rows(const ps_design_spec *spec)
{
    size_t p = spec->n_params;
    switch (spec->kind) {
    case PS_DESIGN_GRID: {
        size_t rows = 1;
        for (size_t j = 0; j < p; j++) {
            rows = mul(rows, spec->levels[j]);
        }
        return rows;
    }
    case PS_DESIGN_LHS:
    case PS_DESIGN_POINTS:
        return spec->n_points;
    case PS_DESIGN_SOBOL:
        return mul(spec->n_points, p + 2);
    case PS_DESIGN_MORRIS:
        return mul(spec->n_points, p + 1);
    default:
        return 0;
    }
}

/* Full factorial, the last parameter fastest. */
static void fill_grid(const ps_design_spec *spec, size_t rows, double *unit)
{
    size_t p = spec->n_params;
    for (size_t i = 0; i < rows; i++) {
        size_t rest = i;
        for (size_t j = p; j-- > 0;) {
            size_t n = spec->levels[j], k = rest % n;
            rest /= n;
            unit[i * p + j] = n > 1 ? (double)k / (double)(n - 1) : 0.5;
        }
    }
}

/* A generator of the design stream; NULL when out of memory. */
static gsl_rng *design_rng(uint64_t seed)
{
    gsl_rng *r = gsl_rng_alloc(ps_rng_xoshiro);
    if (r != NULL) {
        ps_rng_reseed(r, seed, DESIGN_STREAM, 0);
    }
    return r;
}

/* Each column: a random order of the n strata, one uniform point in each. */
static ps_status fill_lhs(const ps_design_spec *spec, double *unit, ps_error *err)
{
    size_t n = spec->n_points, p = spec->n_params;
    size_t *order = malloc(n * sizeof *order);
    gsl_rng *r = design_rng(spec->seed);
    if (order == NULL || r == NULL) {
        free(order);
        gsl_rng_free(r);
        return ps_fail(err, PS_ENOMEM, "lhs design: cannot allocate %zu points", n);
    }
    for (size_t j = 0; j < p; j++) {
        for (size_t i = 0; i < n; i++) {
            order[i] = i;
        }
        gsl_ran_shuffle(r, order, n, sizeof *order);
        for (size_t i = 0; i < n; i++) {
            unit[i * p + j] = ((double)order[i] + gsl_rng_uniform(r)) / (double)n;
        }
    }
    gsl_rng_free(r);
    free(order);
    return PS_OK;
}

/* Rows A, A_B^(1) .. A_B^(P), B of one base point x = (A, B) of 2P coordinates. */
static void saltelli_block(const double *x, size_t p, double *block)
{
    for (size_t k = 0; k < p + 2; k++) {
        for (size_t j = 0; j < p; j++) {
            bool from_b = k == p + 1 || (k >= 1 && k - 1 == j);
            block[k * p + j] = from_b ? x[p + j] : x[j];
        }
    }
}

static ps_status fill_sobol(const ps_design_spec *spec, double *unit, ps_error *err)
{
    size_t p = spec->n_params;
    if (2 * p > SOBOL_MAX_DIMENSION) {
        return ps_fail(err, PS_EINVAL,
                       "sobol design: %zu parameters need %zu dimensions; GSL's Sobol "
                       "sequence has %d",
                       p, 2 * p, SOBOL_MAX_DIMENSION);
    }
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * p));
    double *x = malloc(2 * p * sizeof *x);
    ps_status st = PS_OK;
    if (q == NULL || x == NULL) {
        st = ps_fail(err, PS_ENOMEM, "sobol design: cannot allocate");
    }
    for (size_t i = 0; st == PS_OK && i < spec->n_points; i++) {
        if (gsl_qrng_get(q, x) != 0) {
            st = ps_fail(err, PS_EINVAL, "sobol design: GSL cannot give point %zu", i);
            break;
        }
        saltelli_block(x, p, unit + i * (p + 2) * p);
    }
    free(x);
    gsl_qrng_free(q);
    return st;
}

/* One trajectory of p + 1 rows: a random start on the p-level grid, from which each
 * parameter in a random order moves once by +-delta, staying inside [0, 1]. Grid
 * positions are kept as whole numbers (pos) so that every value is exactly k / (p - 1).
 * work holds 2p size_t. */
static void morris_trajectory(gsl_rng *r, size_t p, size_t levels, size_t *work,
                              double *rows)
{
    size_t *order = work, *pos = work + p;
    size_t jump = levels / 2; /* delta = p / (2 (p - 1)) is levels / 2 grid steps */
    double step = 1.0 / (double)(levels - 1);
    for (size_t j = 0; j < p; j++) {
        size_t low = gsl_rng_uniform_int(r, levels - jump);
        bool up = gsl_rng_uniform_int(r, 2) == 1;
        pos[j] = up ? low : low + jump;
        order[j] = j;
    }
    gsl_ran_shuffle(r, order, p, sizeof *order);
    for (size_t k = 0; k <= p; k++) {
        if (k > 0) {
            size_t j = order[k - 1];
            pos[j] = pos[j] < jump ? pos[j] + jump : pos[j] - jump;
        }
        for (size_t j = 0; j < p; j++) {
            rows[k * p + j] = (double)pos[j] * step;
        }
    }
}

static ps_status fill_morris(const ps_design_spec *spec, double *unit, ps_error *err)
{
    size_t p = spec->n_params, levels = spec->morris_levels;
    if (levels < 2 || levels % 2 != 0) {
        return ps_fail(err, PS_EINVAL, "morris design: levels = %zu must be even",
                       levels);
    }
    size_t *work = malloc(2 * p * sizeof *work);
    gsl_rng *r = design_rng(spec->seed);
    if (work == NULL || r == NULL) {
        free(work);
        gsl_rng_free(r);
        return ps_fail(err, PS_ENOMEM, "morris design: cannot allocate");
    }
    for (size_t t = 0; t < spec->n_points; t++) {
        morris_trajectory(r, p, levels, work, unit + t * (p + 1) * p);
    }
    gsl_rng_free(r);
    free(work);
    return PS_OK;
}

ps_status ps_design_fill(const ps_design_spec *spec, double *unit, ps_error *err)
{
    size_t rows = ps_design_rows(spec);
    if (spec->n_params == 0 || rows == 0) {
        return ps_fail(err, PS_EINVAL, "%s design: no points (%zu parameters)",
                       ps_design_name(spec->kind), spec->n_params);
    }
    switch (spec->kind) {
    case PS_DESIGN_GRID:
        fill_grid(spec, rows, unit);
        return PS_OK;
    case PS_DESIGN_LHS:
        return fill_lhs(spec, unit, err);
    case PS_DESIGN_SOBOL:
        return fill_sobol(spec, unit, err);
    case PS_DESIGN_MORRIS:
        return fill_morris(spec, unit, err);
    case PS_DESIGN_POINTS:
        if (spec->table == NULL) {
            return ps_fail(err, PS_EINVAL, "points design: no table");
        }
        memcpy(unit, spec->table, rows * spec->n_params * sizeof *unit);
        return PS_OK;
    default:
        return ps_fail(err, PS_EINVAL, "design %d: unknown", (int)spec->kind);
    }
}
