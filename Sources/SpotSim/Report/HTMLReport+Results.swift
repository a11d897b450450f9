extension HTMLReport {
    /// The page of the results in a JSON report (`spotsim report results.json`), the same page
    /// `spotsim report SCENARIO` draws from the run that wrote them.
    ///
    /// ```swift
    /// let results = try ReportReader.read(path: "results.json")
    /// var cells = HTMLReport.cells(of: results)
    /// cells = try HTMLReport.adding(samplesFrom: "reps.csv", to: cells, of: results)   // the CDFs
    /// let report = try HTMLReport(
    ///     results: results, cells: cells, timeline: nil, scenarioText: nil,
    ///     commandLine: "spotsim report results.json --output r", resultsFile: "results.json")
    /// ```
    ///
    /// The seed, replications, baseline, sweep and spotsim version are the report's.
    ///
    /// - Throws: ``ReportReadError`` when the seed does not fit 64 bits (spotsim never writes one).
    /// - Complexity: O(1) besides copying `cells`.
    public init(
        results: ParsedReport, cells: [CellData], timeline: Timeline?, scenarioText: String?, commandLine: String,
        resultsFile: String
    ) throws(ReportReadError) {
        guard let seed = UInt64(results.seed) else {
            throw ReportReadError(file: results.file, field: "seed", expected: "an integer from 0 to \(UInt64.max)", found: results.seed)
        }
        self.init(
            scenarioName: results.scenario, seed: seed, replications: results.replications, baseline: results.baseline,
            cells: cells, timeline: timeline, scenarioText: scenarioText, commandLine: commandLine,
            version: results.spotsimVersion, sweepParameters: results.sweepParameters, resultsFile: resultsFile)
    }

    /// The results of a JSON report the page charts, in the report's order (grid order): all
    /// of them without a sweep; with one, those ``isCharted(job:values:first:parameters:)``
    /// keeps — the first point's, and across a swept checkpoint interval those of the points
    /// with its other values — as ``chartedCells(of:)`` keeps the run's.
    ///
    /// ```swift
    /// HTMLReport.chartedResults(of: checkpointSweep).count   // 10: on-demand and spot at 5 intervals
    /// ```
    ///
    /// - Complexity: O(r × p²) in the report's results and sweep parameters.
    public static func chartedResults(of results: ParsedReport) -> [ParsedResult] {
        guard let first = results.results.first else { return [] }
        let parameters = results.sweepParameters
        let firstValues = sweepValues(first.identity, parameters)
        return results.results.filter {
            isCharted(job: $0.identity.job, values: sweepValues($0.identity, parameters), first: firstValues, parameters: parameters)
        }
    }

    /// The values of `identity`'s sweep, in the order of `parameters` (`""` for one it lacks).
    static func sweepValues(_ identity: ResultIdentity, _ parameters: [String]) -> [String] {
        parameters.map { path in identity.sweep.first { $0.path == path }?.value ?? "" }
    }

    /// The cells of a JSON report's ``chartedResults(of:)``, as ``cells(of:part:)`` makes them from
    /// the run that wrote it: the same numbers (the report prints round-trip doubles), without
    /// the per-replication values (see ``adding(samplesFrom:to:of:)``).
    ///
    /// ```swift
    /// let cells = HTMLReport.cells(of: try ReportReader.read(path: "results.json"))
    /// cells[5].cost.mean          // 1831.04
    /// cells[5].costQuantiles?.p90 // 1901.75
    /// ```
    ///
    /// A missing number (`null`: not finite) reads as NaN, a missing interval as none, a cost
    /// component the report does not have as 0, as the run's cells do.
    ///
    /// - Complexity: O(r × (m + p²)) for r results of m metrics and p sweep parameters.
    public static func cells(of results: ParsedReport) -> [CellData] {
        chartedResults(of: results).map { result in
            func setting(_ name: String) -> Double {
                guard case .number(let number)? = result.settings[name] else { return .nan }
                return number.value
            }
            func estimate(_ summary: MetricSummary) -> Estimate {
                Estimate(mean: summary.mean?.value ?? .nan, low: summary.ci95?.lower.value, high: summary.ci95?.upper.value)
            }
            func quantiles(_ summary: MetricSummary) -> Quantiles {
                Quantiles(p50: summary.p50?.value, p90: summary.p90?.value, p99: summary.p99?.value)
            }
            let cost = result.metric(named: Metric.costUSD.rawValue)?.summary
            let completion = result.metric(named: Metric.completionHours.rawValue)?.summary
            let identity = result.identity
            return CellData(
                job: identity.job, policy: identity.policy, interval: identity.interval,
                intervalHours: setting("interval_hours"), workHours: setting("work_hours"),
                isBaseline: identity.policy == results.baseline,
                isOmniscient: identity.policy == PolicySpec.Kind.omniscient.rawValue
                    || identity.policy.hasPrefix(PolicySpec.Kind.omniscient.rawValue + "@"),
                cost: cost.map(estimate) ?? Estimate(mean: .nan),
                completionHours: completion.map(estimate) ?? Estimate(mean: .nan),
                costParts: costPartMetrics.map { entry in
                    guard let part = result.metric(named: entry.metric.rawValue) else { return 0 }
                    return part.summary?.mean?.value ?? .nan
                },
                savingsFraction: result.metric(named: ComparisonMetric.savingsFraction.rawValue)?.summary.map(estimate),
                extraCompletionHours: result.metric(named: ComparisonMetric.extraCompletionHours.rawValue)?.summary.map(estimate),
                costQuantiles: cost.map(quantiles), completionQuantiles: completion.map(quantiles),
                sweepValues: sweepValues(identity, results.sweepParameters))
        }
    }

    /// `cells` (``cells(of:)`` of `results`) with every replication's cost and completion
    /// time from the file `spotsim run/merge --per-replication` wrote for the same run: with
    /// them the CDFs are the ones `spotsim report SCENARIO` draws.
    ///
    /// ```swift
    /// let cells = try HTMLReport.adding(samplesFrom: "reps.csv", to: HTMLReport.cells(of: results), of: results)
    /// cells[0].costSamples.count   // results.replications
    /// ```
    ///
    /// - Throws: ``PerReplicationReadError`` when the file is not of these results: another
    ///   scenario, another sweep, a cell or a replication missing, repeated or out of order.
    /// - Complexity: O(n) in the file's bytes up to the last charted point's last row.
    public static func adding(
        samplesFrom path: String, to cells: [CellData], of results: ParsedReport
    ) throws(PerReplicationReadError) -> [CellData] {
        let values = try PerReplicationReader.read(
            path: path, scenario: results.scenario, cells: chartedResults(of: results).map(\.identity),
            replications: results.replications, metrics: [Metric.costUSD.rawValue, Metric.completionHours.rawValue])
        var cells = cells
        for index in cells.indices {
            cells[index].costSamples = values[index][0]
            cells[index].completionSamples = values[index][1]
        }
        return cells
    }
}
