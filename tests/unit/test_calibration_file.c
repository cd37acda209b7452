/* test_calibration_file.c - calibration files: the shipped baseline, the derived model
 * discrepancies, and every refusal with its whole message (file and line) */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "protsim/sweep.h"

static ps_calibration *cal;
static ps_error err;
static char path[256];

static void setup(void)
{
    gsl_set_error_handler_off();
    cal = NULL;
    err = (ps_error){0};
    snprintf(path, sizeof path, "/tmp/protsim_calibration_%d.cfg", (int)getpid());
}

static void teardown(void)
{
    ps_calibration_destroy(cal);
    remove(path);
}
TestSuite(calibration_file, .init = setup, .fini = teardown);

/* Write text as a calibration file in /tmp (its targets file named by its full path)
 * and load it. */
static ps_status load(const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return ps_calibration_load(path, &cal, &err);
}

static void expect_error(const char *text, int line, const char *msg)
{
    cr_assert_eq(load(text), PS_EINVAL, "status; message: %s", err.msg);
    cr_assert_null(cal);
    char want[1024];
    if (line > 0) {
        snprintf(want, sizeof want, "%s:%d: %s", path, line, msg);
    } else {
        snprintf(want, sizeof want, "%s: %s", path, msg);
    }
    cr_assert_str_eq(err.msg, want);
}

/* The analytic calibration of tests/data, line by line (messages name these lines). */
#define MODEL "model = \"analytic\";\n" /* line 1 */
#define TARGETS                                                                          \
    "targets_file = \"" PS_TEST_DATA "/hm_analytic_targets.cfg\";\n" /* line 2 */
#define PARAM(reason)                                                                    \
    "parameters = ( { path = \"x1\"; range = [0.0, 1.0];" reason " } );\n"
#define REASON " reason = \"the domain\";"
#define MD "discrepancy = { reason = \"a judgement\"; };\n"
#define WAVES "waves = { points = 8; };\n"

Test(calibration_file, the_baseline_loads)
{
    cr_assert_eq(
        ps_calibration_load(PS_SCENARIOS "/calibration/baseline.cfg", &cal, &err), PS_OK,
        "%s", err.msg);
    cr_assert_geq(cal->sweep.n_params, 12);
    cr_assert_eq(cal->sweep.targets->n, 44);
    cr_assert_eq(cal->rank, 2);
    cr_assert_float_eq(cal->cut, 3.0, 0.0);
    for (size_t j = 0; j < cal->sweep.n_params; j++) {
        cr_assert_neq(cal->sweep.params[j].reason[0], '\0', "%s has no reason",
                      cal->sweep.params[j].path);
    }
    long k = ps_targets_find(cal->sweep.targets, "population_nepal_2017");
    cr_assert_float_eq(cal->md_sd[k], 0.1 * 21615.0, 1e-9); /* the default share */
    k = ps_targets_find(cal->sweep.targets, "institutionalisation_2016");
    cr_assert_float_eq(cal->md_sd[k], 0.05, 0.0); /* its own sd */
    k = ps_targets_find(cal->sweep.targets, "consultation_ratio");
    cr_assert_float_eq(cal->md_sd[k], 0.3 * 10.0 / 3.0, 1e-12); /* its own share */
}

Test(calibration_file, a_parameter_needs_its_reason)
{
    expect_error(MODEL TARGETS PARAM("") MD WAVES, 3,
                 "parameters.[0].reason: missing (a calibration says why each range)");
}

Test(calibration_file, parameters_are_ranges)
{
    expect_error(
        MODEL TARGETS "parameters = ( { path = \"x1\"; values = [0.1, 0.2];" REASON
                      " } );\n" MD WAVES,
        3, "parameters.[0].values: not in a calibration file (it varies ranges)");
}

Test(calibration_file, a_discrepancy_names_a_target)
{
    expect_error(MODEL TARGETS PARAM(REASON) "discrepancy = { reason = \"r\";\n"
                                             "  targets = ( { target = \"y9\"; sd = 0.1; "
                                             "reason = \"r\"; } ); };\n" WAVES,
                 5,
                 "discrepancy.targets.[0].target = \"y9\": not a target of " PS_TEST_DATA
                 "/hm_analytic_targets.cfg");
}

Test(calibration_file, a_discrepancy_is_a_share_or_an_sd)
{
    expect_error(MODEL TARGETS PARAM(REASON) "discrepancy = { reason = \"r\";\n"
                                             "  targets = ( { target = \"y1\"; sd = 0.1; "
                                             "share = 0.2; reason = \"r\"; "
                                             "} ); };\n" WAVES,
                 5, "discrepancy.targets.[0]: give share or sd");
}

Test(calibration_file, the_discrepancy_has_a_reason)
{
    expect_error(MODEL TARGETS PARAM(REASON) "discrepancy = { share = 0.2; };\n" WAVES, 4,
                 "discrepancy.reason: missing required setting");
}

Test(calibration_file, enough_points_for_the_emulators)
{
    expect_error(MODEL TARGETS
                 "parameters = ( { path = \"x1\"; range = [0.0, 1.0];" REASON " },\n"
                 "  { path = \"x2\"; range = [0.0, 1.0];" REASON " },\n"
                 "  { path = \"x3\"; range = [0.0, 1.0];" REASON " } );\n" MD
                 "waves = { points = 4; };\n",
                 7,
                 "waves.points = 4: the emulators' linear mean in 3 parameters needs at "
                 "least 5");
}

Test(calibration_file, the_rank_is_at_most_the_targets)
{
    expect_error(MODEL TARGETS PARAM(REASON) MD WAVES "implausibility = { rank = 6; };\n",
                 6, "implausibility.rank = 6: there are only 5 targets");
}

Test(calibration_file, ishigami_has_no_targets)
{
    expect_error("model = \"ishigami\";\n" TARGETS PARAM(REASON) MD WAVES, 1,
                 "model = \"ishigami\": a calibration needs targets (model scenario or "
                 "analytic)");
}

Test(calibration_file, the_targets_file_is_required)
{
    expect_error(MODEL PARAM(REASON) MD WAVES, 0,
                 "targets_file: missing required setting");
}

Test(calibration_file, writes_json_for_the_helper)
{
    cr_assert_eq(load(MODEL TARGETS PARAM(REASON) MD WAVES), PS_OK, "%s", err.msg);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    cr_assert_eq(ps_calibration_write_json(cal, out, &err), PS_OK, "%s", err.msg);
    fclose(out);
    cr_assert_not_null(strstr(text, "\"kind\": \"calibration\""));
    cr_assert_not_null(strstr(text, "\"reason\": \"the domain\""));
    cr_assert_not_null(strstr(text, "{\"target\": \"y3\", \"sd\": 0.011221474770752693"));
    free(text);
}
