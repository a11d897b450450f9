import CGSL
import Testing
@testable import Stochastics

/// Golden outputs of the generator, computed independently in Python (SplitMix64 seeding of
/// xoshiro256**, after Vigna's reference C code):
///
/// ```python
/// import itertools
/// M = (1 << 64) - 1
/// G = 0x9E3779B97F4A7C15
/// def mix(z):
///     z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
///     z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
///     return z ^ (z >> 31)
/// def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
/// def xoshiro(seed):
///     x, s = seed, []
///     for _ in range(4):
///         x = (x + G) & M
///         s.append(mix(x))
///     while True:
///         result = (rotl((s[1] * 5) & M, 7) * 9) & M
///         t = (s[1] << 17) & M
///         s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
///         yield result
/// for seed in (0, 42, 2**64 - 1):
///     print(seed, [hex(v) for v in itertools.islice(xoshiro(seed), 4)])
/// print([(v >> 11) * 2.0**-53 for v in itertools.islice(xoshiro(42), 3)])   # uniform()
/// # derive() as in StreamSeedTests
/// print([hex(v) for v in itertools.islice(xoshiro(derive(42, 7, 3)), 3)])
/// ```
@Suite("RandomStream")
struct RandomStreamTests {
    /// The generator's first outputs for fixed seeds match an independent implementation.
    @Test func goldenOutputs() {
        let cases: [(UInt64, [UInt64])] = [
            (0, [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0, 0x6aa5_94f1_262d_2d2c]),
            (42, [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1, 0xecb8_ad47_03b3_60a1]),
            (.max, [0x8f55_20d5_2a7e_ad08, 0xc476_a018_caa1_802d, 0x81de_31c0_d260_469e, 0xbf65_8d7e_065f_3c2f]),
        ]
        for (seed, expected) in cases {
            let stream = RandomStream(seed: seed)
            #expect((0..<4).map { _ in stream.next() } == expected, "seed \(seed)")
        }
    }

    /// `uniform()` is the top 53 bits of the next output scaled by 2⁻⁵³, bit for bit.
    @Test func goldenUniforms() {
        let stream = RandomStream(seed: 42)
        #expect([stream.uniform(), stream.uniform(), stream.uniform()]
            == [0.08386297105988216, 0.3789802506626686, 0.6800434110281394])
    }

    /// A stream for (seed, replication, component) is the stream for the derived seed.
    @Test func derivedStreamGoldenOutputs() {
        let stream = RandomStream(seed: 42, replication: 7, component: 3)
        #expect([stream.next(), stream.next(), stream.next()]
            == [0x71b4_a554_d8e6_fa5a, 0x8716_4100_63aa_baf7, 0xfa40_72a2_69fd_e3f3])
    }

    /// The inlined fast paths agree with GSL's own dispatch through the rng type:
    /// `next()` ≡ `gsl_rng_get`, `uniform()` ≡ `gsl_rng_uniform`, `uniformPositive()` ≡
    /// `gsl_rng_uniform_pos`, and the type reports a full 64-bit range.
    @Test func fastPathsAgreeWithGSL() {
        let fast = RandomStream(seed: 2024), viaGSL = RandomStream(seed: 2024)
        for _ in 0..<1_000 {
            #expect(fast.next() == UInt64(gsl_rng_get(viaGSL.rng)))
            #expect(fast.uniform() == gsl_rng_uniform(viaGSL.rng))
            #expect(fast.uniformPositive() == gsl_rng_uniform_pos(viaGSL.rng))
        }
        #expect(gsl_rng_min(fast.rng) == 0)
        #expect(gsl_rng_max(fast.rng) == UInt.max)
        #expect(String(cString: gsl_rng_name(fast.rng)) == "spotsim-xoshiro256**")
    }

    /// Same seed, same sequence: two streams created with one seed produce identical bits.
    @Test func sameSeedSameSequence() {
        let a = RandomStream(seed: 123_456_789), b = RandomStream(seed: 123_456_789)
        #expect((0..<10_000).map { _ in a.next() } == (0..<10_000).map { _ in b.next() })
    }

    /// `reseed` restarts the sequence exactly as a freshly created stream would, for both
    /// the plain and the derived form.
    @Test func reseedResets() {
        let stream = RandomStream(seed: 99)
        let first = (0..<100).map { _ in stream.next() }
        stream.reseed(99)
        #expect((0..<100).map { _ in stream.next() } == first)

        stream.reseed(seed: 5, replication: 6, component: 7)
        let fresh = RandomStream(seed: 5, replication: 6, component: 7)
        #expect((0..<100).map { _ in stream.uniform() } == (0..<100).map { _ in fresh.uniform() })
    }

    /// `reseed` sets the state `gsl_rng_set` sets through the rng type (which `init` uses), for
    /// seeds across the 64-bit range.
    @Test func reseedIsGSLsSet() {
        let swift = RandomStream(seed: 0), viaGSL = RandomStream(seed: 0)
        for seed: UInt64 in [0, 1, 2, 0xFFFF_FFFF, 0x1_0000_0000, .max - 1, .max, 0x9E37_79B9_7F4A_7C15] {
            swift.reseed(seed)
            gsl_rng_set(viaGSL.rng, UInt(seed))
            #expect((0..<8).map { _ in swift.next() } == (0..<8).map { _ in viaGSL.next() })
        }
    }

    /// Different seeds give different sequences; so do neighbouring (replication, component)
    /// pairs of one scenario seed.
    @Test func distinctStreamsDiffer() {
        var firstOutputs = Set<UInt64>()
        for replication in 0..<256 as Range<UInt64> {
            for component in 0..<8 as Range<UInt64> {
                firstOutputs.insert(RandomStream(seed: 1, replication: replication, component: component).next())
            }
        }
        #expect(firstOutputs.count == 256 * 8)
    }

    /// Streams of neighbouring components are uncorrelated: over n replications the sample
    /// correlation of their first uniforms is within 4/√n of zero (its standard error is 1/√n).
    @Test func neighbouringStreamsUncorrelated() {
        let n = 20_000
        var x = [Double](), y = [Double]()
        for replication in 0..<UInt64(n) {
            x.append(RandomStream(seed: 7, replication: replication, component: 0).uniform())
            y.append(RandomStream(seed: 7, replication: replication, component: 1).uniform())
        }
        let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        let correlation = sxy / (sxx * syy).squareRoot()
        #expect(abs(correlation) < 4 / Double(n).squareRoot())
    }

    /// `uniform()` stays in [0, 1) and has mean 1/2 and variance 1/12 (within 4 standard
    /// errors; the variance's standard error uses the uniform's kurtosis 9/5).
    @Test func uniformRangeAndMoments() {
        let stream = RandomStream(seed: 31_337)
        let n = 200_000
        let values = (0..<n).map { _ in stream.uniform() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0, +) / Double(n)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        #expect(abs(mean - 0.5) < 4 * (1.0 / 12).squareRoot() / Double(n).squareRoot())
        #expect(abs(variance - 1.0 / 12) < 4 * (1.0 / 12) * ((1.8 - 1) / Double(n)).squareRoot())
    }

    /// `gsl_rng_uniform_int` works through the custom rng type: results stay below n, and
    /// counts over n = 7 cells pass a χ² goodness-of-fit test at the 0.999 level (the
    /// critical value itself from GSL, χ²(0.999, 6) ≈ 22.46).
    @Test func uniformIntFrequencies() {
        let stream = RandomStream(seed: 8)
        let cells = 7, draws = 70_000
        var counts = [Int](repeating: 0, count: cells)
        for _ in 0..<draws {
            let k = Int(gsl_rng_uniform_int(stream.rng, UInt(cells)))
            #expect(k < cells)
            counts[min(k, cells - 1)] += 1
        }
        let expected = Double(draws) / Double(cells)
        let chiSquared = counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquared < Quantiles.chiSquared(probability: 0.999, degreesOfFreedom: Double(cells - 1)))
    }

    /// `gsl_rng_uniform_int` accepts bounds beyond 32 bits (the type's range is 2⁶⁴ − 1) and
    /// returns values below them, with both halves of a 2⁶³ + 1 range reached.
    @Test func uniformIntLargeBounds() {
        let stream = RandomStream(seed: 9)
        let bound = (UInt(1) << 63) + 1
        var high = 0
        for _ in 0..<1_000 {
            let k = gsl_rng_uniform_int(stream.rng, bound)
            #expect(k < bound)
            if k >= bound / 2 { high += 1 }
        }
        // Binomial(1000, ~1/2): 4 standard deviations are about 63.
        #expect(abs(high - 500) < 64)
    }

    /// The stream is a standard `RandomNumberGenerator`: standard-library draws through it
    /// are reproducible from the seed.
    @Test func standardLibraryDrawsAreReproducible() {
        var a = RandomStream(seed: 77), b = RandomStream(seed: 77)
        let x = (0..<100).map { _ in Int.random(in: 0..<1_000, using: &a) }
        let y = (0..<100).map { _ in Int.random(in: 0..<1_000, using: &b) }
        #expect(x == y)
        #expect(Set(x).count > 50)
    }
}
