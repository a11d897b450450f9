import Foundation
import Stochastics
import Testing
@testable import SpotSim

/// Availability paths: the alternating renewal process's long-run up fraction, its stationary
/// start, switch bookkeeping and reproducibility.
@Suite struct AvailabilityPathTests {
    /// Non-exponential periods (Weibull up with a decreasing hazard, log-normal down), so that a
    /// stationary start really needs the length-biased residual.
    static let flaky = Availability.alternating(
        up: .weibull(scale: 8 * 3600, shape: 0.7), down: .logNormal(mean: 2 * 3600, standardDeviation: 3600),
        start: .stationary, reclaimProbability: 1
    )

    /// The fraction of [0, horizon] during which `path` is up, walking its switches.
    static func upFraction(_ path: inout AvailabilityPath, horizon: Double) -> Double {
        var t = 0.0, up = 0.0
        while t < horizon {
            let next = min(path.nextChange(after: t), horizon)
            if path.isUp(at: t) { up += next - t }
            t = next
        }
        return up / horizon
    }

    /// The time-average up fraction over [0, T] equals E[up]/(E[up] + E[down]) (renewal-reward
    /// theorem; exactly in expectation for every T with a stationary start). Checked over 200
    /// independent paths of 2000 hours: the mean of the per-path fractions must lie within
    /// twice the 95 % Student-t half-width (≈ 3.93 standard errors; the fractions are i.i.d.
    /// and bounded, so a correct generator exceeds this with probability ≈ 8·10⁻⁵; seeds are
    /// fixed).
    @Test func longRunUpFraction() {
        let expected = Self.flaky.longRunUpFraction
        #expect(abs(expected - Distribution.weibull(scale: 8, shape: 0.7).mean / (Distribution.weibull(scale: 8, shape: 0.7).mean + 2)) < 1e-12)
        let stream = RandomStream(seed: 1)
        var path = AvailabilityPath()
        var fractions: [Double] = []
        for replication in 0..<200 {
            stream.reseed(seed: 99, replication: UInt64(replication), component: 2)
            path.reset(availability: Self.flaky, stream: stream)
            fractions.append(Self.upFraction(&path, horizon: 2000 * 3600))
        }
        let summary = Summary(fractions)
        let interval = summary.confidenceInterval95!
        let halfWidth = (interval.upperBound - interval.lowerBound) / 2
        #expect(abs(summary.mean - expected) <= 2 * halfWidth, "\(summary.mean) vs \(expected) ± \(2 * halfWidth)")
    }

    /// With `starts: stationary`, P(up at t) is the long-run up fraction at every t, including
    /// t = 0 and a time inside the first period (which is a length-biased residual). Over 4000
    /// paths the share of paths up at t is within 4 binomial standard errors √(p(1−p)/n)
    /// (two-sided normal tail ≈ 6·10⁻⁵ per check).
    @Test func stationaryStart() {
        let p = Self.flaky.longRunUpFraction
        let n = 4000
        let tolerance = 4 * (p * (1 - p) / Double(n)).squareRoot()
        let stream = RandomStream(seed: 1)
        var path = AvailabilityPath()
        for t: Double in [0, 3 * 3600, 20 * 3600] {
            var ups = 0
            for replication in 0..<n {
                stream.reseed(seed: 5, replication: UInt64(replication), component: 2)
                path.reset(availability: Self.flaky, stream: stream)
                if path.isUp(at: t) { ups += 1 }
            }
            let share = Double(ups) / Double(n)
            #expect(abs(share - p) <= tolerance, "P(up at \(t)) = \(share) vs \(p) ± \(tolerance)")
        }
    }

    /// `starts: up` and `starts: down` fix the state at 0; the state flips exactly at each
    /// `nextChange(after:)` and holds in between; `always` never changes.
    @Test func switchesFlipTheState() {
        let stream = RandomStream(seed: 3)
        for start in [AvailabilityStart.up, .down] {
            let availability = Availability.alternating(
                up: .exponential(mean: 3600), down: .uniform(lower: 600, upper: 1200), start: start, reclaimProbability: 0.5
            )
            var path = AvailabilityPath(availability: availability, stream: stream)
            #expect(path.isUp(at: 0) == (start == .up))
            var t = 0.0
            for _ in 0..<100 {
                let change = path.nextChange(after: t)
                #expect(change > t)
                let before = path.isUp(at: t)
                #expect(path.isUp(at: (t + change) / 2) == before)
                #expect(path.isUp(at: change) != before)
                t = change
            }
        }
        var always = AvailabilityPath(availability: .always, stream: stream)
        let alwaysUp = always.isUp(at: 1e9)
        #expect(alwaysUp)
        #expect(always.nextChange(after: 0) == .infinity)
    }

    /// Periods of length 0 (an empirical distribution containing 0) are no switches: switch
    /// times stay strictly increasing and each flips the state.
    @Test func zeroLengthPeriodsCancel() {
        let availability = Availability.alternating(
            up: .empirical([0, 0, 3600]), down: .empirical([0, 1800]), start: .up, reclaimProbability: 1
        )
        let stream = RandomStream(seed: 1)
        var path = AvailabilityPath()
        for seed in 0..<50 as Range<UInt64> {
            stream.reseed(seed)
            path.reset(availability: availability, stream: stream)
            var t = 0.0
            var state = path.isUp(at: 0)
            for _ in 0..<40 {
                let change = path.nextChange(after: t)
                #expect(change > t)
                #expect(path.isUp(at: change) != state)
                state.toggle()
                t = change
            }
        }
    }

    /// `reset` with the stream reseeded to the same seed reproduces the same switch times,
    /// whatever was queried before; another seed gives other times.
    @Test func resetReproducesThePath() {
        let stream = RandomStream(seed: 1)
        var path = AvailabilityPath()
        func switches(seed: UInt64, peek: Double? = nil) -> [Double] {
            stream.reseed(seed: seed, replication: 0, component: 2)
            path.reset(availability: Self.flaky, stream: stream)
            if let peek { _ = path.isUp(at: peek) }
            var times: [Double] = []
            var t = 0.0
            for _ in 0..<50 {
                t = path.nextChange(after: t)
                times.append(t)
            }
            return times
        }
        let first = switches(seed: 8)
        #expect(switches(seed: 8, peek: 1e7) == first)
        #expect(switches(seed: 8) == first)
        #expect(switches(seed: 9) != first)
    }

    /// A coin flip with probability 0 never succeeds, with probability 1 always does, and with
    /// probability p succeeds in a share p of 10 000 flips (within 4 standard errors).
    @Test func coinFlips() {
        let stream = RandomStream(seed: 4)
        #expect(!(0..<1000).contains { _ in Availability.flip(probability: 0, using: stream) })
        #expect((0..<1000).allSatisfy { _ in Availability.flip(probability: 1, using: stream) })
        let hits = (0..<10_000).filter { _ in Availability.flip(probability: 0.3, using: stream) }.count
        #expect(abs(Double(hits) / 10_000 - 0.3) <= 4 * (0.3 * 0.7 / 10_000).squareRoot())
    }
}
