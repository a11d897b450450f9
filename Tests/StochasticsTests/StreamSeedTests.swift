import Testing
@testable import Stochastics

/// Golden values for `StreamSeed.derive`, computed independently in Python:
///
/// ```python
/// M = (1 << 64) - 1
/// G = 0x9E3779B97F4A7C15
/// def mix(z):
///     z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
///     z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
///     return z ^ (z >> 31)
/// def derive(seed, rep, comp):
///     h = mix((seed + G) & M)
///     h = mix(h ^ mix((rep + 2 * G) & M))
///     return mix(h ^ mix((comp + 3 * G) & M))
/// for a in [(0,0,0), (42,0,0), (42,1,0), (42,0,1), (42,7,3)]:
///     print(a, hex(derive(*a)))
/// ```
@Suite("StreamSeed")
struct StreamSeedTests {
    /// `derive` is a fixed function: its outputs for given inputs never change (results
    /// published with a seed must stay reproducible across versions).
    @Test func goldenValues() {
        #expect(StreamSeed.derive(seed: 0, replication: 0, component: 0) == 0x7fd1_e9bf_2553_af67)
        #expect(StreamSeed.derive(seed: 42, replication: 0, component: 0) == 0x3baf_718a_cf12_9178)
        #expect(StreamSeed.derive(seed: 42, replication: 1, component: 0) == 0x123e_8c5a_f9ac_4ae3)
        #expect(StreamSeed.derive(seed: 42, replication: 0, component: 1) == 0x32bd_089c_11ff_b61c)
        #expect(StreamSeed.derive(seed: 42, replication: 7, component: 3) == 0xd542_b483_935a_46f3)
    }

    /// The mixer is SplitMix64's finaliser: applied to 0 + γ it gives SplitMix64's published
    /// first output for seed 0, 0xE220A8397B1DCDAF (Vigna's splitmix64.c reference).
    @Test func finaliserMatchesSplitMix64() {
        #expect(StreamSeed.mix(0x9E37_79B9_7F4A_7C15) == 0xE220_A839_7B1D_CDAF)
    }

    /// Distinct (replication, component) pairs of one seed get distinct stream seeds, and so do
    /// distinct scenario seeds for the same pair.
    @Test func distinctInputsGiveDistinctSeeds() {
        var seen = Set<UInt64>()
        for replication in 0..<2_000 as Range<UInt64> {
            for component in 0..<32 as Range<UInt64> {
                seen.insert(StreamSeed.derive(seed: 42, replication: replication, component: component))
            }
        }
        #expect(seen.count == 2_000 * 32)
        let bySeed = Set((0..<10_000 as Range<UInt64>).map { StreamSeed.derive(seed: $0, replication: 0, component: 0) })
        #expect(bySeed.count == 10_000)
    }

    /// The inputs are not interchangeable: swapping replication and component (or seed and
    /// replication) gives a different stream, so component ids cannot alias replication ids.
    @Test func inputsAreNotSymmetric() {
        #expect(StreamSeed.derive(seed: 1, replication: 2, component: 3) != StreamSeed.derive(seed: 1, replication: 3, component: 2))
        #expect(StreamSeed.derive(seed: 1, replication: 2, component: 3) != StreamSeed.derive(seed: 2, replication: 1, component: 3))
        #expect(StreamSeed.derive(seed: 0, replication: 0, component: 0) != 0)
    }

    /// Neighbouring inputs avalanche: flipping the lowest bit of any input changes about half
    /// of the 64 output bits on average (32 ± 4·√16/√n over n trials).
    @Test func avalanche() {
        let trials: UInt64 = 4_096
        var flipped = [0, 0, 0]
        for i in 0..<trials {
            let base = StreamSeed.derive(seed: i &* 7919, replication: i, component: i % 17)
            flipped[0] += (base ^ StreamSeed.derive(seed: (i &* 7919) ^ 1, replication: i, component: i % 17)).nonzeroBitCount
            flipped[1] += (base ^ StreamSeed.derive(seed: i &* 7919, replication: i ^ 1, component: i % 17)).nonzeroBitCount
            flipped[2] += (base ^ StreamSeed.derive(seed: i &* 7919, replication: i, component: (i % 17) ^ 1)).nonzeroBitCount
        }
        // A fair bit count over 64 bits has mean 32 and standard deviation 4.
        let tolerance = 4 * 4 / Double(trials).squareRoot()
        for total in flipped {
            #expect(abs(Double(total) / Double(trials) - 32) < tolerance)
        }
    }
}
