/* tiny.h - build tiny hand-checkable worlds from scenario text (test helper) */
#ifndef PROTSIM_TEST_TINY_H
#define PROTSIM_TEST_TINY_H

#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>

#include "protsim/protsim.h"
#include "world_impl.h"

/* Settings that switch off what a test does not look at: no network, no UNHCR
 * advocacy, no adoption (alpha -30), no securitisation dynamics. */
#define TINY_QUIET                                                                       \
    "network = { founded = \"2099-01\"; };\n"                                            \
    "unhcr = { advocacy = 0.0; };\n"                                                     \
    "securitisation = { surge = 0.0; framing = 0.0; reversion = 0.0; };\n"               \
    "hazard = { ratify = { alpha = -30.0; }; admin = { alpha = -30.0; };\n"              \
    "  regulate = { alpha = -30.0; }; bill = { alpha = -30.0; }; pass = { alpha = "      \
    "-30.0; }; };\n"

/* Load text (a whole scenario) into *sc and build its world; fails the test on error. */
static inline ps_world *tiny_world(const char *text, ps_scenario *sc)
{
    gsl_set_error_handler_off();
    ps_error err = {0};
    ps_status st = ps_scenario_load_string(text, "tiny.cfg", NULL, NULL, 0, sc, &err);
    cr_assert_eq(st, PS_OK, "scenario: %s", err.msg);
    ps_world *w = NULL;
    st = ps_world_create(sc, sc->seed, &w, &err);
    cr_assert_eq(st, PS_OK, "world: %s", err.msg);
    return w;
}

/* The same scenario text with --set overrides applied. */
static inline ps_world *tiny_world_set(const char *text, const char *const *sets,
                                       size_t n_sets, ps_scenario *sc)
{
    gsl_set_error_handler_off();
    ps_error err = {0};
    ps_status st =
        ps_scenario_load_string(text, "tiny.cfg", NULL, sets, n_sets, sc, &err);
    cr_assert_eq(st, PS_OK, "scenario: %s", err.msg);
    ps_world *w = NULL;
    st = ps_world_create(sc, sc->seed, &w, &err);
    cr_assert_eq(st, PS_OK, "world: %s", err.msg);
    return w;
}

#endif
