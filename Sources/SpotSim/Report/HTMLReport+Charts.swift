import SpotCharts

extension HTMLReport {
    /// A job's figures: cost and completion time against the interval (when the job has more
    /// than one: a job with continuous progress has none), cost against completion
    /// time, the CDFs of completion time and cost (from every replication's values when they
    /// are known, else their median, p90 and p99 as markers: see ``quantileFigure(_:metric:file:)``)
    /// and the cost breakdown.
    ///
    /// ```swift
    /// report.jobFigures("finetune").map(\.file.name)
    /// // ["finetune-cost-by-interval.csv", "finetune-completion-by-interval.csv", …]
    /// ```
    func jobFigures(_ job: String) -> [Figure] {
        let indices = cells.indices.filter { cells[$0].job == job }
        let best = Self.bestPerPolicy(cells, job: job)
        let prefix = Self.slug(job)
        var figures: [Figure] = []
        if Self.hasIntervals(indices.map { cells[$0] }) {
            figures.append(intervalFigure(indices, metric: .cost, file: prefix + "-cost-by-interval.csv"))
            figures.append(intervalFigure(indices, metric: .completion, file: prefix + "-completion-by-interval.csv"))
        }
        figures.append(scatterFigure(indices, file: prefix + "-cost-vs-completion.csv"))
        for (metric, file) in [(Charted.completion, prefix + "-completion-cdf.csv"), (.cost, prefix + "-cost-cdf.csv")] {
            if best.allSatisfy({ !metric.samples(cells[$0]).isEmpty }) {
                figures.append(cdfFigure(best, metric: metric, file: file))
            } else if best.contains(where: { !(metric.quantiles(cells[$0])?.known.isEmpty ?? true) }) {
                figures.append(quantileFigure(best, metric: metric, file: file))
            }
        }
        figures.append(breakdownFigure(best, file: prefix + "-cost-breakdown.csv"))
        return figures
    }

    /// The two metrics charted against the interval and as CDFs.
    enum Charted {
        case cost, completion

        var title: String { self == .cost ? "Cost per run" : "Completion time" }
        var column: String { self == .cost ? "cost_usd" : "completion_hours" }
        var format: AxisFormat { self == .cost ? .usd : .hours }

        func estimate(_ cell: CellData) -> Estimate { self == .cost ? cell.cost : cell.completionHours }
        func samples(_ cell: CellData) -> [Double] { self == .cost ? cell.costSamples : cell.completionSamples }
        func quantiles(_ cell: CellData) -> Quantiles? { self == .cost ? cell.costQuantiles : cell.completionQuantiles }
    }

    /// The policies of `indices`' cells, in first-seen order, each with its cells.
    func byPolicy(_ indices: [Int]) -> [(policy: String, cells: [CellData])] {
        var groups: [(policy: String, cells: [CellData])] = []
        for index in indices {
            let cell = cells[index]
            if let at = groups.firstIndex(where: { $0.policy == cell.policy }) {
                groups[at].cells.append(cell)
            } else {
                groups.append((cell.policy, [cell]))
            }
        }
        return groups
    }

    /// A series' name for a policy's cheapest cell: `spot (30m)`, or `spot` when the job has
    /// one interval only.
    func bestName(_ cell: CellData) -> String {
        Self.hasIntervals(cells.filter { $0.job == cell.job }) ? cell.policy + " (" + cell.interval + ")" : cell.policy
    }

    /// How a caption names the cells `best` picked: `each policy at its cheapest checkpoint
    /// interval (in brackets)`, or `each policy` when the job has one interval only.
    func bestPhrase(_ best: [Int]) -> String {
        guard let first = best.first, Self.hasIntervals(cells.filter { $0.job == cells[first].job }) else { return "each policy" }
        return "each policy at its cheapest checkpoint interval (in brackets)"
    }

    /// The marker a `young` or `daly` cell places on the interval axis (`Daly 17 min`); `nil`
    /// for other cells and where it resolved to the whole work (nothing is preempted there).
    static func markerLabel(_ cell: CellData) -> String? {
        guard cell.interval == "young" || cell.interval == "daly", cell.intervalHours.isFinite,
              !(cell.intervalHours >= cell.workHours) else { return nil }
        return (cell.interval == "young" ? "Young " : "Daly ") + HumanFormat.hours(cell.intervalHours)
    }

    /// Cost or completion time against the resolved interval, a line and 95 % band per policy.
    /// Cells whose interval resolved to the whole work or more (`daly` on on-demand capacity:
    /// one final checkpoint) are left out: they would stretch the axis over a point that is not
    /// a choice of interval; the scatter chart shows them.
    func intervalFigure(_ indices: [Int], metric: Charted, file: String) -> Figure {
        let indices = indices.filter { !(cells[$0].intervalHours >= cells[$0].workHours) }
        var series: [LineChart.Series] = []
        for group in byPolicy(indices) {
            series.append(LineChart.Series(name: group.policy, points: group.cells.map { cell in
                let estimate = metric.estimate(cell)
                return LineChart.Point(x: cell.intervalHours, y: estimate.mean, low: estimate.low, high: estimate.high)
            }))
        }
        var markers: [LineChart.Marker] = []
        var csv = "policy,interval,interval_hours,\(metric.column)_mean,\(metric.column)_ci95_low,\(metric.column)_ci95_high,marker\n"
        for index in indices {
            let cell = cells[index]
            let estimate = metric.estimate(cell)
            let marker = Self.markerLabel(cell)
            if let marker, !markers.contains(where: { $0.label == marker }) {
                markers.append(LineChart.Marker(x: cell.intervalHours, label: marker))
            }
            csv += Self.row([cell.policy, cell.interval], [cell.intervalHours, estimate.mean, estimate.low, estimate.high], [marker ?? ""])
        }
        let chart = LineChart(
            title: metric.title + " against the checkpoint interval",
            x: Axis("Checkpoint interval (log scale)", format: .hours, logarithmic: true,
                    ticks: .at(indices.map { cells[$0].intervalHours })),
            y: Axis(metric.title, format: metric.format, includesZero: true),
            series: series, markers: markers)
        let caption = metric == .cost
            ? "<strong>Mean cost per run against the checkpoint interval</strong>, one line per policy, with the shaded 95 % confidence interval of the mean. Dashed vertical lines mark the Young and Daly intervals the scenario asked for; the lowest point of a line is that policy’s cheapest interval. Intervals as long as the job (Young or Daly without preemptions, on on-demand capacity) are left out. Hover a point for its values."
            : "<strong>Mean completion time against the checkpoint interval</strong>, one line per policy, with the shaded 95 % confidence interval. Short intervals spend time writing checkpoints; long ones lose more work to each preemption."
        return Figure(svg: chart.svg(inHTML: true), caption: caption, file: File(name: file, text: csv))
    }

    /// Cost against completion time, a point per cell with 95 % error bars in both directions.
    /// Points are labelled with their interval when the job has more than one.
    func scatterFigure(_ indices: [Int], file: String) -> Figure {
        let labelled = Self.hasIntervals(indices.map { cells[$0] })
        var series: [ScatterChart.Series] = []
        var csv = "policy,interval,completion_hours_mean,completion_hours_ci95_low,completion_hours_ci95_high,"
            + "cost_usd_mean,cost_usd_ci95_low,cost_usd_ci95_high,savings_fraction_mean,savings_fraction_ci95_low,savings_fraction_ci95_high\n"
        for group in byPolicy(indices) {
            series.append(ScatterChart.Series(name: group.policy, points: group.cells.map { cell in
                var note: String? = nil
                if let savings = cell.savingsFraction, let baseline {
                    note = "saves " + HumanFormat.percent(savings.mean) + " against " + baseline
                    if let low = savings.low, let high = savings.high {
                        note! += " (95 % CI " + HumanFormat.percent(low) + " to " + HumanFormat.percent(high) + ")"
                    }
                } else if cell.isBaseline {
                    note = "the baseline"
                }
                return ScatterChart.Point(
                    x: cell.completionHours.mean, y: cell.cost.mean,
                    xLow: cell.completionHours.low, xHigh: cell.completionHours.high,
                    yLow: cell.cost.low, yHigh: cell.cost.high,
                    label: labelled ? cell.interval : nil, note: note)
            }))
            for cell in group.cells {
                csv += Self.row([cell.policy, cell.interval], [
                    cell.completionHours.mean, cell.completionHours.low, cell.completionHours.high,
                    cell.cost.mean, cell.cost.low, cell.cost.high,
                    cell.savingsFraction?.mean, cell.savingsFraction?.low, cell.savingsFraction?.high,
                ])
            }
        }
        let chart = ScatterChart(
            title: "Cost against completion time",
            x: Axis("Completion time", format: .hours),
            y: Axis("Cost per run", format: .usd, includesZero: true),
            series: series, showsFrontier: true)
        let caption = "<strong>Mean cost against mean completion time</strong>, one point per policy (colour and shape)"
            + (labelled ? " and checkpoint interval (its label)" : "") + ", with 95 % confidence intervals as error bars. Lower and further left is better; the dashed line joins the choices no other choice beats on both. Hover a point for its savings against the baseline (paired, replication by replication)."
        return Figure(svg: chart.svg(inHTML: true), caption: caption, file: File(name: file, text: csv))
    }

    /// The empirical CDF of cost or completion time, one step line per policy at its cheapest
    /// interval.
    func cdfFigure(_ best: [Int], metric: Charted, file: String) -> Figure {
        var series: [StepChart.Series] = []
        var csv = "policy,interval,\(metric.column),share_at_or_below\n"
        for index in best {
            let cell = cells[index]
            let line = StepChart.Series(name: bestName(cell), samples: metric.samples(cell), format: metric.format)
            series.append(line)
            for step in line.steps {
                csv += Self.row([cell.policy, cell.interval], [step.x, step.y])
            }
        }
        let chart = StepChart(
            title: "Distribution of " + (metric == .cost ? "cost" : "completion time"),
            x: Axis(metric.title, format: metric.format), series: series)
        let what = metric == .cost ? "cost" : "completion time"
        let caption = "<strong>Distribution of \(what) over the \(replications) replications</strong>, \(bestPhrase(best)). A line’s height at x is the share of replications whose \(what) was at most x: read the median at 50 %, the bad case at 90 %. A steep line is a predictable policy."
        return Figure(svg: chart.svg(inHTML: true), caption: caption, file: File(name: file, text: csv))
    }

    /// Mean cost split into spot, on-demand, storage and egress, a bar per policy at its
    /// cheapest interval.
    func breakdownFigure(_ best: [Int], file: String) -> Figure {
        let chosen = best.map { cells[$0] }
        let components = Self.costPartMetrics.enumerated().map { part, entry in
            StackedBarChart.Component(name: entry.name, values: chosen.map { $0.costParts[part] })
        }
        var csv = "policy,interval," + Self.costPartMetrics.map { $0.metric.rawValue + "_mean" }.joined(separator: ",") + ",total_usd\n"
        for cell in chosen {
            csv += Self.row([cell.policy, cell.interval], cell.costParts.map { Optional($0) } + [cell.costParts.reduce(0, +)])
        }
        let chart = StackedBarChart(
            title: "Cost breakdown",
            categories: chosen.map(bestName),
            components: components, value: Axis("Mean cost per run", format: .usd))
        let caption = "<strong>Where the money goes</strong>: the mean cost per run of \(bestPhrase(best)), split into spot compute, on-demand compute, checkpoint storage and egress; the total is printed at the end of each bar."
        return Figure(svg: chart.svg(inHTML: true), caption: caption, file: File(name: file, text: csv))
    }

    /// One CSV line: `texts` escaped, then `numbers` as the JSON report writes them (empty when
    /// missing), then `trailing` escaped.
    static func row(_ texts: [String], _ numbers: [Double?], _ trailing: [String] = []) -> String {
        (texts.map(CSVReport.escape) + numbers.map { $0.map(JSONWriter.number) ?? "" } + trailing.map(CSVReport.escape))
            .joined(separator: ",") + "\n"
    }
}
