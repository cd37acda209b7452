/* test_rng.c - named streams and the xoshiro256** generator */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>

#include "rng.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(rng, .init = setup);

/* Reference values from an independent implementation (Python, in the commit note). */
Test(rng, xoshiro_matches_the_reference_sequence)
{
    ps_xoshiro x;
    ps_xoshiro_seed(&x, 12345);
    cr_assert_eq(ps_xoshiro_next(&x.s[0], &x.s[1], &x.s[2], &x.s[3]),
                 0xbe6a36374160d49bull);
    cr_assert_eq(ps_xoshiro_next(&x.s[0], &x.s[1], &x.s[2], &x.s[3]),
                 0x214aaa0637a688c6ull);
    cr_assert_eq(ps_xoshiro_next(&x.s[0], &x.s[1], &x.s[2], &x.s[3]),
                 0xf69d16de9954d388ull);
}

/* The refugee kernel's lanes (docs/model.md, "Randomness"): the 16 uniforms of the
 * first two steps from key 12345, from the same independent implementation. Lane 0 is
 * the generator above, so u[0] and u[1] are the halves of its first output. */
Test(rng, lanes_match_the_reference_sequence)
{
    static const uint32_t want[2][2 * PS_LANES] = {
        {0x4160d49b, 0xbe6a3637, 0x11230e0f, 0x51a87c17, 0x61e53303, 0xed20faa2,
         0xe4907a39, 0xba59d4f3, 0x802ea56d, 0xc326a2b0, 0x69f13013, 0x2d572594,
         0x67f2be98, 0x2d32fbe0, 0xa5cb08f0, 0x12ef83f9},
        {0x37a688c6, 0x214aaa06, 0xe48be1a6, 0xf66aebd0, 0x7af12fbc, 0x30d580a7,
         0x65fc67bb, 0x9d95db61, 0xcedcefb5, 0xc8f12061, 0x1d6d825f, 0x4856e5df,
         0xd9814139, 0x5ca8acd5, 0xf640022f, 0x8228665a}};
    ps_lanes x;
    ps_lanes_seed(&x, 12345);
    for (int step = 0; step < 2; step++) {
        uint32_t u[2 * PS_LANES];
        ps_lanes_next(&x, u);
        for (int j = 0; j < 2 * PS_LANES; j++) {
            cr_assert_eq(u[j], want[step][j], "step %d uniform %d: %#x, want %#x", step,
                         j, u[j], want[step][j]);
        }
    }
}

Test(rng, stream_key_is_a_fixed_hash)
{
    cr_assert_eq(ps_rng_key(1, 2, 3), 0x2db70037d22df544ull);
    cr_assert_neq(ps_rng_key(1, 2, 3), ps_rng_key(1, 2, 4));
    cr_assert_neq(ps_rng_key(1, 2, 3), ps_rng_key(1, 3, 3));
    cr_assert_neq(ps_rng_key(1, 2, 3), ps_rng_key(2, 2, 3));
}

Test(rng, gsl_type_reseeds_to_the_same_draws)
{
    gsl_rng *r = gsl_rng_alloc(ps_rng_xoshiro);
    cr_assert_not_null(r);
    ps_rng_reseed(r, 7, PS_STREAM_STATE, 12);
    double a = gsl_rng_uniform(r), b = gsl_rng_uniform(r);
    ps_rng_reseed(r, 7, PS_STREAM_STATE, 12);
    cr_assert_eq(gsl_rng_uniform(r), a);
    cr_assert_eq(gsl_rng_uniform(r), b);
    cr_assert(a >= 0.0 && a < 1.0 && a != b);
    gsl_rng_free(r);
}

Test(rng, uniforms_have_the_right_mean_and_variance)
{
    gsl_rng *r = gsl_rng_alloc(ps_rng_xoshiro);
    ps_rng_reseed(r, 3, PS_STREAM_EXOGENOUS, 0);
    const int n = 200000;
    double sum = 0.0, sum2 = 0.0;
    for (int k = 0; k < n; k++) {
        double u = gsl_rng_uniform(r);
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    /* standard errors: mean 0.00065, variance 0.00019; allow 5 of them */
    cr_assert_float_eq(mean, 0.5, 0.0033);
    cr_assert_float_eq(var, 1.0 / 12.0, 0.001);
    gsl_rng_free(r);
}

Test(rng, derived_seeds_differ_and_fit_int64)
{
    uint64_t a = ps_rng_derive_seed(1, 0), b = ps_rng_derive_seed(1, 1);
    cr_assert_neq(a, b);
    cr_assert(a <= 0x7FFFFFFFFFFFFFFFull && b <= 0x7FFFFFFFFFFFFFFFull);
    cr_assert_eq(ps_rng_derive_seed(1, 0), a);
}
