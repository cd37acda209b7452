/* world_impl.h - the world's struct of arrays, shared by the step kernels (docs/model.md
 * §2)
 *
 * Only sim/ files include this. Each kernel writes only the arrays of its agent type
 * plus the fields its comment in world.c names; everything else it reads.
 */
#ifndef PROTSIM_WORLD_IMPL_H
#define PROTSIM_WORLD_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "protsim/world.h"
#include "rng.h"

/* Refugee agents live in fixed blocks; each block draws from its own stream per step,
 * so the result does not depend on how blocks are spread over threads. */
#define PS_BLOCK_AGENTS 65536
#define PS_DCLASSES 4     /* months in status: <6, 6-23, 24-59, >=60 */
#define PS_GONE 7         /* stored status of an agent that has left (absorbed) */
#define PS_STATUS_CODES 8 /* the seven present statuses plus PS_GONE */
#define PS_MOVE_SLOTS 8   /* cumulative thresholds per table cell (7 used) */
#define PS_MONTHS_MAX 255 /* months in status saturate here */

/* What one refugee can do in one month: the kernel counts moves per state. */
typedef enum {
    PS_MV_STAY,
    PS_MV_REGISTER,
    PS_MV_RECOG_STATE,
    PS_MV_RECOG_UNHCR, /* to MANDATE */
    PS_MV_RECOG_JOINT, /* recognised under joint RSD: to PROTECTED */
    PS_MV_REJECT,
    PS_MV_GRANT,
    PS_MV_DETAIN,
    PS_MV_ATD,
    PS_MV_RELEASE,
    PS_MV_REFOULE,
    PS_MV_RESETTLE,
    PS_MV_RETURN,
    PS_MV_INTEGRATE,
    PS_N_MOVES
} ps_move;

/* Refugee agents: 4 bytes each, in two arrays. group is host x n_origins + origin.
 * state packs the status code (bits 0-2), the duration class of the months in status
 * (bits 3-4), for DETAINED and ATD the status to return to (bits 5-6; one of the first
 * four), and the months in status (bits 8-15, saturating at PS_MONTHS_MAX). The low
 * five bits select the agent's cell of the transition table within its group. */
typedef struct ps_refugees {
    size_t n, cap;   /* agents stored (alive or gone since the last compaction) */
    uint16_t *group; /* [cap] host state and origin */
    uint16_t *state; /* [cap] months << 8 | previous << 5 | class << 3 | code */
} ps_refugees;

/* Duration class of months in status: <6, 6-23, 24-59, >=60. */
static inline int ps_dclass(int months)
{
    return (months >= 6) + (months >= 24) + (months >= 60);
}

static inline int ps_agent_code(int state)
{
    return state & 7;
}

static inline int ps_agent_prev(int state)
{
    return (state >> 5) & 3;
}

static inline int ps_agent_months(int state)
{
    return state >> 8;
}

static inline uint16_t ps_agent_state(int code, int prev, int months)
{
    return (uint16_t)(months << 8 | prev << 5 | ps_dclass(months) << 3 | code);
}

/* The table cell of a group, status code and duration class (= state's low bits). */
static inline size_t ps_table_cell(size_t group, int code, int d)
{
    return group << 5 | (size_t)d << 3 | (size_t)code;
}

/* Transition table of docs/model.md §7.5, rebuilt each step: for every (state, origin,
 * status code, duration class) a cell of cumulative thresholds on a 32-bit uniform and
 * the move each interval selects. */
typedef struct ps_table {
    size_t n_cells;
    uint32_t *thr;  /* [n_cells * PS_MOVE_SLOTS] ascending; padding repeats the last */
    uint8_t *move;  /* [n_cells * PS_MOVE_SLOTS] ps_move of each interval */
    uint32_t *stay; /* [n_cells] the last threshold: u >= stay means no move */
    uint8_t *host;  /* [n_states * n_origins] the host state of each group */
} ps_table;

/* The refugee kernel's code paths (kernel_refugee.c); all give the same bytes. */
typedef enum {
    PS_KERNEL_SCALAR,
    PS_KERNEL_AVX2,
    PS_KERNEL_AVX512,
    PS_N_KERNELS
} ps_kernel_path;

/* Per-block changes written by the kernel and added to the world's totals after it.
 * Only moves and the rare crossings of a duration class write here, so an agent that
 * stays touches nothing but its own months. */
typedef struct ps_tally {
    int32_t *count;     /* [n_states * PS_STATUS_CODES * PS_DCLASSES] change of agents */
    int32_t *moves;     /* [n_states * PS_N_MOVES] moves made */
    int64_t *wait;      /* [n_states] change of the months of PENDING agents, see below */
    int32_t *saturated; /* [n_states] change of PENDING agents at PS_MONTHS_MAX */
} ps_tally;

struct ps_world {
    const ps_scenario *sc; /* = own: what the kernels read */
    ps_scenario *own;      /* owned: a copy of the scenario, changed by its schedule */
    uint64_t seed;
    size_t n_states, n_origins, n_ngos, n_steps;
    size_t t;       /* steps done */
    ps_month month; /* month being simulated (start + t) */
    int n_threads;
    ps_kernel_path kernel; /* the refugee kernel's code path */

    /* states */
    bool *state_ratified;
    int *state_law;
    bool *state_bill;
    ps_rsd *state_rsd;
    double *state_S;          /* securitisation, 0..1 */
    double *state_shock;      /* decaying level of surprises and security events */
    double *state_mavg;       /* moving average of arrivals, persons/month */
    double *state_arrivals;   /* expected arrivals this month, persons (step 1) */
    size_t *state_new_agents; /* [n_states * n_origins] agents to add this month */
    double *state_events;     /* security event magnitude this month */
    double *state_P;          /* [n_states * 6] implementation */
    double *state_effort;     /* [n_states * 5] credibility-weighted NGO effort */
    double *state_A;          /* [n_states * 5] advocacy pressure, 0..1 */
    double *state_E;          /* [n_states * 5] emulation by action */
    double *state_C;          /* [n_states * 5] coercion by action */
    double *state_K;          /* magnet fear */
    double *state_hazard;     /* [n_states * 5] yearly hazards this month */
    double *state_capacity;   /* own decisions per month, agents (state and joint RSD) */
    bool *state_took_over;    /* took RSD over from UNHCR during the run */
    double *state_freed;      /* UNHCR's decisions per month there at the handover */
    double *state_fair_b;     /* intercept of the fairness target, log-odds */
    double *similarity;       /* [n_states * n_states] w_ij, 0 on the diagonal */
    double *glb_history; /* [(delay + 1) * n_states] ring of credibility x GLB effort */

    /* NGOs */
    size_t *ngo_home;
    double *ngo_budget, *ngo_income; /* kUSD, kUSD/month */
    bool *ngo_member, *ngo_active;
    ps_month *ngo_joined, *ngo_attended; /* -1 never */
    int *ngo_neg_months;                 /* consecutive months with B < 0 */
    double *ngo_q, *ngo_p;               /* [n_ngos * 5] propensities, probabilities */
    double *ngo_effort;                  /* [n_ngos * 5] x this month */
    double *ngo_vicarious;     /* [n_ngos * 5] positive-practice payoffs this year */
    double *ngo_payoff;        /* [n_ngos] last yearly payoff Pi */
    double *ngo_grant;         /* [n_ngos] redistribution received this month */
    bool *ngo_at_consultation; /* [n_ngos] attends this month's regional one */
    double ngo_subsidy_due;    /* GLB subsidy members used last month, kUSD */
    size_t *ngo_scratch;       /* [n_ngos] index workspace */
    double *ngo_scratch_p;     /* [n_ngos * 5] strategies before imitation */

    /* network */
    bool network_founded;
    size_t network_members;
    double network_pool, network_grants;
    size_t network_participants; /* at the UNHCR consultation this month */
    size_t network_exits;        /* NGO exits since the start (written by step_ngo) */
    double network_plans[3];     /* action plans adopted this month */
    bool consultation_now;       /* a regional consultation takes place this month */

    /* UNHCR */
    double unhcr_emphasis; /* u_R */
    double unhcr_quota;    /* resettlement places this month, agents */
    double unhcr_capacity; /* decisions per month where UNHCR decides, agents */

    /* snapshots at the last learning date, for yearly payoffs */
    bool *year_ratified;
    int *year_law;
    bool *year_bill;
    double *year_meanP, *year_legal, *year_detention;

    /* refugees */
    ps_refugees ref;
    ps_table table;
    size_t n_blocks_cap;   /* tallies allocated */
    ps_tally *tally;       /* [n_blocks_cap] */
    int64_t *count;        /* [n_states * PS_STATUS_CODES * PS_DCLASSES] now */
    int64_t *moves;        /* [n_states * PS_N_MOVES] this month */
    int64_t *wait;         /* [n_states] sum of months of PENDING agents */
    int64_t *saturated;    /* [n_states] PENDING agents at PS_MONTHS_MAX months */
    int64_t *arrived;      /* [n_states] agents arrived this month */
    int64_t *exits_total;  /* [n_states * 4] resettled returned integrated refouled */
    int64_t *flow_history; /* [12 * n_states * PS_N_FLOWS] agents, ring by month */

    /* streams of the agent types (reseeded from (seed, stream, step) every step) */
    gsl_rng *rng_exo, *rng_network, *rng_ngo, *rng_state;

    double refugee_seconds; /* wall time spent in ps_step_refugee so far */

    /* events of this step */
    size_t n_events, cap_events;
    ps_event *events;
};

/* Step kernels, in schedule order (sim/world/step_*.c). Each reads the world and writes
 * only its own agent type's arrays and the fields named in world.c. */
void ps_step_exogenous(ps_world *w);
void ps_step_unhcr(ps_world *w);
void ps_step_network(ps_world *w);
void ps_step_ngo(ps_world *w);
void ps_step_state(ps_world *w);
ps_status ps_step_refugee(ps_world *w, ps_error *err);
void ps_step_learning(ps_world *w);

/* Internal steps of creation (defined next to the kernel they belong to). */
ps_status ps_world_grow_refugees(ps_world *w, size_t need, ps_error *err);
void ps_state_targets(const ps_world *w, size_t i, double *target); /* [6] */
/* The fairness intercept that makes the target equal the state's P_fair with no
 * pressure and no shock (from its data at the start), and the one of a state without
 * data, logit(implementation.fair.base) (docs/model.md §7.4). */
double ps_state_fair_intercept(const ps_world *w, size_t i);
double ps_state_fair_default_intercept(const ps_scenario *sc);
#define PS_FAIR_EPS 1e-4 /* fairness in log-odds is clamped to [eps, 1 - eps] */
void ps_refugee_tally(ps_world *w);     /* count agents by state, status, duration */
void ps_learning_snapshot(ps_world *w); /* remember the state of each home state */

/* Helpers shared by kernels and indicators (sim/world/world.c). */
void ps_world_add_event(ps_world *w, ps_event_type type, long state, long ngo,
                        double value);
double ps_world_present(const ps_world *w, size_t i);             /* agents present */
double ps_world_in_status(const ps_world *w, size_t i, int code); /* agents */
double ps_world_share(const ps_world *w, size_t i, int code); /* of present, 0 if none */
double ps_world_mean_P(const ps_world *w, size_t i);
double ps_world_institutionalisation(const ps_world *w, size_t i);
int64_t ps_world_flow_12m(const ps_world *w, size_t i, ps_flow f); /* agents */
int64_t ps_world_flow_now(const ps_world *w, size_t i, ps_flow f); /* agents */
bool ps_world_patron_active(const ps_world *w, size_t i);
/* Chance that a pending claim where UNHCR decides (alone or jointly) is decided this
 * month: UNHCR's capacity shared over those backlogs, min(1, c_U / B_U); 1 when B_U = 0
 * (docs/model.md §7.5). */
double ps_world_unhcr_share(const ps_world *w);

/* Yearly probability to monthly: 1 - (1 - h)^(1/12), h clamped to [0, 1]. */
double ps_monthly(double h_per_year);
double ps_clamp01(double x);
double ps_logistic(double x);

#endif
