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
#include <string.h>

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

/* The tallies of a staying agent whose new state next has just entered a duration
 * class or saturated. */
static void tally_edge(ps_tally *t, size_t h, int next)
{
    int code = ps_agent_code(next), m = ps_agent_months(next);
    if (m == PS_MONTHS_MAX) {
        t->saturated[h] += code == PS_RS_PENDING;
        return;
    }
    int d = ps_dclass(m);
    t->count[count_at(h, code, d - 1)]--;
    t->count[count_at(h, code, d)]++;
}

/* A staying agent at an edge: it enters the next duration class or saturates.
 * Returns its new state. */
static int cross_edge(ps_tally *t, size_t h, int st)
{
    int next = st + MONTH + (ps_agent_months(st) == PS_MONTHS_MAX - 1 ? 0 : 1 << 3);
    tally_edge(t, h, next);
    return next;
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

/* Agent r, in state st and cell, moves: the tallies lose it from its cell and gain it
 * at months 0. The sum of months of PENDING agents was credited a month for every
 * unsaturated one at the start of the step (step_refugee.c), so a leaver takes back
 * its months and that month. */
static void move_agent(const ps_table *tab, ps_refugees *ref, size_t r, int st,
                       size_t cell, uint32_t u, ps_tally *t)
{
    int code = ps_agent_code(st), m = ps_agent_months(st);
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

static inline size_t cell_of(int group, int st)
{
    return (size_t)group << 5 | (size_t)(st & 31);
}

/* Agent r, in state st, for one month: stay and age (nearly always), or move. */
static inline void step_agent(const ps_table *tab, ps_refugees *ref, size_t r, int st,
                              uint32_t u, ps_tally *t)
{
    int group = ref->group[r], age = AGE[st >> 8];
    size_t cell = cell_of(group, st);
    if (__builtin_expect(u < tab->stay[cell], 0)) {
        move_agent(tab, ref, r, st, cell, u, t);
    } else if (__builtin_expect(age == EDGE, 0)) {
        ref->state[r] = (uint16_t)cross_edge(t, tab->host[group], st);
    } else {
        ref->state[r] = (uint16_t)(st + age); /* a month older */
    }
}

/* Agents [r, end) in groups of 2 * PS_LANES, one step of the lanes per group. */
static void block_scalar(const ps_table *tab, ps_refugees *ref, size_t r, size_t end,
                         ps_lanes *x, ps_tally *t)
{
    uint32_t u[2 * PS_LANES];
    for (; r < end; r += 2 * PS_LANES) {
        ps_lanes_next(x, u);
        size_t n = end - r < 2 * PS_LANES ? end - r : 2 * PS_LANES;
        for (size_t j = 0; j < n; j++) {
            step_agent(tab, ref, r + j, ref->state[r + j], u[j], t);
        }
    }
}

/* Agents taken 16 at a time by a vector path, and those of them it leaves to the scalar
 * code: the movers and the stayers that crossed an edge (whose new state it wrote),
 * as offsets from the chunk's first agent. */
#define CHUNK 256
typedef struct {
    uint32_t u[CHUNK];
    uint8_t moved[CHUNK + 8], edged[CHUNK + 8]; /* 8 spare: lists grow 8 bytes at once */
    size_t n_moved, n_edged;
} chunk;

/* Positions of the set bits of a byte, packed one per byte from the lowest. */
#define BIT(b, i) (((b) >> (i)) & 1u)
#define POP8(v)                                                                          \
    (BIT(v, 0) + BIT(v, 1) + BIT(v, 2) + BIT(v, 3) + BIT(v, 4) + BIT(v, 5) + BIT(v, 6) + \
     BIT(v, 7))
#define AT(b, i) (BIT(b, i) ? (uint64_t)(i) << (8 * POP8((b) & ((1u << (i)) - 1))) : 0)
#define POS(b)                                                                           \
    (AT(b, 0) | AT(b, 1) | AT(b, 2) | AT(b, 3) | AT(b, 4) | AT(b, 5) | AT(b, 6) |        \
     AT(b, 7))
#define POS4(b) POS(b), POS(b + 1), POS(b + 2), POS(b + 3)
#define POS16(b) POS4(b), POS4(b + 4), POS4(b + 8), POS4(b + 12)
#define POS64(b) POS16(b), POS16(b + 16), POS16(b + 32), POS16(b + 48)
static const uint64_t POSITIONS[256] = {POS64(0u), POS64(64u), POS64(128u), POS64(192u)};

/* The scalar half of a chunk at r: the listed movers move, the listed edge crossers
 * enter their tallies. */
static void finish_chunk(const ps_table *tab, ps_refugees *ref, size_t r, const chunk *c,
                         ps_tally *t)
{
    for (size_t k = 0; k < c->n_moved; k++) {
        size_t i = r + c->moved[k];
        int st = ref->state[i];
        move_agent(tab, ref, i, st, cell_of(ref->group[i], st), c->u[c->moved[k]], t);
    }
    for (size_t k = 0; k < c->n_edged; k++) {
        size_t i = r + c->edged[k];
        tally_edge(t, tab->host[ref->group[i]], ref->state[i]);
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* GCC emits no vzeroupper on leaving a function compiled for AVX by a target
 * attribute, and legacy SSE code run with the upper halves of the vector registers
 * dirty is slowed many times over on Intel CPUs (libm's expm1 in the transition table
 * 20 times, measured): every path calls _mm256_zeroupper before scalar code. */
#define AVX2 __attribute__((target("avx2,popcnt")))
#define AVX2_INLINE __attribute__((target("avx2,popcnt"), always_inline)) static inline

/* Four lanes of ps_lanes in registers: lanes first..first + 3. */
typedef struct {
    __m256i s0, s1, s2, s3;
} lanes4;

AVX2_INLINE __m256i rotl4(__m256i v, int k)
{
    return _mm256_or_si256(_mm256_slli_epi64(v, k), _mm256_srli_epi64(v, 64 - k));
}

/* xoshiro256** on four lanes; the multiplications by 5 and 9 as shifts and adds. */
AVX2_INLINE __m256i next4(lanes4 *x)
{
    __m256i r = _mm256_add_epi64(x->s1, _mm256_slli_epi64(x->s1, 2));
    r = rotl4(r, 7);
    r = _mm256_add_epi64(r, _mm256_slli_epi64(r, 3));
    __m256i t = _mm256_slli_epi64(x->s1, 17);
    x->s2 = _mm256_xor_si256(x->s2, x->s0);
    x->s3 = _mm256_xor_si256(x->s3, x->s1);
    x->s1 = _mm256_xor_si256(x->s1, x->s2);
    x->s0 = _mm256_xor_si256(x->s0, x->s3);
    x->s2 = _mm256_xor_si256(x->s2, t);
    x->s3 = rotl4(x->s3, 45);
    return r;
}

AVX2_INLINE lanes4 load4(const ps_lanes *x, int first)
{
    return (lanes4){_mm256_loadu_si256((const __m256i *)&x->s[0][first]),
                    _mm256_loadu_si256((const __m256i *)&x->s[1][first]),
                    _mm256_loadu_si256((const __m256i *)&x->s[2][first]),
                    _mm256_loadu_si256((const __m256i *)&x->s[3][first])};
}

AVX2_INLINE void store4(ps_lanes *x, int first, const lanes4 *l)
{
    _mm256_storeu_si256((__m256i *)&x->s[0][first], l->s0);
    _mm256_storeu_si256((__m256i *)&x->s[1][first], l->s1);
    _mm256_storeu_si256((__m256i *)&x->s[2][first], l->s2);
    _mm256_storeu_si256((__m256i *)&x->s[3][first], l->s3);
}

/* 0xFFFF in each 16-bit element where v equals k. */
AVX2_INLINE __m256i is16(__m256i v, short k)
{
    return _mm256_cmpeq_epi16(v, _mm256_set1_epi16(k));
}

/* Per 32-bit element: all ones where the agent stays (u >= stay of its cell). */
AVX2_INLINE __m256i stays8(const uint32_t *stay, __m128i group, __m128i low, __m256i u)
{
    __m256i cell = _mm256_or_si256(_mm256_slli_epi32(_mm256_cvtepu16_epi32(group), 5),
                                   _mm256_cvtepu16_epi32(low));
    __m256i total = _mm256_i32gather_epi32((const int *)stay, cell, 4);
    return _mm256_cmpeq_epi32(_mm256_max_epu32(u, total), u);
}

/* 16 agents with uniforms ua (agents 0-7) and ub (8-15): writes the new state of every
 * agent that stays (a month older, in a new duration class at months 5, 23 and 59,
 * saturated from 254) and leaves the others as they are. Returns the movers in bits
 * 0-15 and the stayers that crossed an edge in bits 16-31. */
AVX2_INLINE uint32_t group16(const uint32_t *stay, const uint16_t *group, uint16_t *state,
                             __m256i ua, __m256i ub)
{
    __m256i st = _mm256_loadu_si256((const __m256i *)state);
    __m256i gr = _mm256_loadu_si256((const __m256i *)group);
    __m256i m = _mm256_srli_epi16(st, 8), top = is16(m, PS_MONTHS_MAX - 1);
    __m256i cls = _mm256_or_si256(_mm256_or_si256(is16(m, 5), is16(m, 23)), is16(m, 59));
    __m256i add = _mm256_or_si256(
        _mm256_andnot_si256(is16(m, PS_MONTHS_MAX), _mm256_set1_epi16(MONTH)),
        _mm256_and_si256(cls, _mm256_set1_epi16(1 << 3)));
    __m256i low = _mm256_and_si256(st, _mm256_set1_epi16(31));
    __m256i sa =
        stays8(stay, _mm256_castsi256_si128(gr), _mm256_castsi256_si128(low), ua);
    __m256i sb = stays8(stay, _mm256_extracti128_si256(gr, 1),
                        _mm256_extracti128_si256(low, 1), ub);
    __m256i stays = _mm256_permute4x64_epi64(_mm256_packs_epi32(sa, sb), 0xD8);
    _mm256_storeu_si256((__m256i *)state,
                        _mm256_blendv_epi8(st, _mm256_add_epi16(st, add), stays));
    uint32_t moved = ~(uint32_t)(_mm256_movemask_ps(_mm256_castsi256_ps(sa)) |
                                 _mm256_movemask_ps(_mm256_castsi256_ps(sb)) << 8) &
                     0xFFFF;
    __m256i edge = _mm256_or_si256(cls, top);
    uint32_t edged = (uint32_t)_mm_movemask_epi8(
        _mm_packs_epi16(_mm256_castsi256_si128(edge), _mm256_extracti128_si256(edge, 1)));
    return moved | (edged & ~moved) << 16;
}

/* Append to list (of n) the agents base + i for the set bits i of mask's low byte;
 * returns the new length. Without a branch: 8 bytes are written, n grows by the
 * bits. */
AVX2_INLINE size_t append8(uint8_t *list, size_t n, uint32_t mask, size_t base)
{
    uint64_t at = POSITIONS[mask & 255] + base * 0x0101010101010101ull;
    memcpy(&list[n], &at, sizeof at); /* little-endian: the first position first */
    return n + (size_t)__builtin_popcount(mask & 255);
}

/* Agents [r, r + n) of a block, n a multiple of 16 and at most CHUNK, in vector
 * registers; their movers and edge crossers listed for the scalar code. */
AVX2_INLINE void chunk_avx2(const ps_table *tab, ps_refugees *ref, size_t r, size_t n,
                            lanes4 *a, lanes4 *b, chunk *c)
{
    const uint32_t *stay = tab->stay;
    const uint16_t *group = ref->group + r;
    uint16_t *state = ref->state + r;
    size_t n_moved = 0, n_edged = 0;
    for (size_t j = 0; j < n; j += 16) {
        __m256i ua = next4(a), ub = next4(b);
        _mm256_storeu_si256((__m256i *)&c->u[j], ua);
        _mm256_storeu_si256((__m256i *)&c->u[j + 8], ub);
        uint32_t lists = group16(stay, group + j, state + j, ua, ub);
        n_moved = append8(c->moved, n_moved, lists, j);
        n_moved = append8(c->moved, n_moved, lists >> 8, j + 8);
        n_edged = append8(c->edged, n_edged, lists >> 16, j);
        n_edged = append8(c->edged, n_edged, lists >> 24, j + 8);
    }
    c->n_moved = n_moved;
    c->n_edged = n_edged;
}

AVX2 static void block_avx2(const ps_table *tab, ps_refugees *ref, size_t r, size_t end,
                            ps_lanes *x, ps_tally *t)
{
    lanes4 a = load4(x, 0), b = load4(x, 4);
    chunk c;
    while (end - r >= 16) {
        size_t n = end - r < CHUNK ? (end - r) & ~(size_t)15 : CHUNK;
        chunk_avx2(tab, ref, r, n, &a, &b, &c);
        _mm256_zeroupper(); /* see below */
        finish_chunk(tab, ref, r, &c, t);
        r += n;
    }
    store4(x, 0, &a);
    store4(x, 4, &b);
    _mm256_zeroupper();
    block_scalar(tab, ref, r, end, x, t); /* the last agents of a short block */
}

#define AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,popcnt")))
#define AVX512_INLINE                                                                    \
    __attribute__((target("avx512f,avx512bw,avx512vl,popcnt"),                           \
                   always_inline)) static inline

/* All eight lanes of ps_lanes in registers. */
typedef struct {
    __m512i s0, s1, s2, s3;
} lanes8;

/* xoshiro256** on eight lanes: the 16 uniforms of 16 agents, agent j in element j. */
AVX512_INLINE __m512i next8(lanes8 *x)
{
    __m512i r = _mm512_add_epi64(x->s1, _mm512_slli_epi64(x->s1, 2));
    r = _mm512_rol_epi64(r, 7);
    r = _mm512_add_epi64(r, _mm512_slli_epi64(r, 3));
    __m512i t = _mm512_slli_epi64(x->s1, 17);
    x->s2 = _mm512_xor_si512(x->s2, x->s0);
    x->s3 = _mm512_xor_si512(x->s3, x->s1);
    x->s1 = _mm512_xor_si512(x->s1, x->s2);
    x->s0 = _mm512_xor_si512(x->s0, x->s3);
    x->s2 = _mm512_xor_si512(x->s2, t);
    x->s3 = _mm512_rol_epi64(x->s3, 45);
    return r;
}

AVX512_INLINE __mmask16 at16(__m256i v, short k)
{
    return _mm256_cmpeq_epi16_mask(v, _mm256_set1_epi16(k));
}

/* group16 with the 16 agents' cells gathered at once and masks in mask registers. */
AVX512_INLINE uint32_t group16_512(const uint32_t *stay, const uint16_t *group,
                                   uint16_t *state, __m512i u)
{
    __m256i st = _mm256_loadu_si256((const __m256i *)state);
    __m256i gr = _mm256_loadu_si256((const __m256i *)group);
    __m512i cell = _mm512_or_si512(
        _mm512_slli_epi32(_mm512_cvtepu16_epi32(gr), 5),
        _mm512_cvtepu16_epi32(_mm256_and_si256(st, _mm256_set1_epi16(31))));
    __m512i total = _mm512_i32gather_epi32(cell, (const int *)stay, 4);
    __mmask16 moved = _mm512_cmplt_epu32_mask(u, total);
    __m256i m = _mm256_srli_epi16(st, 8);
    __mmask16 cls = at16(m, 5) | at16(m, 23) | at16(m, 59);
    __mmask16 aged = ~moved & ~at16(m, PS_MONTHS_MAX), bumped = ~moved & cls;
    __m256i next = _mm256_mask_add_epi16(st, aged, st, _mm256_set1_epi16(MONTH));
    next = _mm256_mask_add_epi16(next, bumped, next, _mm256_set1_epi16(1 << 3));
    _mm256_storeu_si256((__m256i *)state, next);
    __mmask16 edged = (cls | at16(m, PS_MONTHS_MAX - 1)) & ~moved;
    return (uint32_t)moved | (uint32_t)edged << 16;
}

AVX512_INLINE void chunk_avx512(const ps_table *tab, ps_refugees *ref, size_t r, size_t n,
                                lanes8 *x, chunk *c)
{
    const uint32_t *stay = tab->stay;
    const uint16_t *group = ref->group + r;
    uint16_t *state = ref->state + r;
    size_t n_moved = 0, n_edged = 0;
    for (size_t j = 0; j < n; j += 16) {
        __m512i u = next8(x);
        _mm512_storeu_si512(&c->u[j], u);
        uint32_t lists = group16_512(stay, group + j, state + j, u);
        n_moved = append8(c->moved, n_moved, lists, j);
        n_moved = append8(c->moved, n_moved, lists >> 8, j + 8);
        n_edged = append8(c->edged, n_edged, lists >> 16, j);
        n_edged = append8(c->edged, n_edged, lists >> 24, j + 8);
    }
    c->n_moved = n_moved;
    c->n_edged = n_edged;
}

AVX512 static void block_avx512(const ps_table *tab, ps_refugees *ref, size_t r,
                                size_t end, ps_lanes *x, ps_tally *t)
{
    lanes8 l = {_mm512_loadu_si512(x->s[0]), _mm512_loadu_si512(x->s[1]),
                _mm512_loadu_si512(x->s[2]), _mm512_loadu_si512(x->s[3])};
    chunk c;
    while (end - r >= 16) {
        size_t n = end - r < CHUNK ? (end - r) & ~(size_t)15 : CHUNK;
        chunk_avx512(tab, ref, r, n, &l, &c);
        _mm256_zeroupper(); /* see below */
        finish_chunk(tab, ref, r, &c, t);
        r += n;
    }
    _mm512_storeu_si512(x->s[0], l.s0);
    _mm512_storeu_si512(x->s[1], l.s1);
    _mm512_storeu_si512(x->s[2], l.s2);
    _mm512_storeu_si512(x->s[3], l.s3);
    _mm256_zeroupper();
    block_scalar(tab, ref, r, end, x, t); /* the last agents of a short block */
}

/* Whether the CPU (and the operating system, which must save the registers) runs a
 * path; libgcc checks both. */
static bool cpu_runs(ps_kernel_path path)
{
    __builtin_cpu_init();
    switch (path) {
    case PS_KERNEL_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    case PS_KERNEL_AVX512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("popcnt");
    default:
        return true;
    }
}
#define BLOCK_AVX2 block_avx2
#define BLOCK_AVX512 block_avx512
#else
static bool cpu_runs(ps_kernel_path path)
{
    (void)path;
    return true;
}
#define BLOCK_AVX2 NULL
#define BLOCK_AVX512 NULL
#endif

typedef void block_fn(const ps_table *tab, ps_refugees *ref, size_t r, size_t end,
                      ps_lanes *x, ps_tally *t);

/* The paths, slowest first; a path without code on this architecture has none. */
static const struct {
    const char *name;
    block_fn *run;
} PATHS[PS_N_KERNELS] = {
    [PS_KERNEL_SCALAR] = {"scalar", block_scalar},
    [PS_KERNEL_AVX2] = {"avx2", BLOCK_AVX2},
    [PS_KERNEL_AVX512] = {"avx512", BLOCK_AVX512},
};

const char *ps_kernel_name(ps_kernel_path path)
{
    return PATHS[path].name;
}

bool ps_kernel_supported(ps_kernel_path path)
{
    return PATHS[path].run != NULL && cpu_runs(path);
}

ps_status ps_kernel_choose(const char *what, const char *name, ps_kernel_path *out,
                           ps_error *err)
{
    if (name == NULL || name[0] == '\0' || strcmp(name, "auto") == 0) {
        int k = PS_N_KERNELS - 1;
        while (!ps_kernel_supported((ps_kernel_path)k)) {
            k--;
        }
        *out = (ps_kernel_path)k;
        return PS_OK;
    }
    for (int k = 0; k < PS_N_KERNELS; k++) {
        if (strcmp(name, PATHS[k].name) == 0) {
            if (!ps_kernel_supported((ps_kernel_path)k)) {
                return ps_fail(err, PS_EINVAL, "%s = %s: not supported by this CPU", what,
                               name);
            }
            *out = (ps_kernel_path)k;
            return PS_OK;
        }
    }
    return ps_fail(err, PS_EINVAL, "%s = %s: expected auto, scalar, avx2 or avx512", what,
                   name);
}

void ps_kernel_block(ps_kernel_path path, const ps_table *tab, ps_refugees *ref,
                     size_t begin, size_t end, uint64_t key, ps_tally *tally)
{
    ps_lanes x;
    ps_lanes_seed(&x, key);
    PATHS[path].run(tab, ref, begin, end, &x, tally);
}
