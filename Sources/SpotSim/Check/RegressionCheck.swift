import Stochastics

/// Compares a run's JSON report with a baseline report of the same scenario: the rules of
/// `spotsim check`.
///
/// Results are matched by ``ResultIdentity`` (job, policy, interval, sweep values). Then:
///
/// - **Exact mode**: every number of every matched result must be identical, bit for bit —
///   each metric's mean, sd, ci95 and quantiles, and the numbers and texts of `settings`
///   (checked as one more metric, `settings`). A metric or result only one side has is a
///   failure.
/// - **Statistical mode**: for each checked metric, with b and c the two means and hb and hc
///   the half-widths of their 95 % intervals (0 when `ci95` is `null`), the change counts
///   when it is larger than tolerance + √(hb² + hc²): a **regression** in the metric's bad
///   direction (``MetricDirection``), an **improvement** in its good one (reported, not a
///   failure). A result or metric the baseline has and this run lacks (or has as `null`) is
///   a failure; one only this run has is reported, not checked. A metric the baseline has as
///   `null` is not checked.
///
/// ```swift
/// let check = RegressionCheck(mode: .auto, tolerances: try ToleranceSet(parsing: ["cost_usd=2%"]), metrics: ["cost_usd"])
/// let verdict = try check.compare(baseline: ReportReader.read(path: "baseline.json"),
///                                 current: ReportReader.parse(JSONReport.render(result), file: "(this run)"))
/// print(CheckTextReport.render(verdict))
/// ```
///
/// - Complexity: O(r · m) for r results of m metrics each.
public struct RegressionCheck: Sendable {
    public var mode: CheckMode
    public var tolerances: ToleranceSet
    /// The metrics to check; empty: every metric of the baseline.
    public var metrics: [String]
    /// Statistical mode: the chance, when nothing changed but the random numbers (another
    /// seed, another platform), that any of the checks reports a regression. Each check's
    /// intervals are widened for it (Bonferroni over the checks made); `nil` compares plain
    /// 95 % intervals, check by check, so that among hundreds of metrics a few false alarms
    /// are expected.
    public var falseAlarmRate: Double?

    public init(mode: CheckMode = .auto, tolerances: ToleranceSet = ToleranceSet(), metrics: [String] = [],
                falseAlarmRate: Double? = 0.05) {
        self.mode = mode
        self.tolerances = tolerances
        self.metrics = metrics
        self.falseAlarmRate = falseAlarmRate
    }

    /// Compares `current` with `baseline`.
    ///
    /// - Throws: ``CheckUsageError`` when the reports are of different scenarios, or a metric
    ///   to check is in none of the baseline's results.
    public func compare(baseline: ParsedReport, current: ParsedReport) throws(CheckUsageError) -> CheckVerdict {
        guard baseline.scenario == current.scenario else {
            throw CheckUsageError(
                "the baseline \(baseline.file) is of scenario '\(baseline.scenario)', this run is of scenario '\(current.scenario)'; compare a scenario with its own baseline"
            )
        }
        try validate(against: baseline)
        let decision = mode.decide(baseline: baseline, current: current)
        var currentByIdentity: [ResultIdentity: ParsedResult] = [:]
        for result in current.results { currentByIdentity[result.identity] = result }
        let baselineIdentities = Set(baseline.results.map(\.identity))

        var checks: [MetricCheck] = []
        var missing: [ResultIdentity] = []
        for old in baseline.results {
            guard let new = currentByIdentity[old.identity] else {
                missing.append(old.identity)
                continue
            }
            for name in metricNames(old, new) {
                let before = old.metric(named: name), after = new.metric(named: name)
                if decision.mode == .exact {
                    checks.append(exact(old.identity, name, before, after))
                } else if let check = statistical(old.identity, name, before, after) {
                    checks.append(check)
                }
            }
            if decision.mode == .exact {
                checks.append(settings(old, new))
            }
        }
        var widening: CheckVerdict.Widening? = nil
        if decision.mode == .statistical, let falseAlarmRate {
            widening = Self.widen(&checks, falseAlarmRate: falseAlarmRate,
                                  baselineReplications: baseline.replications, currentReplications: current.replications)
        }
        let added = current.results.map(\.identity).filter { !baselineIdentities.contains($0) }
        var verdict = CheckVerdict(
            scenario: baseline.scenario, baselineFile: baseline.file, decision: decision,
            resultCount: baseline.results.count, checks: checks, missingResults: missing, addedResults: added
        )
        verdict.widening = widening
        return verdict
    }

    /// Widens the intervals of the statistical checks so that, together, they raise a false
    /// alarm with probability at most `falseAlarmRate`, and decides them again.
    ///
    /// With m checks, each is one-sided at level α ÷ m: its critical value is the Student-t
    /// quantile t(1 − α/m) with min(nb, nc) − 1 degrees of freedom, and each run's 95 %
    /// half-width (made with its own t(0.975, n − 1)) is scaled by critical ÷ t(0.975, n − 1).
    static func widen(
        _ checks: inout [MetricCheck], falseAlarmRate: Double, baselineReplications: Int, currentReplications: Int
    ) -> CheckVerdict.Widening? {
        let compared = checks.indices.filter { checks[$0].change != nil }
        guard !compared.isEmpty, baselineReplications >= 2, currentReplications >= 2 else { return nil }
        let degrees = Double(Swift.min(baselineReplications, currentReplications) - 1)
        let critical = Quantiles.studentT(probability: 1 - falseAlarmRate / Double(compared.count), degreesOfFreedom: degrees)
        let baselineScale = critical / Quantiles.studentT(probability: 0.975, degreesOfFreedom: Double(baselineReplications - 1))
        let currentScale = critical / Quantiles.studentT(probability: 0.975, degreesOfFreedom: Double(currentReplications - 1))
        for index in compared {
            checks[index].change!.baselineScale = baselineScale
            checks[index].change!.currentScale = currentScale
            checks[index].outcome = checks[index].change!.outcome
        }
        return CheckVerdict.Widening(falseAlarmRate: falseAlarmRate, checks: compared.count, critical: critical)
    }

    /// Checks, before any run, that every metric to check is in some result of `baseline`.
    ///
    /// - Throws: ``CheckUsageError`` naming the metric and the baseline's metrics.
    public func validate(against baseline: ParsedReport) throws(CheckUsageError) {
        let baselineNames = Set(baseline.results.flatMap { $0.metrics.map(\.name) })
        for name in metrics where !baselineNames.contains(name) {
            let known = MetricDirection.knownMetrics.filter(baselineNames.contains)
                + baselineNames.filter { MetricDirection.of($0) == nil }.sorted()
            throw CheckUsageError("metric '\(name)' is not in the baseline \(baseline.file); it has \(known.joined(separator: ", "))")
        }
    }

    /// The metrics to compare for one result pair: the chosen ones, else the baseline's, then
    /// this run's new ones (failed in exact mode, reported in statistical mode).
    private func metricNames(_ old: ParsedResult, _ new: ParsedResult) -> [String] {
        if !metrics.isEmpty {
            return metrics.filter { old.metric(named: $0) != nil || new.metric(named: $0) != nil }
        }
        let names = old.metrics.map(\.name)
        return names + new.metrics.map(\.name).filter { !names.contains($0) }
    }

    /// Exact mode: every statistic identical.
    private func exact(_ id: ResultIdentity, _ name: String, _ before: MetricEntry?, _ after: MetricEntry?) -> MetricCheck {
        guard let before else { return MetricCheck(result: id, metric: name, outcome: .added) }
        guard let after else { return MetricCheck(result: id, metric: name, outcome: .missing) }
        switch (before.summary, after.summary) {
        case (nil, nil):
            return MetricCheck(result: id, metric: name, outcome: .passed)
        case (let old?, let new?):
            var differences: [StatisticDifference] = []
            for (statistic, other) in zip(old.statistics, new.statistics) {
                let identical = switch (statistic.value, other.value) {
                case (nil, nil): true
                case (let a?, let b?): a.isIdentical(to: b)
                default: false
                }
                if !identical {
                    differences.append(StatisticDifference(
                        statistic: statistic.name, baseline: statistic.value?.text ?? "null", current: other.value?.text ?? "null"))
                }
            }
            let change = old.mean.flatMap { b in new.mean.map { c in (b.value, c.value) } }.flatMap { b, c in
                MetricDirection.of(name).map {
                    StatisticalChange(direction: $0, baselineMean: b, baselineHalfWidth: old.halfWidth,
                                      currentMean: c, currentHalfWidth: new.halfWidth, tolerance: .absolute(0))
                }
            }
            return MetricCheck(result: id, metric: name, outcome: differences.isEmpty ? .passed : .differs,
                               change: change, differences: differences)
        case (let old, let new):
            let difference = StatisticDifference(statistic: "summary", baseline: old == nil ? "null" : "a summary",
                                                 current: new == nil ? "null" : "a summary")
            return MetricCheck(result: id, metric: name, outcome: .differs, differences: [difference])
        }
    }

    /// Exact mode: the settings' numbers and texts identical (one check named `settings`).
    private func settings(_ old: ParsedResult, _ new: ParsedResult) -> MetricCheck {
        var differences: [StatisticDifference] = []
        for key in Set(old.settings.keys).union(new.settings.keys).sorted() {
            let a = old.settings[key], b = new.settings[key]
            let identical = switch (a, b) {
            case (.number(let x)?, .number(let y)?): x.isIdentical(to: y)
            default: a == b
            }
            if !identical {
                differences.append(StatisticDifference(statistic: key, baseline: a.map(Self.text) ?? "absent", current: b.map(Self.text) ?? "absent"))
            }
        }
        return MetricCheck(result: old.identity, metric: "settings", outcome: differences.isEmpty ? .passed : .differs,
                           differences: differences)
    }

    /// A setting's value as the report writes it.
    private static func text(_ value: ReportJSON) -> String {
        switch value {
        case .number(let number): return number.text
        case .string(let text): return text
        default: return value.kind
        }
    }

    /// Statistical mode: the means against the threshold; `nil` when neither side has it.
    private func statistical(_ id: ResultIdentity, _ name: String, _ before: MetricEntry?, _ after: MetricEntry?) -> MetricCheck? {
        guard let before else {
            return after == nil ? nil : MetricCheck(result: id, metric: name, outcome: .notChecked("new in this run, not in the baseline"))
        }
        guard let old = before.summary, let baselineMean = old.mean else {
            return MetricCheck(result: id, metric: name, outcome: .notChecked("undefined (null) in the baseline"))
        }
        guard let new = after?.summary, let currentMean = new.mean else {
            return MetricCheck(result: id, metric: name, outcome: .missing)
        }
        guard let direction = MetricDirection.of(name) else {
            return MetricCheck(result: id, metric: name, outcome: .notChecked("spotsim knows no better direction for it"))
        }
        let change = StatisticalChange(
            direction: direction, baselineMean: baselineMean.value, baselineHalfWidth: old.halfWidth,
            currentMean: currentMean.value, currentHalfWidth: new.halfWidth, tolerance: tolerances.tolerance(for: name)
        )
        return MetricCheck(result: id, metric: name, outcome: change.outcome, change: change)
    }
}
