/* test_scenario_diff.c - ps_scenario_differs (compare --fork): the first setting in
 * which two resolved scenarios differ, with both values as a scenario file writes them;
 * the name, the description and schedule entries from the fork month on may differ */
#include <stdlib.h>

#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>

#include "protsim/protsim.h"

static const char *BASE =
    "name = \"a\"; time = { start = \"2010-01\"; end = \"2012-12\"; };\n"
    "origins = ( { name = \"O\"; } );\n"
    "states = { list = ( { name = \"Aland\"; access = 0.6; }, { name = \"Bland\"; } ); "
    "};\n";

static const char *ENTRY_2011 =
    "schedule = ( { at = \"2011-01\"; set = [ \"unhcr.decisions_per_year=100\" ]; } );\n";

/* BASE and more, with the --set overrides sets[n] (n may be 0), into *sc. */
static void load(ps_scenario *sc, const char *more, const char *const *sets, size_t n)
{
    gsl_set_error_handler_off();
    char text[4096];
    snprintf(text, sizeof text, "%s%s", BASE, more);
    ps_error err = {0};
    cr_assert_eq(ps_scenario_load_string(text, "t.cfg", NULL, sets, n, sc, &err), PS_OK,
                 "%s", err.msg);
}

/* Whether B (BASE + more_b, then sets_b[n_b]) differs from A (BASE + more_a) before
 * the month from ("YYYY-MM"). */
static bool differs_set(const char *more_a, const char *more_b, const char *const *sets_b,
                        size_t n_b, const char *from, ps_scenario_difference *d)
{
    ps_scenario *sc = calloc(2, sizeof *sc);
    ps_month m = 0;
    load(&sc[0], more_a, NULL, 0);
    load(&sc[1], more_b, sets_b, n_b);
    cr_assert(ps_month_parse(from, &m));
    bool out = ps_scenario_differs(&sc[0], &sc[1], m, d);
    free(sc);
    return out;
}

static bool differs(const char *more_a, const char *more_b, const char *from,
                    ps_scenario_difference *d)
{
    return differs_set(more_a, more_b, NULL, 0, from, d);
}

Test(scenario_diff, the_same_scenario_does_not_differ)
{
    ps_scenario_difference d;
    cr_assert_not(differs(ENTRY_2011, ENTRY_2011, "2010-06", &d));
}

Test(scenario_diff, name_and_description_may_differ)
{
    ps_scenario_difference d;
    const char *sets[] = {"name=b", "description=another"};
    cr_assert_not(differs_set("", "", sets, 2, "2010-06", &d));
}

Test(scenario_diff, a_setting_is_named_by_its_path_with_both_values)
{
    ps_scenario_difference d;
    const char *sets[] = {"states.Aland.access=0.7"};
    cr_assert(differs_set("", "", sets, 1, "2011-01", &d));
    cr_assert_str_eq(d.path, "states.Aland.access");
    cr_assert_str_eq(d.a, "0.6");
    cr_assert_str_eq(d.b, "0.7");
}

Test(scenario_diff, schedule_entries_from_the_fork_on_may_differ)
{
    ps_scenario_difference d;
    cr_assert_not(differs("", ENTRY_2011, "2011-01", &d)); /* B's change is at the fork */
    cr_assert_not(differs(ENTRY_2011, "", "2011-01", &d));
    cr_assert_not(differs(ENTRY_2011, ENTRY_2011, "2012-12", &d));
}

Test(scenario_diff, a_schedule_entry_before_the_fork_differs)
{
    ps_scenario_difference d;
    cr_assert(differs("", ENTRY_2011, "2011-02", &d));
    cr_assert_str_eq(d.path, "schedule.[0]");
    cr_assert_str_eq(d.a, "(none)");
    cr_assert_str_eq(d.b,
                     "{ at = \"2011-01\"; set = [\"unhcr.decisions_per_year=100\"]; }");
}
