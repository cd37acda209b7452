/* step_learning.c - NGO learning: positive practice, imitation at consultations and
 * yearly Roth-Erev reinforcement (docs/model.md §3 step 7, §7.7). Writes ngo_q, ngo_p,
 * ngo_vicarious, ngo_payoff and the year_* snapshots. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "world_impl.h"

void ps_learning_snapshot(ps_world *w)
{
    for (size_t i = 0; i < w->n_states; i++) {
        w->year_ratified[i] = w->state_ratified[i];
        w->year_law[i] = w->state_law[i];
        w->year_bill[i] = w->state_bill[i];
        w->year_meanP[i] = ps_world_mean_P(w, i);
        w->year_legal[i] = ps_world_share(w, i, PS_RS_PROTECTED);
        w->year_detention[i] = ps_world_share(w, i, PS_RS_DETAINED);
    }
}

static bool has_member(const ps_world *w, size_t i)
{
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_active[j] && w->ngo_member[j] && w->ngo_home[j] == i) {
            return true;
        }
    }
    return false;
}

/* When a member's state takes a framework step, every member learns of it through the
 * network: an administrative practice or pilot pays IMP, a regulation or statute LEG. */
static void positive_practice(ps_world *w)
{
    for (size_t e = 0; e < w->n_events; e++) {
        const ps_event *ev = &w->events[e];
        int k = ev->type == PS_EV_ADMIN_STEP                                ? PS_CH_IMP
                : ev->type == PS_EV_REGULATION || ev->type == PS_EV_STATUTE ? PS_CH_LEG
                                                                            : -1;
        if (k < 0 || !has_member(w, (size_t)ev->state)) {
            continue;
        }
        for (size_t j = 0; j < w->n_ngos; j++) {
            if (w->ngo_active[j] && w->ngo_member[j]) {
                w->ngo_vicarious[j * PS_N_CHANNELS + (size_t)k] +=
                    w->sc->network_visibility;
            }
        }
    }
}

static void set_strategy(ps_world *w, size_t j, const double *p)
{
    double *q = &w->ngo_q[j * PS_N_CHANNELS];
    double strength = 0.0;
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        strength += q[k];
    }
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        w->ngo_p[j * PS_N_CHANNELS + k] = p[k];
        q[k] = p[k] * strength;
    }
}

/* Each attendee samples a peer and moves halfway toward the peer's strategy with
 * probability logistic((Pi_m - Pi_j) / K); peers are seen as they were before. */
static void imitate(ps_world *w, gsl_rng *rng)
{
    size_t n = 0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_at_consultation[j]) {
            w->ngo_scratch[n++] = j;
        }
    }
    memcpy(w->ngo_scratch_p, w->ngo_p, w->n_ngos * PS_N_CHANNELS * sizeof *w->ngo_p);
    for (size_t a = 0; n > 1 && a < n; a++) {
        size_t j = w->ngo_scratch[a];
        size_t m = w->ngo_scratch[(a + 1 + gsl_rng_uniform_int(rng, n - 1)) % n];
        double u = gsl_rng_uniform(rng);
        double copy = ps_logistic((w->ngo_payoff[m] - w->ngo_payoff[j]) /
                                  w->sc->ngo_imitation_scale);
        if (u < copy) {
            double p[PS_N_CHANNELS];
            for (int k = 0; k < PS_N_CHANNELS; k++) {
                p[k] = 0.5 * (w->ngo_scratch_p[j * PS_N_CHANNELS + k] +
                              w->ngo_scratch_p[m * PS_N_CHANNELS + k]);
            }
            set_strategy(w, j, p);
        }
    }
}

/* Payoffs per channel in the home state over the last year (docs/model.md §7.7). */
static void payoffs(const ps_world *w, size_t j, double *pi)
{
    const ps_scenario *sc = w->sc;
    size_t i = w->ngo_home[j];
    bool ratified = w->state_ratified[i] && !w->year_ratified[i];
    bool law = w->state_law[i] > w->year_law[i];
    bool bill = w->state_bill[i] && !w->year_bill[i];
    double dP = ps_world_mean_P(w, i) - w->year_meanP[i];
    double dLegal = ps_world_share(w, i, PS_RS_PROTECTED) - w->year_legal[i];
    double dDetention = ps_world_share(w, i, PS_RS_DETAINED) - w->year_detention[i];
    bool attended = w->ngo_attended[j] >= 0 && w->month - w->ngo_attended[j] < 12;
    pi[PS_CH_RAT] = ratified ? 1.0 : 0.0;
    pi[PS_CH_LEG] = law ? 1.0 : (bill ? 0.5 : 0.0);
    pi[PS_CH_IMP] = ps_clamp01(dP / sc->payoff_imp_full);
    pi[PS_CH_SRV] = ps_clamp01((dLegal - dDetention) / sc->payoff_outcome_full);
    pi[PS_CH_GLB] = 0.5 * (attended ? 1.0 : 0.0) +
                    0.5 * fmax(pi[PS_CH_RAT], fmax(pi[PS_CH_LEG], pi[PS_CH_IMP]));
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        pi[k] += w->ngo_vicarious[j * PS_N_CHANNELS + k];
    }
}

/* Roth-Erev: q_k <- (1 - phi) q_k + p_k pi_k + epsilon / 5; p = q / sum q. */
static void reinforce(ps_world *w, size_t j)
{
    const ps_scenario *sc = w->sc;
    double pi[PS_N_CHANNELS], total = 0.0, sum_q = 0.0;
    double *q = &w->ngo_q[j * PS_N_CHANNELS], *p = &w->ngo_p[j * PS_N_CHANNELS];
    payoffs(w, j, pi);
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        total += p[k] * pi[k];
        q[k] = (1.0 - sc->ngo_forgetting) * q[k] + p[k] * pi[k] +
               sc->ngo_experimentation / PS_N_CHANNELS;
        sum_q += q[k];
    }
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        p[k] = q[k] / sum_q;
    }
    w->ngo_payoff[j] = total;
}

void ps_step_learning(ps_world *w)
{
    bool adaptive = w->sc->ngo_strategy == PS_STRATEGY_ADAPTIVE;
    gsl_rng *rng = w->rng_ngo; /* NGO stream; the NGO step itself draws nothing */
    positive_practice(w);
    if (adaptive && w->consultation_now) {
        imitate(w, rng);
    }
    if (w->month % 12 + 1 != w->sc->ngo_learning_month) {
        return;
    }
    for (size_t j = 0; adaptive && j < w->n_ngos; j++) {
        if (w->ngo_active[j]) {
            reinforce(w, j);
        }
    }
    memset(w->ngo_vicarious, 0, w->n_ngos * PS_N_CHANNELS * sizeof *w->ngo_vicarious);
    ps_learning_snapshot(w);
}
