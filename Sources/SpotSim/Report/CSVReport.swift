import Foundation
import Stochastics

/// The CSV report: tidy, one row per job × policy × setting × metric.
///
/// ```
/// scenario,job,policy,interval,interval_hours,pool,baseline,metric,mean,sd,ci95_low,ci95_high,p50,p90,p99,replications
/// quickstart,finetune,spot,30m,0.5,aws-h100,,cost_usd,1831.04,54.30,1828.66,1833.42,1829.22,1901.75,1962.47,2000
/// quickstart,finetune,spot,30m,0.5,aws-h100,on-demand,savings_usd,3082.03,54.30,3079.65,3084.41,3083.85,3148.99,3208.31,2000
/// ```
/// With a sweep, one column per sweep parameter (named by its path, holding its value) follows
/// `scenario`.
///
/// A result's own metrics come first (`ExperimentResult.metrics` order, `baseline` empty); then, for a
/// result other than the baseline's when the scenario has a baseline, its paired comparisons
/// `savings_usd`, `savings_fraction` and `extra_completion_hours` (see ``Comparison``), with
/// the baseline policy's name in `baseline`. Fields that contain a comma, a quote or a line
/// break are quoted (RFC 4180); missing values (an interval from one replication, an undefined
/// `savings_fraction`) are empty.
///
/// A streaming run (`--statistics streaming`) adds a last column, `quantile_relative_error`,
/// holding the bound (0.0001) on every row: its p50/p90/p99 are within that relative error of
/// the exact quantiles.
public enum CSVReport {
    public static let header = [
        "scenario", "job", "policy", "interval", "interval_hours", "pool", "baseline", "metric",
        "mean", "sd", "ci95_low", "ci95_high", "p50", "p90", "p99", "replications",
    ]

    public static func render(_ result: ExperimentResult) -> String {
        let sweep = result.layout.sweepParameters
        let bound = result.quantileRelativeError
        let extra = bound == nil ? [] : ["quantile_relative_error"]
        let trailing = bound.map { [JSONWriter.number($0)] } ?? []
        var lines = [([header[0]] + sweep + header.dropFirst() + extra).map(escape).joined(separator: ",")]
        for cellResult in result.cells {
            let cell = cellResult.cell
            let key = [result.scenarioName] + cellResult.sweepValues + [
                cell.job, cell.policy, cell.interval, JSONWriter.number(cell.intervalHours), cell.pool,
            ]
            for (metric, summary) in zip(cellResult.metrics, cellResult.summaries) {
                lines.append(row(key + ["", metric.rawValue], summary, replications: summary.count, trailing: trailing))
            }
            if let comparison = cellResult.comparison {
                for (metric, summary) in zip(ComparisonMetric.allCases, comparison.summaries) {
                    lines.append(row(
                        key + [comparison.baseline, metric.rawValue], summary, replications: result.replications, trailing: trailing
                    ))
                }
            }
            if let overOptimum = cellResult.overOptimum {
                lines.append(row(key + ["omniscient", "over_optimum_usd"], overOptimum, replications: overOptimum.count, trailing: trailing))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `leading` then the summary's fields (empty when `summary` is `nil`), `replications` and
    /// `trailing`.
    private static func row(_ leading: [String], _ summary: Summary?, replications: Int, trailing: [String] = []) -> String {
        let interval = summary?.confidenceInterval95
        let statistics: [String]
        if let summary {
            statistics = [
                JSONWriter.number(summary.mean), JSONWriter.number(summary.standardDeviation),
                interval.map { JSONWriter.number($0.lowerBound) } ?? "",
                interval.map { JSONWriter.number($0.upperBound) } ?? "",
                JSONWriter.number(summary.p50), JSONWriter.number(summary.p90), JSONWriter.number(summary.p99),
            ]
        } else {
            statistics = Array(repeating: "", count: 7)
        }
        return (leading + statistics + [String(replications)] + trailing).map(escape).joined(separator: ",")
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
