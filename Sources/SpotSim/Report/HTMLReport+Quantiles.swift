import SpotCharts

extension HTMLReport {
    /// The stand-in for a CDF when only summaries are known (a page drawn from a JSON report
    /// without `--per-replication`): each policy's median, p90 and p99 at its cheapest interval,
    /// as markers on the CDF's axes, and nothing between them, since the curve there is unknown.
    ///
    /// ```swift
    /// let figure = report.quantileFigure(best, metric: .cost, file: "finetune-cost-cdf.csv")
    /// figure.file.text   // "policy,interval,quantile,cost_usd\non-demand,15m,0.5,4913.2\n…"
    /// ```
    ///
    /// The figure keeps the CDF's file name, so the page links the same files with or without
    /// the per-replication values; its CSV has one row per known quantile.
    ///
    /// - Complexity: O(policies).
    func quantileFigure(_ best: [Int], metric: Charted, file: String) -> Figure {
        var series: [ScatterChart.Series] = []
        var csv = "policy,interval,quantile,\(metric.column)\n"
        for index in best {
            let cell = cells[index]
            let known = metric.quantiles(cell)?.known ?? []
            series.append(ScatterChart.Series(name: bestName(cell), points: known.map { quantile in
                let name = Self.quantileName(quantile.probability)
                return ScatterChart.Point(
                    x: quantile.value, y: quantile.probability, label: name,
                    note: name + " of " + cell.policy + ": " + metric.format.label(quantile.value))
            }))
            for quantile in known {
                csv += Self.row([cell.policy, cell.interval], [quantile.probability, quantile.value])
            }
        }
        let what = metric == .cost ? "cost" : "completion time"
        let chart = ScatterChart(
            title: "Distribution of " + what + ": median, p90 and p99 only",
            x: Axis(metric.title, format: metric.format),
            y: Axis("Share of replications at or below", format: .percent, domain: 0...1),
            series: series)
        let caption = "<strong>Known quantiles of \(what) over the \(replications) replications</strong>, \(bestPhrase(best)): its median (p50), p90 and p99, which are all the results file holds of the distribution. The curve between the markers is unknown; to draw it in full, write every replication’s values with <code>spotsim run … --per-replication reps.csv</code> (or <code>spotsim merge</code>) and give the file to <code>spotsim report</code> with <code>--per-replication reps.csv</code>."
        return Figure(svg: chart.svg(inHTML: true), caption: caption, file: File(name: file, text: csv))
    }

    /// `p50`, `p90`, `p99`: a probability as a quantile's name.
    ///
    /// ```swift
    /// HTMLReport.quantileName(0.99)   // "p99"
    /// ```
    static func quantileName(_ probability: Double) -> String {
        "p" + String(Int((probability * 100).rounded()))
    }
}
