/* indicators.h - what is observed of the world after each step (docs/model.md §8)
 *
 * ps_indicators holds one step's observations as plain arrays, in persons (not agents).
 * ps_indicators_compute reads the world and never changes it; the recorder writes these
 * arrays. Arrays are [n_states] unless a trailing comment says otherwise.
 */
#ifndef PROTSIM_INDICATORS_H
#define PROTSIM_INDICATORS_H

#include <stddef.h>

#include "protsim/error.h"
#include "protsim/world.h"

#define PS_N_POI_PARTS 6  /* access fair status liberty nonref solutions */
#define PS_N_PLAN_KINDS 3 /* institutionalisation implementation other */

typedef struct ps_indicators {
    size_t n_states, n_ngos;
    double time; /* decimal year at the end of the step */

    /* states: policy */
    double *ratified;             /* 0/1 */
    double *law_level;            /* 0..3 */
    double *bill_pending;         /* 0/1 */
    double *rsd_authority;        /* ps_rsd code */
    double *securitisation;       /* S, 0..1 */
    double *institutionalisation; /* I, 0..1 */
    double *gap;                  /* I - mean P */
    double *implementation;       /* [n_states * 6] P */
    double *pressure;             /* [n_states * 5] A by channel */
    double *emulation;            /* [n_states * 5] E by action */
    double *hazard;               /* [n_states * 5] yearly adoption hazard by action */

    /* states: outcomes */
    double *poi;                 /* Protection Outcome Index, 0..1 */
    double *legal_status_share;  /* PROTECTED / present */
    double *mandate_gap;         /* MANDATE / (MANDATE + PROTECTED) */
    double *detention_incidence; /* DETAINED / present */
    double *recognition_rate;    /* recognitions / decisions, last 12 months */
    double *decisions;           /* decisions in the last 12 months, persons */
    double *solutions_rate;      /* exits to solutions / present, last 12 months */
    double *backlog;             /* PENDING, persons */
    double *mean_wait;           /* mean months in PENDING */
    double *refouled;            /* refouled persons since the start */
    double *count;               /* [n_states * PS_N_RSTATUS] persons; exits cumulative */
    double *flows;               /* [n_states * PS_N_FLOWS] persons this month */

    /* NGOs */
    double *ngo_budget;   /* [n_ngos] kUSD */
    double *ngo_strategy; /* [n_ngos * 5] p */
    double *ngo_active;   /* [n_ngos] 0/1 */
    double *ngo_member;   /* [n_ngos] 0/1 */

    /* network */
    double members, pool, grants, consultation_participants, exits;
    double action_plans[PS_N_PLAN_KINDS];
    double mean_strategy[PS_N_CHANNELS];     /* of members */
    double mean_strategy_all[PS_N_CHANNELS]; /* of all active NGOs */

    /* UNHCR */
    double ratification_emphasis, resettlement_used, unhcr_capacity;

    /* region: population-weighted over states */
    double region_refugees, region_poi, region_legal_status_share;
    double region_detention_incidence, region_solutions_rate, region_recognition_rate;
} ps_indicators;

/* Allocate indicator arrays sized for w. Returns PS_OK or PS_ENOMEM; *out is NULL on
 * failure. */
ps_status ps_indicators_create(const ps_world *w, ps_indicators **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_indicators_destroy(ps_indicators *ind);

/* Fill ind from the world after a step. Cannot fail. */
void ps_indicators_compute(const ps_world *w, ps_indicators *ind);

#endif
