/* rng.c - xoshiro256** as a GSL generator and the stream keys of DESIGN.md */
#include "rng.h"

#include <string.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b * 0xD1B54A32D192ED03ull);
    return splitmix64(&x);
}

uint64_t ps_rng_key(uint64_t seed, uint64_t stream, uint64_t step)
{
    return mix(mix(mix(0x70726F7473696Dull, seed), stream), step);
}

uint64_t ps_rng_derive_seed(uint64_t base, uint64_t index)
{
    return mix(mix(0x7265706C6963ull, base), index) >> 1; /* fits an int64 */
}

void ps_xoshiro_seed(ps_xoshiro *x, uint64_t key)
{
    uint64_t sm = key;
    for (int k = 0; k < 4; k++) {
        x->s[k] = splitmix64(&sm);
    }
}

void ps_lanes_seed(ps_lanes *x, uint64_t key)
{
    uint64_t sm = key;
    for (int k = 0; k < PS_LANES; k++) {
        for (int word = 0; word < 4; word++) {
            x->s[word][k] = splitmix64(&sm);
        }
    }
}

static void xoshiro_set(void *vstate, unsigned long int seed)
{
    ps_xoshiro_seed(vstate, (uint64_t)seed);
}

static unsigned long int xoshiro_get(void *vstate)
{
    ps_xoshiro *x = vstate;
    return (unsigned long int)(ps_xoshiro_next(&x->s[0], &x->s[1], &x->s[2], &x->s[3]) >>
                               32);
}

static double xoshiro_get_double(void *vstate)
{
    ps_xoshiro *x = vstate;
    uint64_t v = ps_xoshiro_next(&x->s[0], &x->s[1], &x->s[2], &x->s[3]);
    return (double)(v >> 11) * 0x1.0p-53; /* in [0, 1) */
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256ss", 0xFFFFFFFFUL,        0, sizeof(ps_xoshiro), &xoshiro_set,
    &xoshiro_get,   &xoshiro_get_double,
};

const gsl_rng_type *const ps_rng_xoshiro = &xoshiro_type;

void ps_rng_reseed(gsl_rng *r, uint64_t seed, uint64_t stream, uint64_t step)
{
    gsl_rng_set(r, (unsigned long int)ps_rng_key(seed, stream, step));
}
