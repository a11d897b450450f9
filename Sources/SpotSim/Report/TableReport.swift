import Foundation
import Stochastics

/// The human-readable report: one row per grid point, key metrics as mean ± the half-width of
/// the 95 % confidence interval.
///
/// ```
/// daly-check: 20000 replications, seed 7; mean ± 95% CI half-width
///
/// job    policy  interval  tau_h   cost_usd        completion_h     lost_gpu_h     preemptions   goodput
/// train  spot    30m       0.500   129.11 ± 0.17   133.10 ± 0.18    15.92 ± 0.13   66.5 ± 0.1    0.751
/// ```
public enum TableReport {
    static let columns: [(title: String, metric: Metric, decimals: Int)] = [
        ("cost_usd", .costUSD, 2),
        ("completion_h", .completionHours, 2),
        ("lost_gpu_h", .lostGPUHours, 2),
        ("wait_h", .waitHours, 2),
        ("preemptions", .preemptions, 1),
        ("goodput", .goodput, 3),
    ]

    public static func render(_ result: ExperimentResult) -> String {
        let scenario = result.scenario
        var rows: [[String]] = [["job", "policy", "interval", "tau_h"] + columns.map(\.title)]
        for cellResult in result.cells {
            let cell = cellResult.cell
            var row = [
                cell.job.name, cell.policySpec.description, cell.interval.description,
                String(format: "%.3f", cell.plan.intervalSeconds / 3600),
            ]
            for column in columns {
                let summary = cellResult.summary(column.metric)
                let mean = String(format: "%.\(column.decimals)f", summary.mean)
                if let interval = summary.confidenceInterval95 {
                    let halfWidth = (interval.upperBound - interval.lowerBound) / 2
                    row.append(mean + " ± " + String(format: "%.\(column.decimals)f", halfWidth))
                } else {
                    row.append(mean)
                }
            }
            rows.append(row)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = [
            "\(scenario.name): \(scenario.replications) replications, seed \(scenario.seed); mean ± 95% CI half-width",
            "",
        ]
        for row in rows {
            let padded = row.enumerated().map { index, field in
                index == row.count - 1 ? field : field + String(repeating: " ", count: widths[index] - field.count)
            }
            lines.append(padded.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
