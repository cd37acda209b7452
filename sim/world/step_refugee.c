/* step_refugee.c - refugees: the monthly transition table, the kernel over blocks,
 * flows, arrivals and compaction (docs/model.md §3 step 6, §7.5). Writes the refugee
 * arrays, table, tallies, count, moves, wait, arrived, exits_total, flow_history. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_refugee.h"
#include "world_fields.h"

/* One cell's moves before they become thresholds: competing risks, each a monthly
 * hazard (rate), some split between two moves (decided: recognised or rejected). */
typedef struct {
    int n;
    int move[PS_MOVE_SLOTS];
    double hazard[PS_MOVE_SLOTS];
} risks;

/* Monthly hazards of one state this month that do not depend on origin or duration
 * (docs/model.md §7.5). A monthly probability p is the hazard -ln(1 - p). */
typedef struct {
    size_t i;
    double h_register, h_decide, rec_state, rec_unhcr, h_grant, h_release;
    double h_resettle[PS_DCLASSES], h_integrate;
    double atd_share, h_det[PS_N_PRESENT]; /* detention by status */
    double ref_year;                       /* refoulement hazard before patron demand */
    int recog_move;                        /* RECOG_STATE, RECOG_UNHCR or RECOG_JOINT */
} state_ctx;

/* Hazards of one origin in that state: return, refoulement, recognition share. */
typedef struct {
    double h_return, h_refoule, rec;
} origin_ctx;

/* The hazard of a monthly probability; a certain move gets a hazard that makes it
 * happen with probability 1 - 1e-12. */
static double hazard_of(double p)
{
    return p > 0.0 ? -log1p(-fmin(p, 1.0 - 1e-12)) : 0.0;
}

/* The monthly hazard of a yearly probability: -ln(1 - h) / 12 (docs/model.md §2). */
static double monthly_hazard(double h_per_year)
{
    double h = ps_clamp01(h_per_year);
    return h >= 1.0 ? hazard_of(1.0) : -log1p(-h) / 12.0;
}

static void add_risk(risks *r, int move, double hazard)
{
    if (hazard > 0.0) {
        r->move[r->n] = move;
        r->hazard[r->n++] = hazard;
    }
}

static void add_split(risks *r, int move_a, int move_b, double hazard, double share_a)
{
    if (hazard > 0.0) {
        r->move[r->n] = move_a;
        r->hazard[r->n++] = hazard * share_a;
        r->move[r->n] = move_b;
        r->hazard[r->n++] = hazard * (1.0 - share_a);
    }
}

static uint32_t to_threshold(double cum)
{
    double v = cum * 4294967296.0;
    return v >= 4294967295.0 ? 4294967295u : (uint32_t)v;
}

/* Competing risks drawn once: with hazards h_k and H = sum h_k, move k happens first
 * within the month with probability h_k / H (1 - exp(-H)). Thresholds are the
 * cumulative probabilities; unused slots repeat the last one. */
static void write_cell(ps_table *tab, size_t cell, const risks *r)
{
    uint32_t *thr = &tab->thr[cell * PS_MOVE_SLOTS];
    uint8_t *move = &tab->move[cell * PS_MOVE_SLOTS];
    double H = 0.0;
    for (int k = 0; k < r->n; k++) {
        H += r->hazard[k];
    }
    double scale = H > 0.0 ? -expm1(-H) / H : 0.0, cum = 0.0;
    for (int k = 0; k < PS_MOVE_SLOTS; k++) {
        if (k < r->n) {
            cum += r->hazard[k] * scale;
        }
        thr[k] = to_threshold(cum);
        move[k] = (uint8_t)(k < r->n ? r->move[k] : PS_MV_STAY);
    }
    tab->stay[cell] = thr[PS_MOVE_SLOTS - 1];
}

static double year_return(const ps_world *w, size_t i, size_t o)
{
    const ps_state_spec *s = &w->sc->states[i];
    double rate = w->sc->origins[o].return_per_year;
    for (size_t k = 0; k < s->n_return_waves; k++) {
        const ps_return_wave *wave = &s->return_waves[k];
        if (wave->origin == o && wave->year == w->month / 12) {
            rate += wave->rate_per_year;
        }
    }
    return rate;
}

/* Recognition chance of a decided claim of origin o: the state's (fair procedure),
 * UNHCR's mandate rate, or their mean under joint RSD; legal aid raises both. */
static double recognition(const ps_world *w, const state_ctx *c, size_t o)
{
    const ps_origin_spec *origin = &w->sc->origins[o];
    double state = c->rec_state * origin->recognition;
    double unhcr = c->rec_unhcr * origin->mandate_recognition;
    double rec = c->recog_move == PS_MV_RECOG_STATE   ? state
                 : c->recog_move == PS_MV_RECOG_UNHCR ? unhcr
                                                      : 0.5 * (state + unhcr);
    return ps_clamp01(rec);
}

static void origin_context(const ps_world *w, const state_ctx *c, size_t o,
                           origin_ctx *oc)
{
    const ps_state_spec *s = &w->sc->states[c->i];
    double patron = 0.0;
    if (ps_world_patron_active(w, c->i) && s->patron_refoule_origin[o]) {
        patron = s->patron_leverage * s->patron_demand_refoulement;
    }
    oc->h_return = monthly_hazard(year_return(w, c->i, o));
    oc->h_refoule = monthly_hazard(c->ref_year * (1.0 + patron));
    oc->rec = recognition(w, c, o);
}

static void detention(risks *r, const state_ctx *c, int code)
{
    add_split(r, PS_MV_DETAIN, PS_MV_ATD, c->h_det[code], 1.0 - c->atd_share);
}

/* The moves open to an agent of status code and duration class d. MANDATE refugees
 * face refoulement at half the rate (docs/model.md §7.5). */
static void cell_risks(const state_ctx *c, const origin_ctx *oc, int code, int d,
                       risks *r)
{
    r->n = 0;
    switch (code) {
    case PS_RS_UNREGISTERED:
        add_risk(r, PS_MV_RETURN, oc->h_return);
        add_risk(r, PS_MV_REFOULE, oc->h_refoule);
        add_risk(r, PS_MV_REGISTER, c->h_register);
        detention(r, c, code);
        break;
    case PS_RS_PENDING:
        add_risk(r, PS_MV_RETURN, oc->h_return);
        add_split(r, c->recog_move, PS_MV_REJECT, c->h_decide, oc->rec);
        detention(r, c, code);
        break;
    case PS_RS_MANDATE:
        add_risk(r, PS_MV_RESETTLE, c->h_resettle[d]);
        add_risk(r, PS_MV_RETURN, oc->h_return);
        add_risk(r, PS_MV_REFOULE, 0.5 * oc->h_refoule);
        add_risk(r, PS_MV_GRANT, c->h_grant);
        detention(r, c, code);
        break;
    case PS_RS_REJECTED:
        add_risk(r, PS_MV_RETURN, oc->h_return);
        add_risk(r, PS_MV_REFOULE, oc->h_refoule);
        detention(r, c, code);
        break;
    case PS_RS_PROTECTED:
        add_risk(r, PS_MV_RESETTLE, c->h_resettle[d]);
        add_risk(r, PS_MV_RETURN, oc->h_return);
        add_risk(r, PS_MV_INTEGRATE, d == PS_DCLASSES - 1 ? c->h_integrate : 0.0);
        break;
    case PS_RS_DETAINED:
        add_risk(r, PS_MV_REFOULE, oc->h_refoule);
        add_risk(r, PS_MV_RELEASE, c->h_release);
        break;
    case PS_RS_ATD:
        add_risk(r, PS_MV_RELEASE, c->h_release);
        break;
    default: /* PS_GONE: no moves */
        break;
    }
}

static double agents_in(const ps_world *w, size_t i, int code, int d)
{
    return (double)
        w->count[(i * PS_STATUS_CODES + (size_t)code) * PS_DCLASSES + (size_t)d];
}

/* Resettlement places go to recognised refugees (MANDATE, PROTECTED) of all states,
 * weighted by time waited, 1 + gain x duration class, and by the state's
 * resettlement_weight. p_by_class[d] is the chance at weight 1; a state's agents get
 * min(1, weight x p_by_class[d]). */
static void resettlement(const ps_world *w, double *p_by_class)
{
    double gain = w->sc->resettlement_wait_gain, weighted = 0.0;
    for (size_t i = 0; i < w->n_states; i++) {
        double weight = w->sc->states[i].resettlement_weight;
        for (int d = 0; d < PS_DCLASSES; d++) {
            weighted += weight *
                        (agents_in(w, i, PS_RS_MANDATE, d) +
                         agents_in(w, i, PS_RS_PROTECTED, d)) *
                        (1.0 + gain * d);
        }
    }
    for (int d = 0; d < PS_DCLASSES; d++) {
        p_by_class[d] =
            weighted > 0.0 ? w->unhcr_quota * (1.0 + gain * d) / weighted : 0.0;
    }
}

/* Decisions this month: min(1, capacity / backlog) with the state's capacity, UNHCR's
 * capacity shared by backlog, or both under joint RSD. */
static double decide_probability(const ps_world *w, size_t i, double unhcr_share)
{
    double backlog = ps_world_in_status(w, i, PS_RS_PENDING);
    double own = w->state_capacity[i];
    switch (w->state_rsd[i]) {
    case PS_RSD_STATE:
        return backlog > 0.0 ? fmin(1.0, own / backlog) : 1.0;
    case PS_RSD_UNHCR:
        return unhcr_share;
    case PS_RSD_JOINT:
        return fmin(1.0, (backlog > 0.0 ? own / backlog : 1.0) + unhcr_share);
    default:
        return 0.0;
    }
}

static int recognition_move(ps_rsd rsd)
{
    return rsd == PS_RSD_UNHCR   ? PS_MV_RECOG_UNHCR
           : rsd == PS_RSD_JOINT ? PS_MV_RECOG_JOINT
                                 : PS_MV_RECOG_STATE;
}

static void state_context(const ps_world *w, size_t i, double unhcr_share,
                          const double *p_resettle, state_ctx *c)
{
    const ps_scenario *sc = w->sc;
    const double *P = &w->state_P[i * PS_N_COMPONENTS];
    const double *A = &w->state_A[i * PS_N_CHANNELS];
    double S = w->state_S[i], legal_aid = 1.0 + sc->legal_aid_boost * A[PS_CH_SRV];
    double detain = (1.0 - P[PS_P_LIBERTY]) * (1.0 + S);
    bool durable = w->state_law[i] == 3 || w->state_ratified[i];
    *c = (state_ctx){.i = i, .recog_move = recognition_move(w->state_rsd[i])};
    c->h_register = monthly_hazard(sc->access_per_year *
                                   (P[PS_P_ACCESS] + sc->services_boost * A[PS_CH_SRV]));
    c->h_decide = hazard_of(decide_probability(w, i, unhcr_share));
    c->rec_state = P[PS_P_FAIR] * legal_aid;
    c->rec_unhcr = legal_aid;
    c->h_grant = monthly_hazard(sc->status_per_year * P[PS_P_STATUS]);
    c->h_release = 1.0 / sc->detention_months; /* a mean stay of detention_months */
    for (int d = 0; d < PS_DCLASSES; d++) {
        c->h_resettle[d] =
            hazard_of(fmin(1.0, sc->states[i].resettlement_weight * p_resettle[d]));
    }
    c->h_integrate =
        durable ? monthly_hazard(sc->integration_per_year * P[PS_P_RIGHTS]) : 0.0;
    c->atd_share = ps_clamp01(P[PS_P_LIBERTY] * A[PS_CH_IMP]);
    c->h_det[PS_RS_UNREGISTERED] = monthly_hazard(sc->detention_unregistered * detain);
    c->h_det[PS_RS_PENDING] = monthly_hazard(sc->detention_pending * detain);
    c->h_det[PS_RS_MANDATE] = monthly_hazard(sc->detention_mandate * detain);
    c->h_det[PS_RS_REJECTED] = monthly_hazard(sc->detention_rejected * detain);
    c->ref_year = sc->refoulement_per_year * S * S * (1.0 - P[PS_P_NONREF]);
}

/* Hazards are positive (add_risk keeps no other), so == is equality of the bits. */
static bool same_risks(const risks *a, const risks *b)
{
    bool same = a->n == b->n;
    for (int k = 0; same && k < a->n; k++) {
        same = a->move[k] == b->move[k] && a->hazard[k] == b->hazard[k];
    }
    return same;
}

static void copy_cell(ps_table *tab, size_t to, size_t from)
{
    memcpy(&tab->thr[to * PS_MOVE_SLOTS], &tab->thr[from * PS_MOVE_SLOTS],
           PS_MOVE_SLOTS * sizeof *tab->thr);
    memcpy(&tab->move[to * PS_MOVE_SLOTS], &tab->move[from * PS_MOVE_SLOTS],
           PS_MOVE_SLOTS * sizeof *tab->move);
    tab->stay[to] = tab->stay[from];
}

/* The cells of group g. Most statuses have the same risks in every duration class:
 * a cell whose risks equal the previous class's (bit for bit) is a copy of it, which
 * spares an expm1 and the thresholds and gives the same bytes. */
static void write_group(ps_table *tab, size_t g, const state_ctx *c, const origin_ctx *oc)
{
    for (int code = 0; code < PS_STATUS_CODES; code++) {
        risks r[2];
        for (int d = 0; d < PS_DCLASSES; d++) {
            risks *now = &r[d % 2];
            cell_risks(c, oc, code, d, now);
            if (d > 0 && same_risks(now, &r[(d + 1) % 2])) {
                copy_cell(tab, ps_table_cell(g, code, d), ps_table_cell(g, code, d - 1));
            } else {
                write_cell(tab, ps_table_cell(g, code, d), now);
            }
        }
    }
}

/* Rebuild the transition table from this step's P, S, pressures and capacities. */
static void build_table(ps_world *w)
{
    double p_resettle[PS_DCLASSES];
    resettlement(w, p_resettle);
    double unhcr_share = ps_world_unhcr_share(w);
    for (size_t i = 0; i < w->n_states; i++) {
        state_ctx c;
        state_context(w, i, unhcr_share, p_resettle, &c);
        for (size_t o = 0; o < w->n_origins; o++) {
            origin_ctx oc;
            origin_context(w, &c, o, &oc);
            write_group(&w->table, i * w->n_origins + o, &c, &oc);
        }
    }
}

static void zero_tally(ps_tally *t, size_t n_states)
{
    memset(t->count, 0, n_states * PS_STATUS_CODES * PS_DCLASSES * sizeof *t->count);
    memset(t->moves, 0, n_states * PS_N_MOVES * sizeof *t->moves);
    memset(t->wait, 0, n_states * sizeof *t->wait);
    memset(t->saturated, 0, n_states * sizeof *t->saturated);
}

/* Every PENDING agent below the saturation ages a month unless it moves; the kernel
 * takes the month back from those that move (kernel_refugee.c: move_agent). */
static void credit_waiting(ps_world *w)
{
    for (size_t i = 0; i < w->n_states; i++) {
        w->wait[i] += (int64_t)ps_world_in_status(w, i, PS_RS_PENDING) - w->saturated[i];
    }
}

/* Every block draws from its own stream (seed, block, step): the result does not
 * depend on which thread runs which block. */
static void run_blocks(ps_world *w)
{
    size_t n_blocks = (w->ref.n + PS_BLOCK_AGENTS - 1) / PS_BLOCK_AGENTS;
    long nb = (long)n_blocks;
    int threads = w->n_threads > 0 ? w->n_threads : 1;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (long b = 0; b < nb; b++) {
        size_t begin = (size_t)b * PS_BLOCK_AGENTS;
        size_t end =
            begin + PS_BLOCK_AGENTS < w->ref.n ? begin + PS_BLOCK_AGENTS : w->ref.n;
        uint64_t key = ps_rng_key(w->seed, PS_STREAM_BLOCK + (uint64_t)b, w->t);
        zero_tally(&w->tally[b], w->n_states);
        ps_kernel_block(w->kernel, &w->table, &w->ref, begin, end, key, &w->tally[b]);
    }
    (void)threads;
}

/* Add the blocks' changes to the world's totals (integers: the order does not matter). */
static void reduce_tallies(ps_world *w)
{
    size_t S = w->n_states, n_blocks = (w->ref.n + PS_BLOCK_AGENTS - 1) / PS_BLOCK_AGENTS;
    size_t n_count = S * PS_STATUS_CODES * PS_DCLASSES, n_moves = S * PS_N_MOVES;
    memset(w->moves, 0, n_moves * sizeof *w->moves);
    for (size_t b = 0; b < n_blocks; b++) {
        for (size_t k = 0; k < n_count; k++) {
            w->count[k] += w->tally[b].count[k];
        }
        for (size_t k = 0; k < n_moves; k++) {
            w->moves[k] += w->tally[b].moves[k];
        }
        for (size_t i = 0; i < S; i++) {
            w->wait[i] += w->tally[b].wait[i];
            w->saturated[i] += w->tally[b].saturated[i];
        }
    }
}

/* Flows of docs/model.md §8 from the month's moves, into the 12-month ring. */
static void record_flows(ps_world *w)
{
    for (size_t i = 0; i < w->n_states; i++) {
        const int64_t *m = &w->moves[i * PS_N_MOVES];
        int64_t *f = &w->flow_history[((w->t % 12) * w->n_states + i) * PS_N_FLOWS];
        f[PS_FLOW_ARRIVALS] = w->arrived[i];
        f[PS_FLOW_REGISTRATIONS] = m[PS_MV_REGISTER];
        f[PS_FLOW_RECOGNITIONS_STATE] = m[PS_MV_RECOG_STATE] + m[PS_MV_RECOG_JOINT];
        f[PS_FLOW_RECOGNITIONS_UNHCR] = m[PS_MV_RECOG_UNHCR];
        f[PS_FLOW_REJECTIONS] = m[PS_MV_REJECT];
        f[PS_FLOW_DECISIONS] = f[PS_FLOW_RECOGNITIONS_STATE] +
                               f[PS_FLOW_RECOGNITIONS_UNHCR] + f[PS_FLOW_REJECTIONS];
        f[PS_FLOW_STATUS_GRANTS] = m[PS_MV_GRANT];
        f[PS_FLOW_DETENTIONS] = m[PS_MV_DETAIN];
        f[PS_FLOW_ATD_PLACEMENTS] = m[PS_MV_ATD];
        f[PS_FLOW_RELEASES] = m[PS_MV_RELEASE];
        f[PS_FLOW_REFOULEMENTS] = m[PS_MV_REFOULE];
        f[PS_FLOW_RESETTLEMENTS] = m[PS_MV_RESETTLE];
        f[PS_FLOW_RETURNS] = m[PS_MV_RETURN];
        f[PS_FLOW_INTEGRATIONS] = m[PS_MV_INTEGRATE];
        int64_t *exits = &w->exits_total[i * 4];
        exits[0] += m[PS_MV_RESETTLE];
        exits[1] += m[PS_MV_RETURN];
        exits[2] += m[PS_MV_INTEGRATE];
        exits[3] += m[PS_MV_REFOULE];
    }
}

static ps_status grow_tallies(ps_world *w, size_t n_blocks, ps_error *err)
{
    if (n_blocks <= w->n_blocks_cap) {
        return PS_OK;
    }
    ps_tally *t = realloc(w->tally, n_blocks * sizeof *t);
    if (t == NULL) {
        return ps_fail(err, PS_ENOMEM, "refugees: cannot allocate %zu blocks", n_blocks);
    }
    w->tally = t;
    size_t S = w->n_states;
    for (size_t b = w->n_blocks_cap; b < n_blocks; b++) {
        t[b].count = calloc(S * PS_STATUS_CODES * PS_DCLASSES, sizeof *t[b].count);
        t[b].moves = calloc(S * PS_N_MOVES, sizeof *t[b].moves);
        t[b].wait = calloc(S, sizeof *t[b].wait);
        t[b].saturated = calloc(S, sizeof *t[b].saturated);
        w->n_blocks_cap = b + 1; /* so destroy frees what was allocated */
        if (t[b].count == NULL || t[b].moves == NULL || t[b].wait == NULL ||
            t[b].saturated == NULL) {
            return ps_fail(err, PS_ENOMEM, "refugees: cannot allocate block %zu", b);
        }
    }
    return PS_OK;
}

static bool grow_array(void **a, size_t cap, size_t size)
{
    void *p = realloc(*a, cap * size);
    if (p != NULL) {
        *a = p;
    }
    return p != NULL;
}

ps_status ps_world_grow_refugees(ps_world *w, size_t need, ps_error *err)
{
    if (need > w->ref.cap) {
        size_t cap =
            need > w->ref.cap + w->ref.cap / 2 ? need : w->ref.cap + w->ref.cap / 2;
        bool ok = true;
#define GROW_AGENTS(field)                                                               \
    ok = ok && grow_array((void **)&w->field, cap, sizeof *w->field);
#define NO_ROW(...)
        PS_WORLD_FIELDS(NO_ROW, NO_ROW, NO_ROW, GROW_AGENTS, NO_ROW) /* world_fields.h */
#undef GROW_AGENTS
#undef NO_ROW
        if (!ok) {
            return ps_fail(err, PS_ENOMEM, "refugees: cannot allocate %zu agents", cap);
        }
        w->ref.cap = cap;
    }
    return grow_tallies(w, (w->ref.cap + PS_BLOCK_AGENTS - 1) / PS_BLOCK_AGENTS, err);
}

/* New arrivals enter as UNREGISTERED at the end of the arrays (docs/model.md §7.5). */
static ps_status add_arrivals(ps_world *w, ps_error *err)
{
    size_t total = 0;
    for (size_t k = 0; k < w->n_states * w->n_origins; k++) {
        total += w->state_new_agents[k];
    }
    ps_status st = ps_world_grow_refugees(w, w->ref.n + total, err);
    for (size_t i = 0; st == PS_OK && i < w->n_states; i++) {
        w->arrived[i] = 0;
        for (size_t o = 0; o < w->n_origins; o++) {
            size_t n = w->state_new_agents[i * w->n_origins + o], at = w->ref.n;
            for (size_t a = at; a < at + n; a++) {
                w->ref.group[a] = (uint16_t)(i * w->n_origins + o);
                w->ref.state[a] = ps_agent_state(PS_RS_UNREGISTERED, 0, 0);
            }
            w->ref.n += n;
            w->arrived[i] += (int64_t)n;
        }
        w->count[(i * PS_STATUS_CODES + PS_RS_UNREGISTERED) * PS_DCLASSES] +=
            w->arrived[i];
    }
    return st;
}

/* Drop agents that have left, keeping the order of the rest (so results do not depend
 * on threads). Done in December, and whenever a quarter of the arrays is gone. */
static void compact(ps_world *w)
{
    double gone = 0.0;
    for (size_t i = 0; i < w->n_states; i++) {
        gone += ps_world_in_status(w, i, PS_GONE);
    }
    if (gone == 0.0 || (w->month % 12 != 11 && gone < 0.25 * (double)w->ref.n)) {
        return;
    }
    size_t kept = 0;
    uint16_t *group = w->ref.group, *state = w->ref.state;
    for (size_t r = 0; r < w->ref.n; r++) { /* without a branch: written, kept or not */
        uint16_t st = state[r];
        group[kept] = group[r];
        state[kept] = st;
        kept += ps_agent_code(st) != PS_GONE;
    }
    w->ref.n = kept;
    for (size_t i = 0; i < w->n_states; i++) {
        memset(&w->count[(i * PS_STATUS_CODES + PS_GONE) * PS_DCLASSES], 0,
               PS_DCLASSES * sizeof *w->count);
    }
}

void ps_refugee_tally(ps_world *w)
{
    memset(w->count, 0, w->n_states * PS_STATUS_CODES * PS_DCLASSES * sizeof *w->count);
    memset(w->wait, 0, w->n_states * sizeof *w->wait);
    memset(w->saturated, 0, w->n_states * sizeof *w->saturated);
    for (size_t r = 0; r < w->ref.n; r++) {
        int code = ps_agent_code(w->ref.state[r]), m = ps_agent_months(w->ref.state[r]);
        size_t h = w->ref.group[r] / w->n_origins;
        w->count[(h * PS_STATUS_CODES + (size_t)code) * PS_DCLASSES +
                 (size_t)ps_dclass(m)]++;
        w->wait[h] += code == PS_RS_PENDING ? m : 0;
        w->saturated[h] += code == PS_RS_PENDING && m == PS_MONTHS_MAX;
    }
}

ps_status ps_step_refugee(ps_world *w, ps_error *err)
{
    build_table(w);
    credit_waiting(w);
    run_blocks(w);
    reduce_tallies(w);
    ps_status st = add_arrivals(w, err);
    if (st != PS_OK) {
        return st;
    }
    record_flows(w);
    compact(w);
    return PS_OK;
}
