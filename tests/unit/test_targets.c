/* test_targets.c - targets files: the shipped file against the baseline, every refusal
 * with its whole message, and each kind of measure on indicators written by hand over a
 * two-state world of 24 months (2008-01 .. 2009-12) */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "protsim/protsim.h"
#include "protsim/targets.h"

/* ---- the hand-made world ------------------------------------------------------------
 */

static ps_scenario sc;
static ps_indicators ind;
static ps_targets *t;
static ps_error err;

static void setup(void)
{
    gsl_set_error_handler_off();
    memset(&sc, 0, sizeof sc);
    snprintf(sc.name, sizeof sc.name, "two states");
    sc.n_states = 2;
    snprintf(sc.states[0].name, PS_MAX_NAME, "Aland");
    snprintf(sc.states[0].subregion, PS_MAX_NAME, "east");
    sc.states[0].democracy = 0.8;
    snprintf(sc.states[1].name, PS_MAX_NAME, "Borea");
    snprintf(sc.states[1].subregion, PS_MAX_NAME, "southeast");
    sc.states[1].democracy = 0.4;
    ps_month_parse("2008-01", &sc.start);
    ps_month_parse("2009-12", &sc.end);
    memset(&ind, 0, sizeof ind);
    ind.n_states = 2;
    ind.count = calloc(2 * PS_N_RSTATUS, sizeof(double));
    ind.flows = calloc(2 * PS_N_FLOWS, sizeof(double));
    ind.present = calloc(2, sizeof(double));
    ind.securitisation = calloc(2, sizeof(double));
    ind.implementation = calloc(2 * PS_N_COMPONENTS, sizeof(double));
    t = NULL;
    err = (ps_error){0};
}

static void teardown(void)
{
    free(ind.count);
    free(ind.flows);
    free(ind.present);
    free(ind.securitisation);
    free(ind.implementation);
    ps_targets_destroy(t);
}
TestSuite(targets, .init = setup, .fini = teardown);

/* One target's file: the common fields, then the rest. */
#define TARGET(name, rest)                                                               \
    "targets = ( { name = \"" name "\"; what = \"w\"; group = \"g\"; observed = 0.5;\n"  \
    "  uncertainty = \"u\"; source = \"s\"; column = \"c\";\n" rest " } );\n"

static ps_status load(const char *text)
{
    ps_target_context ctx = {.sc = &sc, .model = "scenario two states"};
    return ps_targets_load_string(text, "inline.cfg", &ctx, &t, &err);
}

static void expect_error(const char *text, const char *msg)
{
    cr_assert_eq(load(text), PS_EINVAL, "status; message: %s", err.msg);
    cr_assert_null(t);
    cr_assert_str_eq(err.msg, msg);
}

/* Month m (0 = 2008-01) of the hand-made run: Aland's pending are 100 + m, Borea's
 * recognitions 2 and decisions 5 a month, Borea's detentions only in 2008-03, Aland's
 * securitisation 0.1 + 0.01 m until 2009-06 then 0.2, its six components 0.5 then
 * 0.44 from 2009-01; Aland's present 200, its protected 30; the network 10 + m members;
 * the region's solutions rate (m + 1) / 100. */
static void month(size_t m)
{
    double *c0 = ind.count, *f1 = ind.flows + PS_N_FLOWS;
    c0[PS_RS_PENDING] = 100.0 + (double)m;
    c0[PS_RS_PROTECTED] = 30.0;
    f1[PS_FLOW_RECOGNITIONS_STATE] = 2.0;
    f1[PS_FLOW_DECISIONS] = 5.0;
    f1[PS_FLOW_DETENTIONS] = m == 2 ? 7.0 : 0.0;
    ind.present[0] = 200.0;
    ind.securitisation[0] = m < 18 ? 0.1 + 0.01 * (double)m : 0.2;
    for (int k = 0; k < PS_N_COMPONENTS; k++) {
        ind.implementation[k] = m < 12 ? 0.5 : 0.44;
    }
    ind.members = 10.0 + (double)m;
    ind.region_solutions_rate = (double)(m + 1) / 100.0;
}

/* Run months 0 .. n-1 through an observer of t, with the events of each month from
 * events_of; values into out[t->n]. */
static void observe(size_t n, size_t (*events_of)(size_t, ps_event *), double *out)
{
    ps_target_observer *ob = NULL;
    cr_assert_eq(ps_target_observer_create(t, &sc, &ob, &err), PS_OK, "%s", err.msg);
    for (size_t m = 0; m < n; m++) {
        ps_event ev[4];
        size_t k = events_of != NULL ? events_of(m, ev) : 0;
        month(m);
        ps_target_observer_step(ob, &ind, ev, k);
    }
    ps_target_observer_values(ob, out);
    ps_target_observer_destroy(ob);
}

/* ---- the shipped file ----------------------------------------------------------------
 */

Test(targets, the_baseline_targets_load_against_the_baseline)
{
    ps_scenario *ap = calloc(1, sizeof *ap);
    cr_assert_eq(ps_scenario_load(PS_SCENARIOS "/asia_pacific.cfg", NULL, 0, ap, &err),
                 PS_OK, "%s", err.msg);
    ps_target_context ctx = {.sc = ap, .model = "scenario asia_pacific"};
    cr_assert_eq(ps_targets_load(PS_SCENARIOS "/calibration/targets.cfg", &ctx, &t, &err),
                 PS_OK, "%s", err.msg);
    cr_assert_eq(t->n, 44);
    long k = ps_targets_find(t, "population_bangladesh_2017");
    cr_assert_geq(k, 0);
    cr_assert_float_eq(t->list[k].observed, 932324.0, 1e-9);
    cr_assert_float_eq(t->list[k].sd, 0.5 * 932324.0 / 4.0, 1e-6); /* +-25%: a range */
    cr_assert_eq(t->list[k].transform, PS_TRANSFORM_LOG);
    cr_assert(t->list[k].measure.resolved);
    cr_assert_eq(ps_targets_find(t, "no_such_target"), -1);
    free(ap);
}

/* ---- refusals ------------------------------------------------------------------------
 */

Test(targets, needs_sd_or_range)
{
    expect_error(TARGET("a",
                        "measure = { kind = \"value\"; series = \"network/members\"; "
                        "at = \"2009-01\"; };"),
                 "inline.cfg:1: targets.[0]: missing sd or range (the observation's "
                 "uncertainty)");
}

Test(targets, takes_sd_or_range_not_both)
{
    expect_error(TARGET("a",
                        "sd = 0.1; range = [0.4, 0.6];\n"
                        "measure = { kind = \"value\"; series = \"network/members\"; "
                        "at = \"2009-01\"; };"),
                 "inline.cfg:3: targets.[0].range: give sd or range, not both");
}

Test(targets, range_holds_the_observation)
{
    expect_error(TARGET("a",
                        "range = [0.6, 0.9];\n"
                        "measure = { kind = \"value\"; series = \"network/members\"; "
                        "at = \"2009-01\"; };"),
                 "inline.cfg:3: targets.[0].range = [0.6, 0.9] does not hold observed = "
                 "0.5");
}

Test(targets, sd_must_be_above_zero)
{
    expect_error(
        TARGET("a", "sd = 0.0;\n"
                    "measure = { kind = \"value\"; series = \"network/members\"; "
                    "at = \"2009-01\"; };"),
        "inline.cfg:3: targets.[0].sd = 0: the observation's uncertainty must be "
        "above 0 (the least difference that matters)");
}

Test(targets, names_are_identifiers)
{
    expect_error(
        TARGET("a-b", "sd = 0.1;\n"
                      "measure = { kind = \"value\"; series = "
                      "\"network/members\"; at = \"2009-01\"; };"),
        "inline.cfg:1: targets.[0].name = \"a-b\": expected letters, digits and _ "
        "(not first a digit)");
}

Test(targets, unknown_series_with_a_hint)
{
    expect_error(TARGET("a", "sd = 0.1;\n"
                             "measure = { kind = \"value\"; series = \"network/member\"; "
                             "at = \"2009-01\"; };"),
                 "inline.cfg:4: targets.[0].measure.series = \"network/member\": not a "
                 "series of states or of the region (did you mean network/members?)");
}

Test(targets, labels_belong_to_the_series_axis)
{
    expect_error(
        TARGET("a", "sd = 0.1;\n"
                    "measure = { kind = \"value\"; series = \"refugees/count\"; "
                    "labels = [\"pendin\"]; at = \"2009-01\"; };"),
        "inline.cfg:4: targets.[0].measure.labels.[0] = \"pendin\": not a status "
        "of refugees/count (did you mean pending?)");
}

Test(targets, states_are_the_scenarios)
{
    expect_error(TARGET("a", "sd = 0.1;\n"
                             "measure = { kind = \"value\"; series = \"states/present\"; "
                             "state = \"Borea \"; at = \"2009-01\"; };"),
                 "inline.cfg:4: targets.[0].measure.state = \"Borea \": not a state of "
                 "scenario two states (did you mean Borea?)");
}

Test(targets, a_setting_the_kind_does_not_use)
{
    expect_error(TARGET("a",
                        "sd = 0.1;\n"
                        "measure = { kind = \"pooled\"; series = \"network/members\"; "
                        "at = \"2009-01\"; from = \"2008-01\"; to = \"2008-12\"; };"),
                 "inline.cfg:4: targets.[0].measure.at: not used by measure.kind = "
                 "\"pooled\"");
}

Test(targets, a_setting_the_kind_needs)
{
    expect_error(
        TARGET("a", "sd = 0.1;\n"
                    "measure = { kind = \"change\"; series = \"network/members\"; "
                    "from = \"2008-01\"; };"),
        "inline.cfg:4: targets.[0].measure.to: missing (measure.kind = \"change\" "
        "needs it)");
}

Test(targets, a_region_series_has_no_states)
{
    expect_error(TARGET("a",
                        "sd = 0.1;\n"
                        "measure = { kind = \"value\"; series = \"network/members\"; "
                        "state = \"Aland\"; at = \"2009-01\"; };"),
                 "inline.cfg:4: targets.[0].measure: network/members is a series of the "
                 "region, not of states");
}

Test(targets, a_logit_needs_room_at_zero)
{
    expect_error(
        "targets = ( { name = \"a\"; what = \"w\"; group = \"g\"; observed = 0.0;\n"
        "  sd = 0.1; uncertainty = \"u\"; source = \"s\"; column = \"c\";\n"
        "  transform = \"logit\";\n"
        "  measure = { kind = \"value\"; series = \"network/members\"; at = "
        "\"2009-01\"; }; } );\n",
        "inline.cfg:3: targets.[0].transform = \"logit\": (observed + offset) / (1 "
        "+ 2 offset) = 0 must lie inside (0, 1)");
}

Test(targets, no_december_for_a_mean)
{
    expect_error(TARGET("a", "sd = 0.1;\n"
                             "measure = { kind = \"mean\"; series = \"network/members\"; "
                             "from = \"2008-01\"; to = \"2008-11\"; };"),
                 "inline.cfg:4: targets.[0].measure: no December from 2008-01 to 2008-11 "
                 "(measure.kind = \"mean\" takes the Decembers)");
}

Test(targets, an_output_is_for_test_models)
{
    expect_error(
        TARGET("a", "sd = 0.1;\nmeasure = { kind = \"output\"; output = \"y1\"; };"),
        "inline.cfg:4: targets.[0].measure.kind = \"output\": only for test models "
        "(these targets are of scenario two states)");
}

Test(targets, unknown_event_type)
{
    expect_error(
        TARGET("a", "sd = 0.1;\n"
                    "measure = { kind = \"events\"; events = [\"statue\"]; "
                    "from = \"2008-01\"; to = \"2008-12\"; };"),
        "inline.cfg:4: targets.[0].measure.events.[0] = \"statue\": unknown event "
        "type (did you mean statute?)");
}

/* ---- measures ------------------------------------------------------------------------
 */

static void expect_value(const char *measure, size_t months, double want, double eps)
{
    char text[1024];
    snprintf(text, sizeof text, TARGET("a", "sd = 0.1;\nmeasure = { %s };"), measure);
    cr_assert_eq(load(text), PS_OK, "%s", err.msg);
    double v;
    observe(months, NULL, &v);
    if (isnan(want)) {
        cr_assert(isnan(v), "%s: %g, expected NaN", measure, v);
    } else {
        cr_assert_float_eq(v, want, eps, "%s: %g, expected %g", measure, v, want);
    }
    ps_targets_destroy(t);
    t = NULL;
}

Test(targets, a_value_and_a_share)
{
    /* Aland's pending at 2008-06 (m = 5): 105; its protected over present: 0.15 */
    expect_value("kind = \"value\"; series = \"refugees/count\"; labels = [\"pending\"]; "
                 "state = \"Aland\"; at = \"2008-06\";",
                 24, 105.0, 1e-12);
    expect_value(
        "kind = \"value\"; series = \"refugees/count\"; labels = [\"protected\"]; "
        "per = { series = \"states/present\"; }; state = \"Aland\"; at = "
        "\"2009-03\";",
        24, 0.15, 1e-12);
    /* summed over every state: Borea has no pending */
    expect_value("kind = \"value\"; series = \"refugees/count\"; labels = [\"pending\", "
                 "\"protected\"]; at = \"2008-01\";",
                 24, 130.0, 1e-12);
}

Test(targets, a_pooled_rate)
{
    /* Borea's recognitions over decisions, 2008-04 .. 2009-03: 24 / 60 */
    expect_value("kind = \"pooled\"; series = \"refugees/flows\"; labels = "
                 "[\"recognitions_state\", \"recognitions_unhcr\"]; per = { series = "
                 "\"refugees/flows\"; labels = [\"decisions\"]; }; state = \"Borea\"; "
                 "from = \"2008-04\"; to = \"2009-03\";",
                 24, 0.4, 1e-12);
}

Test(targets, mean_and_median_of_the_decembers)
{
    /* members at 2008-12 (m = 11) and 2009-12 (m = 23): 21 and 33 */
    expect_value(
        "kind = \"mean\"; series = \"network/members\"; from = \"2008-01\"; to = "
        "\"2009-12\";",
        24, 27.0, 1e-12);
    /* solutions rate at 2008-12, 2009-12: 0.12, 0.24; median of two is their mean */
    expect_value("kind = \"median\"; series = \"region/solutions_rate\"; from = "
                 "\"2008-01\"; to = \"2009-12\";",
                 24, 0.18, 1e-12);
}

Test(targets, change_ratio_and_largest_rise)
{
    /* mean P of Aland 2008-06 -> 2009-06: 0.44 - 0.5 */
    expect_value("kind = \"change\"; series = \"states/implementation\"; combine = "
                 "\"mean\"; state = \"Aland\"; from = \"2008-06\"; to = \"2009-06\";",
                 24, -0.06, 1e-12);
    /* members 2008-03 (12) -> 2009-03 (24) */
    expect_value(
        "kind = \"ratio\"; series = \"network/members\"; from = \"2008-03\"; to = "
        "\"2009-03\";",
        24, 2.0, 1e-12);
    /* S from 2009-01 (0.22 at m = 12) to its highest up to 2009-12: 0.27 at m = 17 */
    expect_value("kind = \"max_rise\"; series = \"states/securitisation\"; state = "
                 "\"Aland\"; from = \"2009-01\"; to = \"2009-12\";",
                 24, 0.05, 1e-12);
}

Test(targets, years_with_a_flow)
{
    expect_value("kind = \"years_positive\"; series = \"refugees/flows\"; labels = "
                 "[\"detentions\"]; state = \"Borea\"; from = \"2008-01\"; to = "
                 "\"2009-12\";",
                 24, 1.0, 0.0);
}

Test(targets, a_run_too_short_gives_nan)
{
    expect_value("kind = \"value\"; series = \"network/members\"; at = \"2009-06\";", 12,
                 NAN, 0.0);
    expect_value("kind = \"events\"; events = [\"statute\"]; from = \"2008-01\"; to = "
                 "\"2009-12\";",
                 23, NAN, 0.0);
}

/* Events: Aland's patron link in 2008-02; ratifications in Borea 2008-03 and Aland
 * 2008-05; statutes in Aland 2009-01 and Borea 2009-02. */
static size_t events(size_t m, ps_event *ev)
{
    static const struct {
        size_t m;
        ps_event_type type;
        long state;
    } LIST[] = {{1, PS_EV_PATRON, 0},
                {2, PS_EV_RATIFICATION, 1},
                {4, PS_EV_RATIFICATION, 0},
                {12, PS_EV_STATUTE, 0},
                {13, PS_EV_STATUTE, 1}};
    size_t n = 0;
    for (size_t k = 0; k < sizeof LIST / sizeof *LIST; k++) {
        if (LIST[k].m == m) {
            ev[n++] = (ps_event){.date = sc.start + (ps_month)m,
                                 .type = LIST[k].type,
                                 .state = LIST[k].state,
                                 .ngo = -1};
        }
    }
    return n;
}

Test(targets, events_by_place_democracy_and_patron)
{
    cr_assert_eq(
        load("targets = (\n"
             "{ name = \"all\"; what = \"w\"; group = \"g\"; observed = 1.0; sd = 0.5; "
             "uncertainty = \"u\"; source = \"s\"; column = \"c\"; measure = { kind = "
             "\"events\"; events = [\"ratification\", \"statute\"]; from = \"2008-01\"; "
             "to = \"2009-12\"; }; },\n"
             "{ name = \"east\"; what = \"w\"; group = \"g\"; observed = 1.0; sd = 0.5; "
             "uncertainty = \"u\"; source = \"s\"; column = \"c\"; measure = { kind = "
             "\"events\"; events = [\"statute\"]; subregions = [\"east\"]; from = "
             "\"2008-01\"; to = \"2009-12\"; }; },\n"
             "{ name = \"low_d\"; what = \"w\"; group = \"g\"; observed = 1.0; sd = 0.5; "
             "uncertainty = \"u\"; source = \"s\"; column = \"c\"; measure = { kind = "
             "\"events\"; events = [\"statute\"]; democracy_below = 0.5; from = "
             "\"2008-01\"; to = \"2009-12\"; }; },\n"
             "{ name = \"no_patron\"; what = \"w\"; group = \"g\"; observed = 0.0; sd = "
             "0.5; uncertainty = \"u\"; source = \"s\"; column = \"c\"; measure = { kind "
             "= \"events\"; events = [\"ratification\"]; patron = \"without\"; from = "
             "\"2008-01\"; to = \"2009-12\"; }; },\n"
             "{ name = \"any_2008\"; what = \"w\"; group = \"g\"; observed = 1.0; sd = "
             "0.5; uncertainty = \"u\"; source = \"s\"; column = \"c\"; measure = { kind "
             "= \"any_event\"; events = [\"statute\"]; state = \"Borea\"; from = "
             "\"2008-01\"; to = \"2008-12\"; }; }\n"
             ");\n"),
        PS_OK, "%s", err.msg);
    double v[5];
    observe(24, events, v);
    cr_assert_float_eq(v[0], 4.0, 0.0);
    cr_assert_float_eq(v[1], 1.0, 0.0); /* Aland's statute */
    cr_assert_float_eq(v[2], 1.0, 0.0); /* Borea's (D 0.4) */
    cr_assert_float_eq(v[3], 1.0, 0.0); /* Borea's ratification: Aland had its link */
    cr_assert_float_eq(v[4], 0.0, 0.0); /* Borea's statute came in 2009 */
}

Test(targets, described_in_words)
{
    cr_assert_eq(
        load(TARGET("a", "sd = 0.1;\n"
                         "measure = { kind = \"pooled\"; series = "
                         "\"refugees/flows\"; labels = [\"detentions\"]; state = "
                         "\"Borea\"; from = \"2009-01\"; to = \"2009-12\"; };")),
        PS_OK, "%s", err.msg);
    char words[512];
    ps_target_describe(&t->list[0], words, sizeof words);
    cr_assert_str_eq(words,
                     "pooled: refugees/flows [detentions] from 2009-01 to 2009-12, "
                     "in Borea");
}
