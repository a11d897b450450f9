#ifndef SPOTSIM_CGSL_SHIM_H
#define SPOTSIM_CGSL_SHIM_H

// The parts of the GNU Scientific Library that spotsim uses, plus a random number generator
// type with a 64-bit seed space that every GSL distribution can draw from.
//
// GSL's own generators (mt19937 and friends) seed from 32 bits: with 10^5 streams a seed
// collision is more likely than not. `spotsim_rng_type()` is a `gsl_rng_type` over
// xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021),
// whose 256-bit state is filled from the full 64-bit seed by SplitMix64 (Steele, Lea &
// Flood, OOPSLA 2014).
//
// Swift 6 rejects direct use of GSL's global rng type pointers (mutable C globals), so the
// type is reached through a `static inline` accessor.

#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_erf.h>

_Static_assert(sizeof(unsigned long int) == 8, "spotsim needs a 64-bit unsigned long for GSL seeds");

typedef struct {
    uint64_t s[4];
} spotsim_xoshiro256_state;

static inline uint64_t spotsim_rotl(const uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

/// One SplitMix64 step: advances `*x` and returns a well-mixed 64-bit value.
static inline uint64_t spotsim_splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline void spotsim_xoshiro256_set(void *vstate, unsigned long int seed) {
    spotsim_xoshiro256_state *state = (spotsim_xoshiro256_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) {
        state->s[i] = spotsim_splitmix64(&x);
    }
}

static inline uint64_t spotsim_xoshiro256_next(spotsim_xoshiro256_state *state) {
    uint64_t *s = state->s;
    const uint64_t result = spotsim_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = spotsim_rotl(s[3], 45);
    return result;
}

static inline unsigned long int spotsim_xoshiro256_get(void *vstate) {
    return (unsigned long int)spotsim_xoshiro256_next((spotsim_xoshiro256_state *)vstate);
}

/// A double in [0, 1) from the top 53 bits.
static inline double spotsim_xoshiro256_get_double(void *vstate) {
    return (double)(spotsim_xoshiro256_next((spotsim_xoshiro256_state *)vstate) >> 11) * 0x1.0p-53;
}

/// The xoshiro256** generator as a GSL rng type (64-bit seed, 64-bit output).
static inline const gsl_rng_type *spotsim_rng_type(void) {
    static const gsl_rng_type type = {
        "spotsim-xoshiro256**",
        0xFFFFFFFFFFFFFFFFUL,
        0,
        sizeof(spotsim_xoshiro256_state),
        &spotsim_xoshiro256_set,
        &spotsim_xoshiro256_get,
        &spotsim_xoshiro256_get_double
    };
    return &type;
}

/// GSL's BFGS minimiser type (`gsl_multimin_fdfminimizer_vector_bfgs2`), a mutable C global
/// that Swift 6 will not read directly; the fitting code reaches it through this accessor.
static inline const gsl_multimin_fdfminimizer_type *spotsim_bfgs2_type(void) {
    return gsl_multimin_fdfminimizer_vector_bfgs2;
}

#endif
