import SpotSim
import Stochastics
import Testing

/// `spotsim check` in statistical mode: a change counts when it exceeds the tolerance plus
/// √(hb² + hc²), the half-widths widened for the number of checks.
@Suite struct StatisticalCheckTests {
    /// Rule: a metric with no spread (ci95 of zero width) whose means differ only in their
    /// last bits is unchanged, not a regression nor an improvement; a real change is still
    /// seen.
    @Test func roundingIsNotAChange() throws {
        let baseline = Fixture.report(results: [Fixture.Result().with("checkpoint_hours", Fixture.Stat(3.2, 0))])
        for current in [3.2 - 4.44089e-16, 3.2 + 4.44089e-16] {
            let now = Fixture.report(results: [Fixture.Result().with("checkpoint_hours", Fixture.Stat(current, 0))])
            let verdict = try Fixture.verdict(baseline: baseline, current: now)
            #expect(verdict.checks.first { $0.metric == "checkpoint_hours" }?.outcome == .passed)
        }
        let changed = Fixture.report(results: [Fixture.Result().with("checkpoint_hours", Fixture.Stat(3.2001, 0))])
        #expect(try Fixture.verdict(baseline: baseline, current: changed).checks.first { $0.metric == "checkpoint_hours" }?.outcome == .regression)
    }

    /// Rule: with a false-alarm rate α over m checks, each run's 95 % half-width is scaled by
    /// t(1 − α/m) ÷ t(0.975) (Student t, n − 1 degrees of freedom), and the outcome follows
    /// the widened threshold: a worsening of 5.2 against hb = 3, hc = 4 regresses with plain
    /// intervals (noise 5) but not once widened over the fixture's checks (noise 5k > 5.2).
    @Test func intervalsAreWidenedForTheNumberOfChecks() throws {
        let baseline = Fixture.report(replications: 1000, results: [Fixture.Result().with("cost_usd", Fixture.Stat(100, 3))])
        let now = Fixture.report(replications: 1000, results: [Fixture.Result().with("cost_usd", Fixture.Stat(105.2, 4))])
        let plain = try Fixture.verdict(baseline: baseline, current: now)
        #expect(plain.widening == nil)
        #expect(plain.checks.first { $0.metric == "cost_usd" }?.outcome == .regression)

        let widened = try Fixture.verdict(baseline: baseline, current: now, falseAlarmRate: 0.05)
        let widening = try #require(widened.widening)
        let m = widened.checks.count { $0.change != nil }
        #expect(widening.checks == m && m >= 2)
        let critical = Quantiles.studentT(probability: 1 - 0.05 / Double(m), degreesOfFreedom: 999)
        #expect(widening.critical.isApproximatelyEqual(to: critical, relativeTolerance: 1e-12))
        let cost = try #require(widened.checks.first { $0.metric == "cost_usd" })
        let k = critical / Quantiles.studentT(probability: 0.975, degreesOfFreedom: 999)
        #expect(5 * k > 5.2)
        #expect(try #require(cost.change?.noise).isApproximatelyEqual(to: 5 * k, relativeTolerance: 1e-12))
        #expect(cost.outcome == .passed)
        // A worsening beyond the widened threshold still regresses.
        let worse = Fixture.report(replications: 1000, results: [Fixture.Result().with("cost_usd", Fixture.Stat(100 + 5 * k + 0.01, 4))])
        #expect(try Fixture.verdict(baseline: baseline, current: worse, falseAlarmRate: 0.05).checks.first { $0.metric == "cost_usd" }?.outcome == .regression)
    }

    /// Baseline cost 100 ± 3 against `current` (other metrics unchanged).
    func costVerdict(_ current: Fixture.Stat, tolerances: [String] = []) throws -> MetricCheck {
        let baseline = Fixture.report(results: [Fixture.Result().with("cost_usd", Fixture.Stat(100, 3))])
        let now = Fixture.report(results: [Fixture.Result().with("cost_usd", current)])
        let verdict = try Fixture.verdict(baseline: baseline, current: now, tolerances: tolerances)
        return try #require(verdict.checks.first { $0.metric == "cost_usd" })
    }

    /// Rule: with hb = 3 and hc = 4 the noise is 5: a worsening of 5 passes (the change must
    /// be larger), 6 regresses; the same amounts in the good direction pass / improve.
    @Test func thresholdIsTheCombinedHalfWidth() throws {
        #expect(try costVerdict(Fixture.Stat(105, 4)).outcome == .passed)
        let regression = try costVerdict(Fixture.Stat(106, 4))
        #expect(regression.outcome == .regression)
        #expect(regression.change?.noise == 5)
        #expect(try #require(regression.change?.threshold).isApproximatelyEqual(to: 5, relativeTolerance: 1e-6))
        #expect(try costVerdict(Fixture.Stat(95, 4)).outcome == .passed)
        #expect(try costVerdict(Fixture.Stat(94, 4)).outcome == .improvement)
    }

    /// Rule: a relative tolerance is a fraction of the baseline's mean, an absolute one is in
    /// the metric's unit; either adds to the noise.
    @Test func tolerancesAddToTheNoise() throws {
        // Threshold 5 (noise) + 10 (10% of 100) = 15.
        #expect(try costVerdict(Fixture.Stat(114.9, 4), tolerances: ["10%"]).outcome == .passed)
        #expect(try costVerdict(Fixture.Stat(115.1, 4), tolerances: ["10%"]).outcome == .regression)
        // Threshold 5 + 2.5 = 7.5.
        #expect(try costVerdict(Fixture.Stat(107.4, 4), tolerances: ["2.5"]).outcome == .passed)
        #expect(try costVerdict(Fixture.Stat(107.6, 4), tolerances: ["2.5"]).outcome == .regression)
    }

    /// Rule: a metric's own tolerance overrides the global one, for that metric only.
    @Test func perMetricToleranceOverrides() throws {
        let baseline = Fixture.report()  // cost 100 ± 2, completion 10 ± 0.5
        let current = Fixture.report(results: [
            Fixture.Result().with("cost_usd", Fixture.Stat(110, 2)).with("completion_hours", Fixture.Stat(12, 0.5)),
        ])
        let verdict = try Fixture.verdict(baseline: baseline, current: current, tolerances: ["50%", "completion_hours=0.1"])
        #expect(verdict.failures.map(\.metric) == ["completion_hours"])
        #expect(verdict.checks.first { $0.metric == "cost_usd" }?.outcome == .passed)
    }

    /// Rule: for higher-is-better metrics (goodput, savings) a fall is the regression and a
    /// rise the improvement; lower-is-better metrics are the other way round.
    @Test func directionsDecideWhatIsWorse() throws {
        var base = Fixture.Result()
        base.versus = [("savings_usd", Fixture.Stat(50, 1)), ("extra_completion_hours", Fixture.Stat(2, 0.1))]
        var now = base.with("goodput", Fixture.Stat(0.7, 0.01)).with("completion_hours", Fixture.Stat(8, 0.5))
        now.versus = [("savings_usd", Fixture.Stat(60, 1)), ("extra_completion_hours", Fixture.Stat(3, 0.1))]
        let verdict = try Fixture.verdict(baseline: Fixture.report(results: [base]), current: Fixture.report(results: [now]))
        let outcome = Dictionary(uniqueKeysWithValues: verdict.checks.map { ($0.metric, $0.outcome) })
        #expect(outcome["goodput"] == .regression)
        #expect(outcome["completion_hours"] == .improvement)
        #expect(outcome["savings_usd"] == .improvement)
        #expect(outcome["extra_completion_hours"] == .regression)
        #expect(outcome["cost_usd"] == .passed)
        #expect(verdict.failureCount == 2)
        #expect(verdict.improvements.count == 2)
    }

    /// Rule: every metric spotsim reports has a direction, as the check documents it.
    @Test func everyMetricHasADirection() {
        let lower: Set = ["cost_usd", "spot_usd", "on_demand_usd", "storage_usd", "egress_usd", "completion_hours",
                          "lost_gpu_hours", "checkpoint_hours", "restart_hours", "wait_hours", "preemptions", "migrations",
                          "over_optimum_usd", "extra_completion_hours"]
        let higher: Set = ["goodput", "deadline_met", "slack_hours", "savings_usd", "savings_fraction"]
        #expect(Set(MetricDirection.knownMetrics) == lower.union(higher))
        for name in lower { #expect(MetricDirection.of(name) == .lowerIsBetter, "\(name)") }
        for name in higher { #expect(MetricDirection.of(name) == .higherIsBetter, "\(name)") }
        #expect(MetricDirection.of("colour") == nil)
    }

    /// Rule: a null ci95 counts as half-width 0 — any change beyond the tolerance counts.
    @Test func nullIntervalHasHalfWidthZero() throws {
        let check = try costVerdict(Fixture.Stat(103.5, nil))
        #expect(check.change?.currentHalfWidth == 0)
        #expect(check.change?.noise == 3)
        #expect(check.outcome == .regression)
    }

    /// Rule: a result the baseline has and this run lacks fails; a new result is listed and
    /// does not fail.
    @Test func missingResultFailsNewResultDoesNot() throws {
        let baseline = Fixture.report(results: [Fixture.Result(), Fixture.Result(interval: "1h")])
        let current = Fixture.report(results: [Fixture.Result(), Fixture.Result(interval: "2h")])
        let verdict = try Fixture.verdict(baseline: baseline, current: current)
        #expect(verdict.missingResults.map(\.interval) == ["1h"])
        #expect(verdict.addedResults.map(\.interval) == ["2h"])
        #expect(verdict.failureCount == 1)
        let onlyNew = try Fixture.verdict(baseline: Fixture.report(), current: current)
        #expect(onlyNew.passed)
        #expect(CheckTextReport.render(onlyNew).contains("new         train / spot / 2h: result in this run, not in the baseline (not checked)"))
    }

    /// Rule: a metric null in the baseline is not checked; one the baseline has but this run
    /// has as null (or lacks) fails; one only this run has is listed, not checked.
    @Test func nullAndMissingMetrics() throws {
        var base = Fixture.Result()
        base.versus = [("savings_usd", Fixture.Stat(50, 1)), ("savings_fraction", nil)]
        var now = base
        now.versus = [("savings_usd", nil), ("savings_fraction", Fixture.Stat(0.5, 0.01))]
        now.metrics.append(("preemptions", Fixture.Stat(2, 0.1)))
        let verdict = try Fixture.verdict(baseline: Fixture.report(results: [base]), current: Fixture.report(results: [now]))
        let outcome = Dictionary(uniqueKeysWithValues: verdict.checks.map { ($0.metric, $0.outcome) })
        #expect(outcome["savings_usd"] == .missing)
        #expect(outcome["savings_fraction"] == .notChecked("undefined (null) in the baseline"))
        #expect(outcome["preemptions"] == .notChecked("new in this run, not in the baseline"))
        #expect(verdict.failureCount == 1)
        #expect(verdict.checkedCount == 4)
    }

    /// Rule: results match by job, policy, interval and sweep values: a regression at one
    /// sweep point is reported at that point only.
    @Test func sweepPointsAreComparedSeparately() throws {
        func point(_ nodes: String, cost: Double) -> Fixture.Result {
            var result = Fixture.Result().with("cost_usd", Fixture.Stat(cost, 1))
            result.sweep = [("jobs.train.nodes", nodes)]
            return result
        }
        let sweep = ["jobs.train.nodes"]
        let baseline = Fixture.report(schema: 3, sweep: sweep, results: [point("4", cost: 100), point("8", cost: 200)])
        let current = Fixture.report(schema: 3, sweep: sweep, results: [point("8", cost: 200), point("4", cost: 150)])
        let verdict = try Fixture.verdict(baseline: baseline, current: current)
        #expect(verdict.failures.map(\.result.description) == ["train / spot / 30m / jobs.train.nodes=4"])
        #expect(verdict.missingResults.isEmpty && verdict.addedResults.isEmpty)
        // A report without the sweep has none of these results.
        let flat = try Fixture.verdict(baseline: baseline, current: Fixture.report())
        #expect(flat.missingResults.count == 2)
        #expect(flat.addedResults.count == 1)
    }

    /// Rule: `--metric` restricts the check; a metric the baseline lacks is a usage error.
    @Test func metricRestriction() throws {
        let current = Fixture.report(results: [Fixture.Result().with("goodput", Fixture.Stat(0.5, 0.01))])
        let verdict = try Fixture.verdict(baseline: Fixture.report(), current: current, metrics: ["cost_usd"])
        #expect(verdict.passed)
        #expect(verdict.checks.map(\.metric) == ["cost_usd"])
        #expect(throws: CheckUsageError.self) {
            try Fixture.verdict(baseline: Fixture.report(), current: current, metrics: ["deadline_met"])
        }
    }

    /// Rule: a baseline of another scenario is a usage error naming both scenarios.
    @Test func otherScenarioIsAUsageError() throws {
        #expect(throws: CheckUsageError(
            "the baseline base.json is of scenario 'fixture', this run is of scenario 'other'; compare a scenario with its own baseline"
        )) {
            try Fixture.verdict(baseline: Fixture.report(), current: Fixture.report(scenario: "other"))
        }
    }
}
