import Foundation
import Stochastics

/// The CSV report: tidy, one row per job × policy × setting × metric.
///
/// ```
/// scenario,job,policy,interval,interval_hours,pool,metric,mean,sd,ci95_low,ci95_high,p50,p90,p99,replications
/// daly-check,train,spot,30m,0.5,spot-a,cost_usd,129.1,12.0,128.9,129.3,128.7,144.8,163.2,20000
/// ```
/// Fields that contain a comma, a quote or a line break are quoted (RFC 4180); missing values
/// (an interval from one replication) are empty.
public enum CSVReport {
    public static let header = [
        "scenario", "job", "policy", "interval", "interval_hours", "pool", "metric",
        "mean", "sd", "ci95_low", "ci95_high", "p50", "p90", "p99", "replications",
    ]

    public static func render(_ result: ExperimentResult) -> String {
        var lines = [header.joined(separator: ",")]
        for cellResult in result.cells {
            let cell = cellResult.cell
            for (metric, summary) in zip(Metric.allCases, cellResult.summaries) {
                let interval = summary.confidenceInterval95
                let fields = [
                    result.scenario.name, cell.job.name, cell.policySpec.description, cell.interval.description,
                    JSONWriter.number(cell.plan.intervalSeconds / 3600), cell.primaryPool.name, metric.rawValue,
                    JSONWriter.number(summary.mean), JSONWriter.number(summary.standardDeviation),
                    interval.map { JSONWriter.number($0.lowerBound) } ?? "",
                    interval.map { JSONWriter.number($0.upperBound) } ?? "",
                    JSONWriter.number(summary.p50), JSONWriter.number(summary.p90), JSONWriter.number(summary.p99),
                    String(summary.count),
                ]
                lines.append(fields.map(escape).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
