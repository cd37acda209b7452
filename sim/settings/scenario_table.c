/* scenario_table.c - every scenario setting, one row each: path, kind, unit, meaning,
 * field, default and range (docs/model.md). Loading, --set, checks, `protsim check`,
 * defaults.cfg and units all read these tables; nothing else lists settings. */
#include "settings.h"

#include <string.h>

/* Enums are stored and read as int. */
_Static_assert(sizeof(ps_rsd) == sizeof(int), "ps_rsd is stored as int");
_Static_assert(sizeof(ps_strategy) == sizeof(int), "ps_strategy is stored as int");

/* The table is aligned by hand, a row (or row builder) at a time. */
/* clang-format off */
#define MONTH(y, m) ((y) * 12 + (m) - 1)
#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define FIELD_LEN(T, f, elem) (sizeof(((T *)0)->f) / sizeof(elem))

/* Row builders; T is the struct the offsets point into. */
#define NUMBER(k, T, p, f, dv, lo, hi, u, d)                                             \
    .path = (p), .kind = (k), .unit = (u), .doc = (d), .offset = offsetof(T, f),         \
    .def = (dv), .min = (lo), .max = (hi)
#define REAL(T, p, f, dv, lo, hi, u, d) {NUMBER(PS_KIND_REAL, T, p, f, dv, lo, hi, u, d)}
#define INT(T, p, f, dv, lo, hi, u, d) {NUMBER(PS_KIND_INT, T, p, f, dv, lo, hi, u, d)}
/* A real the world reads every month, so a schedule may change it. */
#define LIVE(T, p, f, dv, lo, hi, u, d)                                                  \
    {NUMBER(PS_KIND_REAL, T, p, f, dv, lo, hi, u, d), .flags = PS_SCHEDULABLE}
#define COUNT(T, p, f, dv, lo, hi, u, d)                                                 \
    {NUMBER(PS_KIND_COUNT, T, p, f, dv, lo, hi, u, d)}
#define BOOL(T, p, f, dv, d)                                                             \
    {.path = (p), .kind = PS_KIND_BOOL, .unit = "", .doc = (d),                          \
     .offset = offsetof(T, f), .def = (dv)}
#define STRING(T, p, f, fl, d)                                                           \
    {.path = (p), .kind = PS_KIND_STRING, .flags = (fl), .unit = "", .doc = (d),         \
     .offset = offsetof(T, f), .n = sizeof(((T *)0)->f)}
#define DATE(T, p, f, dv, fl, d) /* without braces: rows add .not_before */              \
    .path = (p), .kind = PS_KIND_DATE, .flags = (fl), .unit = "month", .doc = (d),       \
    .offset = offsetof(T, f), .def = (dv)
#define VEC_(T, p, f, vd, lo, hi, fl, u, d)                                              \
    .path = (p), .kind = PS_KIND_REALVEC, .flags = (fl), .unit = (u), .doc = (d),        \
    .offset = offsetof(T, f), .min = (lo), .max = (hi), .n = FIELD_LEN(T, f, double),    \
    .vdef = (vd)
#define VEC(T, p, f, vd, lo, hi, fl, u, d) {VEC_(T, p, f, vd, lo, hi, fl, u, d)}
#define ENUM(T, p, f, dv, nm, d)                                                         \
    {.path = (p), .kind = PS_KIND_ENUM, .unit = "", .doc = (d),                          \
     .offset = offsetof(T, f), .def = (dv), .n = LEN(nm), .names = (nm)}
#define ORIGIN_REF(T, p, f, d)                                                           \
    {.path = (p), .kind = PS_KIND_NAMEREF, .flags = PS_REQUIRED | PS_REF_ORIGIN,         \
     .unit = "", .doc = (d), .offset = offsetof(T, f)}
#define LIST(T, p, f, cnt, lo, sc, d)                                                    \
    {.path = (p), .kind = PS_KIND_LIST, .flags = PS_REQUIRED * ((lo) > 0), .unit = "",   \
     .doc = (d), .offset = offsetof(T, f), .min = (lo),                                  \
     .n = FIELD_LEN(T, f, ((T *)0)->f[0]), .aux_offset = offsetof(T, cnt), .elem = &(sc)}

/* Value names, in enum order. */
static const char *const RSD_NAMES[PS_N_RSD] = {"unhcr", "joint", "state", "none"};
static const char *const STRATEGY_NAMES[PS_N_STRATEGIES] = {"adaptive", "ratification",
                                                            "legislation", "weights"};

/* Defaults of the settings of each adoption action (actions.h): alpha, bA, bE, bC, bD,
 * bS, bK. */
#define HAZARD_DEFAULTS_PS_ACT_RATIFY -7.0, 2.0, 1.0, 6.0, 0.5, 1.5, 0.5
#define HAZARD_DEFAULTS_PS_ACT_ADMIN -5.0, 2.5, 1.0, 2.0, 1.0, 1.5, 0.3
#define HAZARD_DEFAULTS_PS_ACT_REGULATE -5.2, 2.5, 1.0, 2.0, 1.5, 1.5, 0.3
#define HAZARD_DEFAULTS_PS_ACT_BILL -5.0, 2.5, 1.0, 1.0, 2.0, 1.0, 0.3
#define HAZARD_DEFAULTS_PS_ACT_PASS -4.5, 2.0, 1.0, 1.0, 3.0, 2.0, 0.5

/* Defaults of the settings of each implementation component (components.h): base,
 * institutions, imp_pressure, srv_pressure, shock, speed, and the unit of the four
 * gains: fairness moves in log-odds (docs/model.md §7.4, §10 item 50). */
#define IMPL_DEFAULTS_PS_P_ACCESS 0.3, 0.5, 0.2, 0.2, 0.3, 1.0, "1"
#define IMPL_DEFAULTS_PS_P_FAIR 0.3, 2.0, 1.0, 0.5, 1.0, 0.5, "logit"
#define IMPL_DEFAULTS_PS_P_STATUS 0.02, 0.9, 0.1, 0.0, 0.2, 0.5, "1"
#define IMPL_DEFAULTS_PS_P_LIBERTY 0.4, 0.4, 0.3, 0.0, 0.5, 1.0, "1"
#define IMPL_DEFAULTS_PS_P_NONREF 0.6, 0.4, 0.1, 0.1, 0.5, 1.0, "1"
#define IMPL_DEFAULTS_PS_P_RIGHTS 0.1, 0.6, 0.2, 0.2, 0.2, 0.3, "1"

/* A row of the vocabulary list with its defaults: ROWS(id, name, defaults...). */
#define WITH_DEFAULTS(ROWS, ...) ROWS(__VA_ARGS__)
#define HAZARD_ROWS_OF(id, name, doc)                                                    \
    WITH_DEFAULTS(HAZARD_ROWS, id, name, HAZARD_DEFAULTS_##id)
#define IMPL_ROWS_OF(id, name, doc) WITH_DEFAULTS(IMPL_ROWS, id, name, IMPL_DEFAULTS_##id)

#define NAME_OF(id, name, ...) [id] = name,
#define DOC_OF(id, name, doc) [id] = doc,
static const char *const CHANNEL_NAMES[PS_N_CHANNELS] = {PS_CHANNEL_LIST(NAME_OF)};
static const char *const CHANNEL_DOCS[PS_N_CHANNELS] = {PS_CHANNEL_LIST(DOC_OF)};
static const char *const ACTION_NAMES[PS_N_ACTIONS] = {PS_ACTION_LIST(NAME_OF)};
static const char *const ACTION_DOCS[PS_N_ACTIONS] = {PS_ACTION_LIST(DOC_OF)};
static const char *const COMPONENT_NAMES[PS_N_COMPONENTS] = {PS_COMPONENT_LIST(NAME_OF)};
static const char *const COMPONENT_DOCS[PS_N_COMPONENTS] = {PS_COMPONENT_LIST(DOC_OF)};
#undef NAME_OF
#undef DOC_OF

#define SC ps_scenario
#define HAZARD_ROWS(a, x, d0, d1, d2, d3, d4, d5, d6)                                    \
    REAL(SC, "hazard." x ".alpha", hazard[a].alpha, d0, -30, 30, "logit/year",           \
         "intercept of the yearly " x " hazard"),                                        \
    REAL(SC, "hazard." x ".pressure", hazard[a].pressure, d1, 0, 50, "1",                \
         "bA: effect of advocacy pressure A on the " x " hazard"),                       \
    REAL(SC, "hazard." x ".emulation", hazard[a].emulation, d2, 0, 50, "1",              \
         "bE: effect of emulation E of similar states on the " x " hazard"),             \
    REAL(SC, "hazard." x ".coercion", hazard[a].coercion, d3, 0, 50, "1",                \
         "bC: effect of patron coercion C on the " x " hazard"),                         \
    REAL(SC, "hazard." x ".democracy", hazard[a].democracy, d4, 0, 50, "1",              \
         "bD: effect of democracy (receptivity) D on the " x " hazard"),                 \
    REAL(SC, "hazard." x ".securitisation", hazard[a].securitisation, d5, 0, 50, "1",    \
         "bS: effect of securitisation S, subtracted from the " x " hazard"),            \
    REAL(SC, "hazard." x ".magnet", hazard[a].magnet, d6, 0, 50, "1",                    \
         "bK: effect of magnet fear K, subtracted from the " x " hazard"),

#define IMPL_ROWS(k, x, d0, d1, d2, d3, d4, d5, u)                                       \
    REAL(SC, "implementation." x ".base", impl[k].base, d0, 0, 10, "1",                  \
         "target of " x " without institutions or pressure"),                            \
    REAL(SC, "implementation." x ".institutions", impl[k].institutions, d1, 0, 10, u,    \
         "g: gain of the " x " target from institutionalisation, as I (1 - S) Cap"),     \
    REAL(SC, "implementation." x ".imp_pressure", impl[k].imp_pressure, d2, 0, 10, u,    \
         "n: gain of the " x " target from implementation pressure A_IMP"),              \
    REAL(SC, "implementation." x ".srv_pressure", impl[k].srv_pressure, d3, 0, 10, u,    \
         "s: gain of the " x " target from services pressure A_SRV"),                    \
    REAL(SC, "implementation." x ".shock", impl[k].shock, d4, 0, 10, u,                  \
         "z: fall of the " x " target per unit of the state's shock level"),             \
    REAL(SC, "implementation." x ".speed", impl[k].speed, d5, 0, 120, "1/year",          \
         "eta: speed at which " x " moves toward its target"),

/* Default vectors, sized like their fields. */
static const double BOOMERANG_SPLIT[3] = {0.4, 0.3, 0.3};
static const double INITIAL_WEIGHTS[PS_N_CHANNELS] = {0.35, 0.2, 0.15, 0.2, 0.1};
static const double EQUAL_WEIGHTS[PS_N_CHANNELS] = {0.2, 0.2, 0.2, 0.2, 0.2};
static const double PRESET_RATIFICATION[PS_N_CHANNELS] = {0.6, 0.05, 0.05, 0.15, 0.15};
static const double PRESET_LEGISLATION[PS_N_CHANNELS] = {0.05, 0.4, 0.25, 0.15, 0.15};
static const double POI_WEIGHTS[6] = {1.0 / 6, 1.0 / 6, 1.0 / 6,
                                      1.0 / 6, 1.0 / 6, 1.0 / 6};

/* origins.[i] */
#define OR ps_origin_spec
static const ps_setting ORIGIN_ROWS[] = {
    STRING(OR, "name", name, PS_REQUIRED | PS_UNIQUE,
           "name of the origin group, unique; shocks and patrons refer to it"),
    REAL(OR, "recognition", recognition, 0.5, 0, 1, "1",
         "share of claims a state recognises when its fairness P_fair is 1"),
    REAL(OR, "mandate_recognition", mandate_recognition, 0.8, 0, 1, "1",
         "share of claims UNHCR recognises under its mandate"),
    REAL(OR, "return_per_year", return_per_year, 0.0, 0, 1, "1/year",
         "base rate of voluntary return"),
};
static const ps_scope ORIGIN_SCOPE = {"origin", ORIGIN_ROWS, LEN(ORIGIN_ROWS),
                                      sizeof(OR)};

/* states.list.[i].shocks.[j] */
#define SH ps_shock
static const ps_setting SHOCK_ROWS[] = {
    {DATE(SH, "start", start, 0, PS_REQUIRED, "first month of the extra arrivals")},
    INT(SH, "months", months, 1, 1, 1200, "months",
        "number of months the extra arrivals are spread over"),
    {NUMBER(PS_KIND_REAL, SH, "persons", persons, 0, 0, 1e12, "persons",
            "extra arrivals in all, spread evenly over the months"),
     .flags = PS_REQUIRED},
    ORIGIN_REF(SH, "origin", origin, "origin of the extra arrivals"),
};
static const ps_scope SHOCK_SCOPE = {"shock", SHOCK_ROWS, LEN(SHOCK_ROWS), sizeof(SH)};

/* states.list.[i].security_events.[j] */
#define EV ps_security_event
static const ps_setting EVENT_ROWS[] = {
    {DATE(EV, "date", date, 0, PS_REQUIRED, "month of the event")},
    {NUMBER(PS_KIND_REAL, EV, "magnitude", magnitude, 0, 0, 1, "1",
            "rise of securitisation S in that month"),
     .flags = PS_REQUIRED},
};
static const ps_scope EVENT_SCOPE = {"security event", EVENT_ROWS, LEN(EVENT_ROWS),
                                     sizeof(EV)};

/* states.list.[i].return_waves.[j] */
#define WV ps_return_wave
static const ps_setting WAVE_ROWS[] = {
    {NUMBER(PS_KIND_INT, WV, "year", year, 0, 1900, 2200, "year",
            "calendar year of the extra return"),
     .flags = PS_REQUIRED},
    {NUMBER(PS_KIND_REAL, WV, "rate", rate_per_year, 0, 0, 1, "1/year",
            "extra voluntary return of the origin during that year"),
     .flags = PS_REQUIRED},
    ORIGIN_REF(WV, "origin", origin, "origin that returns"),
};
static const ps_scope WAVE_SCOPE = {"return wave", WAVE_ROWS, LEN(WAVE_ROWS), sizeof(WV)};

/* states.list.[i] */
#define ST ps_state_spec
static const ps_setting STATE_ROWS[] = {
    STRING(ST, "name", name, PS_REQUIRED | PS_UNIQUE, "name of the state, unique"),
    STRING(ST, "iso3", iso3, 0, "ISO 3166 three-letter code"),
    {.path = "subregion", .kind = PS_KIND_STRING, .unit = "",
     .doc = "subregion: emulation and the norm cascade act within it",
     .offset = offsetof(ST, subregion), .n = sizeof(((ST *)0)->subregion),
     .sdef = "other"},
    BOOL(ST, "ratified", ratified, 0,
         "party to the 1951 Convention or its 1967 Protocol at the start"),
    INT(ST, "ratified_year", ratified_year, 0, 0, 3000, "year",
        "year of accession, 0 when unknown or not a party"),
    BOOL(ST, "can_accede", can_accede, 1,
         "the state can accede to the Convention by itself (false for a territory "
         "whose treaties its sovereign makes: it never ratifies)"),
    INT(ST, "law_level", law_level, 0, 0, 3, "1",
        "national framework L: 0 none, 1 practice, 2 regulation, 3 statute"),
    BOOL(ST, "bill_pending", bill_pending, 0, "a refugee bill is pending at the start"),
    ENUM(ST, "rsd", rsd, PS_RSD_UNHCR, RSD_NAMES, "who decides asylum claims"),
    REAL(ST, "democracy", democracy, 0.5, 0, 1, "1", "democracy (receptivity) D"),
    REAL(ST, "capacity", capacity, 0.5, 0, 1, "1", "state capacity Cap"),
    REAL(ST, "access", access, 0.5, 0, 1, "1", "NGO access to policy makers a"),
    LIVE(ST, "securitisation_baseline", securitisation_baseline, 0.3, 0, 1, "1",
         "baseline S0 to which securitisation reverts"),
    {NUMBER(PS_KIND_REAL, ST, "securitisation", securitisation, 0, 0, 1, "1",
            "securitisation S at the start"),
     .flags = PS_OPTIONAL | PS_DEF_FIELD, .has_offset = offsetof(ST, has_securitisation),
     .aux_offset = offsetof(ST, securitisation_baseline)},
    {VEC_(ST, "implementation", implementation, NULL, 0, 1, PS_OPTIONAL, "1",
          "implementation P (access, fair, status, liberty, nonref, rights) at the "
          "start; absent: P starts at its target"),
     .has_offset = offsetof(ST, has_implementation)},
    LIVE(ST, "decisions_per_year", decisions_per_year, 1000, 0, 1e12, "persons/year",
         "asylum decisions the state can make"),
    LIVE(ST, "arrivals_per_year", arrivals_per_year, 0, 0, 1e12, "persons/year",
         "base arrivals"),
    VEC(ST, "origin_mix", origin_mix, NULL, 0, 1, PS_PER_ORIGIN | PS_SUMS_TO_1, "1",
        "share of arrivals and stocks by origin, one per origin in the order of origins"),
    LIVE(ST, "growth_per_year", growth_per_year, 0, 0, 0.2, "1/year",
         "natural growth of the refugees present"),
    REAL(ST, "resettlement_weight", resettlement_weight, 1, 0, 1e6, "1",
         "weight of the state's recognised refugees in sharing UNHCR's resettlement "
         "places (group programmes)"),
    REAL(ST, "stock.unregistered", stock_unregistered, 0, 0, 1e12, "persons",
         "persons present without a claim at the start"),
    REAL(ST, "stock.asylum_seekers", stock_asylum_seekers, 0, 0, 1e12, "persons",
         "asylum seekers at the start"),
    REAL(ST, "stock.refugees", stock_refugees, 0, 0, 1e12, "persons",
         "recognised refugees at the start"),
    COUNT(ST, "ngos.count", ngo_count, 0, 0, 1000000, "NGOs", "NGOs based in the state"),
    REAL(ST, "ngos.budget_mu", ngo_budget_mu, 3.0, -20, 30, "log kUSD",
         "mean of the log of the NGOs' first budgets"),
    REAL(ST, "ngos.budget_sigma", ngo_budget_sigma, 1.0, 0, 10, "1",
         "standard deviation of the log of the NGOs' first budgets"),
    {.path = "patron.name", .kind = PS_KIND_NAMEREF, .flags = PS_REF_SIBLING, .unit = "",
     .doc = "state that can coerce this one (its patron)",
     .offset = offsetof(ST, patron_index), .n = sizeof(((ST *)0)->patron),
     .aux_offset = offsetof(ST, patron)},
    {DATE(ST, "patron.since", patron_since, 0, PS_DEF_START,
          "month from which the patron link acts")},
    REAL(ST, "patron.leverage", patron_leverage, 0, 0, 1, "1",
         "leverage l of the patron"),
    REAL(ST, "patron.demand_ratify", patron_demand_ratify, 0, 0, 1, "1",
         "patron's demand for ratification"),
    REAL(ST, "patron.demand_law", patron_demand_law, 0, 0, 1, "1",
         "patron's demand for a national framework"),
    REAL(ST, "patron.demand_refoulement", patron_demand_refoulement, 0, 0, 1, "1",
         "patron's demand for refoulement of the origins below"),
    {.path = "patron.refoulement_origins", .kind = PS_KIND_NAMELIST,
     .flags = PS_REF_ORIGIN, .unit = "",
     .doc = "origins whose refoulement the patron demands",
     .offset = offsetof(ST, patron_refoule_origin), .n = PS_MAX_ORIGINS},
    LIST(ST, "shocks", shocks, n_shocks, 0, SHOCK_SCOPE, "arrival shocks"),
    LIST(ST, "security_events", security_events, n_security_events, 0, EVENT_SCOPE,
         "security events that raise securitisation"),
    LIST(ST, "return_waves", return_waves, n_return_waves, 0, WAVE_SCOPE,
         "extra voluntary return of one origin during one year"),
};
static const ps_scope STATE_SCOPE = {"state", STATE_ROWS, LEN(STATE_ROWS), sizeof(ST)};

/* schedule.[i] */
#define SE ps_schedule_entry
static const ps_setting SCHEDULE_ROWS[] = {
    {DATE(SE, "at", at, 0, PS_REQUIRED, "month from whose start the changes hold")},
    {.path = "set", .kind = PS_KIND_TEXTLIST, .flags = PS_REQUIRED, .unit = "",
     .doc = "changes, each \"path=value\" as --set writes it; only settings the world "
            "reads every month (docs/model.md §6, Schedules)",
     .offset = offsetof(SE, sets), .n = PS_MAX_SCHEDULE_SETS,
     .aux_offset = offsetof(SE, n_sets)},
};
static const ps_scope SCHEDULE_SCOPE = {"schedule entry", SCHEDULE_ROWS,
                                        LEN(SCHEDULE_ROWS), sizeof(SE)};

/* The whole scenario. Origins come before states: states refer to them. */
static const ps_setting SCENARIO_ROWS[] = {
    STRING(SC, "name", name, PS_REQUIRED, "name of the scenario, shown in outputs"),
    STRING(SC, "description", description, 0, "one-line description of the scenario"),
    {.path = "seed", .kind = PS_KIND_INT64, .unit = "1",
     .doc = "run seed from which all randomness flows; write big values with an L "
            "suffix (123456789012L)",
     .offset = offsetof(SC, seed), .def = 1},
    {DATE(SC, "time.start", start, 0, PS_REQUIRED, "first month simulated")},
    {DATE(SC, "time.end", end, 0, PS_REQUIRED, "last month simulated, inclusive"),
     .not_before = "time.start"},
    LIST(SC, "origins", origins, n_origins, 1, ORIGIN_SCOPE,
         "origin groups of refugees"),

    REAL(SC, "states.w_ratify", w_ratify, 0.5, 0, 1, "1",
         "weight of ratification R in institutionalisation I"),
    REAL(SC, "states.w_law", w_law, 0.5, 0, 1, "1",
         "weight of the framework level L/3 in institutionalisation I"),
    REAL(SC, "states.arrivals_floor", arrivals_floor, 10, 0.001, 1e9, "persons/month",
         "floor of the arrivals moving average m"),
    REAL(SC, "states.arrivals_half_life", arrivals_half_life, 12, 1, 600, "months",
         "half-life of the arrivals moving average m"),
    REAL(SC, "states.burden_scale", burden_scale, 10000, 1, 1e12, "persons/year",
         "arrivals per unit of capacity that make magnet fear K = log 2"),
    LIST(SC, "states.list", states, n_states, 1, STATE_SCOPE, "host states"),

    REAL(SC, "securitisation.surge", sec_surge, 0.05, 0, 10, "1",
         "chi: rise of securitisation per log arrival surge"),
    REAL(SC, "securitisation.framing", sec_framing, 0.1, 0, 100, "1/year",
         "psi: fall of securitisation per unit of framing pressure"),
    REAL(SC, "securitisation.reversion", sec_reversion, 0.5, 0, 100, "1/year",
         "delta_S: reversion of securitisation to its baseline S0"),
    REAL(SC, "securitisation.shock_half_life", shock_half_life, 12, 1, 600, "months",
         "half-life of a state's shock level"),

    PS_ACTION_LIST(HAZARD_ROWS_OF)

    REAL(SC, "emulation.lambda", emulation_lambda, 0.3, 0.001, 100, "1",
         "distance scale of the similarity of two states"),
    REAL(SC, "emulation.cascade_threshold", cascade_threshold, 1.0 / 3, 0, 1, "1",
         "tau: subregional share of adopters that starts the norm cascade"),
    REAL(SC, "emulation.cascade_boost", cascade_boost, 1.0, 0, 100, "1",
         "Delta: gain of the emulation effect during a norm cascade"),
    REAL(SC, "law.bill_lapse_per_year", bill_lapse_per_year, 0.2, 0, 1, "1/year",
         "rate at which a pending bill lapses"),

    PS_COMPONENT_LIST(IMPL_ROWS_OF)

    REAL(SC, "pressure.scale", pressure_scale, 20, 1e-9, 1e12, "effort units",
         "saturation scale of pressure, A = 1 - exp(-raw / scale)"),
    INT(SC, "pressure.boomerang_delay", boomerang_delay, 12, 0, 120, "months",
        "tau_b: delay before global engagement returns home as pressure"),
    REAL(SC, "pressure.boomerang_weight", boomerang_weight, 0.5, 0, 100, "1",
         "rho: weight of the boomerang in raw pressure"),
    VEC(SC, "pressure.boomerang_split", boomerang_split, BOOMERANG_SPLIT, 0, 1,
        PS_SUMS_TO_1, "1", "v: split of the boomerang over RAT, LEG and IMP"),

    REAL(SC, "ngo.spend_share", ngo_spend_share, 0.1, 0, 1, "1/month",
         "share of its budget an NGO spends each month"),
    REAL(SC, "ngo.overhead", ngo_overhead, 0.2, 0, 1e9, "kUSD/month",
         "fixed monthly cost of an NGO"),
    REAL(SC, "ngo.income_ratio", ngo_income_ratio, 0.1, 0, 100, "1/month",
         "monthly income as a share of the first budget"),
    REAL(SC, "ngo.cost.rat", ngo_cost[PS_CH_RAT], 1, 1e-6, 1e9, "kUSD/effort",
         "cost of one unit of ratification advocacy"),
    REAL(SC, "ngo.cost.leg", ngo_cost[PS_CH_LEG], 1, 1e-6, 1e9, "kUSD/effort",
         "cost of one unit of legislation advocacy"),
    REAL(SC, "ngo.cost.imp", ngo_cost[PS_CH_IMP], 1, 1e-6, 1e9, "kUSD/effort",
         "cost of one unit of implementation work"),
    REAL(SC, "ngo.cost.srv", ngo_cost[PS_CH_SRV], 1, 1e-6, 1e9, "kUSD/effort",
         "cost of one unit of services and legal aid"),
    REAL(SC, "ngo.cost.glb", ngo_cost[PS_CH_GLB], 2, 1e-6, 1e9, "kUSD/effort",
         "cost of one unit of global engagement"),
    REAL(SC, "ngo.cred.base", cred_base, 0.5, 0, 10, "1",
         "c0: base credibility of an NGO"),
    REAL(SC, "ngo.cred.member", cred_member, 0.3, 0, 10, "1",
         "credibility gained by network membership"),
    REAL(SC, "ngo.cred.glb", cred_glb, 0.2, 0, 10, "1",
         "credibility gained by attending a UNHCR consultation in the last 24 months"),
    REAL(SC, "ngo.forgetting", ngo_forgetting, 0.1, 0, 1, "1/year",
         "phi: forgetting of strategy propensities"),
    REAL(SC, "ngo.experimentation", ngo_experimentation, 0.2, 0, 10, "1",
         "epsilon: propensity added to every channel each year"),
    VEC(SC, "ngo.initial_weights", ngo_initial_weights, INITIAL_WEIGHTS, 0, 1,
        PS_SUMS_TO_1, "1", "strategy p over RAT, LEG, IMP, SRV, GLB at the start"),
    REAL(SC, "ngo.initial_strength", ngo_initial_strength, 5, 0.001, 1e6, "1",
         "sum of the propensities q at the start"),
    {.path = "ngo.strategy", .kind = PS_KIND_ENUM,
     .flags = PS_SCHEDULABLE | PS_RESETS_STRATEGIES, .unit = "",
     .doc = "how NGOs choose their strategy: learning, or a fixed one without learning",
     .offset = offsetof(SC, ngo_strategy), .def = PS_STRATEGY_ADAPTIVE,
     .n = LEN(STRATEGY_NAMES), .names = STRATEGY_NAMES},
    VEC(SC, "ngo.weights", ngo_weights, EQUAL_WEIGHTS, 0, 1, PS_SUMS_TO_1, "1",
        "fixed strategy of ngo.strategy = \"weights\""),
    VEC(SC, "ngo.preset.ratification", preset_ratification, PRESET_RATIFICATION, 0, 1,
        PS_SUMS_TO_1, "1", "fixed strategy of ngo.strategy = \"ratification\""),
    VEC(SC, "ngo.preset.legislation", preset_legislation, PRESET_LEGISLATION, 0, 1,
        PS_SUMS_TO_1, "1", "fixed strategy of ngo.strategy = \"legislation\""),
    INT(SC, "ngo.learning_month", ngo_learning_month, 12, 1, 12, "month",
        "calendar month in which NGOs learn from the year's payoffs"),
    INT(SC, "ngo.exit_months", ngo_exit_months, 12, 1, 1200, "months",
        "months with a negative budget after which an NGO exits"),
    REAL(SC, "ngo.imitation_scale", ngo_imitation_scale, 0.1, 1e-9, 1e6, "1",
         "K: payoff difference scale of imitation"),
    REAL(SC, "ngo.payoff.implementation_full", payoff_imp_full, 0.05, 1e-9, 1, "1",
         "rise of mean P in a year that gives the full IMP payoff"),
    REAL(SC, "ngo.payoff.outcome_full", payoff_outcome_full, 0.05, 1e-9, 1, "1",
         "change of outcomes in a year that gives the full SRV payoff"),

    {DATE(SC, "network.founded", network_founded, MONTH(2008, 11), 0,
          "month the regional NGO network is founded")},
    COUNT(SC, "network.founders", network_founders, 70, 0, 1000000, "NGOs",
          "founding members"),
    REAL(SC, "network.join_alpha", join_alpha, -2.5, -30, 30, "logit/year",
         "intercept of the yearly hazard that an NGO joins"),
    REAL(SC, "network.join_beta", join_beta, 0.15, -10, 10, "1",
         "effect of log(1 + members) on joining"),
    REAL(SC, "network.dues", network_dues, 0.02, 0, 1, "1",
         "share of member income paid into the pool"),
    REAL(SC, "network.grants_per_year", network_grants_per_year, 200, 0, 1e12,
         "kUSD/year", "grants to the network's pool"),
    REAL(SC, "network.redistribute", network_redistribute, 0.1, 0, 1, "1/month",
         "share of the pool redistributed to poorer members each month"),
    REAL(SC, "network.glb_subsidy", glb_subsidy, 0.5, 0, 1, "1",
         "share of members' cost of global engagement the network bears"),
    INT(SC, "network.consultation_every", consultation_every, 24, 1, 1200, "months",
        "interval of the periodic consultations"),
    {.path = "network.consultations", .kind = PS_KIND_DATELIST, .unit = "month",
     .doc = "months of the consultations; when given, they replace the periodic "
            "schedule",
     .offset = offsetof(SC, consultations), .n = PS_MAX_CONSULTATIONS,
     .aux_offset = offsetof(SC, n_consultations)},
    REAL(SC, "network.attendance", network_attendance, 0.5, 0, 1, "1",
         "share of members attending a consultation"),
    REAL(SC, "network.plans_per_member", plans_per_member, 1.0, 0, 1000, "plans",
         "mean action plans adopted per attendee"),
    REAL(SC, "network.visibility", network_visibility, 0.2, 0, 100, "1",
         "vicarious payoff of positive practice in a member's state"),
    REAL(SC, "network.travel_cost", travel_cost, 5, 1e-6, 1e9, "kUSD",
         "cost of sending one member to a UNHCR consultation"),

    INT(SC, "unhcr.consultation_month", unhcr_consultation_month, 6, 1, 12, "month",
        "calendar month of UNHCR's yearly NGO consultation"),
    LIVE(SC, "unhcr.advocacy", unhcr_advocacy, 5, 0, 1e12, "effort units/month",
         "u_s: UNHCR's advocacy effort in each state"),
    REAL(SC, "unhcr.ratification_emphasis", unhcr_emphasis, 0.6, 0, 1, "1",
         "u_R: share of UNHCR's advocacy for ratification at the start"),
    LIVE(SC, "unhcr.responsiveness", unhcr_responsiveness, 0.2, 0, 1, "1/year",
         "speed at which u_R follows the network's mean RAT share"),
    LIVE(SC, "unhcr.decisions_per_year", unhcr_decisions_per_year, 50000, 0, 1e12,
         "persons/year", "asylum decisions UNHCR can make in the region"),
    LIVE(SC, "unhcr.resettlement_per_year", resettlement_per_year, 20000, 0, 1e12,
         "persons/year", "resettlement places for the region"),
    REAL(SC, "unhcr.resettlement_wait_gain", resettlement_wait_gain, 1.0, 0, 100, "1",
         "weight of time waited in allocating resettlement places"),
    REAL(SC, "unhcr.handover_capacity", handover_capacity, 0.6, 0, 1, "1",
         "least capacity Cap for UNHCR to hand RSD over to a state"),
    REAL(SC, "unhcr.handover_per_year", handover_per_year, 0.3, 0, 1, "1/year",
         "rate of RSD handover where it is possible"),
    REAL(SC, "unhcr.handover_redeploy", handover_redeploy, 1, 0, 1, "1",
         "share of the decisions UNHCR made in a state that takes RSD over which UNHCR "
         "redeploys to the claims of the other states where it decides; the rest "
         "leaves the region"),
    REAL(SC, "rsd.coverage", rsd_coverage, 0.7, 0, 10, "1",
         "decisions per claim lodged that the procedure of a state which took RSD over "
         "aims at, without institutions (target capacity / claims lodged)"),
    REAL(SC, "rsd.coverage_institutions", rsd_coverage_institutions, 0.5, 0, 10, "1",
         "gain of that coverage from institutionalisation, as I (1 - S) Cap"),
    REAL(SC, "rsd.capacity_speed", rsd_capacity_speed, 0.5, 0, 120, "1/year",
         "speed at which the decision capacity of a state which took RSD over moves "
         "from what UNHCR decided there toward its target"),

    REAL(SC, "refugees.agents_per_person", agents_per_person, 1.0, 1e-9, 1,
         "agents/person", "sampling rate of refugee agents"),
    REAL(SC, "refugees.detention_months", detention_months, 6, 0.01, 1200, "months",
         "mean stay in detention or an alternative"),
    REAL(SC, "refugees.access_per_year", access_per_year, 0.6, 0, 1, "1/year",
         "acc_base: rate of lodging a claim at P_access = 1"),
    REAL(SC, "refugees.services_boost", services_boost, 0.5, 0, 100, "1",
         "rise of access to procedure per unit of services pressure"),
    REAL(SC, "refugees.legal_aid_boost", legal_aid_boost, 0.3, 0, 100, "1",
         "rise of the recognition chance per unit of services pressure"),
    REAL(SC, "refugees.status_per_year", status_per_year, 0.3, 0, 1, "1/year",
         "status_base: rate of lawful status for mandate refugees at P_status = 1"),
    REAL(SC, "refugees.detention.unregistered", detention_unregistered, 0.1, 0, 1,
         "1/year", "detention rate of unregistered persons"),
    REAL(SC, "refugees.detention.pending", detention_pending, 0.02, 0, 1, "1/year",
         "detention rate of asylum seekers"),
    REAL(SC, "refugees.detention.rejected", detention_rejected, 0.2, 0, 1, "1/year",
         "detention rate of rejected claimants"),
    REAL(SC, "refugees.detention.mandate", detention_mandate, 0.05, 0, 1, "1/year",
         "detention rate of mandate refugees"),
    REAL(SC, "refugees.refoulement_per_year", refoulement_per_year, 0.2, 0, 1, "1/year",
         "ref_base: refoulement rate at S = 1 and P_nonref = 0"),
    REAL(SC, "refugees.integration_per_year", integration_per_year, 0.05, 0, 1,
         "1/year", "int_base: local integration rate at P_rights = 1"),

    VEC(SC, "poi.weights", poi_weights, POI_WEIGHTS, 0, 1, PS_SUMS_TO_1, "1",
        "weights of access, fair, status, liberty, nonref, solutions in the POI"),
    REAL(SC, "poi.floor", poi_floor, 0.01, 1e-9, 1, "1",
         "floor of each POI component, so the geometric mean stays defined"),
    REAL(SC, "poi.refoulement_scale", poi_refoulement_scale, 10, 0, 1e6, "year",
         "scale of refoulement in the non-refoulement component"),
    REAL(SC, "poi.solutions_target", poi_solutions_target, 0.05, 1e-9, 1, "1/year",
         "solutions rate that scores 1"),
    REAL(SC, "poi.wait_norm", poi_wait_norm, 6, 0.01, 240, "months",
         "mean wait of pending claims up to which waiting costs the fairness outcome "
         "nothing; beyond it the outcome is multiplied by norm / mean wait"),

    LIST(SC, "schedule", schedule, n_schedule, 0, SCHEDULE_SCOPE,
         "dated changes of settings during the run, applied at the start of their month"),
};
const ps_scope PS_SCENARIO_SCOPE = {"scenario", SCENARIO_ROWS, LEN(SCENARIO_ROWS),
                                   sizeof(SC)};

/* clang-format on */

const ps_scope *ps_scenario_scope(void)
{
    return &PS_SCENARIO_SCOPE;
}

/* Out-of-range values give "?" rather than reading past the arrays. */
static const char *name_in(const char *const *names, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? names[i] : "?";
}

const char *ps_rsd_name(ps_rsd rsd)
{
    return name_in(RSD_NAMES, PS_N_RSD, (int)rsd);
}

const char *ps_channel_name(ps_channel k)
{
    return name_in(CHANNEL_NAMES, PS_N_CHANNELS, (int)k);
}

const char *ps_channel_doc(ps_channel k)
{
    return name_in(CHANNEL_DOCS, PS_N_CHANNELS, (int)k);
}

const char *ps_component_name(ps_component k)
{
    return name_in(COMPONENT_NAMES, PS_N_COMPONENTS, (int)k);
}

const char *ps_component_doc(ps_component k)
{
    return name_in(COMPONENT_DOCS, PS_N_COMPONENTS, (int)k);
}

const char *ps_action_name(ps_action x)
{
    return name_in(ACTION_NAMES, PS_N_ACTIONS, (int)x);
}

const char *ps_action_doc(ps_action x)
{
    return name_in(ACTION_DOCS, PS_N_ACTIONS, (int)x);
}

const char *ps_strategy_name(ps_strategy s)
{
    return name_in(STRATEGY_NAMES, PS_N_STRATEGIES, (int)s);
}
