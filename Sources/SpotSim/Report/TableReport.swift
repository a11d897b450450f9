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
///
/// When the scenario has a baseline policy, two more columns compare each row with the
/// baseline's row of the same job and interval, paired replication by replication (see
/// ``Comparison``): `savings`, the mean `savings_fraction` in percent ± its half-width in
/// percentage points, and `extra_h`, the mean `extra_completion_hours` ± its half-width. The
/// baseline's own rows say `baseline` and `—` there; an undefined `savings_fraction` (some
/// baseline cost 0) is `n/a`.
///
/// ```
/// quickstart: 2000 replications, seed 1; mean ± 95% CI half-width; savings and extra_h paired against on-demand
///
/// job       policy     interval  tau_h   cost_usd         ...  goodput        savings      extra_h
/// finetune  on-demand  1h        1.000   4808.54 ± 0.00   ...  0.978 ± 0.000  baseline     —
/// finetune  spot       1h        1.000   1988.59 ± 4.33   ...  0.830 ± 0.002  58.6% ± 0.1  17.05 ± 0.25
/// ```
///
/// A streaming run (`--statistics streaming`) ends with a blank line and a footnote saying so
/// and giving the quantiles' relative error bound.
public enum TableReport {
    static let columns: [(title: String, metric: Metric, decimals: Int)] = [
        ("cost_usd", .costUSD, 2),
        ("completion_h", .completionHours, 2),
        ("lost_gpu_h", .lostGPUHours, 2),
        ("wait_h", .waitHours, 2),
        ("preemptions", .preemptions, 1),
        ("goodput", .goodput, 3),
    ]

    /// Columns added when jobs have deadlines: the percentage that met it, and the slack.
    static let deadlineColumns: [(title: String, metric: Metric, decimals: Int)] = [
        ("met_%", .deadlineMet, 1),
        ("slack_h", .slackHours, 2),
    ]

    public static func render(_ result: ExperimentResult) -> String {
        let baseline = result.baseline
        let hasDeadlines = result.metrics.contains(.deadlineMet)
        let optimal = result.cells.contains { $0.overOptimum != nil }
        let columns = Self.columns + (hasDeadlines ? deadlineColumns : [])
        let sweep = result.layout.sweepParameters
        var rows: [[String]] = [
            sweep + ["job", "policy", "interval", "tau_h"] + columns.map(\.title)
                + (baseline == nil ? [] : ["savings", "extra_h"]) + (optimal ? ["over_optimum_usd"] : [])
        ]
        for cellResult in result.cells {
            let cell = cellResult.cell
            var row = cellResult.sweepValues + [
                cell.job, cell.policy, cell.interval, String(format: "%.3f", cell.intervalHours),
            ]
            for column in columns {
                let scale = column.metric == .deadlineMet ? 100.0 : 1
                row.append(meanAndHalfWidth(cellResult.summary(column.metric), decimals: column.decimals, scale: scale))
            }
            if baseline != nil {
                if let comparison = cellResult.comparison {
                    row.append(comparison.summary(.savingsFraction).map {
                        meanAndHalfWidth($0, decimals: 1, scale: 100, unit: "%")
                    } ?? "n/a")
                    row.append(comparison.summary(.extraCompletionHours).map { meanAndHalfWidth($0, decimals: 2) } ?? "n/a")
                } else {
                    row.append(contentsOf: ["baseline", "—"])
                }
            }
            if optimal {
                if let overOptimum = cellResult.overOptimum {
                    row.append(meanAndHalfWidth(overOptimum, decimals: 2))
                } else {
                    row.append(cell.isOmniscient ? "bound" : "—")
                }
            }
            rows.append(row)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var title = "\(result.scenarioName): \(result.replications) replications, seed \(result.seed); mean ± 95% CI half-width"
        if !sweep.isEmpty { title += "; \(result.layout.points.count) sweep points" }
        if let baseline { title += "; savings and extra_h paired against \(baseline)" }
        if optimal { title += "; over_optimum_usd paired against the omniscient lower bound" }
        var lines = [title, ""]
        for row in rows {
            let padded = row.enumerated().map { index, field in
                index == row.count - 1 ? field : field + String(repeating: " ", count: widths[index] - field.count)
            }
            lines.append(padded.joined(separator: "  "))
        }
        if let bound = result.quantileRelativeError {
            lines.append("")
            lines.append(footnote(bound: bound))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The line under a streaming run's table.
    static func footnote(bound: Double) -> String {
        "streaming statistics: no per-replication values kept; means and intervals one-pass (Welford), "
            + "quantiles (--format json or csv) within relative error \(JSONWriter.number(bound)) of the exact ones"
    }

    /// `mean ± half-width` of `summary` × `scale`, with `decimals` decimals and `unit` after
    /// the mean (`57.4% ± 0.3`); the mean alone when there is no interval.
    static func meanAndHalfWidth(_ summary: Summary, decimals: Int, scale: Double = 1, unit: String = "") -> String {
        let mean = String(format: "%.\(decimals)f", summary.mean * scale) + unit
        guard let interval = summary.confidenceInterval95 else { return mean }
        let halfWidth = (interval.upperBound - interval.lowerBound) / 2 * scale
        return mean + " ± " + String(format: "%.\(decimals)f", halfWidth)
    }
}
