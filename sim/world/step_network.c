/* step_network.c - the regional NGO network: founding, joins, pool, redistribution,
 * consultations and funded travel to UNHCR's consultation (docs/model.md §3 step 3,
 * §7.6). Writes ngo_member, ngo_joined, ngo_grant, ngo_attended, ngo_at_consultation and
 * the network_* fields. */
#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "world_impl.h"

/* Choose up to k active NGOs whose membership equals members, at random; their
 * indices go to ngo_scratch[0..returned). */
static size_t choose(ps_world *w, bool members, size_t k)
{
    size_t n = 0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_active[j] && w->ngo_member[j] == members) {
            w->ngo_scratch[n++] = j;
        }
    }
    if (k >= n) {
        return n;
    }
    gsl_ran_shuffle(w->rng_network, w->ngo_scratch, n, sizeof *w->ngo_scratch);
    return k;
}

static void join(ps_world *w, size_t j)
{
    w->ngo_member[j] = true;
    w->ngo_joined[j] = w->month;
    w->network_members++;
}

static void found(ps_world *w)
{
    size_t n = choose(w, false, w->sc->network_founders);
    for (size_t a = 0; a < n; a++) {
        join(w, w->ngo_scratch[a]);
    }
    w->network_founded = true;
    ps_world_add_event(w, PS_EV_NETWORK_FOUNDED, -1, -1, (double)n);
}

/* Joining hazard logit h = join_alpha + join_beta log(1 + members), per year. One
 * uniform per NGO every month keeps draws aligned across scenario variants. */
static void joins(ps_world *w)
{
    const ps_scenario *sc = w->sc;
    double h =
        ps_logistic(sc->join_alpha + sc->join_beta * log1p((double)w->network_members));
    double p = ps_monthly(h);
    for (size_t j = 0; j < w->n_ngos; j++) {
        double u = gsl_rng_uniform(w->rng_network);
        if (w->ngo_active[j] && !w->ngo_member[j] && u < p) {
            join(w, j);
            ps_world_add_event(w, PS_EV_NGO_JOIN, (long)w->ngo_home[j], (long)j, 1.0);
        }
    }
}

static void collect(ps_world *w)
{
    double dues = 0.0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_active[j] && w->ngo_member[j]) {
            dues += w->sc->network_dues * w->ngo_income[j];
        }
    }
    w->network_grants = w->sc->network_grants_per_year / 12.0;
    w->network_pool += dues + w->network_grants - w->ngo_subsidy_due; /* GLB subsidy */
}

/* A share of the pool goes to members below the median budget, in proportion to how
 * far below it they are (Bloodgood & Clough: redistribution buffers exits). A pool in
 * debt (the GLB subsidy can overdraw it) has nothing to give: grants are never a levy. */
static void redistribute(ps_world *w)
{
    double *budgets = w->ngo_scratch_p;
    size_t n = 0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        w->ngo_grant[j] = 0.0;
        if (w->ngo_active[j] && w->ngo_member[j]) {
            budgets[n++] = w->ngo_budget[j];
        }
    }
    if (n == 0) {
        return;
    }
    gsl_sort(budgets, 1, n);
    double median = gsl_stats_median_from_sorted_data(budgets, 1, n);
    double shortfall = 0.0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_active[j] && w->ngo_member[j] && w->ngo_budget[j] < median) {
            shortfall += median - w->ngo_budget[j];
        }
    }
    if (shortfall <= 0.0 || w->network_pool <= 0.0) {
        return;
    }
    double amount = w->sc->network_redistribute * w->network_pool;
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_active[j] && w->ngo_member[j] && w->ngo_budget[j] < median) {
            w->ngo_grant[j] = amount * (median - w->ngo_budget[j]) / shortfall;
        }
    }
    w->network_pool -= amount;
}

static bool consultation_month(const ps_world *w)
{
    const ps_scenario *sc = w->sc;
    if (sc->n_consultations > 0) {
        for (size_t k = 0; k < sc->n_consultations; k++) {
            if (sc->consultations[k] == w->month) {
                return true;
            }
        }
        return false;
    }
    int since = w->month - sc->network_founded;
    return since >= 0 && since % sc->consultation_every == 0;
}

/* Plans by channel: RAT -> institutionalisation; LEG, IMP -> implementation; SRV,
 * GLB -> other (docs/model.md §7.7). */
static void adopt_plans(ps_world *w, size_t j)
{
    static const int kind_of_channel[PS_N_CHANNELS] = {0, 1, 1, 2, 2};
    unsigned int n = gsl_ran_poisson(w->rng_network, w->sc->plans_per_member);
    const double *p = &w->ngo_p[j * PS_N_CHANNELS];
    for (unsigned int a = 0; a < n; a++) {
        double u = gsl_rng_uniform(w->rng_network), acc = 0.0;
        int k = 0;
        while (k < PS_N_CHANNELS - 1 && u >= (acc += p[k])) {
            k++;
        }
        w->network_plans[kind_of_channel[k]] += 1.0;
    }
}

static void regional_consultation(ps_world *w)
{
    size_t attendees = 0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        double u = gsl_rng_uniform(w->rng_network);
        w->ngo_at_consultation[j] = w->consultation_now && w->ngo_active[j] &&
                                    w->ngo_member[j] && u < w->sc->network_attendance;
        if (w->ngo_at_consultation[j]) {
            attendees++;
            adopt_plans(w, j);
        }
    }
    if (w->consultation_now) {
        ps_world_add_event(w, PS_EV_CONSULTATION, -1, -1, (double)attendees);
    }
}

/* The network funds travel to UNHCR's yearly NGO consultation for as many members
 * as the pool pays for; attendees gain credibility (docs/model.md §7.6). */
static void unhcr_consultation(ps_world *w)
{
    double cost = w->sc->travel_cost;
    size_t affordable = (size_t)floor(fmax(w->network_pool, 0.0) / cost);
    size_t n = choose(w, true, affordable);
    for (size_t a = 0; a < n; a++) {
        w->ngo_attended[w->ngo_scratch[a]] = w->month;
    }
    w->network_pool -= (double)n * cost;
    w->network_participants = n;
}

static size_t count_members(const ps_world *w)
{
    size_t n = 0;
    for (size_t j = 0; j < w->n_ngos; j++) {
        n += w->ngo_active[j] && w->ngo_member[j];
    }
    return n;
}

void ps_step_network(ps_world *w)
{
    w->network_members = count_members(w); /* exits happen in the NGO step */
    w->network_participants = 0;
    w->network_plans[0] = w->network_plans[1] = w->network_plans[2] = 0.0;
    w->network_grants = 0.0;
    w->consultation_now = false;
    if (!w->network_founded && w->month >= w->sc->network_founded) {
        found(w);
    }
    if (!w->network_founded) {
        return;
    }
    joins(w);
    collect(w);
    redistribute(w);
    w->consultation_now = consultation_month(w);
    regional_consultation(w);
    if (w->month % 12 + 1 == w->sc->unhcr_consultation_month) {
        unhcr_consultation(w);
    }
}
