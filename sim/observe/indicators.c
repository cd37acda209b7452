/* indicators.c - observations of the world after a step, in persons (docs/model.md §8).
 * Reads the world only. Ratios with an empty denominator are NaN. */
#include "protsim/indicators.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world_impl.h"

#define MAX_ARRAYS 64 /* at least the rows of PS_SERIES_LIST, plus one */

/* The arrays of ind: one per STATES or NGOS row of PS_SERIES_LIST, and ngo_member. */
typedef struct {
    double **p;
    size_t n; /* doubles */
} owned_array;

#define ARRAY_OF_TIME(field, n)
#define ARRAY_OF_SCALAR(field, n)
#define ARRAY_OF_ARRAY(field, n)
#define ARRAY_OF_STATES(field, n) {&ind->field, S * (n)},
#define ARRAY_OF_NGOS(field, n) {&ind->field, N * (n)},
#define AS_ARRAY(field, kind, n, ...) ARRAY_OF_##kind(field, n)

/* Fill arrays (room for every array) and return how many there are. */
static size_t owned_arrays(ps_indicators *ind, owned_array *arrays)
{
    size_t S = ind->n_states, N = ind->n_ngos > 0 ? ind->n_ngos : 1;
    const owned_array all[] = {PS_SERIES_LIST(AS_ARRAY){&ind->ngo_member, N}};
    _Static_assert(sizeof all / sizeof all[0] <= MAX_ARRAYS, "raise MAX_ARRAYS");
    memcpy(arrays, all, sizeof all);
    return sizeof all / sizeof all[0];
}

void ps_indicators_destroy(ps_indicators *ind)
{
    if (ind == NULL) {
        return;
    }
    owned_array arrays[MAX_ARRAYS];
    size_t n = owned_arrays(ind, arrays);
    for (size_t k = 0; k < n; k++) {
        free(*arrays[k].p);
    }
    free(ind);
}

static bool alloc_all(ps_indicators *ind)
{
    owned_array arrays[MAX_ARRAYS];
    size_t n = owned_arrays(ind, arrays);
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        *arrays[k].p = calloc(arrays[k].n, sizeof(double));
        ok = ok && *arrays[k].p != NULL;
    }
    return ok;
}

ps_status ps_indicators_create(const ps_world *w, ps_indicators **out, ps_error *err)
{
    *out = NULL;
    ps_indicators *ind = calloc(1, sizeof *ind);
    if (ind == NULL) {
        return ps_fail(err, PS_ENOMEM, "indicators: cannot allocate");
    }
    ind->n_states = w->n_states;
    ind->n_ngos = w->n_ngos;
    if (!alloc_all(ind)) {
        ps_indicators_destroy(ind);
        return ps_fail(err, PS_ENOMEM, "indicators: cannot allocate");
    }
    *out = ind;
    return PS_OK;
}

void ps_indicators_copy(ps_indicators *dst, const ps_indicators *src)
{
    assert(dst->n_states == src->n_states && dst->n_ngos == src->n_ngos);
    owned_array to[MAX_ARRAYS], from[MAX_ARRAYS];
    double *own[MAX_ARRAYS];
    size_t n = owned_arrays(dst, to);
    owned_arrays((ps_indicators *)src, from); /* only read */
    for (size_t k = 0; k < n; k++) {
        own[k] = *to[k].p;
    }
    *dst = *src; /* the values held in the struct, and src's pointers for now */
    for (size_t k = 0; k < n; k++) {
        *to[k].p = own[k];
        memcpy(own[k], *from[k].p, to[k].n * sizeof(double));
    }
}

static double ratio(double num, double den)
{
    return den > 0.0 ? num / den : NAN;
}

static void policy(const ps_world *w, ps_indicators *ind, size_t i)
{
    ind->ratified[i] = w->state_ratified[i];
    ind->law_level[i] = w->state_law[i];
    ind->bill_pending[i] = w->state_bill[i];
    ind->rsd_authority[i] = w->state_rsd[i];
    ind->securitisation[i] = w->state_S[i];
    ind->institutionalisation[i] = ps_world_institutionalisation(w, i);
    ind->gap[i] = ind->institutionalisation[i] - ps_world_mean_P(w, i);
    for (int k = 0; k < PS_N_COMPONENTS; k++) {
        ind->implementation[i * PS_N_COMPONENTS + k] =
            w->state_P[i * PS_N_COMPONENTS + k];
    }
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        ind->pressure[i * PS_N_CHANNELS + k] = w->state_A[i * PS_N_CHANNELS + k];
    }
    for (int x = 0; x < PS_N_ACTIONS; x++) {
        ind->emulation[i * PS_N_ACTIONS + x] = w->state_E[i * PS_N_ACTIONS + x];
        ind->hazard[i * PS_N_ACTIONS + x] = w->state_hazard[i * PS_N_ACTIONS + x];
    }
}

static void counts(const ps_world *w, ps_indicators *ind, size_t i)
{
    double per = 1.0 / w->sc->agents_per_person;
    for (int code = 0; code < PS_N_PRESENT; code++) {
        ind->count[i * PS_N_RSTATUS + code] = ps_world_in_status(w, i, code) * per;
    }
    for (int k = 0; k < 4; k++) {
        ind->count[i * PS_N_RSTATUS + PS_N_PRESENT + k] =
            (double)w->exits_total[i * 4 + k] * per;
    }
    for (int f = 0; f < PS_N_FLOWS; f++) {
        ind->flows[i * PS_N_FLOWS + f] =
            (double)ps_world_flow_now(w, i, (ps_flow)f) * per;
    }
}

/* The Protection Outcome Index: a weighted geometric mean of outcome components, each
 * floored, so that no component can buy off another (docs/model.md §8). */
static double poi(const ps_scenario *sc, const double *part)
{
    double log_sum = 0.0;
    for (int k = 0; k < PS_N_POI_PARTS; k++) {
        if (isnan(part[k])) {
            return NAN;
        }
        log_sum += sc->poi_weights[k] * log(fmax(sc->poi_floor, part[k]));
    }
    return exp(log_sum);
}

/* The POI's fairness: the recognition rate of the last 12 months' decisions (1 where
 * none was decided), times min(1, norm / mean wait) of the claims now waiting (1 where
 * none waits), so that waiting costs in proportion to its length (docs/model.md §8,
 * §10 item 51). rate and wait are NaN where there are no decisions or no claims. */
static double fair_part(const ps_scenario *sc, double rate, double wait)
{
    double quality = isnan(rate) ? 1.0 : rate;
    double timely =
        isnan(wait) || wait <= sc->poi_wait_norm ? 1.0 : sc->poi_wait_norm / wait;
    return quality * timely;
}

static void outcomes(const ps_world *w, ps_indicators *ind, size_t i)
{
    const ps_scenario *sc = w->sc;
    double present = ps_world_present(w, i);
    double pending = ps_world_in_status(w, i, PS_RS_PENDING);
    double decided = (double)ps_world_flow_12m(w, i, PS_FLOW_DECISIONS);
    double recognised = (double)(ps_world_flow_12m(w, i, PS_FLOW_RECOGNITIONS_STATE) +
                                 ps_world_flow_12m(w, i, PS_FLOW_RECOGNITIONS_UNHCR));
    double solved = (double)(ps_world_flow_12m(w, i, PS_FLOW_RESETTLEMENTS) +
                             ps_world_flow_12m(w, i, PS_FLOW_RETURNS) +
                             ps_world_flow_12m(w, i, PS_FLOW_INTEGRATIONS));
    double refouled = (double)ps_world_flow_12m(w, i, PS_FLOW_REFOULEMENTS);
    double mandate = ps_world_in_status(w, i, PS_RS_MANDATE);
    double prot = ps_world_in_status(w, i, PS_RS_PROTECTED);
    ind->legal_status_share[i] = ratio(prot, present);
    ind->mandate_gap[i] = ratio(mandate, mandate + prot);
    ind->detention_incidence[i] =
        ratio(ps_world_in_status(w, i, PS_RS_DETAINED), present);
    ind->recognition_rate[i] = ratio(recognised, decided);
    ind->decisions[i] = decided / sc->agents_per_person;
    bool own = w->state_rsd[i] == PS_RSD_STATE || w->state_rsd[i] == PS_RSD_JOINT;
    ind->decision_capacity[i] = own ? w->state_capacity[i] / sc->agents_per_person : 0.0;
    ind->solutions_rate[i] = ratio(solved, present);
    ind->backlog[i] = pending / sc->agents_per_person;
    ind->present[i] = present / sc->agents_per_person;
    ind->mean_wait[i] = ratio((double)w->wait[i], pending);
    ind->refouled[i] = (double)w->exits_total[i * 4 + 3] / sc->agents_per_person;
    double part[PS_N_POI_PARTS] = {
        1.0 - ratio(ps_world_in_status(w, i, PS_RS_UNREGISTERED), present),
        fair_part(sc, ind->recognition_rate[i], ind->mean_wait[i]),
        ind->legal_status_share[i],
        1.0 - ind->detention_incidence[i],
        1.0 - fmin(1.0, ratio(refouled, present) * sc->poi_refoulement_scale),
        fmin(1.0, ind->solutions_rate[i] / sc->poi_solutions_target)};
    ind->poi[i] = poi(sc, part);
}

static void ngos(const ps_world *w, ps_indicators *ind)
{
    double n_members = 0.0, n_all = 0.0;
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        ind->mean_strategy[k] = ind->mean_strategy_all[k] = 0.0;
    }
    for (size_t j = 0; j < w->n_ngos; j++) {
        bool member = w->ngo_active[j] && w->ngo_member[j];
        ind->ngo_budget[j] = w->ngo_budget[j];
        ind->ngo_active[j] = w->ngo_active[j];
        ind->ngo_member[j] = member;
        for (int k = 0; k < PS_N_CHANNELS; k++) {
            double p = w->ngo_p[j * PS_N_CHANNELS + k];
            ind->ngo_strategy[j * PS_N_CHANNELS + k] = p;
            ind->mean_strategy[k] += member ? p : 0.0;
            ind->mean_strategy_all[k] += w->ngo_active[j] ? p : 0.0;
        }
        n_members += member;
        n_all += w->ngo_active[j];
    }
    for (int k = 0; k < PS_N_CHANNELS; k++) {
        ind->mean_strategy[k] = ratio(ind->mean_strategy[k], n_members);
        ind->mean_strategy_all[k] = ratio(ind->mean_strategy_all[k], n_all);
    }
    ind->members = n_members;
}

static void network_and_unhcr(const ps_world *w, ps_indicators *ind)
{
    ind->pool = w->network_pool;
    ind->grants = w->network_grants;
    ind->consultation_participants = (double)w->network_participants;
    ind->exits = (double)w->network_exits;
    for (int k = 0; k < PS_N_PLAN_KINDS; k++) {
        ind->action_plans[k] = w->network_plans[k];
    }
    ind->ratification_emphasis = w->unhcr_emphasis;
    ind->unhcr_capacity = w->unhcr_capacity / w->sc->agents_per_person;
    ind->resettlement_used = 0.0;
    for (size_t i = 0; i < w->n_states; i++) {
        ind->resettlement_used += ind->flows[i * PS_N_FLOWS + PS_FLOW_RESETTLEMENTS];
    }
}

/* Weighted mean over states with refugees present, weights = persons present. */
static double region_mean(const ps_indicators *ind, const double *present,
                          const double *x)
{
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < ind->n_states; i++) {
        if (present[i] > 0.0 && !isnan(x[i])) {
            num += present[i] * x[i];
            den += present[i];
        }
    }
    return ratio(num, den);
}

static void region(const ps_world *w, ps_indicators *ind)
{
    double total = 0.0;
    double weights[PS_MAX_STATES];
    for (size_t i = 0; i < w->n_states; i++) {
        weights[i] = ps_world_present(w, i) / w->sc->agents_per_person;
        total += weights[i];
    }
    ind->region_refugees = total;
    ind->region_poi = region_mean(ind, weights, ind->poi);
    ind->region_legal_status_share = region_mean(ind, weights, ind->legal_status_share);
    ind->region_detention_incidence = region_mean(ind, weights, ind->detention_incidence);
    ind->region_solutions_rate = region_mean(ind, weights, ind->solutions_rate);
    ind->region_recognition_rate = region_mean(ind, weights, ind->recognition_rate);
}

void ps_indicators_compute(const ps_world *w, ps_indicators *ind)
{
    ind->time = (double)w->month / 12.0; /* the end of the month just simulated */
    for (size_t i = 0; i < w->n_states; i++) {
        policy(w, ind, i);
        counts(w, ind, i);
        outcomes(w, ind, i);
    }
    ngos(w, ind);
    network_and_unhcr(w, ind);
    region(w, ind);
}

#define PLAN_NAME_OF(id, name, doc) [id] = name,
#define PLAN_DOC_OF(id, name, doc) [id] = doc,
static const char *const PLAN_NAMES[PS_N_PLAN_KINDS] = {PS_PLAN_KIND_LIST(PLAN_NAME_OF)};
static const char *const PLAN_DOCS[PS_N_PLAN_KINDS] = {PS_PLAN_KIND_LIST(PLAN_DOC_OF)};

const char *ps_plan_kind_name(ps_plan_kind k)
{
    return k >= 0 && k < PS_N_PLAN_KINDS ? PLAN_NAMES[k] : "?";
}

const char *ps_plan_kind_doc(ps_plan_kind k)
{
    return k >= 0 && k < PS_N_PLAN_KINDS ? PLAN_DOCS[k] : "?";
}
