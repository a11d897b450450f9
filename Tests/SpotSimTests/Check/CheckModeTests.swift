import SpotSim
import Testing

/// Choosing the mode and parsing tolerances.
@Suite struct CheckModeTests {
    /// Rule: auto is exact when spotsim version, seed and replications all match, and
    /// statistical otherwise, naming every difference; an explicit mode is used as asked.
    @Test func autoPicksExactOnlyForTheSameRun() throws {
        let base = try Fixture.parsed(Fixture.report())
        let same = CheckMode.auto.decide(baseline: base, current: try Fixture.parsed(Fixture.report()))
        #expect(same.mode == .exact)
        #expect(same.reason == "auto: same spotsim version 0.3.0, seed 1 and 1000 replications as the baseline")
        for other in [Fixture.report(version: "0.2.0"), Fixture.report(seed: "2"), Fixture.report(replications: 999)] {
            #expect(CheckMode.auto.decide(baseline: base, current: try Fixture.parsed(other)).mode == .statistical)
        }
        let all = CheckMode.auto.decide(baseline: base, current: try Fixture.parsed(Fixture.report(version: "0.4.0", seed: "8", replications: 50)))
        #expect(all.reason == "auto: the spotsim version differs (baseline 0.3.0, this run 0.4.0); the seed differs (baseline 1, this run 8); the replications differ (baseline 1000, this run 50)")
        #expect(CheckMode.statistical.decide(baseline: base, current: base).mode == .statistical)
        #expect(CheckMode.exact.decide(baseline: base, current: try Fixture.parsed(Fixture.report(seed: "2"))).mode == .exact)
    }

    /// Rule: `5%` is relative to |baseline mean|, `0.5` absolute, `NAME=…` per metric; bad
    /// values, unknown metrics and duplicates are usage errors.
    @Test func tolerancesParse() throws {
        #expect(Tolerance(parsing: "5%") == .relative(0.05))
        #expect(Tolerance(parsing: " 0.5 ") == .absolute(0.5))
        #expect(Tolerance(parsing: "12.5 %") == .relative(0.125))
        #expect(Tolerance.relative(0.1).amount(baselineMean: -30) == 3)
        for bad in ["", "%", "-1", "five", "inf", "nan%"] {
            #expect(Tolerance(parsing: bad) == nil, "\(bad)")
        }
        let set = try ToleranceSet(parsing: ["2%", "cost_usd=10", "goodput=1%"])
        #expect(set.tolerance(for: "cost_usd") == .absolute(10))
        #expect(set.tolerance(for: "goodput") == .relative(0.01))
        #expect(set.tolerance(for: "completion_hours") == .relative(0.02))
        #expect(ToleranceSet().tolerance(for: "cost_usd") == .absolute(0))
        for bad in [["colour=1"], ["cost_usd=lots"], ["1%", "2%"], ["cost_usd=1", "cost_usd=2"], ["fast"]] {
            #expect(throws: CheckUsageError.self, "\(bad)") { try ToleranceSet(parsing: bad) }
        }
    }
}
