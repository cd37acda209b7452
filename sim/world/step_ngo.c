/* step_ngo.c - NGOs spend effort by channel; budgets and exits; advocacy pressure on
 * states (docs/model.md §3 step 4, §7.1). Writes ngo_effort, ngo_budget, ngo_neg_months,
 * ngo_active, ngo_subsidy_due, network_exits, glb_history and state_A. */
#include <math.h>
#include <string.h>

#include "world_impl.h"

/* Months during which attendance at UNHCR's consultation adds credibility. */
#define PS_CRED_MONTHS 24

static void spend(ps_world *w, size_t j)
{
    const ps_scenario *sc = w->sc;
    const double *p = &w->ngo_p[j * PS_N_CHANNELS];
    double *x = &w->ngo_effort[j * PS_N_CHANNELS];
    double spent = sc->ngo_spend_share * fmax(w->ngo_budget[j], 0.0);
    /* The network bears part of a member's GLB cost while its pool has money. */
    bool subsidised = w->ngo_member[j] && w->network_pool > 0.0;
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        double cost = sc->ngo_cost[k];
        if (k == PS_CH_GLB && subsidised) {
            cost *= 1.0 - sc->glb_subsidy; /* the network pays part of the travel... */
        }
        x[k] = cost > 0.0 ? p[k] * spent / cost : 0.0;
    }
    if (subsidised) { /* ...and bills it to the pool next month */
        w->ngo_subsidy_due += x[PS_CH_GLB] * sc->ngo_cost[PS_CH_GLB] * sc->glb_subsidy;
    }
    double dues = w->ngo_member[j] ? sc->network_dues * w->ngo_income[j] : 0.0;
    w->ngo_budget[j] +=
        w->ngo_income[j] + w->ngo_grant[j] - spent - sc->ngo_overhead - dues;
}

/* An NGO whose budget stays negative for ngo.exit_months months closes. */
static void maybe_exit(ps_world *w, size_t j)
{
    w->ngo_neg_months[j] = w->ngo_budget[j] < 0.0 ? w->ngo_neg_months[j] + 1 : 0;
    if (w->ngo_neg_months[j] >= w->sc->ngo_exit_months) {
        w->ngo_active[j] = false;
        w->network_exits++;
        memset(&w->ngo_effort[j * PS_N_CHANNELS], 0, PS_N_CHANNELS * sizeof(double));
        ps_world_add_event(w, PS_EV_NGO_EXIT, (long)w->ngo_home[j], (long)j,
                           w->ngo_budget[j]);
    }
}

static double credibility(const ps_world *w, size_t j)
{
    const ps_scenario *sc = w->sc;
    bool recent =
        w->ngo_attended[j] >= 0 && w->month - w->ngo_attended[j] < PS_CRED_MONTHS;
    return sc->cred_base + (w->ngo_member[j] ? sc->cred_member : 0.0) +
           (recent ? sc->cred_glb : 0.0);
}

/* raw_ik of docs/model.md §7.1: domestic effort weighted by access, the boomerang of GLB
 * effort tau_b months ago, and UNHCR's own advocacy. */
static void pressure(ps_world *w, const double *domestic)
{
    const ps_scenario *sc = w->sc;
    size_t S = w->n_states, ring = (size_t)sc->boomerang_delay + 1;
    const double *old = &w->glb_history[((w->t + 1) % ring) * S];
    double u_s = sc->unhcr_advocacy, u_r = w->unhcr_emphasis;
    double unhcr[PS_N_CHANNELS] = {u_s * u_r, u_s * (1 - u_r), u_s * (1 - u_r), 0, 0};
    for (size_t i = 0; i < S; i++) {
        double a = sc->states[i].access;
        const double *d = &domestic[i * PS_N_CHANNELS];
        double *A = &w->state_A[i * PS_N_CHANNELS];
        for (int k = 0; k < PS_N_CHANNELS; k++) {
            double raw = k == PS_CH_GLB ? d[k] : a * d[k] + unhcr[k];
            if (k <= PS_CH_IMP) {
                raw += sc->boomerang_weight * old[i] * sc->boomerang_split[k];
            }
            A[k] = 1.0 - exp(-raw / sc->pressure_scale);
        }
    }
}

/* Sum credibility-weighted effort of each state's NGOs by channel. */
static void sum_effort(ps_world *w)
{
    size_t S = w->n_states, ring = (size_t)w->sc->boomerang_delay + 1;
    double *glb_now = &w->glb_history[(w->t % ring) * S];
    memset(glb_now, 0, S * sizeof *glb_now);
    memset(w->state_effort, 0, S * PS_N_CHANNELS * sizeof *w->state_effort);
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (!w->ngo_active[j]) {
            continue;
        }
        size_t i = w->ngo_home[j];
        double cred = credibility(w, j);
        for (int k = 0; k < PS_N_CHANNELS; k++) {
            w->state_effort[i * PS_N_CHANNELS + k] +=
                cred * w->ngo_effort[j * PS_N_CHANNELS + k];
        }
        glb_now[i] += cred * w->ngo_effort[j * PS_N_CHANNELS + PS_CH_GLB];
    }
}

void ps_step_ngo(ps_world *w)
{
    w->ngo_subsidy_due = 0.0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_active[j]) {
            spend(w, j);
            maybe_exit(w, j);
        }
    }
    sum_effort(w);
    pressure(w, w->state_effort);
}
