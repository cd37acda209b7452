/* prim.h - scenario discovery by the Patient Rule Induction Method (Friedman and Fisher
 * 1999; Bryant and Lempert 2010; the EMA Workbench's prim): a box of parameter ranges
 * inside which the cases of interest are dense, found by peeling and then pasting */
#ifndef PROTSIM_PRIM_H
#define PROTSIM_PRIM_H

#include <stdbool.h>
#include <stddef.h>

#include "protsim/error.h"

/* One box: how many cases it holds and what share of them are of interest. */
typedef struct ps_prim_box {
    double coverage; /* cases of interest inside / all cases of interest */
    double density;  /* cases of interest inside / cases inside */
    double mass;     /* cases inside / all cases */
    size_t n_in;
} ps_prim_box;

/* The peeling trajectory and the chosen box, pasted. */
typedef struct ps_prim {
    size_t n, p;               /* cases and parameters */
    size_t n_steps;            /* boxes of the trajectory; step 0 is the whole box */
    ps_prim_box *steps;        /* owned: [n_steps] */
    double *step_lo, *step_hi; /* owned: [n_steps * p] the bounds of each step */
    size_t chosen;             /* the step chosen (before pasting) */
    ps_prim_box box;           /* the chosen box after pasting */
    double *lo, *hi;           /* owned: [p] its bounds */
    bool *restricted;          /* owned: [p] bounds tighter than the cases' range */
} ps_prim;

/* Run PRIM on cases x[n * p] (row-major) with y[n] marking the cases of interest:
 * peel, from the box of all cases, the side (one parameter's lower or upper end) whose
 * share alpha of the box's cases (at least one) most raises the density, while the box
 * keeps at least min_mass of the cases; choose the step of highest density among those
 * with coverage >= min_coverage (the whole box when none has it); paste back shares
 * alpha while that raises the density. Returns PS_OK, PS_EINVAL (n = 0, p = 0, alpha
 * outside (0, 0.5], min_mass outside (0, 1]) or PS_ENOMEM. */
ps_status ps_prim_run(const double *x, const bool *y, size_t n, size_t p, double alpha,
                      double min_mass, double min_coverage, ps_prim **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_prim_destroy(ps_prim *prim);

#endif
