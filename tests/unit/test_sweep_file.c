/* test_sweep_file.c - sweep files: every refusal with its whole message, the mapping
 * of unit values to parameter values, seeds, digest, and runs of both models */
#define _XOPEN_SOURCE 700 /* setenv */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protsim/sweep.h"
#include "rng.h"

/* Three lines before the parameters: messages about what follows are at line 4. */
#define HEAD "base = \"small_world.cfg\";\ndesign = \"lhs\";\npoints = 4;\n"
#define EMPHASIS "{ path = \"unhcr.ratification_emphasis\"; range = [0.2, 0.9]; }"
#define PARAMS "parameters = ( " EMPHASIS " );\n"

static ps_sweep *sw;
static ps_error err;

static void setup(void)
{
    gsl_set_error_handler_off();
    sw = NULL;
    err = (ps_error){0};
}
static void teardown(void)
{
    ps_sweep_destroy(sw);
}
TestSuite(sweep_file, .init = setup, .fini = teardown);

/* Load text as "inline.cfg" in the scenarios folder (the base is found there). */
static ps_status load(const char *text)
{
    return ps_sweep_load_string(text, "inline.cfg", PS_SCENARIOS, &sw, &err);
}

static void expect_error(const char *text, ps_status st, const char *msg)
{
    cr_assert_eq(load(text), st, "status; message: %s", err.msg);
    cr_assert_null(sw);
    cr_assert_str_eq(err.msg, msg);
}

/* ---- good files ---------------------------------------------------------------------
 */

Test(sweep_file, loads_the_test_sweep)
{
    cr_assert_eq(ps_sweep_load(PS_SCENARIOS "/sweeps/small.cfg", &sw, &err), PS_OK, "%s",
                 err.msg);
    cr_assert_eq(sw->n_params, 2);
    cr_assert_eq(sw->design, PS_DESIGN_LHS);
    cr_assert_eq(sw->n_rows, 8);
    cr_assert_eq(sw->n_runs, 16);
    cr_assert_eq(sw->n_years, 2);
    cr_assert_eq(sw->n_values, 2 * PS_N_METRICS);
    cr_assert_eq(sw->n_series, 0);
    cr_assert_str_eq(sw->params[1].name, "surge");
    cr_assert_eq(sw->params[1].scale, PS_SCALE_LOG);
    cr_assert_eq(strlen(sw->digest), 64);
    char name[64];
    ps_sweep_value_name(sw, 3, name, sizeof name);
    cr_assert_str_eq(name, "legal_status_share@2020");
    cr_assert_str_eq(ps_sweep_value_unit(sw, 6), "persons");
}

Test(sweep_file, metrics_default_to_all_at_the_last_full_year)
{
    cr_assert_eq(load(HEAD PARAMS), PS_OK, "%s", err.msg);
    cr_assert_eq(sw->n_years, 1);
    cr_assert_eq(sw->years[0], 2020);
    cr_assert_eq(sw->n_metrics, PS_N_METRICS);
    ps_sweep_destroy(sw);
    cr_assert_eq(load(HEAD "set = [\"time.end=2020-06\"];\n" PARAMS), PS_OK, "%s",
                 err.msg);
    cr_assert_eq(sw->years[0], 2019, "2020 has no December in the run");
}

Test(sweep_file, seeds_depend_only_on_the_sweep_seed_and_the_run)
{
    cr_assert_eq(load(HEAD "replicates = 3;\nseed = 99;\n" PARAMS), PS_OK, "%s", err.msg);
    cr_assert_eq(sw->n_runs, 12);
    cr_assert_eq(ps_sweep_row(sw, 7), 2);
    cr_assert_eq(ps_sweep_replicate(sw, 7), 1);
    cr_assert_eq(ps_sweep_seed(sw, 7), ps_rng_derive_seed(99, 7));
}

Test(sweep_file, the_digest_follows_the_text)
{
    char digest[65];
    cr_assert_eq(load(HEAD PARAMS), PS_OK);
    memcpy(digest, sw->digest, sizeof digest);
    ps_sweep_destroy(sw);
    cr_assert_eq(load(HEAD PARAMS), PS_OK);
    cr_assert_str_eq(sw->digest, digest);
    ps_sweep_destroy(sw);
    cr_assert_eq(load(HEAD PARAMS "# a comment\n"), PS_OK);
    cr_assert_str_neq(sw->digest, digest);
}

Test(sweep_file, grid_values_on_linear_log_integer_and_list_scales)
{
    cr_assert_eq(
        load("base = \"small_world.cfg\";\ndesign = \"grid\";\nlevels = 3;\n"
             "parameters = (\n"
             "  { path = \"pressure.scale\"; range = [0.1, 10.0]; scale = \"log\"; },\n"
             "  { path = \"network.founders\"; range = [10, 12]; },\n"
             "  { path = \"ngo.strategy\"; values = [\"weights\", \"adaptive\"]; },\n"
             "  { path = \"unhcr.advocacy\"; range = [2.0, 4.0]; levels = 2; }\n"
             ");\n"),
        PS_OK, "%s", err.msg);
    cr_assert_eq(sw->n_rows, 3 * 3 * 2 * 2);
    /* the last parameter varies fastest: rows 0, 1 differ in unhcr.advocacy */
    cr_assert_eq(ps_sweep_value(sw, 0, 3), 2.0);
    cr_assert_eq(ps_sweep_value(sw, 1, 3), 4.0);
    cr_assert_eq(ps_sweep_value(sw, 2, 2), 1.0, "the index of \"adaptive\"");
    cr_assert_str_eq(sw->params[2].labels[1], "adaptive");
    cr_assert_eq(ps_sweep_value(sw, 4, 1), 11.0);
    cr_assert_eq(ps_sweep_value(sw, 8, 1), 12.0);
    cr_assert_eq(ps_sweep_value(sw, 0, 0), 0.1);
    cr_assert_float_eq(ps_sweep_value(sw, 12, 0), 1.0, 1e-15);
    cr_assert_eq(ps_sweep_value(sw, 24, 0), 10.0);
}

Test(sweep_file, a_design_row_becomes_a_scenario)
{
    ps_scenario *sc = calloc(1, sizeof *sc);
    cr_assert_eq(load(HEAD
                      "parameters = ( " EMPHASIS ",\n"
                      "  { path = \"states.list.[1].access\"; range = [0.1, 0.2]; },\n"
                      "  { path = \"ngo.strategy\"; values = [\"legislation\"]; } );\n"),
                 PS_OK, "%s", err.msg);
    cr_assert_eq(ps_sweep_scenario(sw, 2, sc, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(sc->unhcr_emphasis, ps_sweep_value(sw, 2, 0), "exact through --set");
    cr_assert_eq(sc->states[1].access, ps_sweep_value(sw, 2, 1));
    cr_assert_eq(sc->ngo_strategy, PS_STRATEGY_LEGISLATION);
    free(sc);
}

Test(sweep_file, ishigami_runs_the_test_function)
{
    cr_assert_eq(load("model = \"ishigami\";\ndesign = \"grid\";\nparameters = (\n"
                      "  { path = \"x1\"; values = [1.5707963267948966]; },\n"
                      "  { path = \"x2\"; values = [-1.5707963267948966]; },\n"
                      "  { path = \"x3\"; values = [2.0]; } );\n"),
                 PS_OK, "%s", err.msg);
    double y = 0.0;
    cr_assert_eq(ps_sweep_run(sw, 0, &y, NULL, &err), PS_OK);
    cr_assert_float_eq(y, 1.0 + 7.0 + 0.1 * 16.0, 1e-12);
    char name[8];
    ps_sweep_value_name(sw, 0, name, sizeof name);
    cr_assert_str_eq(name, "y");
}

Test(sweep_file, ishigami_noise_differs_by_replicate_and_repeats)
{
    cr_assert_eq(
        load("model = \"ishigami\";\ndesign = \"grid\";\nreplicates = 2;\n"
             "noise = 0.5;\nparameters = ( { path = \"x2\"; values = [0.0]; } );\n"),
        PS_OK, "%s", err.msg);
    double y0, y1, again;
    cr_assert_eq(ps_sweep_run(sw, 0, &y0, NULL, &err), PS_OK);
    cr_assert_eq(ps_sweep_run(sw, 1, &y1, NULL, &err), PS_OK);
    cr_assert_eq(ps_sweep_run(sw, 1, &again, NULL, &err), PS_OK);
    cr_assert_neq(y0, y1);
    cr_assert_eq(y1, again);
    cr_assert(fabs(y0) < 3.0 && y0 != 0.0);
}

/* The sweep text of series_end_in_the_summary_values, with series on or off. */
#define SERIES_SWEEP(on)                                                                 \
    HEAD "set = [\"time.end=2010-12\"];\n" PARAMS                                        \
         "outputs = { years = [2009, 2010]; metrics = [\"poi\", \"refugees\"]; series "  \
         "= " on "; };\n"

/* The series of a run end in the December values its summary gives. */
Test(sweep_file, series_end_in_the_summary_values)
{
    double plain[4], values[4], series[2 * 36];
    cr_assert_eq(load(SERIES_SWEEP("false")), PS_OK, "%s", err.msg);
    cr_assert_eq(ps_sweep_run(sw, 1, plain, NULL, &err), PS_OK, "%s", err.msg);
    ps_sweep_destroy(sw);
    cr_assert_eq(load(SERIES_SWEEP("true")), PS_OK, "%s", err.msg);
    cr_assert_eq(sw->n_series, 2 * 36);
    cr_assert_eq(ps_sweep_run(sw, 1, values, series, &err), PS_OK, "%s", err.msg);
    cr_assert_arr_eq(values, plain, sizeof values, "series do not change the values");
    cr_assert_eq(series[23], values[0], "poi in December 2009");
    cr_assert_eq(series[35], values[1], "poi in December 2010");
    cr_assert_eq(series[36 + 35], values[3], "refugees in December 2010");
}

/* ---- refusals -----------------------------------------------------------------------
 */

Test(sweep_file, missing_file)
{
    cr_assert_eq(ps_sweep_load("nothere.cfg", &sw, &err), PS_EIO);
    cr_assert_str_eq(err.msg, "nothere.cfg: cannot open: No such file or directory");
}

Test(sweep_file, parse_error_names_the_line)
{
    expect_error(HEAD "replicates = ;\n", PS_EINVAL,
                 "inline.cfg:4: parse error: syntax error");
}

Test(sweep_file, unknown_setting_suggests_the_nearest_name)
{
    expect_error("desing = \"lhs\";\n", PS_EINVAL,
                 "inline.cfg:1: desing: unknown setting (did you mean design?)");
}

Test(sweep_file, unknown_setting_without_a_near_name_has_no_hint)
{
    expect_error(HEAD PARAMS "colour = 3;\n", PS_EINVAL,
                 "inline.cfg:5: colour: unknown setting");
}

Test(sweep_file, unknown_output_setting_suggests_the_nearest_name)
{
    expect_error(HEAD PARAMS "outputs = { serie = true; };\n", PS_EINVAL,
                 "inline.cfg:5: outputs.serie: unknown setting (did you mean series?)");
}

Test(sweep_file, unknown_parameter_setting_suggests_the_nearest_name)
{
    expect_error(
        HEAD "parameters = ( { path = \"ngo.overhead\"; rang = [0.1, 0.2]; } );\n",
        PS_EINVAL,
        "inline.cfg:4: parameters.[0].rang: unknown setting (did you mean range?)");
}

Test(sweep_file, design_is_required)
{
    expect_error("base = \"small_world.cfg\";\n" PARAMS, PS_EINVAL,
                 "inline.cfg: design: missing required setting");
}

Test(sweep_file, design_must_be_a_known_one)
{
    expect_error("design = \"sobel\";\n", PS_EINVAL,
                 "inline.cfg:1: design = \"sobel\" is not one of grid, lhs, sobol, "
                 "morris, points");
}

Test(sweep_file, replicates_out_of_range)
{
    expect_error(HEAD "replicates = 0;\n" PARAMS, PS_EINVAL,
                 "inline.cfg:4: replicates = 0 is outside [1, 1e+06] (runs)");
}

Test(sweep_file, points_must_be_an_integer)
{
    expect_error("design = \"lhs\";\npoints = 2.5;\n", PS_EINVAL,
                 "inline.cfg:2: points: expected an integer");
}

Test(sweep_file, seed_must_not_be_negative)
{
    expect_error(HEAD "seed = -1;\n" PARAMS, PS_EINVAL,
                 "inline.cfg:4: seed = -1 is outside [0, 9223372036854775807]");
}

Test(sweep_file, series_must_be_true_or_false)
{
    expect_error(HEAD PARAMS "outputs = { series = 1; };\n", PS_EINVAL,
                 "inline.cfg:5: outputs.series: expected true or false");
}

Test(sweep_file, base_is_required_for_the_scenario_model)
{
    expect_error("design = \"lhs\";\npoints = 2;\n" PARAMS, PS_EINVAL,
                 "inline.cfg: base: missing required setting (model \"scenario\")");
}

Test(sweep_file, base_that_cannot_be_read)
{
    expect_error("base = \"nothere.cfg\";\ndesign = \"lhs\";\npoints = 2;\n" PARAMS,
                 PS_EIO,
                 PS_SCENARIOS "/nothere.cfg: cannot open: No such file or directory");
}

Test(sweep_file, fixed_override_out_of_range_names_the_set_line)
{
    expect_error(HEAD "set = [\"refugees.agents_per_person=2\"];\n" PARAMS, PS_EINVAL,
                 "inline.cfg:4: set: refugees.agents_per_person = 2 is outside "
                 "[1e-09, 1] (agents/person)");
}

Test(sweep_file, parameters_are_required)
{
    expect_error(HEAD, PS_EINVAL, "inline.cfg: parameters: missing required setting");
}

Test(sweep_file, parameter_path_is_required)
{
    expect_error(HEAD "parameters = ( { range = [0.1, 0.2]; } );\n", PS_EINVAL,
                 "inline.cfg:4: parameters.[0].path: missing required setting");
}

Test(sweep_file, unknown_parameter_path_suggests_the_nearest_setting)
{
    expect_error(HEAD "parameters = ( { path = \"unhcr.ratification_emphasys\"; "
                      "range = [0.2, 0.9]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:4: parameters.[0].path = \"unhcr.ratification_emphasys\": "
                 "unknown setting (did you mean unhcr.ratification_emphasis?)");
}

Test(sweep_file, parameter_path_of_a_group_is_refused)
{
    expect_error(HEAD "parameters = ( { path = \"unhcr\"; range = [0.2, 0.9]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:4: parameters.[0].path = \"unhcr\": a group, not a setting");
}

Test(sweep_file, parameter_path_of_text_cannot_be_varied)
{
    expect_error(
        HEAD "parameters = ( { path = \"name\"; values = [\"a\"]; } );\n", PS_EINVAL,
        "inline.cfg:4: parameters.[0].path = \"name\": not a number or a choice, "
        "so it cannot be varied");
}

Test(sweep_file, parameter_path_into_a_missing_list_element)
{
    expect_error(HEAD "parameters = ( { path = \"states.list.[9].democracy\"; "
                      "range = [0.2, 0.9]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:4: parameters.[0].path = \"states.list.[9].democracy\": no "
                 "such element (states.list has 6)");
}

Test(sweep_file, range_outside_the_settings_range)
{
    expect_error(HEAD "parameters = ( { path = \"unhcr.ratification_emphasis\";\n"
                      "  range = [0.2, 1.5]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:5: parameters.[0].range = [0.2, 1.5] is outside [0, 1] (1)");
}

Test(sweep_file, range_must_rise)
{
    expect_error(
        HEAD "parameters = ( { path = \"ngo.overhead\"; range = [0.9, 0.2]; } );\n",
        PS_EINVAL, "inline.cfg:4: parameters.[0].range = [0.9, 0.2]: expected lo < hi");
}

Test(sweep_file, range_must_be_two_numbers)
{
    expect_error(HEAD "parameters = ( { path = \"ngo.overhead\"; range = [0.9]; } );\n",
                 PS_EINVAL, "inline.cfg:4: parameters.[0].range: expected [lo, hi]");
}

Test(sweep_file, log_scale_needs_a_positive_range)
{
    expect_error(
        HEAD "parameters = ( { path = \"ngo.overhead\"; range = [0.0, 0.3];\n"
             "  scale = \"log\"; } );\n",
        PS_EINVAL,
        "inline.cfg:4: parameters.[0].range = [0, 0.3]: scale \"log\" needs lo > 0");
}

Test(sweep_file, integer_setting_takes_whole_values)
{
    expect_error(
        HEAD "parameters = ( { path = \"network.founders\";\n"
             "  values = [10.0, 20.5]; } );\n",
        PS_EINVAL,
        "inline.cfg:5: parameters.[0].values.[1] = 20.5: expected a whole number "
        "(network.founders is an integer)");
}

Test(sweep_file, choice_values_must_be_its_names)
{
    expect_error(HEAD "parameters = ( { path = \"ngo.strategy\";\n"
                      "  values = [\"ratification\", \"legislaton\"]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:5: parameters.[0].values.[1] = \"legislaton\" is not one of "
                 "adaptive, ratification, legislation, weights");
}

Test(sweep_file, choice_takes_no_range)
{
    expect_error(
        HEAD "parameters = ( { path = \"ngo.strategy\"; range = [0, 1]; } );\n",
        PS_EINVAL,
        "inline.cfg:4: parameters.[0].range: a choice takes values = [\"name\", ...]");
}

Test(sweep_file, range_or_values_not_both)
{
    expect_error(
        HEAD "parameters = ( { path = \"ngo.overhead\"; range = [0.1, 0.2];\n"
             "  values = [0.1]; } );\n",
        PS_EINVAL,
        "inline.cfg:4: parameters.[0]: give either range = [lo, hi] or values = [...]");
}

Test(sweep_file, values_take_no_scale)
{
    expect_error(HEAD "parameters = ( { path = \"ngo.overhead\"; values = [0.1, 0.2];\n"
                      "  scale = \"log\"; } );\n",
                 PS_EINVAL, "inline.cfg:5: parameters.[0].scale: not used with values");
}

Test(sweep_file, parameter_levels_only_on_a_grid)
{
    expect_error(HEAD "parameters = ( { path = \"ngo.overhead\"; range = [0.1, 0.2];\n"
                      "  levels = 3; } );\n",
                 PS_EINVAL,
                 "inline.cfg:5: parameters.[0].levels: only for design \"grid\"");
}

Test(sweep_file, a_setting_is_varied_once)
{
    expect_error(HEAD "parameters = ( " EMPHASIS ",\n"
                      "  { name = \"again\"; path = \"unhcr.ratification_emphasis\";\n"
                      "    range = [0.1, 0.2]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:5: parameters.[1].path = \"unhcr.ratification_emphasis\": "
                 "already varied by parameters.[0]");
}

Test(sweep_file, metric_years_inside_the_run)
{
    expect_error(HEAD PARAMS "outputs = { years = [2012, 2030]; };\n", PS_EINVAL,
                 "inline.cfg:5: outputs.years.[1] = 2030 is outside [2008, 2020] (year)");
}

Test(sweep_file, unknown_metric_suggests_the_nearest)
{
    expect_error(HEAD PARAMS "outputs = { metrics = [\"pio\"]; };\n", PS_EINVAL,
                 "inline.cfg:5: outputs.metrics.[0] = \"pio\": unknown metric (did you "
                 "mean poi?)");
}

Test(sweep_file, grid_takes_no_points)
{
    expect_error("base = \"small_world.cfg\";\ndesign = \"grid\";\npoints = 4;\n" PARAMS,
                 PS_EINVAL,
                 "inline.cfg:3: points: not used by design \"grid\" (the levels of the "
                 "parameters make the grid)");
}

Test(sweep_file, lhs_needs_points)
{
    expect_error("base = \"small_world.cfg\";\ndesign = \"lhs\";\n" PARAMS, PS_EINVAL,
                 "inline.cfg: points: missing required setting (design \"lhs\")");
}

Test(sweep_file, morris_levels_must_be_even)
{
    expect_error("base = \"small_world.cfg\";\ndesign = \"morris\";\npoints = 4;\n"
                 "levels = 5;\n" PARAMS,
                 PS_EINVAL,
                 "inline.cfg:4: levels = 5 must be even for design \"morris\"");
}

Test(sweep_file, sobol_takes_at_most_twenty_parameters)
{
    static const char *const ACTIONS[] = {"ratify", "admin", "regulate"};
    static const char *const COEFS[] = {"pressure",  "emulation",      "coercion",
                                        "democracy", "securitisation", "magnet",
                                        "alpha"};
    char text[8192] = "base = \"small_world.cfg\";\ndesign = \"sobol\";\npoints = 4;\n"
                      "parameters = (\n";
    for (int j = 0; j < 21; j++) {
        char row[128];
        snprintf(row, sizeof row,
                 "  { path = \"hazard.%s.%s\"; range = [1.0, 2.0]; }%s\n", ACTIONS[j / 7],
                 COEFS[j % 7], j < 20 ? "," : "");
        strcat(text, row);
    }
    strcat(text, ");\n");
    expect_error(text, PS_EINVAL,
                 "inline.cfg:4: parameters: design \"sobol\" takes at most 20 (2 "
                 "dimensions of GSL's Sobol sequence each)");
}

Test(sweep_file, noise_only_for_test_models)
{
    expect_error(HEAD "noise = 0.1;\n" PARAMS, PS_EINVAL,
                 "inline.cfg:4: noise: only for model \"ishigami\" or \"analytic\"");
}

Test(sweep_file, base_only_for_the_scenario_model)
{
    expect_error("model = \"ishigami\";\n" HEAD, PS_EINVAL,
                 "inline.cfg:2: base: only for model \"scenario\"");
}

Test(sweep_file, ishigami_inputs_are_x1_to_x3)
{
    expect_error("model = \"ishigami\";\ndesign = \"lhs\";\npoints = 4;\n"
                 "parameters = ( { path = \"x4\"; range = [0.0, 1.0]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:4: parameters.[0].path = \"x4\": unknown setting (did you "
                 "mean x1?)");
}

Test(sweep_file, ishigami_inputs_stay_within_pi)
{
    expect_error("model = \"ishigami\";\ndesign = \"lhs\";\npoints = 4;\n"
                 "parameters = ( { path = \"x1\"; range = [-4.0, 3.0]; } );\n",
                 PS_EINVAL,
                 "inline.cfg:4: parameters.[0].range = [-4, 3] is outside [-3.14159, "
                 "3.14159] (1)");
}

/* ---- issue 11: literals, memory, signals ------------------------------------------ */

Test(sweep_file, points_beyond_32_bits_are_refused) /* 11.7: they loaded as 1 */
{
    expect_error(
        "base = \"small_world.cfg\";\ndesign = \"lhs\";\npoints = 4294967297;\n" PARAMS,
        PS_EINVAL, "inline.cfg:3: points = 4.29497e+09 is outside [1, 1e+08] (points)");
}

/* 1e8 points of one parameter: 8 bytes x 2 per point, and per run 16 bytes and 9
 * metrics of 8 bytes: 1.6 GB + 8.8 GB. */
Test(sweep_file, design_beyond_the_memory_limit_is_refused) /* 11.9: 1.5 GB, exit 1 */
{
    setenv("PROTSIM_MEMORY_LIMIT", "1G", 1);
    ps_status st = load(
        "base = \"small_world.cfg\";\ndesign = \"lhs\";\npoints = 100000000;\n" PARAMS);
    unsetenv("PROTSIM_MEMORY_LIMIT");
    cr_assert_eq(st, PS_EINVAL, "%s", err.msg);
    cr_assert_str_eq(err.msg, "inline.cfg: design \"lhs\" of 100000000 runs needs about "
                              "10.4 GB, more than the memory limit of 1.1 GB "
                              "(PROTSIM_MEMORY_LIMIT)");
}

Test(sweep_file, set_stop_flag_interrupts_loading) /* 11.8 */
{
    volatile sig_atomic_t stop = 1;
    cr_assert_eq(
        ps_sweep_load_interruptible(PS_SCENARIOS "/sweeps/small.cfg", &stop, &sw, &err),
        PS_EINTR);
    cr_assert_null(sw);
    cr_assert_str_eq(err.msg, PS_SCENARIOS "/sweeps/small.cfg: interrupted");
}

/* ---- issue 9: list elements by name in parameter paths ------------------------------
 */

Test(sweep_file, parameter_path_names_a_state)
{
    cr_assert_eq(load(HEAD
                      "parameters = ( { path = \"states.Borea.democracy\"; range = [0.2, "
                      "0.9]; } );\n"),
                 PS_OK, "%s", err.msg);
    ps_scenario *sc = calloc(1, sizeof *sc);
    cr_assert_not_null(sc);
    cr_assert_eq(ps_sweep_scenario(sw, 0, sc, &err), PS_OK, "%s", err.msg);
    double v = sc->states[1].democracy;
    free(sc);
    cr_assert(v >= 0.2 && v <= 0.9, "%g", v);
    cr_assert_str_eq(sw->params[0].unit, "1");
}

Test(sweep_file, parameter_path_of_an_unknown_state_name_suggests_the_nearest)
{
    expect_error(
        HEAD "parameters = ( { path = \"states.Borae.democracy\"; range = [0.2, "
             "0.9]; } );\n",
        PS_EINVAL,
        "inline.cfg:4: parameters.[0].path = \"states.Borae.democracy\": no state "
        "named Borae (did you mean Borea?)");
}

/* ---- design points, targets and the analytic model ----------------------------------
 */

#define POINTS_HEAD "base = \"small_world.cfg\";\ndesign = \"points\";\n"
#define TWO_PARAMS                                                                       \
    "parameters = ( " EMPHASIS ",\n"                                                     \
    "  { path = \"securitisation.surge\"; range = [0.01, 0.3]; scale = \"log\"; } );\n"

Test(sweep_file, points_are_the_table_rows)
{
    cr_assert_eq(load(POINTS_HEAD "table = ( [0.0, 1.0], [0.25, 0.5] );\n"
                                  "replicates = 2;\n" TWO_PARAMS),
                 PS_OK, "%s", err.msg);
    cr_assert_eq(sw->n_rows, 2);
    cr_assert_eq(sw->n_runs, 4);
    cr_assert_float_eq(ps_sweep_value(sw, 0, 0), 0.2, 1e-15);
    cr_assert_float_eq(ps_sweep_value(sw, 0, 1), 0.3, 1e-15);
    cr_assert_float_eq(ps_sweep_value(sw, 1, 0), 0.375, 1e-15);
    cr_assert_float_eq(ps_sweep_value(sw, 1, 1), 0.01 * sqrt(30.0), 1e-15);
}

Test(sweep_file, a_table_row_has_one_value_per_parameter)
{
    expect_error(
        POINTS_HEAD "table = ( [0.5, 0.5], [0.5] );\n" TWO_PARAMS, PS_EINVAL,
        "inline.cfg:3: table.[1]: expected [u1, .., u2], one number in [0, 1] per "
        "parameter");
}

Test(sweep_file, table_values_are_unit_values)
{
    expect_error(POINTS_HEAD "table = ( [0.5, 1.5] );\n" TWO_PARAMS, PS_EINVAL,
                 "inline.cfg:3: table.[0].[1] = 1.5 is outside [0, 1] (the unit value of "
                 "securitisation.surge)");
}

Test(sweep_file, a_table_only_with_design_points)
{
    expect_error(HEAD "table = ( [0.5] );\n" PARAMS, PS_EINVAL,
                 "inline.cfg:4: table: only for design \"points\"");
    expect_error(POINTS_HEAD TWO_PARAMS, PS_EINVAL,
                 "inline.cfg: table: missing required setting (design \"points\")");
}

Test(sweep_file, targets_replace_the_metrics)
{
    cr_assert_eq(
        load("base = \"asia_pacific.cfg\";\nset = [\"time.end=2019-04\"];\n"
             "design = \"points\";\ntable = ( [0.5] );\n"
             "parameters = ( { path = \"pressure.scale\"; range = [20.0, 300.0]; "
             "} );\noutputs = { targets = \"calibration/targets.cfg\"; };\n"),
        PS_OK, "%s", err.msg);
    cr_assert_eq(sw->n_values, 44);
    char name[64];
    ps_sweep_value_name(sw, 0, name, sizeof name);
    cr_assert_str_eq(name, "acc_region");
    cr_assert_str_eq(ps_sweep_value_unit(sw, 0), "states");
    cr_assert_str_eq(ps_sweep_value_doc(sw, 0), "accessions 2008-2018 in the region");
}

Test(sweep_file, targets_must_lie_inside_the_runs)
{
    expect_error(
        "base = \"asia_pacific.cfg\";\nset = [\"time.end=2018-12\"];\n"
        "design = \"points\";\ntable = ( [0.5] );\n"
        "parameters = ( { path = \"pressure.scale\"; range = [20.0, 300.0]; } );\n"
        "outputs = { targets = \"calibration/targets.cfg\"; };\n",
        PS_EINVAL,
        "inline.cfg:6: outputs.targets: targets.[41] (jeju_securitisation) "
        "measures 2018-04 to 2019-04, outside the runs of the base scenario "
        "(2008-01 to 2018-12)");
}

Test(sweep_file, targets_or_metrics_not_both)
{
    expect_error(
        HEAD PARAMS "outputs = { years = [2012]; targets = \"t.cfg\"; };\n", PS_EINVAL,
        "inline.cfg:5: outputs.years: not with outputs.targets (the runs keep their "
        "targets' measures)");
}

Test(sweep_file, the_analytic_model_and_its_targets)
{
    cr_assert_eq(load("model = \"analytic\";\ndesign = \"points\";\n"
                      "table = ( [0.3, 0.6, 0.7] );\n"
                      "parameters = ( { path = \"x1\"; range = [0.0, 1.0]; },\n"
                      "  { path = \"x2\"; range = [0.0, 1.0]; },\n"
                      "  { path = \"x3\"; range = [0.0, 1.0]; } );\n"
                      "outputs = { targets = \"" PS_TEST_DATA
                      "/hm_analytic_targets.cfg\"; };\n"),
                 PS_OK, "%s", err.msg);
    double y[5];
    cr_assert_eq(ps_sweep_run(sw, 0, y, NULL, &err), PS_OK, "%s", err.msg);
    const double want[5] = {0.66, exp(-0.4), sin(2 * 3.14159265358979323846 * 0.6) + 0.7,
                            0.53, 0.46};
    for (int k = 0; k < 5; k++) {
        cr_assert_float_eq(y[k], want[k], 1e-14, "y%d = %.17g", k + 1, y[k]);
        cr_assert_float_eq(y[k], sw->targets->list[k].observed, 1e-14);
    }
}

Test(sweep_file, analytic_outputs_without_targets)
{
    cr_assert_eq(load("model = \"analytic\";\ndesign = \"points\";\nnoise = 0.1;\n"
                      "replicates = 2;\ntable = ( [0.5] );\n"
                      "parameters = ( { path = \"x4\"; range = [0.0, 1.0]; } );\n"),
                 PS_OK, "%s", err.msg);
    cr_assert_eq(sw->n_values, 5);
    char name[8];
    ps_sweep_value_name(sw, 4, name, sizeof name);
    cr_assert_str_eq(name, "y5");
    double a[5], b[5];
    cr_assert_eq(ps_sweep_run(sw, 0, a, NULL, &err), PS_OK);
    cr_assert_eq(ps_sweep_run(sw, 1, b, NULL, &err), PS_OK);
    cr_assert_neq(a[0], b[0], "replicates draw their own noise");
    cr_assert(fabs(a[0] - 0.0) < 0.5, "y1 at x = 0 is 0 plus noise of sd 0.1: %g", a[0]);
}

Test(sweep_file, analytic_targets_are_outputs)
{
    expect_error(
        "model = \"analytic\";\ndesign = \"points\";\ntable = ( [0.5] );\n"
        "parameters = ( { path = \"x1\"; range = [0.0, 1.0]; } );\n"
        "outputs = { targets = \"" PS_TEST_DATA "/good_events_targets.cfg\"; };\n",
        PS_EINVAL,
        PS_TEST_DATA "/good_events_targets.cfg:5: targets.[0].measure.kind = "
                     "\"events\": model analytic has only outputs (measure.kind = "
                     "\"output\")");
}
