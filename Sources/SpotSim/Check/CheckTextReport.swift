import Foundation

/// The verdict of `spotsim check` as text for a terminal or a CI log: the mode and why, one
/// line per failure, improvement and result only one side has, then the summary line.
///
/// ```text
/// spotsim check: scenario quickstart against baseline.json
/// mode: statistical (auto: the seed differs (baseline 1, this run 8))
/// noise: each run's 95% interval widened to 3.51 standard errors, so that the 180 checks together raise a false alarm with probability 0.05
/// REGRESSION  finetune / spot / 30m  cost_usd: baseline 1831.04 ± 2.38, now 1960.33 ± 2.51, change +129.29 (+7.06%), threshold 3.46 (tolerance 0 + noise 3.46), lower is better
/// IMPROVED    finetune / spot / 1h  lost_gpu_hours: baseline 96.72 ± 1.46, now 80.1 ± 1.3, change -16.62 (-17.2%), threshold 1.95 (tolerance 0 + noise 1.95), lower is better
/// spotsim check: 12 results, 180 metrics checked, 1 regression (mode: statistical)
/// ```
///
/// Passing metrics are not listed. In exact mode a failing line gives both means as the files
/// write them (every digit) and names the statistics that differ.
public enum CheckTextReport {
    /// The whole verdict, ending with a newline.
    public static func render(_ verdict: CheckVerdict) -> String {
        var lines = [
            "spotsim check: scenario \(verdict.scenario) against \(verdict.baselineFile)",
            "mode: \(verdict.decision.mode.rawValue) (\(verdict.decision.reason))",
        ]
        if let widening = verdict.widening {
            lines.append(String(
                format: "noise: each run's 95%% interval widened to %.2f standard errors, so that the %d checks together raise a false alarm with probability %g",
                widening.critical, widening.checks, widening.falseAlarmRate
            ))
        }
        for check in verdict.checks where check.isFailure || check.outcome == .improvement {
            lines.append(label(check.outcome).padding(toLength: 12, withPad: " ", startingAt: 0) + message(check))
        }
        for identity in verdict.missingResults {
            lines.append("MISSING     " + missingMessage(identity))
        }
        for identity in verdict.addedResults {
            lines.append((verdict.addedResultsFail ? "ADDED       " : "new         ") + addedMessage(identity, fails: verdict.addedResultsFail))
        }
        for check in verdict.skipped {
            if case .notChecked(let reason) = check.outcome {
                lines.append("not checked \(check.result)  \(check.metric): \(reason)")
            }
        }
        lines.append(summary(verdict))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `spotsim check: N results, M metrics checked, K regressions (mode: …)`.
    public static func summary(_ verdict: CheckVerdict) -> String {
        let k = verdict.failureCount
        return "spotsim check: \(verdict.resultCount) result\(verdict.resultCount == 1 ? "" : "s"), "
            + "\(verdict.checkedCount) metric\(verdict.checkedCount == 1 ? "" : "s") checked, "
            + "\(k) regression\(k == 1 ? "" : "s") (mode: \(verdict.decision.mode.rawValue))"
    }

    /// `REGRESSION`, `IMPROVED`, `DIFFERS`, `MISSING`, `ADDED`, `passed` or `not checked`.
    public static func label(_ outcome: MetricCheck.Outcome) -> String {
        switch outcome {
        case .regression: return "REGRESSION"
        case .improvement: return "IMPROVED"
        case .differs: return "DIFFERS"
        case .missing: return "MISSING"
        case .added: return "ADDED"
        case .passed: return "passed"
        case .notChecked: return "not checked"
        }
    }

    /// One check on one line: `finetune / spot / 30m  cost_usd: baseline 1831.04 ± 2.38, now …`.
    public static func message(_ check: MetricCheck) -> String {
        let head = "\(check.result)  \(check.metric): "
        switch check.outcome {
        case .missing:
            return head + "in the baseline, missing or null in this run"
        case .added:
            return head + "in this run, not in the baseline (exact mode: every number must be identical)"
        case .notChecked(let reason):
            return head + "not checked: \(reason)"
        case .differs:
            var text = head
            if let change = check.change {
                // The means in full; the other statistics by name.
                text += means(change, exact: true) + ", differs in "
                    + check.differences.map(\.statistic).joined(separator: ", ")
            } else {
                let shown = check.differences.prefix(8).map { "\($0.statistic) \($0.baseline) → \($0.current)" }
                text += "differs: " + shown.joined(separator: ", ")
                if check.differences.count > 8 { text += ", and \(check.differences.count - 8) more" }
            }
            return text + " (exact mode: every number must be identical)"
        case .passed, .improvement, .regression:
            guard let change = check.change else { return head + "identical" }
            return head + means(change, exact: false)
                + ", threshold \(number(change.threshold)) (tolerance \(number(change.toleranceAmount))"
                + (change.tolerance.isRelative ? " = \(change.tolerance) of the baseline" : "")
                + " + noise \(number(change.noise))), \(change.direction.rawValue)"
        }
    }

    /// `baseline 1831.04 ± 2.38, now 1960.33 ± 2.51, change +129.29 (+7.06%)`.
    static func means(_ change: StatisticalChange, exact: Bool) -> String {
        let show = exact ? JSONWriter.number : number
        var text = "baseline \(show(change.baselineMean)) ± \(number(change.baselineHalfWidth)), "
            + "now \(show(change.currentMean)) ± \(number(change.currentHalfWidth)), "
            + "change \(signed(change.change))"
        if change.baselineMean != 0, change.change != 0 {
            text += " (\(signed(100 * change.change / abs(change.baselineMean)))%)"
        }
        return text
    }

    /// A missing result's message.
    public static func missingMessage(_ identity: ResultIdentity) -> String {
        "\(identity): result in the baseline, not in this run"
    }

    /// An added result's message.
    public static func addedMessage(_ identity: ResultIdentity, fails: Bool) -> String {
        "\(identity): result in this run, not in the baseline"
            + (fails ? " (exact mode: the results must be the same)" : " (not checked)")
    }

    /// Six significant digits: `1831.04`, `0.917512`, `1.2e-07`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == 0 { return "0" }
        return String(format: "%.6g", value)
    }

    /// ``number(_:)`` with a `+` before a positive value.
    static func signed(_ value: Double) -> String {
        value > 0 ? "+" + number(value) : number(value)
    }
}

extension Tolerance {
    /// Whether the tolerance is a fraction of the baseline mean.
    var isRelative: Bool {
        if case .relative = self { return true }
        return false
    }
}
