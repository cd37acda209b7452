/* record_schema.c - every group and dataset of run, replicate, compare and sweep files
 * as data: the tables record_h5.c, record_sweep.c and record_info.c walk, and
 * docs/output.md documents (tests/unit/test_record_schema.c holds them to it) */
#include "record_schema.h"

#include "record_impl.h"

#include <stdio.h>
#include <string.h>

#include "protsim/events.h"
#include "protsim/flows.h"
#include "protsim/statuses.h"
#include "protsim/summary.h"
#include "protsim/sweep.h"
#include "stats.h"

/* ---- run layouts ----------------------------------------------------------------- */

/* clang-format off */
const ps_group_doc PS_RUN_GROUPS[] = {
    {"/states", "per host state: policy, implementation, pressure and outcomes"},
    {"/refugees", "persons by host state and status, and monthly flows between statuses"},
    {"/ngos", "per NGO: home state, budget, strategy, activity and network membership"},
    {"/network", "the regional NGO network: members, pool, consultations, plans"},
    {"/unhcr", "UNHCR: ratification emphasis, resettlement and decision capacity"},
    {"/region", "the whole region: totals and population-weighted means over states"},
};
/* clang-format on */
const size_t PS_N_RUN_GROUPS = sizeof PS_RUN_GROUPS / sizeof PS_RUN_GROUPS[0];

#define AS_SERIES(field, kind, n, axis, path, units, description)                        \
    {path, units, axis, description, offsetof(ps_indicators, field), PS_FROM_##kind, n},
const ps_series_spec PS_SERIES[PS_N_SERIES] = {PS_SERIES_LIST(AS_SERIES)};
#undef AS_SERIES

void ps_schema_series_dims(const ps_series_spec *s, char *buf, size_t size)
{
    const char *agent = s->from == PS_FROM_STATES ? ",state"
                        : s->from == PS_FROM_NGOS ? ",ngo"
                                                  : "";
    snprintf(buf, size, "time%s%s%s", agent, s->inner > 1 ? "," : "", s->axis);
}

size_t ps_schema_series_row(const ps_series_spec *s, size_t n_states, size_t n_ngos)
{
    size_t agents = s->from == PS_FROM_STATES ? n_states
                    : s->from == PS_FROM_NGOS ? n_ngos
                                              : 1;
    return agents * s->inner;
}

/* Names of the labels of an axis; the scenario is needed only for the states. */
static const char *state_name(const ps_scenario *sc, size_t i)
{
    return sc->states[i].name;
}

static const char *state_iso3(const ps_scenario *sc, size_t i)
{
    return sc->states[i].iso3;
}

static const char *state_subregion(const ps_scenario *sc, size_t i)
{
    return sc->states[i].subregion;
}

static const char *component_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_component_name((ps_component)i);
}

static const char *channel_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_channel_name((ps_channel)i);
}

static const char *action_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_action_name((ps_action)i);
}

static const char *status_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_rstatus_name((ps_rstatus)i);
}

static const char *flow_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_flow_name((ps_flow)i);
}

static const char *plan_kind(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_plan_kind_name((ps_plan_kind)i);
}

/* Meanings of the labels of the vocabularies' axes. */
static const char *component_doc(size_t i)
{
    return ps_component_doc((ps_component)i);
}

static const char *channel_doc(size_t i)
{
    return ps_channel_doc((ps_channel)i);
}

static const char *action_doc(size_t i)
{
    return ps_action_doc((ps_action)i);
}

static const char *status_doc(size_t i)
{
    return ps_rstatus_doc((ps_rstatus)i);
}

static const char *flow_doc(size_t i)
{
    return ps_flow_doc((ps_flow)i);
}

static const char *plan_kind_doc(size_t i)
{
    return ps_plan_kind_doc((ps_plan_kind)i);
}

/* clang-format off */
const ps_names_spec PS_NAMES[] = {
    {{"/states/name", "text", "state",
      "name of each state, in the order of every state axis"},
     PS_NAMES_PER_STATE, state_name, NULL},
    {{"/states/iso3", "text", "state", "ISO 3166-1 alpha-3 code of each state"},
     PS_NAMES_PER_STATE, state_iso3, NULL},
    {{"/states/subregion", "text", "state", "subregion of each state, for emulation"},
     PS_NAMES_PER_STATE, state_subregion, NULL},
    {{"/states/component_names", "text", "component",
      "implementation components, the last axis of /states/implementation"},
     PS_N_COMPONENTS, component_name, component_doc},
    {{"/states/channel_names", "text", "channel",
      "NGO channels, the last axis of /states/pressure, /ngos/strategy, "
      "/network/mean_strategy and /network/mean_strategy_all"},
     PS_N_CHANNELS, channel_name, channel_doc},
    {{"/states/action_names", "text", "action",
      "adoption actions, the last axis of /states/emulation and /states/hazard"},
     PS_N_ACTIONS, action_name, action_doc},
    {{"/refugees/status_names", "text", "status",
      "refugee statuses, the last axis of /refugees/count"},
     PS_N_RSTATUS, status_name, status_doc},
    {{"/refugees/flow_names", "text", "flow", "flows, the last axis of /refugees/flows"},
     PS_N_FLOWS, flow_name, flow_doc},
    {{"/network/plan_kinds", "text", "plan_kind",
      "kinds of action plans, the last axis of /network/action_plans"},
     PS_N_PLAN_KINDS, plan_kind, plan_kind_doc},
};
/* clang-format on */
const size_t PS_N_NAMES = sizeof PS_NAMES / sizeof PS_NAMES[0];

/* clang-format off */
const ps_dataset_doc PS_OTHERS[PS_N_OTHERS] = {
    {"/ngos/home_state", "index", "ngo",
     "home state of each NGO, an index into /states/name"},
    {"/ngos/member", "0/1", "ngo",
     "1 when the NGO is a network member at the last step written"},
    {"/events", "date: YYYY-MM; time: decimal year; value: by type", "event",
     "one row per event: month, time, type, state (or \"\"), NGO (or -1) and a value "
     "whose meaning depends on the type"},
    {"/seeds", "1", "replicate",
     "run seed of each replicate, derived from the seed attribute and the replicate's "
     "index (only in a layout with a replicate axis)"},
    {"/month", "YYYY-MM", "time",
     "month of each step: row t holds the world at the end of that month, which /time "
     "gives as a decimal year"},
};

const ps_scale_spec PS_RUN_SCALES[] = {
    {{"/state", "text", "state", "name of each state: the coordinate of every state axis"},
     PS_SCALE_NAMES},
    {{"/ngo", "index", "ngo", "index of each NGO: the coordinate of every ngo axis"},
     PS_SCALE_INDEX},
    {{"/status", "text", "status", "refugee statuses: the coordinate of every status axis"},
     PS_SCALE_NAMES},
    {{"/flow", "text", "flow", "flows: the coordinate of every flow axis"},
     PS_SCALE_NAMES},
    {{"/channel", "text", "channel", "NGO channels: the coordinate of every channel axis"},
     PS_SCALE_NAMES},
    {{"/component", "text", "component",
      "implementation components: the coordinate of every component axis"},
     PS_SCALE_NAMES},
    {{"/action", "text", "action", "adoption actions: the coordinate of every action axis"},
     PS_SCALE_NAMES},
    {{"/plan_kind", "text", "plan_kind",
      "kinds of action plans: the coordinate of every plan_kind axis"}, PS_SCALE_NAMES},
    {{"/replicate", "index", "replicate",
      "index of each replicate: the coordinate of every replicate axis (only in a "
      "layout with a replicate axis)"}, PS_SCALE_INDEX},
    {{PS_RUN_EVENT_SCALE, "index", "event", "index of each row of /events"},
     PS_SCALE_INDEX},
};
const size_t PS_N_RUN_SCALES = sizeof PS_RUN_SCALES / sizeof PS_RUN_SCALES[0];

const double PS_QUANTILES[PS_N_QUANTILES] = {0.05, 0.5, 0.95};
const ps_dataset_doc PS_QUANTILE_SCALE = {
    "/quantile", "1", "quantile",
    "the probabilities of the quantiles over the replicates: the coordinate of every "
    "quantile axis (only with compare --keep quantiles)"};

const ps_event_field PS_EVENT_FIELDS[PS_N_EVENT_FIELDS] = {
    {"date", PS_FIELD_TEXT, "month of the event, YYYY-MM"},
    {"time", PS_FIELD_REAL, "decimal year at the end of that month, as /time"},
    {"type", PS_FIELD_TEXT, "what happened, one of the event types"},
    {"state", PS_FIELD_TEXT, "name of the state concerned, \"\" for none"},
    {"ngo", PS_FIELD_INT,
     "index of the NGO concerned (into the /ngos axis), -1 for none"},
    {"value", PS_FIELD_REAL, "a number whose meaning depends on the type"},
    {"replicate", PS_FIELD_INT, "the replicate the event happened in (with a replicate "
     "axis only)"},
};
/* clang-format on */

/* ---- the comparison table -------------------------------------------------------- */

#define PR(field) offsetof(ps_paired_result, field)
#define AS_IN "as in /comparison/units"
/* clang-format off */
const ps_group_doc PS_COMPARE_GROUP = {"/comparison",
    "B minus A at the horizon over paired replicates: one row per metric in "
    "metric_names"};

const ps_compare_spec PS_COMPARE[] = {
    {{"/comparison/metric", "text", "metric",
      "the metrics: the coordinate of every metric axis"}, PS_CMP_METRIC_NAME, 0},
    {{"/comparison/replicate", "index", "replicate",
      "index of each replicate: the coordinate of every replicate axis"},
     PS_CMP_REPLICATE, 0},
    {{"/comparison/metric_names", "text", "metric", "the metrics, one per row of "
      "every dataset of /comparison (docs/output.md)"}, PS_CMP_METRIC_NAME, 0},
    {{"/comparison/units", "text", "metric", "units of each metric"},
     PS_CMP_METRIC_UNIT, 0},
    {{"/comparison/test", "text", "metric", "test used: t (paired t-test); "
      "wilcoxon-exact or wilcoxon-normal (signed-rank) for counts (framework_steps, "
      "accessions), constant differences or |skewness| > 1; none where no pair "
      "differs"}, PS_CMP_TEST, 0},
    {{"/comparison/n_pairs", "replicates", "metric", "pairs used: both values finite"},
     PS_CMP_PAIRS, 0},
    {{"/comparison/n_differ", "replicates", "metric",
      "pairs whose B value differs from their A value"}, PS_CMP_DIFFER, 0},
    {{"/comparison/a_mean", AS_IN, "metric", "mean of A over the pairs used"},
     PS_CMP_RESULT, PR(mean_a)},
    {{"/comparison/b_mean", AS_IN, "metric", "mean of B over the pairs used"},
     PS_CMP_RESULT, PR(mean_b)},
    {{"/comparison/mean_difference", AS_IN, "metric",
      "mean of the paired differences B - A"}, PS_CMP_RESULT, PR(mean_difference)},
    {{"/comparison/difference", AS_IN, "metric",
      "estimate of B - A: the mean difference where test is t, the Hodges-Lehmann "
      "estimate (median of the Walsh averages of the differences) where test is "
      "wilcoxon-exact or wilcoxon-normal, 0 where test is none and every pair is "
      "equal"}, PS_CMP_RESULT, PR(r.estimate)},
    {{"/comparison/ci_low", AS_IN, "metric",
      "lower end of the 95% confidence interval of difference: the t interval, or "
      "Hodges-Lehmann's distribution-free interval; -inf when none exists at this n"},
     PS_CMP_RESULT, PR(r.ci_low)},
    {{"/comparison/ci_high", AS_IN, "metric",
      "upper end of the 95% confidence interval of difference"},
     PS_CMP_RESULT, PR(r.ci_high)},
    {{"/comparison/p_value", "1", "metric",
      "two-sided p-value of the test in test; 1 where no pair differs"},
     PS_CMP_RESULT, PR(r.p_value)},
    {{"/comparison/p_holm", "1", "metric",
      "p_value adjusted for the M metrics tested together (Holm's step-down method)"},
     PS_CMP_RESULT, PR(p_holm)},
    {{"/comparison/statistic", "t or rank sum", "metric",
      "the test statistic: t, or W+ (sum of the ranks of the positive differences)"},
     PS_CMP_RESULT, PR(r.statistic)},
    {{"/comparison/skewness", "1", "metric",
      "skewness of the paired differences, which picks the test"},
     PS_CMP_RESULT, PR(skewness)},
    {{"/comparison/a_values", AS_IN, "replicate,metric",
      "each replicate's metrics of A at the horizon"}, PS_CMP_A_VALUES, 0},
    {{"/comparison/b_values", AS_IN, "replicate,metric",
      "each replicate's metrics of B at the horizon (same seed as A's row)"},
     PS_CMP_B_VALUES, 0},
    {{"/comparison/horizon", "year", "",
      "the metrics are those at the end of December of this year"}, PS_CMP_HORIZON, 0},
    {{"/comparison/confidence_level", "1", "", "level of every interval"},
     PS_CMP_LEVEL, 0},
};
/* clang-format on */
const size_t PS_N_COMPARE = sizeof PS_COMPARE / sizeof PS_COMPARE[0];

/* ---- the plausible ensemble ----------------------------------------------------- */

#define EN(field) offsetof(ps_record_ensemble, field)
/* clang-format off */
const ps_group_doc PS_CHECKPOINT_GROUPS[PS_N_CKPT_GROUPS] = {
    {"/checkpoint", "the whole world at the end of the month of the attribute month "
     "(protsim run --checkpoint-at), for protsim run --from to go on from"},
    {"/checkpoint/world", "every kept field of the world (sim/world/world_fields.h), "
     "one dataset each, as this build holds it in memory"},
    {"/checkpoint/driver", "what protsim run carries from month to month besides the "
     "world (sim/drivers/driver_run.c), one dataset each"},
};

const ps_dataset_doc PS_CHECKPOINT[PS_N_CKPT_DATASETS] = {
    {"/checkpoint/scenario", "text", "",
     "the run's fully resolved scenario, as the root attribute scenario: what a run "
     "from the checkpoint must agree with before the month after it"},
    {"/checkpoint/scenario_now", "text", "",
     "the world's scenario at the checkpoint: the run's with the changes of its "
     "schedule dated up to the checkpoint's month applied"},
};

const ps_group_doc PS_ENSEMBLE_GROUPS[3] = {
    {"/parameters", "the plausible points the runs were made at (--parameters), and "
     "the point of each run"},
    {"/targets", "the calibration targets measured in each run, against their "
     "observations: the coverage report"},
    {"/robust", "B minus A at each plausible point (paired replicates within a "
     "point), over the points, and where B loses (PRIM)"},
};

const ps_ensemble_spec PS_ENSEMBLE[] = {
    {{"/parameters/file", "text", "", "the plausible set read (protsim calibrate's "
      "file)"}, PS_ENS_SOURCE, 0, 0},
    {{"/parameters/parameter", "text", "parameter", "short name of each parameter: the "
      "coordinate of every parameter axis"}, PS_ENS_NAMES, 0, 0},
    {{"/parameters/paths", "text", "parameter", "the setting of each parameter, as in "
      "--set"}, PS_ENS_PATHS, 0, 0},
    {{"/parameters/point", "index", "point", "index of each plausible point used: the "
      "coordinate of every point axis"}, PS_ENS_INDEX, PS_ENS_AXIS_POINT, 0},
    {{"/parameters/values", "the settings'", "point,parameter",
      "each plausible point used: the values set at it"}, PS_ENS_VALUES, 0, 0},
    {{"/parameters/replicate", "index", "replicate", "index of each run: the "
      "coordinate of the replicate axes of /parameters (and /targets)"},
     PS_ENS_INDEX, PS_ENS_AXIS_RUN, 0},
    {{"/parameters/run_point", "index", "replicate", "the point each run was made at; "
      "point k holds runs k R .. k R + R - 1"}, PS_ENS_POINT, 0, 0},
    {{"/targets/target", "text", "target", "name of each target (the plausible file's "
      "targets file): the coordinate of every target axis"}, PS_ENS_T_NAMES, 0, 1},
    {{"/targets/units", "text", "target", "their units"}, PS_ENS_T_UNITS, 0, 1},
    {{"/targets/observed", "the targets'", "target", "the observed value"},
     PS_ENS_T_REAL, EN(observed), 1},
    {{"/targets/sd", "the targets'", "target", "the observation's sd"},
     PS_ENS_T_REAL, EN(sd), 1},
    {{"/targets/values", "the targets'", "replicate,target", "each run's measure of "
      "each target (NaN: undefined in that run)"}, PS_ENS_T_VALUES, 0, 1},
    {{"/targets/q05", "the targets'", "target", "5% quantile of the ensemble's "
      "measures"}, PS_ENS_T_REAL, EN(q05), 1},
    {{"/targets/median", "the targets'", "target", "median of the ensemble's "
      "measures"}, PS_ENS_T_REAL, EN(median), 1},
    {{"/targets/q95", "the targets'", "target", "95% quantile of the ensemble's "
      "measures"}, PS_ENS_T_REAL, EN(q95), 1},
    {{"/targets/covered", "0/1", "target", "1 when the observed value lies in "
      "[q05, q95]"}, PS_ENS_T_COVERED, 0, 1},
    {{"/robust/metric", "text", "metric", "the metrics: the coordinate of every metric "
      "axis of /robust"}, PS_ENS_R_METRICS, 0, 2},
    {{"/robust/better_is", "text", "metric", "higher or lower: which side of A is "
      "better; \"\" for refugees, which is neither"}, PS_ENS_R_BETTER, 0, 2},
    {{"/robust/point", "index", "point", "index of each point: the coordinate of every "
      "point axis of /robust"}, PS_ENS_INDEX, PS_ENS_AXIS_POINT, 2},
    {{"/robust/difference", "as in /comparison/units", "point,metric", "the paired "
      "estimate of B - A at each point (as /comparison/difference)"},
     PS_ENS_R_POINTS, EN(difference), 2},
    {{"/robust/ci_low", "as in /comparison/units", "point,metric", "lower end of its "
      "95% interval"}, PS_ENS_R_POINTS, EN(ci_low), 2},
    {{"/robust/ci_high", "as in /comparison/units", "point,metric", "upper end of its "
      "95% interval"}, PS_ENS_R_POINTS, EN(ci_high), 2},
    {{"/robust/p_value", "1", "point,metric", "the paired test's p-value at each "
      "point"}, PS_ENS_R_POINTS, EN(p_value), 2},
    {{"/robust/p_bh", "1", "point,metric", "p_value adjusted over the points of each "
      "metric (Benjamini-Hochberg): B differs at a point when p_bh <= 0.05"},
     PS_ENS_R_POINTS, EN(p_bh), 2},
    {{"/robust/median", "as in /comparison/units", "metric", "median over the points "
      "of difference"}, PS_ENS_R_METRIC, EN(median_effect), 2},
    {{"/robust/q05", "as in /comparison/units", "metric", "5% quantile over the "
      "points of difference"}, PS_ENS_R_METRIC, EN(q05_effect), 2},
    {{"/robust/q95", "as in /comparison/units", "metric", "95% quantile over the "
      "points of difference"}, PS_ENS_R_METRIC, EN(q95_effect), 2},
    {{"/robust/share_better", "1", "metric", "share of the points where B is better "
      "(p_bh <= 0.05, on the better side)"}, PS_ENS_R_METRIC, EN(share_better), 2},
    {{"/robust/share_worse", "1", "metric", "share where B is worse"},
     PS_ENS_R_METRIC, EN(share_worse), 2},
    {{"/robust/share_unclear", "1", "metric", "share where B is not distinguishable "
      "from A (p_bh > 0.05)"}, PS_ENS_R_METRIC, EN(share_unclear), 2},
    {{"/robust/discovery_metric", "text", "", "the metric whose losses PRIM "
      "explains: a point is a case when B - A is on the worse side"},
     PS_ENS_R_DISCOVERY, 0, 2},
    {{"/robust/step", "index", "step", "index of each box of PRIM's peeling "
      "trajectory: the coordinate of every step axis"}, PS_ENS_INDEX, PS_ENS_AXIS_STEP,
     2},
    {{"/robust/prim_coverage", "1", "step", "share of the cases inside each box of "
      "the trajectory"}, PS_ENS_R_STEPS, EN(coverage), 2},
    {{"/robust/prim_density", "1", "step", "share of each box's points that are "
      "cases"}, PS_ENS_R_STEPS, EN(density), 2},
    {{"/robust/prim_mass", "1", "step", "share of all points inside each box"},
     PS_ENS_R_STEPS, EN(mass), 2},
    {{"/robust/parameter", "text", "parameter", "short name of each parameter: the "
      "coordinate of every parameter axis of /robust"}, PS_ENS_NAMES, 0, 2},
    {{"/robust/prim_lo", "the settings'", "parameter", "lower bound of the box "
      "chosen (after pasting)"}, PS_ENS_R_BOX, EN(box_lo), 2},
    {{"/robust/prim_hi", "the settings'", "parameter", "upper bound of the box "
      "chosen"}, PS_ENS_R_BOX, EN(box_hi), 2},
    {{"/robust/prim_restricted", "0/1", "parameter", "1 where the box is narrower "
      "than the points' range"}, PS_ENS_R_RESTRICTED, 0, 2},
};
/* clang-format on */
const size_t PS_N_ENSEMBLE = sizeof PS_ENSEMBLE / sizeof PS_ENSEMBLE[0];

/* ---- sweep files ----------------------------------------------------------------- */

/* clang-format off */
const ps_sweep_spec PS_SWEEP[PS_N_SWEEP_DATASETS] = {
    [PS_D_DESIGN] = {{"/sweep/design", "see /sweep/param_units",
        "run,parameter", "value of each parameter in each run as set in its scenario "
        "(a choice: the index into its /sweep/param_values)"},
        PS_T_F64, PS_AX_R, PS_AX_P},
    [PS_D_UNIT] = {{"/sweep/unit_design", "1", "run,parameter",
        "the design in [0, 1] before it is scaled to each parameter's range or list"},
        PS_T_F64, PS_AX_R, PS_AX_P},
    [PS_D_NAMES] = {{"/sweep/param_names", "text", "parameter",
        "short name of each parameter"},
        PS_T_TEXT, PS_AX_P, PS_AX_NONE},
    [PS_D_PATHS] = {{"/sweep/param_paths", "text", "parameter",
        "the setting each parameter sets (model ishigami: x1, x2, x3)"},
        PS_T_TEXT, PS_AX_P, PS_AX_NONE},
    [PS_D_UNITS] = {{"/sweep/param_units", "text", "parameter",
        "unit of each parameter's setting"},
        PS_T_TEXT, PS_AX_P, PS_AX_NONE},
    [PS_D_SCALE] = {{"/sweep/param_scale", "text", "parameter",
        "how a unit value u becomes a value: linear, log or list"},
        PS_T_TEXT, PS_AX_P, PS_AX_NONE},
    [PS_D_LO] = {{"/sweep/param_lo", "see /sweep/param_units",
        "parameter", "lower end of each parameter's range (a list: its least value)"},
        PS_T_F64, PS_AX_P, PS_AX_NONE},
    [PS_D_HI] = {{"/sweep/param_hi", "see /sweep/param_units",
        "parameter", "upper end of each parameter's range (a list: its greatest value)"},
        PS_T_F64, PS_AX_P, PS_AX_NONE},
    [PS_D_LEVELS] = {{"/sweep/param_levels", "levels", "parameter",
        "levels of each parameter on a grid (a list: its number of values)"},
        PS_T_U64, PS_AX_P, PS_AX_NONE},
    [PS_D_LISTS] = {{"/sweep/param_values", "text", "parameter",
        "the values of a list parameter, e.g. [\"ratification\", \"legislation\"]; "
        "\"\" for a range"},
        PS_T_TEXT, PS_AX_P, PS_AX_NONE},
    [PS_D_SEED] = {{"/sweep/seed", "1", "run",
        "seed of each run, derived from the sweep seed and the run index only"},
        PS_T_U64, PS_AX_R, PS_AX_NONE},
    [PS_D_POINT] = {{"/sweep/point", "index", "run",
        "design point (row of the design) of each run: run / replicates"},
        PS_T_U64, PS_AX_R, PS_AX_NONE},
    [PS_D_REPLICATE] = {{"/sweep/replicate", "index", "run",
        "replicate of each run at its design point, from 0: run % replicates"},
        PS_T_U64, PS_AX_R, PS_AX_NONE},
    [PS_D_STATUS] = {{"/sweep/status", "code", "run",
        "state of each run: " PS_SWEEP_STATUS_CODES " (another shard's, or not yet run)"},
        PS_T_I32, PS_AX_R, PS_AX_NONE},
    [PS_D_VALUES] = {{"/summary/values", "see /summary/units", "run,value",
        "summary metrics of each run, the columns named in /summary/metric_names; "
        "NaN when the run failed or is missing"},
        PS_T_F64, PS_AX_R, PS_AX_M},
    [PS_D_VALUE_NAMES] = {{"/summary/metric_names", "text", "value",
        "metric@year of each column of /summary/values (at the end of December of "
        "that year), e.g. poi@2020"},
        PS_T_TEXT, PS_AX_M, PS_AX_NONE},
    [PS_D_VALUE_UNITS] = {{"/summary/units", "text", "value",
        "unit of each column of /summary/values"},
        PS_T_TEXT, PS_AX_M, PS_AX_NONE},
    [PS_D_VALUE_DOCS] = {{"/summary/descriptions", "text", "value",
        "meaning of each column of /summary/values"},
        PS_T_TEXT, PS_AX_M, PS_AX_NONE},
    [PS_D_TIME] = {{"/series/time", "decimal year", "time",
        "decimal year at the end of each month of the series"},
        PS_T_F64, PS_AX_T, PS_AX_NONE},
    [PS_D_SERIES_NAMES] = {{"/series/metric_names", "text", "metric",
        "the series kept, each a dataset /series/<name> [run, time]"},
        PS_T_TEXT, PS_AX_K, PS_AX_NONE},
    [PS_D_RUN] = {{"/run", "index", "run",
        "index of each run: the coordinate of every run axis"},
        PS_T_U64, PS_AX_R, PS_AX_NONE},
    [PS_D_PARAMETER] = {{"/parameter", "text", "parameter",
        "short name of each parameter: the coordinate of every parameter axis"},
        PS_T_TEXT, PS_AX_P, PS_AX_NONE},
    [PS_D_VALUE] = {{"/value", "text", "value",
        "metric@year of each summary value: the coordinate of every value axis"},
        PS_T_TEXT, PS_AX_M, PS_AX_NONE},
    [PS_D_METRIC] = {{"/metric", "text", "metric",
        "the series kept: the coordinate of every metric axis"},
        PS_T_TEXT, PS_AX_K, PS_AX_NONE},
    [PS_D_MONTH] = {{"/series/month", "YYYY-MM", "time",
        "month of each row of the series: the world at the end of that month, which "
        "/series/time gives as a decimal year"},
        PS_T_TEXT, PS_AX_T, PS_AX_NONE},
};

const ps_group_doc PS_SWEEP_GROUPS[] = {
    {"/sweep", "the design: parameters, the value of each in each run, seeds, status"},
    {"/summary", "summary metrics of every run at the end of chosen years"},
    {"/series", "monthly series of the summary metrics of every run, [run, time]"},
};
/* clang-format on */
const size_t PS_N_SWEEP_GROUPS = sizeof PS_SWEEP_GROUPS / sizeof PS_SWEEP_GROUPS[0];

const ps_dataset_doc PS_SWEEP_SERIES = {
    "/series/<metric>", "the metric's", "run,time",
    "the metric (as in /series/metric_names), at the end of each month of each run"};

/* clang-format off */
static const char *const ROW_ORDER[PS_N_DESIGNS] = {
    [PS_DESIGN_GRID] = "full factorial, the last parameter varying fastest",
    [PS_DESIGN_LHS] = "Latin hypercube: one point in each of the n_points strata of "
        "each parameter",
    [PS_DESIGN_SOBOL] = "Saltelli: base point j (of n_base) is rows j(P+2) .. "
        "j(P+2)+P+1: A, A_B^(1) .. A_B^(P) (A with column i from B), B",
    [PS_DESIGN_MORRIS] = "Morris: trajectory t (of trajectories) is rows t(P+1) .. "
        "t(P+1)+P; each row moves one parameter by delta = levels/(2(levels-1)) in unit "
        "values from the row before",
    [PS_DESIGN_POINTS] = "the rows of the sweep file's table, in its order",
};
/* clang-format on */

const char *ps_schema_row_order(int design)
{
    return design >= 0 && design < PS_N_DESIGNS ? ROW_ORDER[design] : "";
}
