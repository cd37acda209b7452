/* step_unhcr.c - UNHCR: RSD capacity, resettlement places, ratification emphasis
 * (docs/model.md §3 step 2, §7.6). Writes unhcr_capacity, unhcr_quota, unhcr_emphasis. */
#include <math.h>

#include "world_impl.h"

/* Mean RAT share of member NGOs' strategies; -1 when there are no members. */
static double members_rat_share(const ps_world *w)
{
    double sum = 0.0;
    size_t n = 0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_active[j] && w->ngo_member[j]) {
            sum += w->ngo_p[j * PS_N_CHANNELS + PS_CH_RAT];
            n++;
        }
    }
    return n > 0 ? sum / (double)n : -1.0;
}

/* UNHCR's decisions per month in the region: the yearly capacity, less the share of
 * the work freed by handovers that UNHCR does not redeploy to the other states where
 * it decides (docs/model.md §7.6, §10 item 49). */
static double capacity(const ps_world *w)
{
    const ps_scenario *sc = w->sc;
    double freed = 0.0;
    for (size_t i = 0; i < w->n_states; i++) {
        freed += w->state_freed[i];
    }
    double c = sc->unhcr_decisions_per_year / 12.0 * sc->agents_per_person;
    return fmax(0.0, c - (1.0 - sc->handover_redeploy) * freed);
}

void ps_step_unhcr(ps_world *w)
{
    const ps_scenario *sc = w->sc;
    w->unhcr_capacity = capacity(w);
    w->unhcr_quota = sc->resettlement_per_year / 12.0 * sc->agents_per_person;
    double rat = members_rat_share(w);
    if (rat >= 0.0) { /* UNHCR listens to civil society once there is a network */
        w->unhcr_emphasis +=
            ps_monthly(sc->unhcr_responsiveness) * (rat - w->unhcr_emphasis);
    }
}
