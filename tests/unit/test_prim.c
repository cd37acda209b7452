/* test_prim.c - PRIM on cases with a known box: peeling finds it, the choice rule and
 * pasting, and the refusals */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <math.h>

#include "prim.h"

#define N 400

static double x[N * 3];
static bool y[N];

/* A 20 x 20 grid in the first two parameters (a third is noise-free and irrelevant):
 * the cases are the points with x0 >= 0.7 and x1 < 0.4, 6 x 8 = 48 of 400. */
static void setup(void)
{
    gsl_set_error_handler_off();
    for (size_t i = 0; i < N; i++) {
        double a = (double)(i % 20) / 19.0, b = (double)(i / 20) / 19.0;
        x[3 * i] = a;
        x[3 * i + 1] = b;
        x[3 * i + 2] = fmod(0.37 * (double)i, 1.0);
        y[i] = a >= 0.7 && b < 0.4;
    }
}
TestSuite(prim, .init = setup);

Test(prim, finds_the_box_of_the_cases)
{
    ps_prim *p = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_prim_run(x, y, N, 3, 0.05, 0.05, 0.5, &p, &err), PS_OK, "%s",
                 err.msg);
    cr_assert_float_eq(p->steps[0].density, 48.0 / 400.0, 1e-12);
    cr_assert_float_eq(p->steps[0].mass, 1.0, 1e-12);
    cr_assert_float_eq(p->box.density, 1.0, 1e-12, "density %g", p->box.density);
    cr_assert_float_eq(p->box.coverage, 1.0, 1e-12, "coverage %g", p->box.coverage);
    cr_assert_eq(p->box.n_in, 48);
    cr_assert(p->restricted[0] && p->restricted[1]);
    cr_assert(!p->restricted[2], "the third parameter does not matter");
    cr_assert(p->lo[0] > 13.0 / 19.0 && p->lo[0] <= 14.0 / 19.0, "lo %g", p->lo[0]);
    cr_assert(p->hi[1] >= 7.0 / 19.0 && p->hi[1] < 8.0 / 19.0, "hi %g", p->hi[1]);
    for (size_t s = 1; s < p->n_steps; s++) { /* each peel removes cases: mass falls */
        cr_assert_lt(p->steps[s].mass, p->steps[s - 1].mass);
    }
    ps_prim_destroy(p);
}

/* With no box of coverage at least 0.9 but the whole, the whole box is chosen. */
Test(prim, least_coverage_decides_the_step)
{
    ps_prim *p = NULL;
    ps_error err = {0};
    for (size_t i = 0; i < N; i++) { /* the cases in two far corners: 24 each */
        double a = x[3 * i], b = x[3 * i + 1];
        y[i] = (a >= 0.7 && b < 0.4) != (a < 0.3 && b > 0.6) && (a >= 0.7 || a < 0.3);
    }
    cr_assert_eq(ps_prim_run(x, y, N, 3, 0.05, 0.05, 0.99, &p, &err), PS_OK, "%s",
                 err.msg);
    cr_assert_eq(p->chosen, 0);
    ps_prim_destroy(p);
}

Test(prim, refuses_bad_arguments)
{
    ps_prim *p = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_prim_run(x, y, N, 3, 0.0, 0.05, 0.5, &p, &err), PS_EINVAL);
    cr_assert_str_eq(err.msg, "prim: 400 cases, 3 parameters, alpha 0, least mass 0.05");
    cr_assert_null(p);
    cr_assert_eq(ps_prim_run(x, y, 0, 3, 0.05, 0.05, 0.5, &p, &err), PS_EINVAL);
}
