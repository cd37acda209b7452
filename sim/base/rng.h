/* rng.h - named random streams: every draw of a run comes from (seed, stream, step)
 *
 * The generator is xoshiro256** (Blackman & Vigna), registered as a gsl_rng_type so
 * GSL's distributions can use it; the refugee kernel inlines it with its state in
 * local variables (a state behind a pointer is reloaded after every byte store).
 */
#ifndef PROTSIM_RNG_H
#define PROTSIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* Stream ids: one per agent type; refugee blocks use PS_STREAM_BLOCK + block. */
enum {
    PS_STREAM_INIT = 1,
    PS_STREAM_EXOGENOUS,
    PS_STREAM_NETWORK,
    PS_STREAM_NGO,
    PS_STREAM_STATE,
    PS_STREAM_BLOCK = 1 << 20
};

/* The gsl_rng_type of xoshiro256** (name "xoshiro256ss"). */
extern const gsl_rng_type *const ps_rng_xoshiro;

/* The 64-bit key of (seed, stream, step): a fixed hash, the same on every machine. */
uint64_t ps_rng_key(uint64_t seed, uint64_t stream, uint64_t step);

/* A run seed for replicate or run index i of a base seed (sweeps, replicates). */
uint64_t ps_rng_derive_seed(uint64_t base, uint64_t index);

/* Reseed r (of type ps_rng_xoshiro) for (seed, stream, step). */
void ps_rng_reseed(gsl_rng *r, uint64_t seed, uint64_t stream, uint64_t step);

/* Inline generator for hot loops. */
typedef struct ps_xoshiro {
    uint64_t s[4];
} ps_xoshiro;

void ps_xoshiro_seed(ps_xoshiro *x, uint64_t key);

static inline uint64_t ps_rotl64(uint64_t v, int k)
{
    return (v << k) | (v >> (64 - k));
}

/* Next 64 bits; the caller keeps s0..s3 in locals. */
static inline uint64_t ps_xoshiro_next(uint64_t *s0, uint64_t *s1, uint64_t *s2,
                                       uint64_t *s3)
{
    uint64_t result = ps_rotl64(*s1 * 5, 7) * 9;
    uint64_t t = *s1 << 17;
    *s2 ^= *s0;
    *s3 ^= *s1;
    *s1 ^= *s2;
    *s0 ^= *s3;
    *s2 ^= t;
    *s3 = ps_rotl64(*s3, 45);
    return result;
}

/* The refugee kernel's streams (docs/model.md, "Randomness"): PS_LANES xoshiro256**
 * generators side by side, lane k seeded with words 4k..4k+3 of the splitmix64 sequence
 * of one key (lane 0 is ps_xoshiro_seed's generator). One step of all lanes gives
 * 2 * PS_LANES 32-bit uniforms: u[2k] is the low half of lane k's 64-bit output and
 * u[2k + 1] its high half. The words are stored by word, then lane, so that four
 * lanes fill one 256-bit register (the kernel's AVX2 path steps them together). */
#define PS_LANES 8
typedef struct ps_lanes {
    uint64_t s[4][PS_LANES];
} ps_lanes;

void ps_lanes_seed(ps_lanes *x, uint64_t key);

/* Step every lane once and write the 2 * PS_LANES uniforms into u. */
static inline void ps_lanes_next(ps_lanes *x, uint32_t *u)
{
    for (int k = 0; k < PS_LANES; k++) {
        uint64_t v = ps_xoshiro_next(&x->s[0][k], &x->s[1][k], &x->s[2][k], &x->s[3][k]);
        u[2 * k] = (uint32_t)v;
        u[2 * k + 1] = (uint32_t)(v >> 32);
    }
}

#endif
