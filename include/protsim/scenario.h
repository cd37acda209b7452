/* scenario.h - a validated, typed scenario: every setting of docs/model.md as a plain
 * struct
 *
 * The loader (sim/settings/) is the only code that knows libconfig. Every setting is
 * one row of the table in sim/settings/scenario_table.c (path, unit, range, default,
 * meaning); the comments below name the path of each field. A scenario is filled once by
 * ps_scenario_load and is read-only afterwards.
 */
#ifndef PROTSIM_SCENARIO_H
#define PROTSIM_SCENARIO_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "protsim/actions.h"
#include "protsim/channels.h"
#include "protsim/components.h"
#include "protsim/error.h"

/* Fixed capacities keep the scenario a plain struct without allocation. */
#define PS_MAX_STATES 64
#define PS_MAX_ORIGINS 16
#define PS_MAX_NAME 48
#define PS_MAX_SHOCKS 16
#define PS_MAX_EVENTS 16
#define PS_MAX_WAVES 16
#define PS_MAX_CONSULTATIONS 64
#define PS_MAX_TEXT 256
#define PS_MAX_SCHEDULE 32     /* dated entries of schedule */
#define PS_MAX_SCHEDULE_SETS 8 /* "path=value" changes in one entry */
#define PS_MAX_CHANGES 128     /* changes in all */
#define PS_CHANGE_BYTES 8      /* the largest value a change writes (a double) */

/* Who decides asylum claims. */
typedef enum { PS_RSD_UNHCR, PS_RSD_JOINT, PS_RSD_STATE, PS_RSD_NONE, PS_N_RSD } ps_rsd;

/* How NGOs choose their strategy (docs/model.md §7.7). */
typedef enum {
    PS_STRATEGY_ADAPTIVE,     /* Roth-Erev learning and imitation */
    PS_STRATEGY_RATIFICATION, /* fixed: ngo.preset.ratification */
    PS_STRATEGY_LEGISLATION,  /* fixed: ngo.preset.legislation */
    PS_STRATEGY_WEIGHTS,      /* fixed: ngo.weights */
    PS_N_STRATEGIES
} ps_strategy;

/* A date is a month count: year * 12 + (month - 1). "2008-01" is 24096. */
typedef int ps_month;

/* Coefficients of one adoption hazard, per year on the logit scale. */
typedef struct ps_hazard_params {
    double alpha;          /* hazard.<action>.alpha: intercept */
    double pressure;       /* hazard.<action>.pressure: bA, on advocacy pressure A */
    double emulation;      /* hazard.<action>.emulation: bE, on emulation E */
    double coercion;       /* hazard.<action>.coercion: bC, on patron coercion C */
    double democracy;      /* hazard.<action>.democracy: bD, on receptivity D */
    double securitisation; /* hazard.<action>.securitisation: bS (subtracted) */
    double magnet;         /* hazard.<action>.magnet: bK, on magnet fear (subtracted) */
} ps_hazard_params;

/* Target and speed of one implementation component (docs/model.md §7.4). */
typedef struct ps_impl_params {
    double base;         /* implementation.<k>.base: target without institutions */
    double institutions; /* implementation.<k>.institutions: g_k, on I (1 - S) Cap */
    double imp_pressure; /* implementation.<k>.imp_pressure: n_k, on A_IMP */
    double srv_pressure; /* implementation.<k>.srv_pressure: s_k, on A_SRV */
    double shock;        /* implementation.<k>.shock: z_k, on the state's shock level */
    double speed;        /* implementation.<k>.speed: eta_k, 1/year */
} ps_impl_params;

/* An arrival shock: extra persons spread evenly over months (docs/model.md §6). */
typedef struct ps_shock {
    ps_month start; /* shocks.[i].start */
    int months;     /* shocks.[i].months */
    double persons; /* shocks.[i].persons */
    size_t origin;  /* shocks.[i].origin, resolved to an index into origins */
} ps_shock;

/* A security event raises securitisation by magnitude in its month. */
typedef struct ps_security_event {
    ps_month date;    /* security_events.[i].date */
    double magnitude; /* security_events.[i].magnitude, 0..1 */
} ps_security_event;

/* A return wave: extra voluntary return of one origin during one calendar year. */
typedef struct ps_return_wave {
    int year;             /* return_waves.[i].year */
    double rate_per_year; /* return_waves.[i].rate */
    size_t origin;        /* return_waves.[i].origin, resolved */
} ps_return_wave;

/* An origin group of refugees (top-level list `origins`). */
typedef struct ps_origin_spec {
    char name[PS_MAX_NAME]; /* origins.[i].name (required) */
    double recognition;     /* origins.[i].recognition: state recognition at P_fair=1 */
    double mandate_recognition; /* origins.[i].mandate_recognition: UNHCR's rate */
    double return_per_year;     /* origins.[i].return_per_year: base voluntary return */
} ps_origin_spec;

/* One host state (list `states.list`) with its 2008 situation and schedules. */
typedef struct ps_state_spec {
    char name[PS_MAX_NAME];         /* name (required, unique) */
    char iso3[8];                   /* iso3 */
    char subregion[PS_MAX_NAME];    /* subregion: emulation and the norm cascade */
    bool ratified;                  /* ratified: party to the Convention or Protocol */
    int ratified_year;              /* ratified_year: 0 when unknown or not a party */
    bool can_accede;                /* can_accede: false where it cannot ratify itself */
    int law_level;                  /* law_level: 0 none .. 3 statute */
    bool bill_pending;              /* bill_pending */
    ps_rsd rsd;                     /* rsd: unhcr, joint, state, none */
    double democracy;               /* democracy: D, 0..1 */
    double capacity;                /* capacity: Cap, 0..1 */
    double access;                  /* access: a, NGO access to policy makers, 0..1 */
    double securitisation_baseline; /* securitisation_baseline: S0, 0..1 */
    bool has_securitisation;        /* securitisation given; else it starts at S0 */
    double securitisation;          /* securitisation: S at the start */
    bool has_implementation;        /* implementation given; else P starts at target */
    double implementation[PS_N_COMPONENTS]; /* implementation: P at the start */
    double decisions_per_year; /* decisions_per_year: state RSD capacity, persons */
    double arrivals_per_year;  /* arrivals_per_year: base arrivals, persons */
    double origin_mix[PS_MAX_ORIGINS]; /* origin_mix: shares by origin, sum 1 */
    double growth_per_year;      /* growth_per_year: natural growth of present refugees */
    double resettlement_weight;  /* resettlement_weight: priority in UNHCR's places */
    double stock_unregistered;   /* stock.unregistered: persons at the start */
    double stock_asylum_seekers; /* stock.asylum_seekers: persons at the start */
    double stock_refugees;       /* stock.refugees: persons at the start */
    size_t ngo_count;            /* ngos.count */
    double ngo_budget_mu;        /* ngos.budget_mu: log of kUSD */
    double ngo_budget_sigma;     /* ngos.budget_sigma */
    char patron[PS_MAX_NAME];    /* patron.name: "" for none */
    size_t patron_index;         /* resolved index of the patron state */
    ps_month patron_since;       /* patron.since */
    double patron_leverage;      /* patron.leverage: l, 0..1 */
    double patron_demand_ratify; /* patron.demand_ratify */
    double patron_demand_law;    /* patron.demand_law */
    double patron_demand_refoulement;           /* patron.demand_refoulement */
    bool patron_refoule_origin[PS_MAX_ORIGINS]; /* patron.refoulement_origins, resolved */
    size_t n_shocks;
    ps_shock shocks[PS_MAX_SHOCKS]; /* shocks */
    size_t n_security_events;
    ps_security_event security_events[PS_MAX_EVENTS]; /* security_events */
    size_t n_return_waves;
    ps_return_wave return_waves[PS_MAX_WAVES]; /* return_waves */
} ps_state_spec;

/* The whole scenario. Field comments give the setting path. */
/* schedule.[i]: changes of settings from a month on, each written as --set writes it. */
typedef struct ps_schedule_entry {
    ps_month at;                                  /* at */
    size_t n_sets;                                /* set */
    char sets[PS_MAX_SCHEDULE_SETS][PS_MAX_TEXT]; /* "path=value" */
} ps_schedule_entry;

/* One change of the schedule as the world applies it: at the start of month at, the
 * size bytes of value replace the setting at offset in the world's ps_scenario. Made by
 * loading (from schedule), never written in files. */
typedef struct ps_change {
    ps_month at;
    size_t entry, set;      /* schedule.[entry].set.[set] */
    size_t offset, size;    /* of the setting in ps_scenario */
    long state;             /* the state it belongs to, or -1 */
    bool resets_strategies; /* NGOs take the fixed strategy it selects (ngo.strategy) */
    unsigned char value[PS_CHANGE_BYTES];
} ps_change;

typedef struct ps_scenario {
    char source[PS_MAX_TEXT];      /* the file it was loaded from */
    char name[PS_MAX_TEXT];        /* name (required) */
    char description[PS_MAX_TEXT]; /* description */
    uint64_t seed;                 /* seed */
    ps_month start, end;           /* time.start, time.end (inclusive) */

    size_t n_origins;
    ps_origin_spec origins[PS_MAX_ORIGINS]; /* origins */
    size_t n_states;
    ps_state_spec states[PS_MAX_STATES]; /* states.list */

    /* states (docs/model.md §2, §7.2, §7.3) */
    double w_ratify;           /* states.w_ratify */
    double w_law;              /* states.w_law */
    double arrivals_floor;     /* states.arrivals_floor: persons/month */
    double arrivals_half_life; /* states.arrivals_half_life: months */
    double burden_scale;       /* states.burden_scale: persons/year per unit Cap */
    double sec_surge;          /* securitisation.surge: chi */
    double sec_framing;        /* securitisation.framing: psi, 1/year */
    double sec_reversion;      /* securitisation.reversion: delta_S, 1/year */
    double shock_half_life;    /* securitisation.shock_half_life: months */
    ps_hazard_params hazard[PS_N_ACTIONS]; /* hazard.<action>.* */
    double emulation_lambda;               /* emulation.lambda */
    double cascade_threshold;              /* emulation.cascade_threshold: tau */
    double cascade_boost;                  /* emulation.cascade_boost: Delta */
    double bill_lapse_per_year;            /* law.bill_lapse_per_year */
    ps_impl_params impl[PS_N_COMPONENTS];  /* implementation.<component>.* */

    /* pressure (docs/model.md §7.1) */
    double pressure_scale;     /* pressure.scale: effort units */
    int boomerang_delay;       /* pressure.boomerang_delay: months */
    double boomerang_weight;   /* pressure.boomerang_weight: rho */
    double boomerang_split[3]; /* pressure.boomerang_split: v for RAT, LEG, IMP */

    /* NGOs (docs/model.md §7.1, §7.7) */
    double ngo_spend_share;  /* ngo.spend_share: 1/month */
    double ngo_overhead;     /* ngo.overhead: kUSD/month */
    double ngo_income_ratio; /* ngo.income_ratio: income per month / first budget */
    double ngo_cost[PS_N_CHANNELS]; /* ngo.cost.{rat,leg,imp,srv,glb}: kUSD per effort */
    double cred_base;               /* ngo.cred.base: c0 */
    double cred_member;             /* ngo.cred.member */
    double cred_glb;                /* ngo.cred.glb */
    double ngo_forgetting;          /* ngo.forgetting: phi */
    double ngo_experimentation;     /* ngo.experimentation: epsilon */
    double ngo_initial_weights[PS_N_CHANNELS]; /* ngo.initial_weights */
    double ngo_initial_strength;       /* ngo.initial_strength: sum of q at the start */
    ps_strategy ngo_strategy;          /* ngo.strategy */
    double ngo_weights[PS_N_CHANNELS]; /* ngo.weights (strategy "weights") */
    double preset_ratification[PS_N_CHANNELS]; /* ngo.preset.ratification */
    double preset_legislation[PS_N_CHANNELS];  /* ngo.preset.legislation */
    int ngo_learning_month;                    /* ngo.learning_month: 1..12 */
    int ngo_exit_months;                       /* ngo.exit_months */
    double ngo_imitation_scale;                /* ngo.imitation_scale: K */
    double payoff_imp_full;                    /* ngo.payoff.implementation_full */
    double payoff_outcome_full;                /* ngo.payoff.outcome_full */

    /* network (docs/model.md §7.6) */
    ps_month network_founded;       /* network.founded */
    size_t network_founders;        /* network.founders */
    double join_alpha;              /* network.join_alpha: logit/year */
    double join_beta;               /* network.join_beta */
    double network_dues;            /* network.dues: share of member income */
    double network_grants_per_year; /* network.grants_per_year: kUSD */
    double network_redistribute;    /* network.redistribute: share of pool per month */
    double glb_subsidy;             /* network.glb_subsidy */
    int consultation_every;         /* network.consultation_every: months */
    size_t n_consultations;
    ps_month consultations[PS_MAX_CONSULTATIONS]; /* network.consultations */
    double network_attendance;                    /* network.attendance */
    double plans_per_member;                      /* network.plans_per_member */
    double network_visibility;                    /* network.visibility */
    double travel_cost; /* network.travel_cost: kUSD per attendee */

    /* UNHCR (docs/model.md §7.3, §7.6) */
    int unhcr_consultation_month;    /* unhcr.consultation_month */
    double unhcr_advocacy;           /* unhcr.advocacy: u_s, effort units/month */
    double unhcr_emphasis;           /* unhcr.ratification_emphasis: u_R at the start */
    double unhcr_responsiveness;     /* unhcr.responsiveness: 1/year */
    double unhcr_decisions_per_year; /* unhcr.decisions_per_year: persons */
    double resettlement_per_year;    /* unhcr.resettlement_per_year: persons */
    double resettlement_wait_gain;   /* unhcr.resettlement_wait_gain */
    double handover_capacity;        /* unhcr.handover_capacity */
    double handover_per_year;        /* unhcr.handover_per_year */
    double handover_redeploy;        /* unhcr.handover_redeploy: share kept in region */

    /* a state's own RSD after it took RSD over (docs/model.md §7.3) */
    double rsd_coverage;              /* rsd.coverage: decisions per claim lodged */
    double rsd_coverage_institutions; /* rsd.coverage_institutions */
    double rsd_capacity_speed;        /* rsd.capacity_speed: 1/year */

    /* refugees (docs/model.md §7.5) */
    double agents_per_person;      /* refugees.agents_per_person */
    double detention_months;       /* refugees.detention_months */
    double access_per_year;        /* refugees.access_per_year: acc_base */
    double services_boost;         /* refugees.services_boost */
    double legal_aid_boost;        /* refugees.legal_aid_boost */
    double status_per_year;        /* refugees.status_per_year: status_base */
    double detention_unregistered; /* refugees.detention.unregistered: 1/year */
    double detention_pending;      /* refugees.detention.pending */
    double detention_rejected;     /* refugees.detention.rejected */
    double detention_mandate;      /* refugees.detention.mandate */
    double refoulement_per_year;   /* refugees.refoulement_per_year: ref_base */
    double integration_per_year;   /* refugees.integration_per_year: int_base */

    /* Protection Outcome Index (docs/model.md §8) */
    double poi_weights[6]; /* poi.weights: access fair status liberty nonref solutions */
    double poi_floor;      /* poi.floor */
    double poi_refoulement_scale; /* poi.refoulement_scale */
    double poi_solutions_target;  /* poi.solutions_target: 1/year */
    double poi_wait_norm;         /* poi.wait_norm: months */

    size_t n_schedule;
    ps_schedule_entry schedule[PS_MAX_SCHEDULE]; /* schedule (docs/model.md §6) */
    size_t n_changes;
    ps_change changes[PS_MAX_CHANGES]; /* the schedule's changes in reading order */
} ps_scenario;

/* Load a scenario from path, apply the n_sets "path=value" overrides in order, check
 * every setting, and fill *sc. On failure *sc is unspecified and err holds one line:
 * "FILE:LINE: path = value is outside [min, max] (unit)" and the like.
 * Returns PS_OK, PS_EIO (missing or unreadable file) or PS_EINVAL (anything else). */
ps_status ps_scenario_load(const char *path, const char *const *sets, size_t n_sets,
                           ps_scenario *sc, ps_error *err);

/* Same as ps_scenario_load; when *stop (borrowed, may be NULL: a signal handler's flag)
 * becomes nonzero, loading stops within a fraction of a second with PS_EINTR
 * ("FILE: interrupted"). */
ps_status ps_scenario_load_interruptible(const char *path, const char *const *sets,
                                         size_t n_sets, const volatile sig_atomic_t *stop,
                                         ps_scenario *sc, ps_error *err);

/* Refugee agents a run of sc starts with or adds: stocks, base arrivals over the run
 * and shocks, times refugees.agents_per_person. The world sizes its arrays by it, and
 * loading refuses a scenario whose agents need more than PROTSIM_MEMORY_LIMIT. */
double ps_scenario_agents(const ps_scenario *sc);

/* Same as ps_scenario_load for scenario text held in memory; name stands for the file
 * in messages, include_dir resolves @include (NULL: the working directory). */
ps_status ps_scenario_load_string(const char *text, const char *name,
                                  const char *include_dir, const char *const *sets,
                                  size_t n_sets, ps_scenario *sc, ps_error *err);

/* Write the fully resolved scenario in libconfig syntax; loading it again gives the
 * same scenario. Returns PS_EIO when the stream fails. */
ps_status ps_scenario_dump(const ps_scenario *sc, FILE *out, ps_error *err);

/* The fully resolved scenario as text (what ps_scenario_dump writes), for the root
 * attribute of result files. The caller frees it; NULL when out of memory. */
char *ps_scenario_text(const ps_scenario *sc);

/* Check the classroom lesson file at path (docs/classroom/README.md, "The lesson
 * format"): its settings, its scenario (relative to the lesson file), and each slider's
 * setting, range or values, which the scenario must accept as --set; then, when out is
 * not NULL, write the lesson resolved (with `defaults`: each slider's value in the
 * scenario). Returns PS_OK, PS_EIO, PS_EINVAL ("FILE:LINE: ...") or PS_ENOMEM. */
ps_status ps_lesson_check(const char *path, FILE *out, ps_error *err);

/* Write scenarios/defaults.cfg: every setting with unit, range, default and meaning. */
ps_status ps_scenario_write_defaults(FILE *out, ps_error *err);

/* Where two resolved scenarios first differ: the setting's path ("states.Aland.access",
 * "schedule.[1]") and its value in each, as a scenario file writes them. */
typedef struct ps_scenario_difference {
    char path[PS_MAX_TEXT];
    char a[2 * PS_MAX_TEXT], b[2 * PS_MAX_TEXT];
} ps_scenario_difference;

/* Whether b differs from a in anything a run of it simulates before month from: every
 * setting in table order, except the name and description, and of the schedule every
 * entry up to the last one dated before from (so entries from that month on may
 * differ, and when they are listed after the others, only they). The first difference
 * goes to *d. */
bool ps_scenario_differs(const ps_scenario *a, const ps_scenario *b, ps_month from,
                         ps_scenario_difference *d);

/* Number of steps (months) from start to end inclusive. */
size_t ps_scenario_steps(const ps_scenario *sc);

/* Format a month as "YYYY-MM" into buf (at least 8 bytes). */
void ps_month_format(ps_month m, char *buf, size_t size);

/* Parse "YYYY-MM"; returns false when the text is not a valid month. */
bool ps_month_parse(const char *text, ps_month *out);

/* Names of enum values as they appear in scenario files and outputs. */
const char *ps_rsd_name(ps_rsd rsd);
const char *ps_strategy_name(ps_strategy s);

/* Unit string of a setting path ("1/year"), or NULL when the path is unknown. */
const char *ps_scenario_unit(const char *path);

#endif
