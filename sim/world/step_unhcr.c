/* step_unhcr.c - UNHCR: RSD capacity, resettlement places, ratification emphasis
 * (docs/model.md §3 step 2, §7.6). Writes unhcr_capacity, unhcr_quota, unhcr_emphasis. */
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

void ps_step_unhcr(ps_world *w)
{
    const ps_scenario *sc = w->sc;
    w->unhcr_capacity = sc->unhcr_decisions_per_year / 12.0 * sc->agents_per_person;
    w->unhcr_quota = sc->resettlement_per_year / 12.0 * sc->agents_per_person;
    double rat = members_rat_share(w);
    if (rat >= 0.0) { /* UNHCR listens to civil society once there is a network */
        w->unhcr_emphasis +=
            ps_monthly(sc->unhcr_responsiveness) * (rat - w->unhcr_emphasis);
    }
}
