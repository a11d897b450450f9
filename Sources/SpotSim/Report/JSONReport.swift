import Stochastics

/// The JSON report of an experiment.
///
/// ```json
/// {
///   "schema_version": 2,
///   "spotsim_version": "0.1.0",
///   "scenario": "quickstart",
///   "seed": 1,
///   "replications": 2000,
///   "baseline": "on-demand",
///   "results": [
///     { "job": "finetune", "policy": "spot",
///       "settings": { "interval": "30m", "interval_hours": 0.5, ... },
///       "metrics": { "cost_usd": { "mean": 1831.04, "sd": 54.30, "ci95": [1828.66, 1833.42],
///                                  "p50": 1829.22, "p90": 1901.75, "p99": 1962.47 }, ... },
///       "versus": { "baseline": "on-demand",
///                   "savings_usd": { "mean": 3082.03, "sd": 54.30, "ci95": [3079.65, 3084.41],
///                                    "p50": 3083.85, "p90": 3148.99, "p99": 3208.31 },
///                   "savings_fraction": { "mean": 0.6273, ... },
///                   "extra_completion_hours": { "mean": 10.78, ... } } }
///   ]
/// }
/// ```
/// With a sweep, a top-level `sweep` lists the parameter paths and each result has a `sweep`
/// object of path → value (a string, as the file writes it), after `policy`.
///
/// Results are in grid order (sweep point by sweep point, then job, policy, interval as the scenario lists them); metrics in
/// `ExperimentResult.metrics` order, comparisons in `ComparisonMetric.allCases` order. The thread count
/// is deliberately absent: it never changes results.
///
/// A streaming run (`--statistics streaming`, see ``StatisticsMode``) adds, before `results`,
/// `"statistics": {"mode": "streaming", "quantile_relative_error": 0.0001}`: its means and sds
/// are one-pass (equal to the exact ones up to rounding) and each order statistic behind
/// p50/p90/p99 is within that relative error of the exact one. Exact runs have no
/// `statistics` key (the field was added without changing the schema version).
///
/// `baseline` (top level) is the baseline policy's name, or `null` when the scenario has none.
/// `versus` holds the paired differences against it (see ``Comparison``) and is absent from
/// the baseline's own results and when there is no baseline; a comparison metric that is
/// undefined (`savings_fraction` when some baseline cost is 0) is `null`.
public enum JSONReport {
    /// Bumped whenever a field changes meaning or disappears.
    ///
    /// - 2: top-level `baseline`, and `versus` in each result other than the baseline's:
    ///   `savings_usd`, `savings_fraction` and `extra_completion_hours`, paired replication by
    ///   replication against the baseline policy's result of the same job and interval.
    /// - 1: the first version.
    public static let schemaVersion = 2

    public static func render(_ result: ExperimentResult) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("schema_version"); json.integer(schemaVersion)
        json.key("spotsim_version"); json.string(SpotSimVersion.current)
        json.key("scenario"); json.string(result.scenarioName)
        json.key("seed"); json.integer(result.seed)
        json.key("replications"); json.integer(result.replications)
        json.key("baseline")
        if let baseline = result.baseline { json.string(baseline) } else { json.null() }
        let sweep = result.layout.sweepParameters
        if !sweep.isEmpty {
            json.key("sweep")
            json.beginArray()
            for path in sweep { json.string(path) }
            json.endArray()
        }
        if let bound = result.quantileRelativeError {
            json.key("statistics")
            json.beginObject()
            json.key("mode"); json.string(result.statistics.rawValue)
            json.key("quantile_relative_error"); json.number(bound)
            json.endObject()
        }
        json.key("results")
        json.beginArray()
        for cellResult in result.cells {
            let cell = cellResult.cell
            json.beginObject()
            json.key("job"); json.string(cell.job)
            json.key("policy"); json.string(cell.policy)
            if !sweep.isEmpty {
                json.key("sweep")
                json.beginObject()
                for (path, value) in zip(sweep, cellResult.sweepValues) {
                    json.key(path); json.string(value)
                }
                json.endObject()
            }
            json.key("settings")
            json.beginObject()
            for setting in cell.settings {
                json.key(setting.name)
                switch setting.value {
                case .text(let text): json.string(text)
                case .number(let number): json.number(number)
                }
            }
            json.endObject()
            json.key("metrics")
            json.beginObject()
            for (metric, summary) in zip(cellResult.metrics, cellResult.summaries) {
                json.key(metric.rawValue)
                write(summary, to: &json)
            }
            json.endObject()
            if let comparison = cellResult.comparison {
                json.key("versus")
                json.beginObject()
                json.key("baseline"); json.string(comparison.baseline)
                for (metric, summary) in zip(ComparisonMetric.allCases, comparison.summaries) {
                    json.key(metric.rawValue)
                    if let summary { write(summary, to: &json) } else { json.null() }
                }
                json.endObject()
            }
            if let overOptimum = cellResult.overOptimum {
                json.key("over_optimum_usd")
                write(overOptimum, to: &json)
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text
    }

    /// `{"mean": …, "sd": …, "ci95": [lo, hi] or null, "p50": …, "p90": …, "p99": …}`.
    private static func write(_ summary: Summary, to json: inout JSONWriter) {
        json.beginObject()
        json.key("mean"); json.number(summary.mean)
        json.key("sd"); json.number(summary.standardDeviation)
        json.key("ci95")
        if let interval = summary.confidenceInterval95 {
            json.numberPair(interval.lowerBound, interval.upperBound)
        } else {
            json.null()
        }
        json.key("p50"); json.number(summary.p50)
        json.key("p90"); json.number(summary.p90)
        json.key("p99"); json.number(summary.p99)
        json.endObject()
    }
}

/// The version of spotsim, reported in outputs so that results can be traced to the code.
public enum SpotSimVersion {
    public static let current = "0.3.0"
}
