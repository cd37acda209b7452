/* kernel_refugee.c - one month of refugee transitions for a block of agents
 *
 * Shaped for speed (docs/performance.md). An agent is 4 bytes: its group (host state
 * and origin) and its state (status, status before detention, months in status). The
 * probabilities of every (group, status, duration class) were turned into cumulative
 * 32-bit thresholds before the loop, and the state's low five bits are the status and
 * duration class, so an agent costs half of a 64-bit draw, a load of its cell's total
 * move probability and one compare: most agents stay, and a staying agent only ages
 * by a month. Counts by state, status and duration
 * class are kept as changes: only moves and the rare crossings of a duration class
 * (months 5 -> 6, 23 -> 24, 59 -> 60) or of the saturation (254 -> 255) write them,
 * out of line. The generator's state stays in locals: behind a pointer the compiler
 * would reload it after every store.
 */
#include "kernel_refugee.h"

#include <assert.h>

static_assert(PS_STATUS_CODES == 8 && PS_DCLASSES == 4,
              "a cell is group << 5 | d << 3 | code");

const uint8_t ps_move_target[PS_N_MOVES] = {
    [PS_MV_STAY] = 0,
    [PS_MV_REGISTER] = PS_RS_PENDING,
    [PS_MV_RECOG_STATE] = PS_RS_PROTECTED,
    [PS_MV_RECOG_UNHCR] = PS_RS_MANDATE,
    [PS_MV_RECOG_JOINT] = PS_RS_PROTECTED,
    [PS_MV_REJECT] = PS_RS_REJECTED,
    [PS_MV_GRANT] = PS_RS_PROTECTED,
    [PS_MV_DETAIN] = PS_RS_DETAINED,
    [PS_MV_ATD] = PS_RS_ATD,
    [PS_MV_RELEASE] = 0,
    [PS_MV_REFOULE] = PS_GONE,
    [PS_MV_RESETTLE] = PS_GONE,
    [PS_MV_RETURN] = PS_GONE,
    [PS_MV_INTEGRATE] = PS_GONE,
};

/* By months in status: what a month more adds to a staying agent's state (256: a
 * month; 0 at PS_MONTHS_MAX, where months saturate), or EDGE where it also changes
 * the duration class or the tallies (5, 23, 59: a new class; 254: saturation). */
#define EDGE 1
#define MONTH 256
static const uint16_t AGE[PS_MONTHS_MAX + 1] = {
    MONTH, MONTH, MONTH, MONTH, MONTH, EDGE,  MONTH, MONTH, /* 0-7 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 8-15 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, EDGE,  /* 16-23 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 24-31 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 32-39 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 40-47 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 48-55 */
    MONTH, MONTH, MONTH, EDGE,  MONTH, MONTH, MONTH, MONTH, /* 56-63 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 64-71 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 72-79 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 80-87 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 88-95 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 96-103 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 104-111 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 112-119 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 120-127 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 128-135 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 136-143 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 144-151 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 152-159 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 160-167 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 168-175 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 176-183 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 184-191 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 192-199 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 200-207 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 208-215 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 216-223 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 224-231 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 232-239 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, /* 240-247 */
    MONTH, MONTH, MONTH, MONTH, MONTH, MONTH, EDGE,  0,     /* 248-255 */
};

static inline size_t count_at(size_t h, int code, int d)
{
    return (h * PS_STATUS_CODES + (size_t)code) * PS_DCLASSES + (size_t)d;
}

/* A staying agent at an edge: it enters the next duration class or saturates.
 * Returns its new state. */
static int cross_edge(ps_tally *t, size_t h, int st)
{
    int code = ps_agent_code(st), m = ps_agent_months(st);
    if (m == PS_MONTHS_MAX - 1) {
        t->saturated[h] += code == PS_RS_PENDING;
        return st + MONTH;
    }
    int d = ps_dclass(m);
    t->count[count_at(h, code, d)]--;
    t->count[count_at(h, code, d + 1)]++;
    return st + MONTH + (1 << 3);
}

/* Index of the interval of u among the cell's ascending thresholds: 0..6 when u is
 * below the last one (the caller checked). */
static inline int interval(const uint32_t *thr, uint32_t u)
{
    return (u >= thr[0]) + (u >= thr[1]) + (u >= thr[2]) + (u >= thr[3]) + (u >= thr[4]) +
           (u >= thr[5]);
}

/* The new state after a move: months 0, and for detention where to return. */
static inline int apply(int move, int code, int prev)
{
    if (move == PS_MV_RELEASE) {
        return ps_agent_state(prev, 0, 0);
    }
    if (move == PS_MV_DETAIN || move == PS_MV_ATD) {
        return ps_agent_state(ps_move_target[move], code,
                              0); /* remember where to return */
    }
    return ps_agent_state(ps_move_target[move], 0, 0);
}

/* Agent r moves: the tallies lose it from its cell and gain it at months 0. The sum of
 * months of PENDING agents was credited a month for every unsaturated one at the
 * start of the step (step_refugee.c), so a leaver takes back its months and that
 * month. */
static void move_agent(const ps_table *tab, ps_refugees *ref, size_t r, size_t cell,
                       uint32_t u, ps_tally *t)
{
    int st = ref->state[r], code = ps_agent_code(st), m = ps_agent_months(st);
    size_t h = tab->host[ref->group[r]];
    int move = tab->move[cell * PS_MOVE_SLOTS +
                         (size_t)interval(&tab->thr[cell * PS_MOVE_SLOTS], u)];
    int next = apply(move, code, ps_agent_prev(st));
    t->count[count_at(h, code, ps_dclass(m))]--;
    t->count[count_at(h, ps_agent_code(next), 0)]++;
    t->moves[h * PS_N_MOVES + (size_t)move]++;
    if (code == PS_RS_PENDING) {
        t->wait[h] -= m + (m < PS_MONTHS_MAX);
        t->saturated[h] -= m == PS_MONTHS_MAX;
    }
    ref->state[r] = (uint16_t)next;
}

/* One agent for one month: stay and age (nearly always), or move. */
static inline void step_agent(const ps_table *tab, ps_refugees *ref,
                              const uint16_t *group, uint16_t *state, size_t r,
                              uint32_t u, ps_tally *t)
{
    int st = state[r], age = AGE[st >> 8];
    size_t cell = (size_t)group[r] << 5 | (size_t)(st & 31);
    if (__builtin_expect(u < tab->stay[cell], 0)) {
        move_agent(tab, ref, r, cell, u, t);
    } else if (__builtin_expect(age == EDGE, 0)) {
        state[r] = (uint16_t)cross_edge(t, tab->host[group[r]], st);
    } else {
        state[r] = (uint16_t)(st + age); /* a month older */
    }
}

void ps_kernel_block(const ps_table *tab, ps_refugees *ref, size_t begin, size_t end,
                     uint64_t key, ps_tally *tally)
{
    ps_xoshiro x;
    ps_xoshiro_seed(&x, key);
    uint64_t s0 = x.s[0], s1 = x.s[1], s2 = x.s[2], s3 = x.s[3];
    const uint16_t *group = ref->group;
    uint16_t *state = ref->state;
    size_t r = begin;
    for (; r + 1 < end; r += 2) { /* one 64-bit draw serves two agents */
        uint64_t bits = ps_xoshiro_next(&s0, &s1, &s2, &s3);
        step_agent(tab, ref, group, state, r, (uint32_t)bits, tally);
        step_agent(tab, ref, group, state, r + 1, (uint32_t)(bits >> 32), tally);
    }
    if (r < end) {
        uint64_t bits = ps_xoshiro_next(&s0, &s1, &s2, &s3);
        step_agent(tab, ref, group, state, r, (uint32_t)bits, tally);
    }
}
