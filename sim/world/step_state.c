/* step_state.c - states' policy: securitisation, emulation, coercion, magnet fear,
 * adoption hazards, RSD handover and implementation (docs/model.md §3 step 5, §7.2-7.4).
 * Writes state_S, state_shock, state_mavg, state_E, state_C, state_K, state_hazard,
 * state_ratified, state_law, state_bill, state_rsd, state_capacity, state_took_over,
 * state_freed and state_P. */
#include <math.h>
#include <string.h>

#include "world_impl.h"

/* Uniforms drawn per state per month, used or not, so that scenario variants that
 * differ in policy still share their random numbers (common random numbers). */
enum { U_RATIFY, U_FRAMEWORK, U_BILL, U_LAPSE, U_HANDOVER, N_UNIFORMS };

/* Securitisation of docs/model.md §7.2, with the moving average of arrivals behind it. */
static void securitise(ps_world *w, size_t i)
{
    const ps_scenario *sc = w->sc;
    const double *A = &w->state_A[i * PS_N_CHANNELS];
    double arrivals = w->state_arrivals[i], mavg = w->state_mavg[i];
    double surge = sc->sec_surge * log1p(fmax(0.0, arrivals / mavg - 1.0));
    double framing = A[PS_CH_IMP] + A[PS_CH_SRV] + 0.5 * A[PS_CH_LEG];
    double S0 = sc->states[i].securitisation_baseline;
    double S =
        w->state_S[i] + surge + w->state_events[i] -
        (sc->sec_framing * framing + sc->sec_reversion * (w->state_S[i] - S0)) / 12.0;
    w->state_S[i] = ps_clamp01(S);
    w->state_shock[i] =
        w->state_shock[i] * exp2(-1.0 / sc->shock_half_life) + surge + w->state_events[i];
    double keep = exp2(-1.0 / sc->arrivals_half_life);
    w->state_mavg[i] = fmax(sc->arrivals_floor, keep * mavg + (1.0 - keep) * arrivals);
}

static bool adopted(const ps_world *w, size_t j, ps_action x)
{
    return x == PS_ACT_RATIFY ? w->state_ratified[j] : w->state_law[j] >= 2;
}

/* Share of adopters in i's subregion (itself included), for the norm cascade. */
static double subregion_share(const ps_world *w, size_t i, ps_action x)
{
    const char *region = w->sc->states[i].subregion;
    size_t n = 0, yes = 0;
    for (size_t j = 0; j < w->n_states; j++) {
        if (strcmp(w->sc->states[j].subregion, region) == 0) {
            n++;
            yes += adopted(w, j, x);
        }
    }
    return (double)yes / (double)n;
}

/* Emulation E_iX = sum_j w_ij y_jX / sum_j w_ij, times (1 + Delta) in a cascade. */
static double emulation(const ps_world *w, size_t i, ps_action x)
{
    const double *sim = &w->similarity[i * w->n_states];
    double num = 0.0, den = 0.0;
    for (size_t j = 0; j < w->n_states; j++) {
        num += sim[j] * (adopted(w, j, x) ? 1.0 : 0.0);
        den += sim[j];
    }
    double E = den > 0.0 ? num / den : 0.0;
    bool cascade = subregion_share(w, i, x) >= w->sc->cascade_threshold;
    return E * (cascade ? 1.0 + w->sc->cascade_boost : 1.0);
}

static double coercion(const ps_world *w, size_t i, ps_action x)
{
    const ps_state_spec *s = &w->sc->states[i];
    if (!ps_world_patron_active(w, i)) {
        return 0.0;
    }
    double demand = x == PS_ACT_RATIFY ? s->patron_demand_ratify : s->patron_demand_law;
    return s->patron_leverage * demand;
}

static double pressure_on(const ps_world *w, size_t i, ps_action x)
{
    const double *A = &w->state_A[i * PS_N_CHANNELS];
    switch (x) {
    case PS_ACT_RATIFY:
        return A[PS_CH_RAT];
    case PS_ACT_ADMIN:
        return fmin(1.0, A[PS_CH_LEG] + A[PS_CH_IMP]);
    default:
        return A[PS_CH_LEG];
    }
}

/* The yearly hazard of docs/model.md §7.3 in event-history form; 0 for the accession
 * of a territory that cannot accede by itself (state.can_accede). */
static double hazard(const ps_world *w, size_t i, ps_action x)
{
    const ps_hazard_params *b = &w->sc->hazard[x];
    const ps_state_spec *s = &w->sc->states[i];
    if (x == PS_ACT_RATIFY && !s->can_accede) {
        return 0.0;
    }
    double logit = b->alpha + b->pressure * pressure_on(w, i, x) +
                   b->emulation * w->state_E[i * PS_N_ACTIONS + x] +
                   b->coercion * w->state_C[i * PS_N_ACTIONS + x] +
                   b->democracy * s->democracy - b->securitisation * w->state_S[i] -
                   b->magnet * w->state_K[i];
    return ps_logistic(logit);
}

static void assess(ps_world *w, size_t i)
{
    const ps_state_spec *s = &w->sc->states[i];
    double capacity = fmax(s->capacity, 1e-6);
    w->state_K[i] = log1p(12.0 * w->state_mavg[i] / (capacity * w->sc->burden_scale));
    for (int x = 0; x < PS_N_ACTIONS; x++) {
        w->state_E[i * PS_N_ACTIONS + x] = emulation(w, i, (ps_action)x);
        w->state_C[i * PS_N_ACTIONS + x] = coercion(w, i, (ps_action)x);
    }
    for (int x = 0; x < PS_N_ACTIONS; x++) {
        w->state_hazard[i * PS_N_ACTIONS + x] = hazard(w, i, (ps_action)x);
    }
}

static bool happens(const ps_world *w, size_t i, ps_action x, double u)
{
    return u < ps_monthly(w->state_hazard[i * PS_N_ACTIONS + x]);
}

static void step_law(ps_world *w, size_t i, int level, ps_event_type ev)
{
    w->state_law[i] = level;
    ps_world_add_event(w, ev, (long)i, -1, (double)level);
}

/* Adoption draws; laws are never repealed (docs/model.md §7.3). */
static void adopt(ps_world *w, size_t i, const double *u)
{
    if (!w->state_ratified[i] && happens(w, i, PS_ACT_RATIFY, u[U_RATIFY])) {
        w->state_ratified[i] = true;
        ps_world_add_event(w, PS_EV_RATIFICATION, (long)i, -1, 1.0);
    }
    if (w->state_law[i] == 0 && happens(w, i, PS_ACT_ADMIN, u[U_FRAMEWORK])) {
        step_law(w, i, 1, PS_EV_ADMIN_STEP);
    } else if (w->state_law[i] == 1 && happens(w, i, PS_ACT_REGULATE, u[U_FRAMEWORK])) {
        step_law(w, i, 2, PS_EV_REGULATION);
    }
    if (w->state_bill[i]) {
        if (happens(w, i, PS_ACT_PASS, u[U_BILL])) {
            w->state_bill[i] = false;
            step_law(w, i, 3, PS_EV_STATUTE);
        } else if (u[U_LAPSE] < ps_monthly(w->sc->bill_lapse_per_year)) {
            w->state_bill[i] = false;
            ps_world_add_event(w, PS_EV_BILL_LAPSE, (long)i, -1, 0.0);
        }
    } else if (w->state_law[i] < 3 && happens(w, i, PS_ACT_BILL, u[U_BILL])) {
        w->state_bill[i] = true;
        ps_world_add_event(w, PS_EV_BILL, (long)i, -1, 1.0);
    }
}

/* The institutional term I (1 - S) Cap of the implementation targets (docs/model.md
 * §7.4) and of the coverage of a state's own RSD (§7.3). */
static double institutions(const ps_world *w, size_t i)
{
    return ps_world_institutionalisation(w, i) * (1.0 - w->state_S[i]) *
           w->sc->states[i].capacity;
}

/* Decisions per month UNHCR made in state i: over the last 12 months (fewer early in
 * the run); in the first month, what UNHCR's capacity gives its claims now. */
static double unhcr_decisions(const ps_world *w, size_t i)
{
    if (w->t == 0) {
        return ps_world_unhcr_share(w) * ps_world_in_status(w, i, PS_RS_PENDING);
    }
    double months = w->t < 12 ? (double)w->t : 12.0;
    return (double)ps_world_flow_12m(w, i, PS_FLOW_DECISIONS) / months;
}

/* Where a state has a procedure in regulation and the capacity, UNHCR hands RSD over.
 * The caseload and the decision work pass to the state: pending claims stay and are
 * decided by the state, whose capacity starts from what UNHCR decided there; UNHCR's
 * capacity is freed (step_unhcr.c). docs/model.md §7.3, §10 item 49. */
static void handover(ps_world *w, size_t i, double u)
{
    const ps_scenario *sc = w->sc;
    bool ready = w->state_rsd[i] == PS_RSD_UNHCR && w->state_law[i] >= 2 &&
                 sc->states[i].capacity >= sc->handover_capacity;
    if (ready && u < ps_monthly(sc->handover_per_year)) {
        double taken = unhcr_decisions(w, i);
        w->state_rsd[i] = PS_RSD_STATE;
        w->state_took_over[i] = true;
        w->state_capacity[i] = taken;
        w->state_freed[i] = taken;
        ps_world_add_event(w, PS_EV_HANDOVER, (long)i, -1, (double)PS_RSD_STATE);
    }
}

/* After a handover the state's capacity follows its claims at a coverage that grows
 * with its institutions: target = (coverage + gain I (1 - S) Cap) x claims lodged per
 * month over the last 12 months (docs/model.md §7.3). */
static void follow_capacity(ps_world *w, size_t i)
{
    const ps_scenario *sc = w->sc;
    if (!w->state_took_over[i]) {
        return;
    }
    double months = w->t < 12 ? fmax(1.0, (double)w->t) : 12.0;
    double claims = (double)ps_world_flow_12m(w, i, PS_FLOW_REGISTRATIONS) / months;
    double coverage =
        sc->rsd_coverage + sc->rsd_coverage_institutions * institutions(w, i);
    double rate = fmin(1.0, sc->rsd_capacity_speed / 12.0);
    w->state_capacity[i] += rate * (coverage * claims - w->state_capacity[i]);
}

/* Log-odds of a share, kept finite: shares are clamped to [eps, 1 - eps]. */
static double logit(double p)
{
    double q = fmin(fmax(p, PS_FAIR_EPS), 1.0 - PS_FAIR_EPS);
    return log(q / (1.0 - q));
}

double ps_state_fair_intercept(const ps_world *w, size_t i)
{
    const ps_impl_params *c = &w->sc->impl[PS_P_FAIR];
    return logit(w->state_P[i * PS_N_COMPONENTS + PS_P_FAIR]) -
           c->institutions * institutions(w, i);
}

double ps_state_fair_default_intercept(const ps_scenario *sc)
{
    return logit(sc->impl[PS_P_FAIR].base);
}

/* Targets of docs/model.md §7.4. Fairness moves in log-odds from the state's own
 * intercept, so that work shifts the odds of recognition and states keep their own
 * level (§10 item 50); the other components are shares of one common base. */
void ps_state_targets(const ps_world *w, size_t i, double *target)
{
    const ps_scenario *sc = w->sc;
    const double *A = &w->state_A[i * PS_N_CHANNELS];
    double inst = institutions(w, i);
    for (int k = 0; k < PS_N_COMPONENTS; k++) {
        const ps_impl_params *c = &sc->impl[k];
        double gains = c->institutions * inst + c->imp_pressure * A[PS_CH_IMP] +
                       c->srv_pressure * A[PS_CH_SRV] - c->shock * w->state_shock[i];
        target[k] = k == PS_P_FAIR ? ps_logistic(w->state_fair_b[i] + gains)
                                   : ps_clamp01(c->base + gains);
    }
}

/* P moves toward its target at eta_k per year (docs/model.md §7.4). */
static void implement(ps_world *w, size_t i)
{
    double target[PS_N_COMPONENTS];
    ps_state_targets(w, i, target);
    double *P = &w->state_P[i * PS_N_COMPONENTS];
    for (int k = 0; k < PS_N_COMPONENTS; k++) {
        double rate = fmin(1.0, w->sc->impl[k].speed / 12.0);
        P[k] += rate * (target[k] - P[k]);
    }
}

void ps_step_state(ps_world *w)
{
    for (size_t i = 0; i < w->n_states; i++) {
        securitise(w, i);
    }
    for (size_t i = 0; i < w->n_states; i++) { /* all states see the same start */
        assess(w, i);
    }
    for (size_t i = 0; i < w->n_states; i++) {
        double u[N_UNIFORMS];
        for (int k = 0; k < N_UNIFORMS; k++) {
            u[k] = gsl_rng_uniform(w->rng_state);
        }
        adopt(w, i, u);
        follow_capacity(w, i); /* from the month after its handover */
        handover(w, i, u[U_HANDOVER]);
        implement(w, i);
    }
}
