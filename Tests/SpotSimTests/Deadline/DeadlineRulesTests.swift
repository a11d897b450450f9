import Testing
@testable import SpotSim

/// The deadline rules of "Can't Be Late" on hand-built states.
@Suite struct DeadlineRulesTests {
    static func state(
        now: Double = 0, remaining: Double, deadline: Double = 52 * 3600, overhead: Double = 720,
        pending: Double = 0, cluster: ClusterChoice = .idle, spot: Bool = true, tick: Double = 195
    ) -> DeadlineState {
        DeadlineState(
            now: now, deadline: deadline, work: 48 * 3600, remainingWork: remaining, restartOverhead: overhead,
            pendingOverhead: pending, tick: tick, cluster: cluster, spotAvailable: spot
        )
    }

    /// Rule: remaining time is counted in whole ticks, down; work plus overhead in whole ticks, up.
    @Test func tickRounding() {
        let s = Self.state(now: 100, remaining: 3600, deadline: 1000)
        #expect(s.remainingTime == 4 * 195)            // ⌊900 / 195⌋ = 4 ticks
        #expect(s.wholeTicks(196) == 2 * 195)
        #expect(s.wholeTicks(195) == 195)
    }

    /// Rule: the safety net fires when remaining work + d no longer fits in the remaining time,
    /// except for a spot node running with no overhead pending.
    @Test func safetyNet() {
        // 10 h left, 9.9 h of work + 0.2 h overhead: does not fit.
        let now = 42 * 3600.0
        let tight = Self.state(now: now, remaining: 9.9 * 3600)
        #expect(DeadlineRules.safetyNetFires(tight))
        var running = tight
        running.cluster = .spot
        #expect(!DeadlineRules.safetyNetFires(running))
        running.pendingOverhead = 100
        #expect(DeadlineRules.safetyNetFires(running))
        // 9 h of work fits.
        #expect(!DeadlineRules.safetyNetFires(Self.state(now: now, remaining: 9 * 3600)))
    }

    /// Rule: greedy uses spot when available, waits when not, and goes on-demand (for good)
    /// when the safety net fires.
    @Test func greedy() {
        let greedy = GreedyPolicy(spotPool: 0, onDemandPool: 0)
        #expect(greedy.decide(Self.state(remaining: 40 * 3600, spot: true)) == .spot)
        #expect(greedy.decide(Self.state(remaining: 40 * 3600, spot: false)) == .idle)
        #expect(greedy.decide(Self.state(now: 42 * 3600, remaining: 9.9 * 3600, spot: true)) == .onDemand)
        #expect(greedy.decide(Self.state(remaining: 40 * 3600, cluster: .onDemand, spot: true)) == .onDemand)
        #expect(greedy.decide(Self.state(remaining: 0, spot: true)) == .idle)
    }

    /// Rule: uniform progress catches up on on-demand only when behind with no spot, stays on
    /// on-demand until ahead of ep(t + 2d), keeps a spot node, and goes on-demand when two
    /// overheads no longer fit.
    @Test func uniformProgress() {
        let up = UniformProgressPolicy(spotPool: 0, onDemandPool: 0)
        let t = 10 * 3600.0
        let target = 48.0 / 52 * t  // ep(t), hours of progress × 3600
        // Behind, no spot: on-demand. Ahead, no spot: wait.
        #expect(up.decide(Self.state(now: t, remaining: 48 * 3600 - target + 60, spot: false)) == .onDemand)
        #expect(up.decide(Self.state(now: t, remaining: 48 * 3600 - target - 60, spot: false)) == .idle)
        // Behind with spot: take the spot (risk).
        #expect(up.decide(Self.state(now: t, remaining: 48 * 3600 - target + 60, spot: true)) == .spot)
        // On on-demand: hysteresis until c ≥ ep(t + 2d).
        let aheadOfNow = 48 * 3600 - target - 60
        #expect(up.decide(Self.state(now: t, remaining: aheadOfNow, cluster: .onDemand, spot: true)) == .onDemand)
        let aheadOfHysteresis = 48 * 3600 - 48.0 / 52 * (t + 2 * 720) - 60
        #expect(up.decide(Self.state(now: t, remaining: aheadOfHysteresis, cluster: .onDemand, spot: true)) == .spot)
        #expect(up.decide(Self.state(now: t, remaining: aheadOfHysteresis, cluster: .onDemand, spot: false)) == .idle)
        // Rule 4: idle with work + 2d ≥ remaining time.
        #expect(up.decide(Self.state(now: 42 * 3600, remaining: 9.7 * 3600, spot: true)) == .onDemand)
        // A running spot node is kept.
        #expect(up.decide(Self.state(now: t, remaining: 40 * 3600, cluster: .spot, spot: true)) == .spot)
    }
}
