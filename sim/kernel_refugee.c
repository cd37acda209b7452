/* kernel_refugee.c - one month of refugee transitions for a block of agents
 *
 * Shaped for speed (docs/performance.md): agents are 4 bytes in four byte arrays; the
 * probabilities of every (state, origin, status, duration class) were turned into
 * cumulative 32-bit thresholds before the loop, so each agent costs one half of a
 * 64-bit random draw, seven compares that do not branch, and a byte store or two. The
 * generator's state stays in locals: behind a pointer, the compiler would reload it
 * after every byte store.
 */
#include "kernel_refugee.h"

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

/* Index of the interval of u among the cell's 7 ascending thresholds: 0..7. */
static inline int interval(const uint32_t *thr, uint32_t u)
{
    return (u >= thr[0]) + (u >= thr[1]) + (u >= thr[2]) + (u >= thr[3]) +
           (u >= thr[4]) + (u >= thr[5]) + (u >= thr[6]);
}

/* The new packed status after a move (code | previous status << 3). */
static inline int apply(int move, int code, int prev)
{
    if (move == PS_MV_RELEASE) {
        return prev;
    }
    if (move == PS_MV_DETAIN || move == PS_MV_ATD) {
        return ps_move_target[move] | code << 3; /* remember where to return */
    }
    return ps_move_target[move];
}

void ps_kernel_block(const ps_table *tab, size_t n_origins, ps_refugees *ref,
                     size_t begin, size_t end, uint64_t key, ps_tally *tally)
{
    ps_xoshiro x;
    ps_xoshiro_seed(&x, key);
    uint64_t s0 = x.s[0], s1 = x.s[1], s2 = x.s[2], s3 = x.s[3], bits = 0;
    const uint8_t *host = ref->host, *origin = ref->origin;
    uint8_t *status = ref->status, *months = ref->months;
    for (size_t r = begin; r < end; r++) {
        bool low = ((r - begin) & 1) == 0; /* one 64-bit draw serves two agents */
        bits = low ? ps_xoshiro_next(&s0, &s1, &s2, &s3) : bits >> 32;
        uint32_t u = (uint32_t)bits;
        int packed = status[r], code = packed & 7, m = months[r];
        size_t h = host[r];
        size_t cell = ((h * n_origins + origin[r]) * PS_STATUS_CODES + (size_t)code) *
                          PS_DCLASSES + (size_t)ps_dclass(m);
        int move = tab->move[cell * PS_MOVE_SLOTS +
                             (size_t)interval(&tab->thr[cell * PS_MOVE_SLOTS], u)];
        if (move != PS_MV_STAY) {
            packed = apply(move, code, packed >> 3);
            code = packed & 7;
            m = 0;
            status[r] = (uint8_t)packed;
            tally->moves[h * PS_N_MOVES + (size_t)move]++;
        } else {
            m += m < PS_MONTHS_MAX;
        }
        months[r] = (uint8_t)m;
        tally->count[(h * PS_STATUS_CODES + (size_t)code) * PS_DCLASSES +
                     (size_t)ps_dclass(m)]++;
        tally->wait[h] += code == PS_RS_PENDING ? m : 0;
    }
}
