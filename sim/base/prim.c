/* prim.c - PRIM (prim.h): peeling one side of one parameter at a time, the trajectory
 * of boxes, the choice by density at a least coverage, and pasting */
#include "prim.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* The work of one run: the cases, the current bounds and a scratch column. */
typedef struct work {
    const double *x;
    const bool *y;
    size_t n, p;
    double n_interest;
    double *lo, *hi; /* [p] current bounds */
    double *col;     /* [n] scratch */
} work;

static bool inside(const work *w, size_t i, const double *lo, const double *hi,
                   size_t skip)
{
    for (size_t j = 0; j < w->p; j++) {
        double v = w->x[i * w->p + j];
        if (j != skip && (v < lo[j] || v > hi[j])) {
            return false;
        }
    }
    return true;
}

static ps_prim_box measure(const work *w, const double *lo, const double *hi)
{
    size_t n_in = 0, hits = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (inside(w, i, lo, hi, SIZE_MAX)) {
            n_in++;
            hits += w->y[i];
        }
    }
    ps_prim_box b = {.n_in = n_in, .mass = (double)n_in / (double)w->n};
    b.coverage = w->n_interest > 0 ? (double)hits / w->n_interest : 0.0;
    b.density = n_in > 0 ? (double)hits / (double)n_in : 0.0;
    return b;
}

/* Values of parameter j of the cases inside (ignoring j's own bounds when outer),
 * sorted into w->col; their count. */
static size_t column(work *w, size_t j, bool outer)
{
    size_t m = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (inside(w, i, w->lo, w->hi, outer ? j : SIZE_MAX)) {
            w->col[m++] = w->x[i * w->p + j];
        }
    }
    ps_stats_sort(w->col, m);
    return m;
}

/* The bound that peels about k (at least one) of the m sorted values off one side
 * (upper: the top): the cases beyond it leave; NAN when every value is the same. */
static double peel_bound(const double *s, size_t m, size_t k, bool upper)
{
    if (m == 0 || s[0] == s[m - 1]) {
        return NAN;
    }
    size_t at = k < m ? k : m - 1;
    if (!upper) {
        while (s[at] == s[0]) { /* ties with the least value: peel them all */
            at++;
        }
        return s[at];
    }
    at = m - 1 - at;
    while (s[at] == s[m - 1]) {
        at--;
    }
    return s[at];
}

/* One peeling step: the side whose peel leaves the densest box of at least min_n
 * cases (ties: the larger box). false when no side can be peeled. */
static bool peel(work *w, double alpha, size_t min_n)
{
    size_t best_j = 0;
    bool best_upper = false, found = false;
    double best_bound = 0.0;
    ps_prim_box best = {0};
    for (size_t j = 0; j < w->p; j++) {
        size_t m = column(w, j, false);
        size_t k = (size_t)floor(alpha * (double)m);
        for (int side = 0; side < 2; side++) {
            double bound = peel_bound(w->col, m, k > 0 ? k : 1, side == 1);
            if (isnan(bound)) {
                continue;
            }
            double keep_lo = w->lo[j], keep_hi = w->hi[j];
            *(side == 1 ? &w->hi[j] : &w->lo[j]) = bound;
            ps_prim_box b = measure(w, w->lo, w->hi);
            w->lo[j] = keep_lo;
            w->hi[j] = keep_hi;
            bool better = b.density > best.density ||
                          (b.density == best.density && b.n_in > best.n_in);
            if (b.n_in >= min_n && (!found || better)) {
                found = true;
                best = b;
                best_j = j;
                best_upper = side == 1;
                best_bound = bound;
            }
        }
    }
    if (found) {
        *(best_upper ? &w->hi[best_j] : &w->lo[best_j]) = best_bound;
    }
    return found;
}

/* One pasting step: widen the side that adds about alpha of the box's cases (the
 * nearest outside it, within the other bounds) and most raises the density. */
static bool paste(work *w, double alpha, ps_prim_box *cur)
{
    size_t add = (size_t)floor(alpha * (double)cur->n_in);
    add = add > 0 ? add : 1;
    bool found = false;
    size_t best_j = 0;
    bool best_upper = false;
    double best_bound = 0.0;
    ps_prim_box best = *cur;
    for (size_t j = 0; j < w->p; j++) {
        size_t m = column(w, j, true);
        for (int side = 0; side < 2; side++) {
            size_t outside = 0, at = 0; /* the add-th value beyond the bound */
            for (size_t q = 0; q < m; q++) {
                size_t i = side == 1 ? q : m - 1 - q;
                bool beyond = side == 1 ? w->col[i] > w->hi[j] : w->col[i] < w->lo[j];
                if (beyond && outside < add) {
                    outside++;
                    at = i;
                }
            }
            if (outside == 0) {
                continue;
            }
            double keep = side == 1 ? w->hi[j] : w->lo[j];
            *(side == 1 ? &w->hi[j] : &w->lo[j]) = w->col[at];
            ps_prim_box b = measure(w, w->lo, w->hi);
            *(side == 1 ? &w->hi[j] : &w->lo[j]) = keep;
            if (b.density > best.density) {
                found = true;
                best = b;
                best_j = j;
                best_upper = side == 1;
                best_bound = w->col[at];
            }
        }
    }
    if (found) {
        *(best_upper ? &w->hi[best_j] : &w->lo[best_j]) = best_bound;
        *cur = best;
    }
    return found;
}

void ps_prim_destroy(ps_prim *prim)
{
    if (prim != NULL) {
        free(prim->steps);
        free(prim->step_lo);
        free(prim->step_hi);
        free(prim->lo);
        free(prim->hi);
        free(prim->restricted);
        free(prim);
    }
}

/* Room for a trajectory of at most n + 1 steps (each peel removes a case). */
static ps_prim *prim_alloc(size_t n, size_t p)
{
    ps_prim *prim = calloc(1, sizeof *prim);
    if (prim == NULL) {
        return NULL;
    }
    prim->n = n;
    prim->p = p;
    prim->steps = calloc(n + 1, sizeof *prim->steps);
    prim->step_lo = calloc((n + 1) * p, sizeof *prim->step_lo);
    prim->step_hi = calloc((n + 1) * p, sizeof *prim->step_hi);
    prim->lo = calloc(p, sizeof *prim->lo);
    prim->hi = calloc(p, sizeof *prim->hi);
    prim->restricted = calloc(p, sizeof *prim->restricted);
    if (prim->steps == NULL || prim->step_lo == NULL || prim->step_hi == NULL ||
        prim->lo == NULL || prim->hi == NULL || prim->restricted == NULL) {
        ps_prim_destroy(prim);
        return NULL;
    }
    return prim;
}

static void record(ps_prim *prim, const work *w)
{
    size_t s = prim->n_steps++;
    prim->steps[s] = measure(w, w->lo, w->hi);
    memcpy(prim->step_lo + s * w->p, w->lo, w->p * sizeof *w->lo);
    memcpy(prim->step_hi + s * w->p, w->hi, w->p * sizeof *w->hi);
}

/* The densest step with coverage at least min_coverage (the first of equals). */
static size_t choose(const ps_prim *prim, double min_coverage)
{
    size_t best = 0;
    for (size_t s = 1; s < prim->n_steps; s++) {
        if (prim->steps[s].coverage >= min_coverage &&
            prim->steps[s].density > prim->steps[best].density) {
            best = s;
        }
    }
    return best;
}

ps_status ps_prim_run(const double *x, const bool *y, size_t n, size_t p, double alpha,
                      double min_mass, double min_coverage, ps_prim **out, ps_error *err)
{
    *out = NULL;
    if (n == 0 || p == 0 || !(alpha > 0.0 && alpha <= 0.5) ||
        !(min_mass > 0.0 && min_mass <= 1.0)) {
        return ps_fail(err, PS_EINVAL,
                       "prim: %zu cases, %zu parameters, alpha %g, "
                       "least mass %g",
                       n, p, alpha, min_mass);
    }
    ps_prim *prim = prim_alloc(n, p);
    work w = {x, y, n, p, 0.0, NULL, NULL, calloc(n, sizeof(double))};
    if (prim == NULL || w.col == NULL) {
        ps_prim_destroy(prim);
        free(w.col);
        return ps_fail(err, PS_ENOMEM, "prim: cannot allocate %zu cases", n);
    }
    w.lo = prim->lo;
    w.hi = prim->hi;
    for (size_t i = 0; i < n; i++) {
        w.n_interest += y[i];
    }
    for (size_t j = 0; j < p; j++) {
        w.lo[j] = w.hi[j] = x[j];
        for (size_t i = 1; i < n; i++) {
            w.lo[j] = fmin(w.lo[j], x[i * p + j]);
            w.hi[j] = fmax(w.hi[j], x[i * p + j]);
        }
    }
    size_t min_n = (size_t)ceil(min_mass * (double)n);
    record(prim, &w);
    while (prim->n_steps <= n && peel(&w, alpha, min_n > 0 ? min_n : 1)) {
        record(prim, &w);
    }
    prim->chosen = choose(prim, min_coverage);
    memcpy(w.lo, prim->step_lo + prim->chosen * p, p * sizeof *w.lo);
    memcpy(w.hi, prim->step_hi + prim->chosen * p, p * sizeof *w.hi);
    prim->box = prim->steps[prim->chosen];
    while (paste(&w, alpha, &prim->box)) {
    }
    for (size_t j = 0; j < p; j++) {
        prim->restricted[j] = w.lo[j] > prim->step_lo[j] || w.hi[j] < prim->step_hi[j];
    }
    free(w.col);
    *out = prim;
    return PS_OK;
}
