/* test_scenario.c - the scenario loader: every error message with its file:line,
 * @include, --set, dump round trips, defaults.cfg, units, months and names */
#define _XOPEN_SOURCE 700 /* mkdtemp, mkstemp, setenv, mkfifo */
#include <criterion/criterion.h>
#include <libconfig.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protsim/scenario.h"
#include "settings.h" /* white-box: the tables, ps_scenario_from_config() */

#define DATA(name) PS_TEST_DATA "/" name
#define MONTH(y, m) ((y)*12 + (m)-1)
#define EPS 1e-12

/* Scenarios are large (about 100 kB), so each test gets two on the heap. */
static ps_scenario *sc, *sc2;
static ps_error err;

static void setup(void)
{
    sc = calloc(1, sizeof *sc);
    sc2 = calloc(1, sizeof *sc2);
    memset(&err, 0, sizeof err);
    cr_assert(sc != NULL && sc2 != NULL);
}

static void teardown(void)
{
    free(sc);
    free(sc2);
}

TestSuite(scenario, .init = setup, .fini = teardown);

/* Load tests/data/<name> into sc with the given --set overrides. */
static ps_status load(const char *name, const char *const *sets, size_t n_sets)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PS_TEST_DATA, name);
    return ps_scenario_load(path, sets, n_sets, sc, &err);
}

static void load_ok(const char *name, const char *const *sets, size_t n_sets)
{
    cr_assert_eq(load(name, sets, n_sets), PS_OK, "%s: %s", name, err.msg);
}

static void expect_failure(const char *name, ps_status status, const char *msg)
{
    cr_assert_eq(load(name, NULL, 0), status, "%s: %s", name, err.msg);
    cr_assert_str_eq(err.msg, msg);
}

static void expect_set_failure(const char *set, const char *msg)
{
    const char *sets[] = {set};
    cr_assert_eq(load("good_minimal.cfg", sets, 1), PS_EINVAL, "%s: %s", set, err.msg);
    cr_assert_str_eq(err.msg, msg);
}

/* The whole stream from its start, NUL-terminated; closes it. */
static char *read_stream(FILE *f)
{
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    cr_assert_geq(n, 0);
    rewind(f);
    char *text = malloc((size_t)n + 1);
    cr_assert_not_null(text);
    cr_assert_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

static char *dump_text(const ps_scenario *s)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cr_assert_eq(ps_scenario_dump(s, f, &err), PS_OK, "%s", err.msg);
    return read_stream(f);
}

static char *defaults_text(void)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cr_assert_eq(ps_scenario_write_defaults(f, &err), PS_OK, "%s", err.msg);
    return read_stream(f);
}

/* memcmp of two loaded scenarios, all but the file they came from. */
static int compare_but_source(ps_scenario *a, ps_scenario *b)
{
    memset(a->source, 0, sizeof a->source);
    memset(b->source, 0, sizeof b->source);
    return memcmp(a, b, sizeof *a);
}

/* ---- error messages: one bad_*.cfg each ------------------------------------------- */

Test(scenario, missing_file_is_an_io_error)
{
    expect_failure("no_such_file.cfg", PS_EIO,
                   DATA("no_such_file.cfg") ": cannot open: No such file or directory");
}

Test(scenario, parse_error_names_file_and_line)
{
    expect_failure("bad_parse.cfg", PS_EINVAL,
                   DATA("bad_parse.cfg") ":12: parse error: syntax error");
}

Test(scenario, unknown_setting_suggests_the_nearest_name)
{
    expect_failure(
        "bad_unknown_setting.cfg", PS_EINVAL,
        DATA("bad_unknown_setting.cfg") ":12: states.list.[0].democrazy: unknown "
                                        "setting (did you mean democracy?)");
}

Test(scenario, unknown_setting_without_a_near_name_has_no_hint)
{
    expect_failure("bad_unknown_no_hint.cfg", PS_EINVAL,
                   DATA("bad_unknown_no_hint.cfg") ":3: colour: unknown setting");
}

Test(scenario, date_given_as_number_is_a_type_error)
{
    expect_failure(
        "bad_type_date.cfg", PS_EINVAL,
        DATA("bad_type_date.cfg") ":3: time.start: expected a date \"YYYY-MM\"");
}

Test(scenario, number_given_as_string_is_a_type_error)
{
    expect_failure(
        "bad_type_number.cfg", PS_EINVAL,
        DATA("bad_type_number.cfg") ":12: states.list.[0].democracy: expected a "
                                    "number");
}

Test(scenario, string_given_as_number_is_a_type_error)
{
    expect_failure("bad_type_string.cfg", PS_EINVAL,
                   DATA("bad_type_string.cfg") ":2: name: expected a string");
}

Test(scenario, bool_given_as_number_is_a_type_error)
{
    expect_failure(
        "bad_type_bool.cfg", PS_EINVAL,
        DATA("bad_type_bool.cfg") ":12: states.list.[0].ratified: expected true "
                                  "or false");
}

Test(scenario, real_given_for_an_integer_is_a_type_error)
{
    expect_failure(
        "bad_type_integer.cfg", PS_EINVAL,
        DATA("bad_type_integer.cfg") ":12: states.list.[0].law_level: expected "
                                     "an integer");
}

Test(scenario, vector_of_wrong_length_is_a_type_error)
{
    expect_failure("bad_type_vector.cfg", PS_EINVAL,
                   DATA("bad_type_vector.cfg") ":12: states.list.[0].implementation: "
                                               "expected a list of 6 numbers");
}

Test(scenario, value_outside_its_range_names_range_and_unit)
{
    expect_failure(
        "bad_range.cfg", PS_EINVAL,
        DATA("bad_range.cfg") ":12: states.list.[0].democracy = 1.7 is outside "
                              "[0, 1] (1)");
}

Test(scenario, missing_top_level_setting_names_the_file_only)
{
    expect_failure("bad_missing_name.cfg", PS_EINVAL,
                   DATA("bad_missing_name.cfg") ": name: missing required setting");
}

Test(scenario, missing_element_setting_names_the_element_line)
{
    expect_failure(
        "bad_missing_state_name.cfg", PS_EINVAL,
        DATA("bad_missing_state_name.cfg") ":18: states.list.[1].name: missing "
                                           "required setting");
}

Test(scenario, month_thirteen_is_not_a_date)
{
    expect_failure(
        "bad_date.cfg", PS_EINVAL,
        DATA("bad_date.cfg") ":3: time.end = \"2019-13\" is not a date (YYYY-MM)");
}

Test(scenario, end_before_start_is_rejected)
{
    expect_failure(
        "bad_end_before_start.cfg", PS_EINVAL,
        DATA("bad_end_before_start.cfg") ":3: time.end = \"2007-12\" is before "
                                         "time.start (2008-01)");
}

Test(scenario, repeated_state_name_names_the_first)
{
    expect_failure(
        "bad_duplicate_state.cfg", PS_EINVAL,
        DATA("bad_duplicate_state.cfg") ":19: states.list.[1].name = \"Aland\" "
                                        "repeats states.list.[0].name");
}

Test(scenario, repeated_origin_name_names_the_first)
{
    expect_failure("bad_duplicate_origin.cfg", PS_EINVAL,
                   DATA("bad_duplicate_origin.cfg") ":6: origins.[1].name = \"Myanmar\" "
                                                    "repeats origins.[0].name");
}

Test(scenario, shock_from_unknown_origin_is_rejected)
{
    expect_failure(
        "bad_unknown_origin.cfg", PS_EINVAL,
        DATA("bad_unknown_origin.cfg") ":16: states.list.[0].shocks.[0].origin = "
                                       "\"Mars\": unknown origin");
}

Test(scenario, patron_must_be_a_state)
{
    expect_failure("bad_unknown_patron.cfg", PS_EINVAL,
                   DATA("bad_unknown_patron.cfg") ":15: states.list.[0].patron.name = "
                                                  "\"Cland\": unknown state");
}

Test(scenario, patron_must_be_another_state)
{
    expect_failure("bad_self_patron.cfg", PS_EINVAL,
                   DATA("bad_self_patron.cfg") ":15: states.list.[0].patron.name = "
                                               "\"Aland\" names this state itself");
}

Test(scenario, refoulement_origins_must_be_origins)
{
    expect_failure(
        "bad_refoulement_origin.cfg", PS_EINVAL,
        DATA("bad_refoulement_origin.cfg") ":15: states.list.[0].patron."
                                           "refoulement_origins.[1] = \"Mars\": "
                                           "unknown origin");
}

Test(scenario, origin_shares_must_sum_to_one)
{
    expect_failure(
        "bad_origin_mix_sum.cfg", PS_EINVAL,
        DATA("bad_origin_mix_sum.cfg") ":13: states.list.[0].origin_mix sums to "
                                       "0.9, not 1");
}

Test(scenario, origin_shares_are_required_with_two_origins)
{
    expect_failure("bad_origin_mix_missing.cfg", PS_EINVAL,
                   DATA("bad_origin_mix_missing.cfg") ":18: states.list.[1].origin_mix: "
                                                      "missing required setting");
}

Test(scenario, origin_shares_need_one_value_per_origin)
{
    expect_failure("bad_origin_mix_length.cfg", PS_EINVAL,
                   DATA("bad_origin_mix_length.cfg") ":13: states.list.[0].origin_mix: "
                                                     "expected a list of 2 numbers");
}

Test(scenario, unknown_enum_name_lists_the_names)
{
    expect_failure(
        "bad_enum.cfg", PS_EINVAL,
        DATA("bad_enum.cfg") ":14: states.list.[0].rsd = \"unchr\" is not one of "
                             "unhcr, joint, state, none");
}

Test(scenario, negative_seed_is_rejected)
{
    expect_failure(
        "bad_seed.cfg", PS_EINVAL,
        DATA("bad_seed.cfg") ":2: seed = -1 is outside [0, 9223372036854775807] "
                             "(1)");
}

Test(scenario, text_longer_than_its_field_is_rejected)
{
    expect_failure(
        "bad_string_long.cfg", PS_EINVAL,
        DATA("bad_string_long.cfg") ":12: states.list.[0].iso3 = \"ALANDIA1\" is "
                                    "longer than 7 characters");
}

Test(scenario, origins_need_at_least_one_element)
{
    expect_failure("bad_no_origins.cfg", PS_EINVAL,
                   DATA("bad_no_origins.cfg") ":4: origins has 0 elements, at least 1");
}

Test(scenario, group_given_as_value_is_rejected)
{
    expect_failure("bad_group_expected.cfg", PS_EINVAL,
                   DATA("bad_group_expected.cfg") ":3: time: expected a group { ... }");
}

Test(scenario, list_given_as_group_is_rejected)
{
    expect_failure(
        "bad_list_expected.cfg", PS_EINVAL,
        DATA("bad_list_expected.cfg") ":4: origins: expected a list ( { ... }, "
                                      "... )");
}

Test(scenario, consultations_must_ascend)
{
    expect_failure(
        "bad_consultations_order.cfg", PS_EINVAL,
        DATA("bad_consultations_order.cfg") ":24: network.consultations.[1] = "
                                            "\"2010-06\" is not after "
                                            "network.consultations.[0] (2012-06)");
}

Test(scenario, white_box_text_without_file_uses_the_given_name)
{
    config_t cfg;
    config_init(&cfg);
    cr_assert(config_read_string(&cfg,
                                 "name = \"x\";\n"
                                 "time = { start = \"2008-01\"; end = \"2008-12\"; };\n"
                                 "origins = ( { name = \"A\"; } );\n"
                                 "states = { list = ( { name = \"S\";\n"
                                 "                      capacity = 1.2; } ); };\n"));
    ps_status st = ps_scenario_from_config(&cfg, "inline.cfg", sc, &err);
    config_destroy(&cfg);
    cr_assert_eq(st, PS_EINVAL);
    cr_assert_str_eq(
        err.msg, "inline.cfg:5: states.list.[0].capacity = 1.2 is outside [0, 1] (1)");
}

/* ---- good scenarios --------------------------------------------------------------- */

Test(scenario, minimal_scenario_gives_its_values)
{
    load_ok("good_minimal.cfg", NULL, 0);
    cr_assert_str_eq(sc->name, "small world");
    cr_assert_str_eq(sc->source, DATA("good_minimal.cfg"));
    cr_assert_eq(sc->start, MONTH(2008, 1));
    cr_assert_eq(sc->end, MONTH(2010, 12));
    cr_assert_eq(ps_scenario_steps(sc), 36);
    cr_assert_eq(sc->n_origins, 2);
    cr_assert_float_eq(sc->origins[0].recognition, 0.6, EPS);
    cr_assert_eq(sc->n_states, 2);
    cr_assert_float_eq(sc->states[0].democracy, 0.7, EPS);
    cr_assert_float_eq(sc->states[0].origin_mix[1], 0.3, EPS);
    cr_assert_eq(sc->states[0].rsd, PS_RSD_STATE);
    cr_assert_str_eq(sc->states[0].patron, "Bigland");
    cr_assert_eq(sc->states[0].patron_index, 1);
    cr_assert(sc->states[0].patron_refoule_origin[0]);
    cr_assert_not(sc->states[0].patron_refoule_origin[1]);
    cr_assert_eq(sc->states[0].n_shocks, 1);
    cr_assert_eq(sc->states[0].shocks[0].start, MONTH(2009, 8));
    cr_assert_eq(sc->states[0].shocks[0].months, 5);
    cr_assert_float_eq(sc->states[0].shocks[0].persons, 690000.0, EPS);
    cr_assert_eq(sc->states[0].shocks[0].origin, 0);
}

Test(scenario, defaults_apply_where_settings_are_left_out)
{
    load_ok("good_minimal.cfg", NULL, 0);
    cr_assert_eq(sc->seed, 1);
    cr_assert_str_eq(sc->description, "");
    cr_assert_float_eq(sc->w_ratify, 0.5, EPS);
    cr_assert_float_eq(sc->hazard[PS_ACT_RATIFY].alpha, -7.0, EPS);
    cr_assert_float_eq(sc->hazard[PS_ACT_PASS].democracy, 3.0, EPS);
    cr_assert_float_eq(sc->impl[PS_P_STATUS].base, 0.02, EPS);
    cr_assert_float_eq(sc->impl[PS_P_RIGHTS].speed, 0.3, EPS);
    cr_assert_float_eq(sc->cascade_threshold, 1.0 / 3, EPS);
    cr_assert_float_eq(sc->boomerang_split[0], 0.4, EPS);
    cr_assert_float_eq(sc->ngo_cost[PS_CH_GLB], 2.0, EPS);
    cr_assert_float_eq(sc->preset_legislation[2], 0.25, EPS);
    cr_assert_float_eq(sc->poi_weights[5], 1.0 / 6, EPS);
    cr_assert_eq(sc->ngo_strategy, PS_STRATEGY_ADAPTIVE);
    cr_assert_eq(sc->network_founded, MONTH(2008, 11));
    cr_assert_eq(sc->network_founders, 70);
    cr_assert_eq(sc->n_consultations, 0);
    cr_assert_eq(sc->unhcr_consultation_month, 6);
    cr_assert_float_eq(sc->states[1].democracy, 0.5, EPS);
    cr_assert_str_eq(sc->states[1].subregion, "other");
    cr_assert_str_eq(sc->states[1].patron, "");
    cr_assert_eq(sc->states[1].patron_index, SIZE_MAX);
    cr_assert_eq(sc->states[0].patron_since, sc->start);
    cr_assert_not(sc->states[1].has_securitisation);
    cr_assert_float_eq(sc->states[1].securitisation, 0.3, EPS);
    cr_assert_not(sc->states[1].has_implementation);
}

Test(scenario, one_origin_takes_all_arrivals_by_default)
{
    const char *text =
        "name = \"one\"; time = { start = \"2008-01\"; end = \"2008-06\"; };\n"
        "origins = ( { name = \"A\"; } );\n"
        "states = { list = ( { name = \"S\"; } ); };\n";
    cr_assert_eq(ps_scenario_load_string(text, "one.cfg", NULL, NULL, 0, sc, &err), PS_OK,
                 "%s", err.msg);
    cr_assert_float_eq(sc->states[0].origin_mix[0], 1.0, EPS);
    cr_assert_eq(ps_scenario_steps(sc), 6);
    cr_assert_str_eq(sc->source, "one.cfg");
}

Test(scenario, integers_are_read_as_reals)
{
    const char *text =
        "name = \"ints\"; time = { start = \"2008-01\"; end = \"2008-06\"; };\n"
        "origins = ( { name = \"A\"; } );\n"
        "states = { arrivals_floor = 3;\n"
        "           list = ( { name = \"S\"; decisions_per_year = 2500; } ); };\n";
    cr_assert_eq(ps_scenario_load_string(text, "ints.cfg", NULL, NULL, 0, sc, &err),
                 PS_OK, "%s", err.msg);
    cr_assert_float_eq(sc->arrivals_floor, 3.0, EPS);
    cr_assert_float_eq(sc->states[0].decisions_per_year, 2500.0, EPS);
}

Test(scenario, every_kind_of_setting_loads)
{
    load_ok("good_full.cfg", NULL, 0);
    const ps_state_spec *s = &sc->states[0];
    cr_assert_str_eq(sc->name, "full \"world\"");
    cr_assert_str_eq(sc->description, "tabs\tand back\\slashes");
    cr_assert_eq(sc->seed, UINT64_C(123456789012));
    cr_assert(s->ratified && s->bill_pending);
    cr_assert_eq(s->law_level, 2);
    cr_assert_eq(s->rsd, PS_RSD_JOINT);
    cr_assert(s->has_securitisation && s->has_implementation);
    cr_assert_float_eq(s->securitisation, 0.55, EPS);
    cr_assert_float_eq(s->implementation[3], 0.5, EPS);
    cr_assert_eq(s->ngo_count, 10);
    cr_assert_eq(s->patron_since, MONTH(2011, 6));
    cr_assert(s->patron_refoule_origin[0] && s->patron_refoule_origin[2]);
    cr_assert_not(s->patron_refoule_origin[1]);
    cr_assert_eq(s->shocks[1].months, 1);
    cr_assert_eq(s->shocks[1].origin, 2);
    cr_assert_eq(s->return_waves[0].year, 2016);
    cr_assert_eq(s->return_waves[0].origin, 1);
    cr_assert_float_eq(s->security_events[0].magnitude, 0.3, EPS);
    cr_assert_eq(sc->states[2].patron_index, 0);
    cr_assert_eq(sc->ngo_strategy, PS_STRATEGY_WEIGHTS);
    cr_assert_eq(sc->n_consultations, 3);
    cr_assert_eq(sc->consultations[1], MONTH(2012, 11));
}

/* ---- @include ---------------------------------------------------------------------- */

Test(scenario, include_from_a_subfolder_is_relative_to_the_including_file)
{
    cr_assert_eq(chdir(PS_TEST_DATA), 0);
    cr_assert_eq(ps_scenario_load("include/sub/user.cfg", NULL, 0, sc, &err), PS_OK, "%s",
                 err.msg);
    cr_assert_str_eq(sc->name, "user world");
    cr_assert_eq(sc->n_states, 2); /* from ../base/base.cfg */
}

Test(scenario, including_file_overrides_the_included_one)
{
    load_ok("include/sub/user.cfg", NULL, 0);
    cr_assert_float_eq(sc->hazard[PS_ACT_RATIFY].alpha, -4.0, EPS);    /* user.cfg */
    cr_assert_float_eq(sc->hazard[PS_ACT_RATIFY].pressure, 3.0, EPS);  /* base.cfg */
    cr_assert_float_eq(sc->hazard[PS_ACT_RATIFY].emulation, 2.5, EPS); /* common.cfg */
    cr_assert_float_eq(sc->w_ratify, 0.25, EPS);                       /* groups merge */
    cr_assert_float_eq(sc->w_law, 0.4, EPS);
    cr_assert_eq(sc->n_origins, 1); /* lists are replaced whole */
    cr_assert_str_eq(sc->origins[0].name, "Rohingya");
    cr_assert_float_eq(sc->origins[0].recognition, 0.9, EPS);
}

Test(scenario, nested_include_is_overridden_by_its_includer)
{
    load_ok("include/base/base.cfg", NULL, 0);
    cr_assert_str_eq(sc->description, "common settings");
    cr_assert_eq(sc->network_founders, 50);
    cr_assert_float_eq(sc->network_dues, 0.05, EPS);
    cr_assert_float_eq(sc->hazard[PS_ACT_RATIFY].alpha, -5.0, EPS); /* not common's -6 */
    cr_assert_float_eq(sc->hazard[PS_ACT_RATIFY].emulation, 2.5, EPS);
}

Test(scenario, error_in_an_included_file_names_that_file_and_line)
{
    expect_failure(
        "include/sub/bad_inner_range.cfg", PS_EINVAL,
        DATA("include/sub/inner_range.cfg") ":3: states.list.[0].democracy = 1.5 "
                                            "is outside [0, 1] (1)");
}

Test(scenario, missing_include_names_the_include_line)
{
    expect_failure("bad_missing_include.cfg", PS_EIO,
                   DATA("bad_missing_include.cfg") ":2: @include \"nothere.cfg\": cannot "
                                                   "open: No such file or directory");
}

Test(scenario, include_cycle_is_an_error)
{
    expect_failure("include/cycle/a.cfg", PS_EINVAL,
                   DATA("include/cycle/b.cfg") ":2: @include \"a.cfg\": include cycle");
}

Test(scenario, text_in_memory_includes_relative_to_include_dir)
{
    cr_assert_eq(ps_scenario_load_string("@include \"base/base.cfg\"\nseed = 7;\n",
                                         "inline", DATA("include"), NULL, 0, sc, &err),
                 PS_OK, "%s", err.msg);
    cr_assert_str_eq(sc->name, "base world");
    cr_assert_eq(sc->seed, 7);
}

Test(scenario, include_inside_a_block_comment_is_ignored)
{
    const char *text = "/* @include \"nothere.cfg\"\n@include \"nothere.cfg\" */\n"
                       "@include \"base/base.cfg\"\n";
    cr_assert_eq(
        ps_scenario_load_string(text, "inline", DATA("include"), NULL, 0, sc, &err),
        PS_OK, "%s", err.msg);
    cr_assert_str_eq(sc->name, "base world");
}

Test(scenario, defaults_file_included_changes_nothing)
{
    load_ok("good_minimal.cfg", NULL, 0);
    memcpy(sc2, sc, sizeof *sc);
    load_ok("good_with_defaults.cfg", NULL, 0);
    cr_assert_eq(compare_but_source(sc, sc2), 0);
}

/* ---- --set --------------------------------------------------------------------------
 */

Test(scenario, set_overrides_every_kind)
{
    const char *sets[] = {
        "states.list.[0].democracy=0.25",             /* real in a list element */
        "pressure.boomerang_delay=6",                 /* int */
        "states.list.[1].ngos.count = 12",            /* count, in a group made anew */
        "seed=123456789012",                          /* int64 */
        "name=My run",                                /* string, no quotes */
        "time.end=2019-12",                           /* date */
        "ngo.strategy=legislation",                   /* enum */
        "states.list.[1].ratified=true",              /* bool */
        "pressure.boomerang_split=[0.5, 0.25, 0.25]", /* vector */
        "network.consultations=[2010-06,2012-06]",    /* dates */
        "states.list.[0].patron.refoulement_origins=[Afghanistan]", /* origin names */
        "states.list.[1].patron.name=\"Aland\"", /* a state, quotes allowed */
        "states.list.[0].origin_mix=[0.5,0.5]",
    };
    load_ok("good_minimal.cfg", sets, sizeof sets / sizeof sets[0]);
    cr_assert_float_eq(sc->states[0].democracy, 0.25, EPS);
    cr_assert_eq(sc->boomerang_delay, 6);
    cr_assert_eq(sc->states[1].ngo_count, 12);
    cr_assert_eq(sc->seed, UINT64_C(123456789012));
    cr_assert_str_eq(sc->name, "My run");
    cr_assert_eq(sc->end, MONTH(2019, 12));
    cr_assert_eq(sc->ngo_strategy, PS_STRATEGY_LEGISLATION);
    cr_assert(sc->states[1].ratified);
    cr_assert_float_eq(sc->boomerang_split[1], 0.25, EPS);
    cr_assert_eq(sc->n_consultations, 2);
    cr_assert_eq(sc->consultations[1], MONTH(2012, 6));
    cr_assert_not(sc->states[0].patron_refoule_origin[0]);
    cr_assert(sc->states[0].patron_refoule_origin[1]);
    cr_assert_eq(sc->states[1].patron_index, 0);
    cr_assert_float_eq(sc->states[0].origin_mix[0], 0.5, EPS);
}

Test(scenario, later_set_wins)
{
    const char *sets[] = {"states.w_law=0.1", "states.w_law=0.9"};
    load_ok("good_minimal.cfg", sets, 2);
    cr_assert_float_eq(sc->w_law, 0.9, EPS);
}

Test(scenario, set_out_of_range_says_set)
{
    expect_set_failure("states.list.[0].democracy=1.7",
                       "--set: states.list.[0].democracy = 1.7 is outside [0, 1] (1)");
}

Test(scenario, set_unknown_setting_suggests_a_name)
{
    expect_set_failure("states.list.[0].democrazy=0.5",
                       "--set: states.list.[0].democrazy: unknown setting (did you mean "
                       "democracy?)");
}

Test(scenario, set_unknown_group_suggests_a_name)
{
    expect_set_failure(
        "hazard.ratfy.alpha=-4",
        "--set: hazard.ratfy.alpha: unknown setting (did you mean ratify?)");
}

Test(scenario, set_unknown_setting_without_hint)
{
    expect_set_failure("qwertyuiop.bar=1", "--set: qwertyuiop.bar: unknown setting");
}

Test(scenario, set_without_equals_is_rejected)
{
    expect_set_failure("democracy0.7", "--set: democracy0.7: expected path=value");
}

Test(scenario, set_of_missing_list_element_is_rejected)
{
    expect_set_failure("states.list.[5].democracy=0.5",
                       "--set: states.list.[5]: no such element (states.list has 2)");
}

Test(scenario, set_bad_date_is_rejected)
{
    expect_set_failure("time.end=2019-13",
                       "--set: time.end = \"2019-13\" is not a date (YYYY-MM)");
}

Test(scenario, set_real_for_integer_is_rejected)
{
    expect_set_failure("pressure.boomerang_delay=1.5",
                       "--set: pressure.boomerang_delay: expected an integer");
}

Test(scenario, set_word_for_number_is_rejected)
{
    expect_set_failure("states.w_law=high", "--set: states.w_law: expected a number");
}

Test(scenario, set_negative_seed_is_rejected)
{
    expect_set_failure("seed=-3",
                       "--set: seed = -3 is outside [0, 9223372036854775807] (1)");
}

Test(scenario, set_vector_must_sum_to_one)
{
    expect_set_failure("pressure.boomerang_split=[0.5,0.2,0.2]",
                       "--set: pressure.boomerang_split sums to 0.9, not 1");
}

Test(scenario, set_of_a_whole_list_is_rejected)
{
    expect_set_failure("origins=[A]", "--set: origins: a list cannot be set, only the "
                                      "settings of its elements (origins.[0]...)");
}

/* ---- dump ------------------------------------------------------------------------ */

/* Load name, dump, load the dump, dump again: same scenario, same text. */
static void check_round_trip(const char *name)
{
    load_ok(name, NULL, 0);
    char *first = dump_text(sc);
    cr_assert_eq(ps_scenario_load_string(first, "dump.cfg", NULL, NULL, 0, sc2, &err),
                 PS_OK, "%s: %s", name, err.msg);
    char *second = dump_text(sc2);
    cr_assert_str_eq(first, second);
    cr_assert_eq(compare_but_source(sc, sc2), 0, "%s: scenario changed on reload", name);
    free(first);
    free(second);
}

Test(scenario, dump_of_full_scenario_reloads_identically)
{
    check_round_trip("good_full.cfg");
}

Test(scenario, dump_of_minimal_scenario_reloads_identically)
{
    check_round_trip("good_minimal.cfg");
}

Test(scenario, dump_writes_libconfig_literals)
{
    load_ok("good_full.cfg", NULL, 0);
    char *text = dump_text(sc);
    cr_assert_not_null(strstr(text, "\nseed = 123456789012L;\n"));
    cr_assert_not_null(strstr(text, "\nname = \"full \\\"world\\\"\";\n"));
    cr_assert_not_null(strstr(text, "start = \"2017-08\";"));
    cr_assert_not_null(strstr(text, "persons = 10000000000.0;")); /* not an int literal */
    cr_assert_not_null(strstr(text, "strategy = \"weights\";"));
    cr_assert_not_null(
        strstr(text, "refoulement_origins = [\"Myanmar\", \"Sri Lanka\"];"));
    cr_assert_null(strstr(text, "source"));
    free(text);
}

Test(scenario, dump_to_a_failing_stream_is_an_io_error)
{
    load_ok("good_minimal.cfg", NULL, 0);
    FILE *f = fopen(DATA("good_minimal.cfg"), "r"); /* writes to it fail */
    cr_assert_not_null(f);
    cr_assert_eq(ps_scenario_dump(sc, f, &err), PS_EIO);
    fclose(f);
    cr_assert_eq(strncmp(err.msg, "scenario dump: cannot write", 27), 0, "%s", err.msg);
}

/* ---- defaults.cfg and the tables --------------------------------------------------- */

/* PS_REGENERATE_DEFAULTS=1 rewrites scenarios/defaults.cfg from the table first. */
Test(scenario, defaults_file_matches_the_table)
{
    char *expected = defaults_text();
    if (getenv("PS_REGENERATE_DEFAULTS") != NULL) {
        FILE *f = fopen(PS_SCENARIOS "/defaults.cfg", "w");
        cr_assert_not_null(f);
        fputs(expected, f);
        cr_assert_eq(fclose(f), 0);
    }
    FILE *f = fopen(PS_SCENARIOS "/defaults.cfg", "rb");
    cr_assert_not_null(
        f, "missing scenarios/defaults.cfg: run with PS_REGENERATE_DEFAULTS=1");
    char *actual = read_stream(f);
    cr_assert_str_eq(actual, expected,
                     "scenarios/defaults.cfg is stale: run this test with "
                     "PS_REGENERATE_DEFAULTS=1");
    free(actual);
    free(expected);
}

Test(scenario, defaults_file_is_valid_libconfig)
{
    config_t cfg;
    config_init(&cfg);
    int ok = config_read_file(&cfg, PS_SCENARIOS "/defaults.cfg");
    double w_law = 0;
    cr_assert(ok, "%s:%d: %s", PS_SCENARIOS "/defaults.cfg", config_error_line(&cfg),
              config_error_text(&cfg));
    cr_assert(config_lookup_float(&cfg, "states.w_law", &w_law));
    config_destroy(&cfg);
    cr_assert_float_eq(w_law, 0.5, EPS);
}

Test(scenario, defaults_document_unit_and_range)
{
    char *text = defaults_text();
    cr_assert_not_null(strstr(text,
                              "    # weight of ratification R in institutionalisation I. "
                              "Unit: 1. Range: [0, 1].\n    w_ratify = 0.5;\n"));
    cr_assert_not_null(
        strstr(text, "# democracy (receptivity) D. Unit: 1. Range: [0, 1].\n"));
    cr_assert_not_null(strstr(text, "@include"));
    free(text);
}

/* Check every row of scope (and the scopes of its lists). */
static void check_rows(const ps_scope *scope)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        const ps_setting *row = &scope->rows[i];
        cr_assert_eq(ps_scope_find(scope, row->path), row, "%s repeats", row->path);
        cr_assert(row->doc[0] != '\0' && row->unit != NULL, "%s", row->path);
        bool number = row->kind == PS_KIND_REAL || row->kind == PS_KIND_INT ||
                      row->kind == PS_KIND_COUNT;
        if (number && !(row->flags & (PS_REQUIRED | PS_OPTIONAL))) {
            cr_assert(row->def >= row->min && row->def <= row->max, "%s", row->path);
        }
        double sum = 0;
        for (size_t k = 0;
             row->kind == PS_KIND_REALVEC && row->vdef != NULL && k < row->n; k++) {
            cr_assert(row->vdef[k] >= row->min && row->vdef[k] <= row->max, "%s",
                      row->path);
            sum += row->vdef[k];
        }
        if (row->vdef != NULL && (row->flags & PS_SUMS_TO_1)) {
            cr_assert_float_eq(sum, 1.0, 1e-9, "%s", row->path);
        }
        if (row->kind == PS_KIND_LIST) {
            cr_assert_not_null(row->elem, "%s", row->path);
            check_rows(row->elem);
        }
    }
}

Test(scenario, table_defaults_lie_in_their_ranges)
{
    check_rows(ps_scenario_scope());
    cr_assert_geq(ps_scenario_scope()->n_rows, 150);
}

/* ---- units, months and names ------------------------------------------------------- */

Test(scenario, unit_of_global_and_element_paths)
{
    cr_assert_str_eq(ps_scenario_unit("hazard.ratify.alpha"), "logit/year");
    cr_assert_str_eq(ps_scenario_unit("states.burden_scale"), "persons/year");
    cr_assert_str_eq(ps_scenario_unit("states.list.[3].capacity"), "1");
    cr_assert_str_eq(ps_scenario_unit("states.list.[0].shocks.[1].persons"), "persons");
    cr_assert_str_eq(ps_scenario_unit("origins.[0].return_per_year"), "1/year");
    cr_assert_str_eq(ps_scenario_unit("implementation.liberty.speed"), "1/year");
    cr_assert_null(ps_scenario_unit("hazard.ratify"));
    cr_assert_null(ps_scenario_unit("states.list.capacity"));
    cr_assert_null(ps_scenario_unit("states.list.[x].capacity"));
    cr_assert_null(ps_scenario_unit("no.such.path"));
}

Test(scenario, months_parse_and_format)
{
    ps_month m = -1;
    char buf[16];
    cr_assert(ps_month_parse("2008-01", &m));
    cr_assert_eq(m, 24096);
    cr_assert(ps_month_parse("2020-12", &m));
    ps_month_format(m, buf, sizeof buf);
    cr_assert_str_eq(buf, "2020-12");
    cr_assert(ps_month_parse("0000-01", &m));
    cr_assert_eq(m, 0);
    ps_month_format(MONTH(987, 3), buf, sizeof buf);
    cr_assert_str_eq(buf, "0987-03");
    const char *bad[] = {"2008-13",  "2008-00",  "2008-1", "08-01",  "2008/01",
                         "2008-01x", " 2008-01", "",       "abcd-ef"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_not(ps_month_parse(bad[i], &m), "%s", bad[i]);
    }
}

Test(scenario, enum_names_match_the_file_names)
{
    cr_assert_str_eq(ps_rsd_name(PS_RSD_JOINT), "joint");
    cr_assert_str_eq(ps_rsd_name(PS_RSD_NONE), "none");
    cr_assert_str_eq(ps_channel_name(PS_CH_IMP), "implementation");
    cr_assert_str_eq(ps_channel_name(PS_CH_GLB), "global");
    cr_assert_str_eq(ps_component_name(PS_P_NONREF), "nonref");
    cr_assert_str_eq(ps_action_name(PS_ACT_REGULATE), "regulate");
    cr_assert_str_eq(ps_strategy_name(PS_STRATEGY_LEGISLATION), "legislation");
    cr_assert_str_eq(ps_strategy_name(PS_N_STRATEGIES), "?");
}

/* ---- issue 11: literals, sizes, files, signals, memory, echoed values ------------- */

#define MINIMAL "@include \"good_minimal.cfg\"\n"

/* Load text as "inline.cfg" in tests/data (so it may include the test scenarios). */
static ps_status load_text(const char *text)
{
    return ps_scenario_load_string(text, "inline.cfg", PS_TEST_DATA, NULL, 0, sc, &err);
}

static void expect_text_failure(const char *text, ps_status status, const char *msg)
{
    cr_assert_eq(load_text(text), status, "%s", err.msg);
    cr_assert_str_eq(err.msg, msg);
}

Test(scenario, seed_beyond_32_bits_is_read_in_full) /* 11.7: it loaded as 1 */
{
    cr_assert_eq(load_text(MINIMAL "seed = 4294967297;\n"), PS_OK, "%s", err.msg);
    cr_assert_eq(sc->seed, UINT64_C(4294967297));
}

Test(scenario, real_given_a_wide_integer_is_read_in_full)
{
    cr_assert_eq(load_text(MINIMAL "states = { burden_scale = 4294967297; };\n"), PS_OK,
                 "%s", err.msg);
    cr_assert_float_eq(sc->burden_scale, 4294967297.0, 0.5);
}

Test(scenario, bounded_integer_given_a_wide_literal_is_refused) /* it loaded as 1 */
{
    expect_text_failure(MINIMAL "pressure = { boomerang_delay = 4294967297; };\n",
                        PS_EINVAL,
                        "inline.cfg:2: pressure.boomerang_delay = 4.29497e+09 is outside "
                        "[0, 120] (months)");
}

Test(scenario, negative_wide_literal_is_refused)
{
    expect_text_failure(
        MINIMAL "pressure = { boomerang_delay = -4294967295; };\n", PS_EINVAL,
        "inline.cfg:2: pressure.boomerang_delay = -4.29497e+09 is outside "
        "[0, 120] (months)");
}

Test(scenario, literal_beyond_64_bits_is_refused)
{
    const char *msg =
        "inline.cfg:3: 99999999999999999999 is too large for an integer (at "
        "most 9223372036854775807)";
    expect_text_failure(MINIMAL "\nseed = 99999999999999999999;\n", PS_EINVAL, msg);
    expect_text_failure(MINIMAL "\nseed = 99999999999999999999L;\n", PS_EINVAL, msg);
}

Test(scenario, literals_in_strings_and_comments_are_left_alone)
{
    cr_assert_eq(
        load_text(MINIMAL
                  "# seed = 99999999999999999999;\n"
                  "description = \"4294967297 /* x */\"; // 99999999999999999999\n"
                  "/* 99999999999999999999 */ seed = 5;\n"),
        PS_OK, "%s", err.msg);
    cr_assert_str_eq(sc->description, "4294967297 /* x */");
    cr_assert_eq(sc->seed, 5);
}

Test(scenario, group_of_more_settings_than_the_bound_is_refused) /* 11.8 */
{
    size_t size = 300 * 16 + 64;
    char *text = malloc(size);
    cr_assert_not_null(text);
    int used = snprintf(text, size, "x = {\n");
    for (int i = 0; i < 300; i++) {
        used += snprintf(text + used, size - (size_t)used, "a%d = 1;\n", i);
    }
    snprintf(text + used, size - (size_t)used, "};\n");
    expect_text_failure(text, PS_EINVAL,
                        "inline.cfg:258: more than 256 settings in one group");
    free(text);
}

Test(scenario, set_stop_flag_interrupts_loading) /* 11.8 */
{
    volatile sig_atomic_t stop = 1;
    cr_assert_eq(ps_scenario_load_interruptible(DATA("good_minimal.cfg"), NULL, 0, &stop,
                                                sc, &err),
                 PS_EINTR);
    cr_assert_str_eq(err.msg, DATA("good_minimal.cfg") ": interrupted");
    stop = 0;
    cr_assert_eq(ps_scenario_load_interruptible(DATA("good_minimal.cfg"), NULL, 0, &stop,
                                                sc, &err),
                 PS_OK, "%s", err.msg);
}

Test(scenario, include_of_a_device_is_refused) /* 11.9: it grew without end */
{
    expect_text_failure(
        "@include \"/dev/zero\"\n", PS_EIO,
        "inline.cfg:1: @include \"/dev/zero\": cannot open: not a regular "
        "file");
}

Test(scenario, fifo_is_refused_without_waiting) /* 11.9: it blocked */
{
    char path[] = "/tmp/protsim_fifo_XXXXXX";
    cr_assert_not_null(mkdtemp(path));
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/f.cfg", path);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    ps_status st = ps_scenario_load(fifo, NULL, 0, sc, &err);
    unlink(fifo);
    rmdir(path);
    cr_assert_eq(st, PS_EIO);
    char want[128];
    snprintf(want, sizeof want, "%s: cannot open: not a regular file", fifo);
    cr_assert_str_eq(err.msg, want);
}

Test(scenario, file_over_the_size_limit_is_refused) /* 11.9 */
{
    char path[] = "/tmp/protsim_big_XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(ftruncate(fd, (off_t)(4u << 20) + 1), 0);
    close(fd);
    ps_status st = ps_scenario_load(path, NULL, 0, sc, &err);
    unlink(path);
    cr_assert_eq(st, PS_EIO);
    char want[128];
    snprintf(want, sizeof want, "%s: cannot open: larger than 4194304 bytes (4 MiB)",
             path);
    cr_assert_str_eq(err.msg, want);
}

Test(scenario, agents_beyond_the_memory_limit_are_refused) /* 11.9: 4.4 TB tried */
{
    setenv("PROTSIM_MEMORY_LIMIT", "16G", 1);
    ps_status st = load_text(MINIMAL "states = { list = ( { name = \"A\"; stock = { "
                                     "refugees = 1e12; }; } ); };\n"
                                     "origins = ( { name = \"x\"; } );\n");
    cr_assert_eq(st, PS_EINVAL, "%s", err.msg);
    cr_assert_str_eq(err.msg, "inline.cfg: the run of 1e+12 refugee agents needs about "
                              "4.0 TB, more than the memory limit of 17.2 GB "
                              "(PROTSIM_MEMORY_LIMIT)");
    setenv("PROTSIM_MEMORY_LIMIT", "1T", 1);
    cr_assert_eq(load_text(MINIMAL), PS_OK, "%s", err.msg);
    setenv("PROTSIM_MEMORY_LIMIT", "lots", 1);
    cr_assert_eq(load_text(MINIMAL), PS_EINVAL);
    cr_assert_str_eq(err.msg,
                     "PROTSIM_MEMORY_LIMIT = \"lots\": expected a number of bytes "
                     "with an optional K, M, G or T");
    unsetenv("PROTSIM_MEMORY_LIMIT");
}

Test(scenario, set_of_an_array_reads_each_element) /* 11.12: p++ on NULL past the last */
{
    const char *sets[] = {
        "pressure.boomerang_split=[0.5, 0.3, 0.2]",
        "states.list.[0].patron.refoulement_origins=[Myanmar,Afghanistan]"};
    load_ok("good_minimal.cfg", sets, 2);
    cr_assert_float_eq(sc->boomerang_split[2], 0.2, EPS);
    cr_assert(sc->states[0].patron_refoule_origin[0] &&
              sc->states[0].patron_refoule_origin[1]);
}

Test(scenario, control_characters_of_a_value_are_escaped) /* 11.13: forged lines */
{
    expect_text_failure(
        MINIMAL "time = { start = \"2008\\ninline.cfg:1: forged\"; };\n", PS_EINVAL,
        "inline.cfg:2: time.start = \"2008\\ninline.cfg:1: forged\" is not a "
        "date (YYYY-MM)");
    expect_text_failure(MINIMAL "ngo = { strategy = \"\\x1b[31mred\"; };\n", PS_EINVAL,
                        "inline.cfg:2: ngo.strategy = \"\\x1B[31mred\" is not one of "
                        "adaptive, ratification, legislation, weights");
    expect_set_failure("time.start=2008\n01",
                       "--set: time.start = \"2008\\n01\" is not a date (YYYY-MM)");
    cr_assert_null(strchr(err.msg, '\n'));
}

/* ---- issue 9: list elements by name in paths -----------------------------------------
 */

Test(scenario, set_names_a_state_and_an_origin)
{
    const char *sets[] = {
        "states.Bigland.democracy=0.8", "origins.Afghanistan.recognition=0.25",
        "states.list.Aland.capacity=0.9", "states.Aland.shocks.[0].persons=5"};
    load_ok("good_minimal.cfg", sets, 4);
    cr_assert_float_eq(sc->states[1].democracy, 0.8, EPS);
    cr_assert_float_eq(sc->origins[1].recognition, 0.25, EPS);
    cr_assert_float_eq(sc->states[0].capacity, 0.9, EPS);
    cr_assert_float_eq(sc->states[0].shocks[0].persons, 5.0, EPS);
}

Test(scenario, set_by_name_equals_set_by_index)
{
    const char *by_name[] = {"states.Bigland.access=0.3"};
    const char *by_index[] = {"states.list.[1].access=0.3"};
    load_ok("good_minimal.cfg", by_name, 1);
    memcpy(sc2, sc, sizeof *sc);
    load_ok("good_minimal.cfg", by_index, 1);
    cr_assert_eq(compare_but_source(sc, sc2), 0);
}

Test(scenario, set_of_an_unknown_state_name_suggests_the_nearest)
{
    expect_set_failure("states.Alnd.democracy=0.8",
                       "--set: states.Alnd.democracy: no state named Alnd in states.list "
                       "(did you mean Aland?)");
    expect_set_failure(
        "origins.Burma.recognition=0.1",
        "--set: origins.Burma.recognition: no origin named Burma in origins");
}

Test(scenario, set_of_an_unknown_setting_of_a_named_state_suggests_the_nearest)
{
    expect_set_failure("states.Aland.democrazy=1",
                       "--set: states.list.[0].democrazy: unknown setting (did you mean "
                       "democracy?)");
}

Test(scenario, unit_of_a_named_path)
{
    cr_assert_str_eq(ps_scenario_unit("states.Aland.capacity"), "1");
    cr_assert_str_eq(ps_scenario_unit("origins.Myanmar.return_per_year"), "1/year");
}

/* ---- issue 14 item 5: schedules -------------------------------------------------------
 */

#define SCHEDULE(entries) MINIMAL "schedule = (\n" entries ");\n"

Test(scenario, schedule_becomes_changes)
{
    cr_assert_eq(load_text(SCHEDULE(
                     "{ at = \"2009-04\"; set = [ \"unhcr.resettlement_per_year=9000\", "
                     "\"states.Bigland.arrivals_per_year=50\" ]; },\n"
                     "{ at = \"2010-01\"; set = [ \"ngo.strategy=legislation\" ]; }\n")),
                 PS_OK, "%s", err.msg);
    cr_assert_eq(sc->n_schedule, 2);
    cr_assert_eq(sc->n_changes, 3);
    double v;
    memcpy(&v, sc->changes[0].value, sizeof v);
    cr_assert_eq(sc->changes[0].at, MONTH(2009, 4));
    cr_assert_eq(sc->changes[0].offset, offsetof(ps_scenario, resettlement_per_year));
    cr_assert_float_eq(v, 9000.0, 0.0);
    cr_assert_eq(sc->changes[0].state, -1);
    cr_assert_eq(sc->changes[1].state, 1);
    cr_assert_eq(sc->changes[1].offset,
                 offsetof(ps_scenario, states[1].arrivals_per_year));
    int strategy;
    memcpy(&strategy, sc->changes[2].value, sizeof strategy);
    cr_assert_eq(strategy, PS_STRATEGY_LEGISLATION);
    cr_assert(sc->changes[2].resets_strategies);
    cr_assert_float_eq(sc->resettlement_per_year, 20000.0,
                       0.0); /* unchanged at the start */
}

Test(scenario, schedule_is_dumped_and_reloads_identically)
{
    cr_assert_eq(load_text(SCHEDULE("{ at = \"2009-04\"; set = [ "
                                    "\"origins.Myanmar.recognition=0.5\" ]; }\n")),
                 PS_EINVAL); /* not schedulable: recognition is read once */
    cr_assert_eq(load_text(SCHEDULE("{ at = \"2009-04\"; set = [ "
                                    "\"unhcr.decisions_per_year=100\" ]; }\n")),
                 PS_OK, "%s", err.msg);
    char *text = dump_text(sc);
    cr_assert_not_null(strstr(text, "schedule = (\n"));
    cr_assert_not_null(strstr(text, "set = [\"unhcr.decisions_per_year=100\"];"));
    cr_assert_eq(ps_scenario_load_string(text, "dump.cfg", NULL, NULL, 0, sc2, &err),
                 PS_OK, "%s", err.msg);
    free(text);
    cr_assert_eq(compare_but_source(sc, sc2), 0);
}

Test(scenario, schedule_of_an_unknown_setting_is_refused)
{
    expect_text_failure(
        SCHEDULE("{ at = \"2009-04\"; set = [ \"unhcr.resettlement_per_yer=9\" ]; }\n"),
        PS_EINVAL,
        "inline.cfg:3: schedule.[0].set.[0]: unhcr.resettlement_per_yer: "
        "unknown setting (did you mean resettlement_per_year?)");
    expect_text_failure(
        SCHEDULE(
            "{ at = \"2009-04\"; set = [ \"states.Alnd.arrivals_per_year=9\" ]; }\n"),
        PS_EINVAL,
        "inline.cfg:3: schedule.[0].set.[0]: states.Alnd.arrivals_per_year: no "
        "state named Alnd in states.list (did you mean Aland?)");
}

Test(scenario, schedule_of_a_setting_read_once_is_refused)
{
    expect_text_failure(
        SCHEDULE("{ at = \"2009-04\"; set = [ \"time.end=2010-06\" ]; }\n"), PS_EINVAL,
        "inline.cfg:3: schedule.[0].set.[0] = \"time.end=2010-06\": time.end "
        "cannot be scheduled (docs/model.md §6, Schedules, lists those that can)");
}

Test(scenario, schedule_outside_the_run_is_refused)
{
    expect_text_failure(
        SCHEDULE("{ at = \"2011-01\"; set = [ \"unhcr.advocacy=1\" ]; }\n"), PS_EINVAL,
        "inline.cfg:3: schedule.[0].at = \"2011-01\" is outside the run "
        "(2008-01 to 2010-12)");
}

Test(scenario, two_changes_of_one_setting_in_one_month_are_refused)
{
    expect_text_failure(
        SCHEDULE(
            "{ at = \"2009-04\"; set = [ \"states.Aland.decisions_per_year=1\" ]; },\n"
            "{ at = \"2009-04\"; set = [ \"states.list.[0].decisions_per_year=2\" ]; "
            "}\n"),
        PS_EINVAL,
        "inline.cfg:4: schedule.[1].set.[0] = "
        "\"states.list.[0].decisions_per_year=2\": changes a setting that "
        "schedule.[0].set.[0] changes in 2009-04 too");
}

Test(scenario, schedule_value_is_checked_as_set_checks_it)
{
    expect_text_failure(
        SCHEDULE("{ at = \"2009-04\"; set = [ \"unhcr.responsiveness=2\" ]; }\n"),
        PS_EINVAL,
        "inline.cfg:3: schedule.[0].set.[0]: unhcr.responsiveness = 2 is "
        "outside [0, 1] (1/year)");
}

/* ---- issue 10: defaults.cfg shows every key ------------------------------------------
 */

static void expect_every_key(const char *text, const ps_scope *scope)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        const ps_setting *row = &scope->rows[i];
        const char *dot = strrchr(row->path, '.');
        char key[PS_PATH_TEXT];
        snprintf(key, sizeof key, " %s = ", dot != NULL ? dot + 1 : row->path);
        char line[PS_PATH_TEXT];
        snprintf(line, sizeof line, "\n%s", key + 1);
        cr_assert(strstr(text, key) != NULL || strstr(text, line) != NULL,
                  "%s: no line '%s'", row->path, key + 1);
        if (row->kind == PS_KIND_LIST) {
            expect_every_key(text, row->elem);
        }
    }
}

Test(scenario, defaults_file_shows_every_key)
{
    char *text = defaults_text();
    expect_every_key(text, ps_scenario_scope());
    cr_assert_not_null(strstr(text, "\n# name = \"...\";\n"));
    cr_assert_not_null(strstr(text, "\n    # start = \"YYYY-MM\";\n"));
    cr_assert_not_null(strstr(text, "origin_mix = [1.0];"));
    free(text);
}
