/* test_design.c - sweep designs: grid, Latin hypercube, Saltelli from GSL's Sobol
 * sequence, Morris trajectories; known answers worked out by hand */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "protsim/sweep.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(design, .init = setup);

/* Fill a design of spec into a new array; fails the test on error. */
static double *fill(const ps_design_spec *spec)
{
    size_t rows = ps_design_rows(spec);
    double *unit = calloc(rows * spec->n_params, sizeof *unit);
    ps_error err = {0};
    cr_assert_not_null(unit);
    cr_assert_eq(ps_design_fill(spec, unit, &err), PS_OK, "%s", err.msg);
    return unit;
}

Test(design, rows_of_each_design)
{
    size_t levels[3] = {2, 3, 4};
    ps_design_spec grid = {PS_DESIGN_GRID, 3, 0, levels, 0, 0, NULL};
    ps_design_spec lhs = {PS_DESIGN_LHS, 3, 7, NULL, 0, 0, NULL};
    ps_design_spec sobol = {PS_DESIGN_SOBOL, 3, 16, NULL, 0, 0, NULL};
    ps_design_spec morris = {PS_DESIGN_MORRIS, 3, 5, NULL, 4, 0, NULL};
    cr_assert_eq(ps_design_rows(&grid), 24);
    cr_assert_eq(ps_design_rows(&lhs), 7);
    cr_assert_eq(ps_design_rows(&sobol), 16 * 5);
    cr_assert_eq(ps_design_rows(&morris), 5 * 4);
}

Test(design, rows_that_overflow_are_zero)
{
    ps_design_spec sobol = {PS_DESIGN_SOBOL, 3, SIZE_MAX / 2, NULL, 0, 0, NULL};
    cr_assert_eq(ps_design_rows(&sobol), 0);
}

Test(design, grid_is_full_factorial_with_the_last_parameter_fastest)
{
    size_t levels[2] = {2, 3};
    ps_design_spec spec = {PS_DESIGN_GRID, 2, 0, levels, 0, 0, NULL};
    double *u = fill(&spec);
    const double want[6][2] = {{0, 0}, {0, 0.5}, {0, 1}, {1, 0}, {1, 0.5}, {1, 1}};
    for (size_t i = 0; i < 6; i++) {
        cr_assert_eq(u[2 * i], want[i][0], "row %zu", i);
        cr_assert_eq(u[2 * i + 1], want[i][1], "row %zu", i);
    }
    free(u);
}

Test(design, grid_axis_of_one_level_is_the_midpoint)
{
    size_t levels[2] = {1, 5};
    ps_design_spec spec = {PS_DESIGN_GRID, 2, 0, levels, 0, 0, NULL};
    double *u = fill(&spec);
    cr_assert_eq(u[0], 0.5);
    cr_assert_eq(u[3], 0.25); /* row 1, level 1 of 5 */
    free(u);
}

Test(design, lhs_has_one_point_in_each_stratum_of_each_column)
{
    ps_design_spec spec = {PS_DESIGN_LHS, 3, 10, NULL, 0, 77, NULL};
    double *u = fill(&spec);
    for (size_t j = 0; j < 3; j++) {
        int seen[10] = {0};
        for (size_t i = 0; i < 10; i++) {
            double v = u[i * 3 + j];
            cr_assert(v >= 0.0 && v < 1.0);
            seen[(int)floor(v * 10)]++;
        }
        for (int k = 0; k < 10; k++) {
            cr_assert_eq(seen[k], 1, "column %zu, stratum %d", j, k);
        }
    }
    free(u);
}

Test(design, lhs_depends_only_on_the_seed)
{
    ps_design_spec a = {PS_DESIGN_LHS, 2, 6, NULL, 0, 11, NULL};
    ps_design_spec c = {PS_DESIGN_LHS, 2, 6, NULL, 0, 12, NULL};
    double *u1 = fill(&a), *u2 = fill(&a), *u3 = fill(&c);
    cr_assert_arr_eq(u1, u2, 12 * sizeof *u1);
    cr_assert_neq(memcmp(u1, u3, 12 * sizeof *u1), 0);
    free(u1);
    free(u2);
    free(u3);
}

/* GSL's 4-dimensional Sobol points 1..4: (0.5 0.5 0.5 0.5), (0.75 0.25 0.75 0.25),
 * (0.25 0.75 0.25 0.75), (0.375 0.375 0.625 0.125). With P = 2, base point 4 has
 * A = (0.375, 0.375) and B = (0.625, 0.125). */
Test(design, sobol_blocks_are_a_then_a_b_then_b)
{
    ps_design_spec spec = {PS_DESIGN_SOBOL, 2, 4, NULL, 0, 0, NULL};
    double *u = fill(&spec);
    const double *block = u + 3 * 4 * 2; /* base point 4: rows 12..15 */
    const double want[4][2] = {
        {0.375, 0.375}, {0.625, 0.375}, {0.375, 0.125}, {0.625, 0.125}};
    for (size_t k = 0; k < 4; k++) {
        cr_assert_eq(block[2 * k], want[k][0], "row %zu", k);
        cr_assert_eq(block[2 * k + 1], want[k][1], "row %zu", k);
    }
    cr_assert_eq(u[2 * 4], 0.75); /* base point 2 starts with A = (0.75, 0.25) */
    cr_assert_eq(u[2 * 4 + 1], 0.25);
    free(u);
}

Test(design, sobol_refuses_more_parameters_than_gsl_has_dimensions)
{
    ps_design_spec spec = {PS_DESIGN_SOBOL, 21, 2, NULL, 0, 0, NULL};
    double *u = calloc(ps_design_rows(&spec) * 21, sizeof *u);
    ps_error err = {0};
    cr_assert_eq(ps_design_fill(&spec, u, &err), PS_EINVAL);
    cr_assert_str_eq(err.msg, "sobol design: 21 parameters need 42 dimensions; GSL's "
                              "Sobol sequence has 40");
    free(u);
}

Test(design, morris_rows_move_one_parameter_by_delta_on_the_grid)
{
    const size_t p = 3, r = 20, levels = 4;
    ps_design_spec spec = {PS_DESIGN_MORRIS, p, r, NULL, levels, 5, NULL};
    double *u = fill(&spec);
    double delta = 4.0 / 6.0; /* p / (2 (p - 1)) */
    for (size_t t = 0; t < r; t++) {
        int moved[3] = {0};
        for (size_t k = 0; k <= p; k++) {
            const double *row = u + (t * (p + 1) + k) * p, *prev = k > 0 ? row - p : row;
            for (size_t j = 0; j < p; j++) {
                double steps = row[j] * 3.0;
                cr_assert_float_eq(steps, round(steps), 1e-12, "value on the grid");
                if (k > 0 && row[j] != prev[j]) {
                    cr_assert_float_eq(fabs(row[j] - prev[j]), delta, 1e-12);
                    moved[j]++;
                }
            }
        }
        for (size_t j = 0; j < p; j++) {
            cr_assert_eq(moved[j], 1, "trajectory %zu moves parameter %zu once", t, j);
        }
    }
    free(u);
}

Test(design, morris_refuses_odd_levels)
{
    ps_design_spec spec = {PS_DESIGN_MORRIS, 2, 2, NULL, 3, 0, NULL};
    double u[12];
    ps_error err = {0};
    cr_assert_eq(ps_design_fill(&spec, u, &err), PS_EINVAL);
    cr_assert_str_eq(err.msg, "morris design: levels = 3 must be even");
}

Test(design, names)
{
    cr_assert_str_eq(ps_design_name(PS_DESIGN_SOBOL), "sobol");
    cr_assert_str_eq(ps_design_name(PS_N_DESIGNS), "?");
}
