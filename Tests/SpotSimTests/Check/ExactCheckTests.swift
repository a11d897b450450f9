import SpotSim
import Testing

/// `spotsim check` in exact mode: every number of every result identical.
@Suite struct ExactCheckTests {
    /// Rule: identical reports pass, with one check per result × metric plus one for the
    /// settings.
    @Test func identicalReportsPass() throws {
        let text = Fixture.report(results: [Fixture.Result(), Fixture.Result(policy: "on-demand")])
        let verdict = try Fixture.verdict(baseline: text, current: text, mode: .exact)
        #expect(verdict.passed)
        #expect(verdict.decision.mode == .exact)
        #expect(verdict.checkedCount == 2 * (3 + 1))
        #expect(verdict.resultCount == 2)
    }

    /// Rule: a difference in the last digit of any statistic fails, naming the result, the
    /// metric and each differing statistic with both texts; tolerances play no part.
    @Test func lastDigitDifferenceFails() throws {
        var stat = Fixture.Stat(100, 2)
        stat.p99 = 120.00000000000001
        let baseline = Fixture.report()
        let current = Fixture.report(results: [Fixture.Result().with("cost_usd", stat)])
        let verdict = try Fixture.verdict(baseline: baseline, current: current, mode: .exact)
        #expect(!verdict.passed)
        #expect(verdict.failureCount == 1)
        let failure = try #require(verdict.failures.first)
        #expect(failure.result.description == "train / spot / 30m")
        #expect(failure.metric == "cost_usd")
        #expect(failure.outcome == .differs)
        #expect(failure.differences == [StatisticDifference(statistic: "p99", baseline: "120", current: "120.00000000000001")])
        #expect(CheckTextReport.message(failure).contains("differs in p99"))
    }

    /// Rule: a ci95 that becomes null, a setting that changes, a metric or result that
    /// appears or disappears: each is a failure of its own.
    @Test func nullsSettingsAndMissingOrAddedThingsFail() throws {
        var changed = Fixture.Result().with("cost_usd", Fixture.Stat(100, nil))
        changed.intervalHours = 0.6
        changed.metrics.removeAll { $0.0 == "goodput" }
        changed.metrics.append(("preemptions", Fixture.Stat(3, 0.2)))
        let baseline = Fixture.report(results: [Fixture.Result(), Fixture.Result(interval: "1h")])
        let current = Fixture.report(results: [changed, Fixture.Result(interval: "2h")])
        let verdict = try Fixture.verdict(baseline: baseline, current: current, mode: .exact)
        let outcomes = Dictionary(uniqueKeysWithValues: verdict.failures.map { ($0.metric, $0) })
        #expect(outcomes["cost_usd"]?.differences.map(\.statistic) == ["sd", "ci95.lower", "ci95.upper"])
        #expect(outcomes["settings"]?.differences == [StatisticDifference(statistic: "interval_hours", baseline: "0.5", current: "0.6")])
        #expect(outcomes["goodput"]?.outcome == .missing)
        #expect(outcomes["preemptions"]?.outcome == .added)
        #expect(verdict.missingResults.map(\.interval) == ["1h"])
        #expect(verdict.addedResults.map(\.interval) == ["2h"])
        #expect(verdict.failureCount == 4 + 1 + 1)
    }

    /// Rule: `--metric` restricts the compared metrics in exact mode too (settings are still
    /// compared).
    @Test func metricRestrictionApplies() throws {
        let baseline = Fixture.report()
        let current = Fixture.report(results: [Fixture.Result().with("goodput", Fixture.Stat(0.8, 0.01))])
        let verdict = try Fixture.verdict(baseline: baseline, current: current, mode: .exact, metrics: ["cost_usd"])
        #expect(verdict.passed)
        #expect(verdict.checks.map(\.metric) == ["cost_usd", "settings"])
    }
}
