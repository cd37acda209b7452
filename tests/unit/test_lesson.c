/* test_lesson.c - classroom lesson files: the shipped lessons pass, every refusal comes
 * with FILE:LINE and its whole message (slider paths and ranges through --set), and the
 * resolved lesson carries each slider's value in its scenario */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, open_memstream */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "protsim/scenario.h"

/* Three lines before the sliders: messages about a slider are at line 4. */
#define HEAD                                                                             \
    "title = \"t\"; scenario = \"" PS_SCENARIOS "/classroom/01-gap.cfg\";\n"             \
    "charts = ( { title = \"c\"; series = ( { key = \"region/poi\"; label = \"p\"; } "   \
    "); } );\n"                                                                          \
    "outcomes = ( { key = \"region/poi\"; label = \"p\"; } );\n"
#define SLIDER(body) HEAD "sliders = ( { " body " } );\n"
#define CAPACITY "path = \"states.list.[0].capacity\"; label = \"c\"; "

static char dir[64], file[96];
static ps_error err;

static void setup(void)
{
    gsl_set_error_handler_off();
    snprintf(dir, sizeof dir, "/tmp/protsim-lesson-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/t.lesson", dir);
    err = (ps_error){0};
}
static void teardown(void)
{
    unlink(file);
    rmdir(dir);
}
TestSuite(lesson, .init = setup, .fini = teardown);

static ps_status check(const char *text, FILE *out)
{
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return ps_lesson_check(file, out, &err);
}

static void expect_error(const char *text, const char *line_and_msg)
{
    char want[1024];
    snprintf(want, sizeof want, "%s:%s", file, line_and_msg);
    cr_assert_eq(check(text, NULL), PS_EINVAL, "accepted: %s", text);
    cr_assert_str_eq(err.msg, want);
}

Test(lesson, every_shipped_lesson_passes)
{
    const char *names[] = {"01-gap",          "02-paper-practice",
                           "03-boomerang",    "04-securitisation",
                           "05-resettlement", "06-learning"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/classroom/%s.lesson", PS_SCENARIOS, names[i]);
        cr_assert_eq(ps_lesson_check(path, NULL, &err), PS_OK, "%s: %s", path, err.msg);
    }
}

Test(lesson, resolved_lesson_has_each_sliders_value)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    cr_assert_eq(check(SLIDER(CAPACITY "min = 0.1; max = 0.9; step = 0.05;"), out), PS_OK,
                 "%s", err.msg);
    fclose(out);
    cr_assert_not_null(strstr(text, "path = \"states.list.[0].capacity\";\n"));
    cr_assert_not_null(strstr(text, "        min = 0.1;\n"));
    cr_assert_not_null(strstr(text, "defaults = (\n    { value = 0.35; }\n);\n"), "%s",
                       text);
    free(text);
}

Test(lesson, slider_ends_are_checked_by_set)
{
    expect_error(
        SLIDER(CAPACITY "min = -1.0; max = 1.0; step = 0.1;"),
        "4: sliders.[0].min: --set: states.list.[0].capacity = -1 is outside [0, 1] (1)");
    expect_error(SLIDER(CAPACITY "min = 0.0; max = 1.5; step = 0.1;"),
                 "4: sliders.[0].max: --set: states.list.[0].capacity = 1.5 is outside "
                 "[0, 1] (1)");
}

Test(lesson, slider_paths_are_checked_by_set)
{
    expect_error(
        SLIDER("path = \"states.list.[0].capacty\"; label = \"c\"; min = 0.0; "
               "max = 1.0; step = 0.1;"),
        "4: sliders.[0].path: --set: states.list.[0].capacty: unknown setting (did "
        "you mean capacity?)");
    expect_error(
        SLIDER("path = \"states.list.[7].capacity\"; label = \"c\"; min = 0.0; "
               "max = 1.0; step = 0.1;"),
        "4: sliders.[0].path: --set: states.list.[7]: no such element (states.list "
        "has 2)");
}

Test(lesson, choices_take_values_numbers_take_ranges)
{
    expect_error(
        SLIDER("path = \"states.list.[0].rsd\"; label = \"c\"; min = 0.0; "
               "max = 1.0; step = 0.1;"),
        "4: sliders.[0].path = \"states.list.[0].rsd\": a choice takes values, not "
        "min and max");
    expect_error(
        SLIDER("path = \"states.list.[0].rsd\"; label = \"c\"; "
               "values = [\"state\", \"bogus\"];"),
        "4: sliders.[0].values: --set: states.list.[0].rsd = \"bogus\" is not one "
        "of unhcr, joint, state, none");
    expect_error(
        SLIDER(CAPACITY "values = [\"0.1\", \"0.2\"];"),
        "4: sliders.[0].path = \"states.list.[0].capacity\": a number takes min, "
        "max and step, not values");
    expect_error(SLIDER("path = \"time.end\"; label = \"c\"; min = 0.0; max = 1.0; "
                        "step = 0.1;"),
                 "4: sliders.[0].path = \"time.end\": a date setting cannot be a slider");
}

Test(lesson, a_range_needs_all_three_in_order)
{
    expect_error(SLIDER(CAPACITY "min = 0.0; max = 1.0;"),
                 "4: sliders.[0]: needs min, max and step, or values");
    expect_error(
        SLIDER(CAPACITY "min = 0.5; max = 0.1; step = 0.1;"),
        "4: sliders.[0]: min 0.5, max 0.1, step 0.1: need min < max and step > 0");
    expect_error(
        SLIDER(CAPACITY "min = 0.5; max = 0.9; step = 0.1;"),
        "4: sliders.[0]: the scenario's states.list.[0].capacity = 0.35 is outside "
        "the slider's [0.5, 0.9]");
}

Test(lesson, unknown_and_missing_settings)
{
    expect_error(SLIDER("path = \"states.list.[0].capacity\"; lable = \"c\"; min = 0.0; "
                        "max = 1.0; step = 0.1;"),
                 "4: sliders.[0].lable: unknown setting (did you mean label?)");
    expect_error(HEAD "sliders = ();\n", "4: sliders has 0 elements, at least 1");
    expect_error("scenario = \"x.cfg\";\n", " title: missing required setting");
}

Test(lesson, a_missing_scenario_names_its_line)
{
    char want[1024];
    snprintf(
        want, sizeof want,
        "%s:1: scenario = \"nothere.cfg\": %s/nothere.cfg: cannot open: No such file "
        "or directory",
        file, dir);
    cr_assert_eq(
        check("title = \"t\"; scenario = \"nothere.cfg\";\n"
              "sliders = ( { " CAPACITY "min = 0.0; max = 1.0; step = 0.1; } );\n"
              "charts = ( { title = \"c\"; series = ( { key = \"k\"; label = \"l\"; "
              "} ); } );\noutcomes = ( { key = \"k\"; label = \"l\"; } );\n",
              NULL),
        PS_EINVAL);
    cr_assert_str_eq(err.msg, want);
}
