import Foundation
import Stochastics
import Testing

/// A deterministic SplitMix64 stream for test data (no GSL involved, fixed seeds).
struct TestData {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// `count` log-normal values exp(μ + σZ).
    static func lognormal(_ count: Int, mu: Double, sigma: Double, seed: UInt64) -> [Double] {
        var data = TestData(state: seed)
        return (0..<count).map { _ in exp(mu + sigma * data.normal()) }
    }
}

/// ``QuantileSketch``: quantiles within the documented bound of GSL's exact quantiles, and
/// merging that is exact and order-independent.
@Suite("QuantileSketch")
struct QuantileSketchTests {
    static let probabilities = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1]

    /// The documented bound for `probability` over `values`: with k = ⌊(n − 1)p⌋ and
    /// h = (n − 1)p − k, α·((1 − h)|x₍ₖ₎| + h|x₍ₖ₊₁₎|), widened by 10⁻⁹ of itself for the
    /// rounding of `log` and `exp` (the bound's own rounding is ~10⁻¹²·α).
    static func bound(_ sorted: [Double], _ probability: Double, alpha: Double) -> Double {
        let position = probability * Double(sorted.count - 1)
        let k = Int(position)
        let h = position - Double(k)
        let magnitude = k == sorted.count - 1 ? abs(sorted[k]) : (1 - h) * abs(sorted[k]) + h * abs(sorted[k + 1])
        return alpha * magnitude * (1 + 1e-9)
    }

    /// Checks every probability of ``probabilities`` (and p50/p90/p99) of a sketch of
    /// `values` against `gsl_stats_quantile_from_sorted_data` on the sorted values.
    static func expectWithinBound(_ values: [Double], alpha: Double = 1e-4, _ label: String) {
        var sketch = QuantileSketch(relativeAccuracy: alpha)
        for value in values { sketch.insert(value) }
        let sorted = values.sorted()
        #expect(sketch.count == values.count, "\(label)")
        #expect(sketch.min == sorted.first! && sketch.max == sorted.last!, "\(label)")
        for p in probabilities {
            let exact = Summary.quantile(sortedValues: sorted, probability: p)
            let estimate = sketch.quantile(p)!
            let allowed = bound(sorted, p, alpha: alpha)
            #expect(abs(estimate - exact) <= allowed, "\(label) p=\(p): sketch \(estimate), GSL \(exact), bound \(allowed)")
        }
    }

    /// Rule: on log-normal samples (1 to 20 001 values) every quantile is within α·|x| of
    /// GSL's, for α = 10⁻⁴ (the default; σ up to 1.2, so the sample's ±4.4σ stays within the
    /// default cap of 65 536 buckets = 13.1 in ln) and for α = 10⁻² (σ up to 3: 1 200 buckets).
    @Test(arguments: [(1, 0.1, 3.0), (2, 0.5, 0.5), (101, 1.0, 2.0), (2_000, 1.2, 3.0), (20_001, 1.2, 3.0)])
    func lognormalWithinBound(count: Int, sigma: Double, wideSigma: Double) {
        let values = TestData.lognormal(count, mu: 3, sigma: sigma, seed: UInt64(count))
        Self.expectWithinBound(values, "lognormal n=\(count) σ=\(sigma)")
        let wide = TestData.lognormal(count, mu: 3, sigma: wideSigma, seed: UInt64(count) + 1)
        Self.expectWithinBound(wide, alpha: 1e-2, "lognormal n=\(count) σ=\(wideSigma) α=0.01")
    }

    /// Rule: exact zeros (and −0) are counted apart and come back as 0; negatives are
    /// mirrored; a sample mixing negatives, zeros and positives (as savings do) stays within
    /// the bound — which for an interpolation across 0 is α·((1 − h)|x₍ₖ₎| + h|x₍ₖ₊₁₎|).
    @Test func zerosAndNegatives() {
        var data = TestData(state: 11)
        let mixed = (0..<5_000).map { index -> Double in
            switch index % 5 {
            case 0: return 0
            case 1: return -0.0
            case 2: return -exp(2 * data.normal())
            default: return 1000 * exp(data.normal())
            }
        }
        Self.expectWithinBound(mixed, "mixed")
        Self.expectWithinBound(mixed.map { -$0 }, "mixed, negated")
        Self.expectWithinBound([0, 0, 0], "zeros")
        Self.expectWithinBound([-3, -1, -2, -1e-3], "negatives")
        var zeros = QuantileSketch()
        zeros.insert(-0.0)
        zeros.insert(0)
        #expect(zeros.quantile(0.5)!.bitPattern == (0.0).bitPattern)
        #expect(zeros.min.bitPattern == (0.0).bitPattern)
    }

    /// Rule: constants and a single value come back exactly as GSL gives them (bucket values
    /// clamped to the exact min and max, then GSL's interpolation).
    @Test func constantsAndOneValueAreExact() {
        for value in [7.25, -3.5, 0, 1e-300, 4e300] {
            var sketch = QuantileSketch()
            for _ in 0..<100 { sketch.insert(value) }
            let sorted = Array(repeating: value, count: 100)
            for p in Self.probabilities {
                // GSL interpolates (1 − h)·x + h·x too, which may round off x by an ulp.
                #expect(sketch.quantile(p) == Summary.quantile(sortedValues: sorted, probability: p), "\(value) p=\(p)")
            }
            var one = QuantileSketch()
            one.insert(value)
            #expect(one.quantile(0.5) == value && one.quantile(0.99) == value)
        }
        #expect(QuantileSketch().quantile(0.5) == nil)
    }

    /// Rule: huge (10³⁰⁰) and tiny (10⁻³⁰⁰, including subnormal 5·10⁻³²⁰) magnitudes are
    /// within the bound: the index ⌈log_γ x⌉ covers every finite double.
    @Test func hugeAndTinyMagnitudes() {
        let base = TestData.lognormal(3_000, mu: 0, sigma: 1, seed: 5)
        Self.expectWithinBound(base.map { $0 * 1e300 }, "huge")
        Self.expectWithinBound(base.map { $0 * 1e-300 }, "tiny")
        Self.expectWithinBound(base.map { $0 * 5e-320 }.filter { $0 > 0 }, "subnormal")
        Self.expectWithinBound(base.map { -$0 * 1e300 }, "huge negative")
    }

    /// Rule: beyond ``QuantileSketch/maximumBuckets`` the smallest magnitudes are collapsed:
    /// order statistics of magnitude ≥ γ^(1 − cap) × the largest stay within α, smaller ones
    /// within γ^(2 − cap) × the largest (absolute), and the sketch says it collapsed.
    @Test func collapsingKeepsTheLargeMagnitudes() {
        let alpha = 1e-3
        let cap = 1_000   // γ^(1 − cap) ≈ e^−2: the top factor 7.4 of range is kept
        var data = TestData(state: 3)
        let values = (0..<4_000).map { _ in exp(12 * data.uniform()) }   // 1 … e¹²
        var sketch = QuantileSketch(relativeAccuracy: alpha, maximumBuckets: cap)
        for value in values { sketch.insert(value) }
        #expect(sketch.isCollapsed)
        #expect(sketch.bucketBytes <= (cap + cap / 4 + 64) * 2 * 4)
        let sorted = values.sorted()
        let gamma = (1 + alpha) / (1 - alpha)
        let floor = sorted.last! * pow(gamma, Double(1 - cap))
        for rank in stride(from: 0, to: sorted.count, by: 37) {
            let exact = sorted[rank]
            let estimate = sketch.orderStatistic(rank)
            let allowed = exact >= floor ? alpha * exact * (1 + 1e-9) : floor * gamma * (1 + 1e-9)
            #expect(abs(estimate - exact) <= allowed, "rank \(rank): \(estimate) vs \(exact)")
        }
        // Quantiles say whether they are within the bound: the median (e⁶) is far below the
        // kept factor of 7.4 under the maximum (e¹²), p99 within it.
        #expect(!sketch.isWithinRelativeAccuracy(0.5))
        #expect(sketch.isWithinRelativeAccuracy(0.99) && sketch.isWithinRelativeAccuracy(1) && sketch.isWithinRelativeAccuracy(0))
        var wide = QuantileSketch()
        for value in values { wide.insert(value) }
        #expect(!wide.isCollapsed && wide.isWithinRelativeAccuracy(0.5))
    }

    /// Rule: merging sketches of the parts of a sample, in any order and any grouping, gives
    /// a sketch equal to the one over all values, with bit-identical quantiles — also when
    /// the parts collapse.
    @Test(arguments: [QuantileSketch.defaultMaximumBuckets, 300])
    func mergeInAnyOrderEqualsOneSketch(cap: Int) {
        var data = TestData(state: 99)
        let values = (0..<6_000).map { index -> Double in
            let x = exp(data.normal())   // ln range ≈ 8: 40 000 buckets, below the default cap
            return index % 7 == 0 ? 0 : (index % 3 == 0 ? -x : x)
        }
        var whole = QuantileSketch(maximumBuckets: cap)
        for value in values { whole.insert(value) }
        // Six unequal parts: contiguous slices, and a strided split.
        let cuts = [0, 10, 900, 2_500, 2_501, 4_000, 6_000]
        var parts: [QuantileSketch] = []
        for (start, end) in zip(cuts, cuts.dropFirst()) {
            var part = QuantileSketch(maximumBuckets: cap)
            for value in values[start..<end] { part.insert(value) }
            parts.append(part)
        }
        let orders = [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [3, 0, 5, 1, 4, 2], [2, 5, 0, 4, 1, 3]]
        for order in orders {
            var merged = QuantileSketch(maximumBuckets: cap)
            for index in order { merged.merge(parts[index]) }
            #expect(merged == whole, "order \(order)")
            for p in Self.probabilities {
                #expect(merged.quantile(p)!.bitPattern == whole.quantile(p)!.bitPattern, "order \(order) p=\(p)")
            }
        }
        // Pairwise tree: (0+1) + ((2+3) + (4+5)).
        let tree = parts[0].merging(parts[1]).merging(parts[2].merging(parts[3]).merging(parts[4].merging(parts[5])))
        #expect(tree == whole)
        // Inserting in another order gives the same sketch too.
        var reversed = QuantileSketch(maximumBuckets: cap)
        for value in values.reversed() { reversed.insert(value) }
        #expect(reversed == whole)
        #expect(whole.isCollapsed == (cap == 300))
    }
}
