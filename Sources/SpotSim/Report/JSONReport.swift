import Stochastics

/// The JSON report of an experiment.
///
/// ```json
/// {
///   "schema_version": 1,
///   "spotsim_version": "0.1.0",
///   "scenario": "daly-check",
///   "seed": 7,
///   "replications": 20000,
///   "results": [
///     { "job": "train", "policy": "spot",
///       "settings": { "interval": "30m", "interval_hours": 0.5, ... },
///       "metrics": { "cost_usd": { "mean": 129.1, "sd": 12.0, "ci95": [128.9, 129.3],
///                                  "p50": 128.7, "p90": 144.8, "p99": 163.2 }, ... } }
///   ]
/// }
/// ```
/// Results are in grid order (job, policy, interval as the scenario lists them); metrics in
/// `Metric.allCases` order. The thread count is deliberately absent: it never changes results.
public enum JSONReport {
    /// Bumped whenever a field changes meaning or disappears.
    public static let schemaVersion = 1

    public static func render(_ result: ExperimentResult) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("schema_version"); json.integer(schemaVersion)
        json.key("spotsim_version"); json.string(SpotSimVersion.current)
        json.key("scenario"); json.string(result.scenario.name)
        json.key("seed"); json.integer(result.scenario.seed)
        json.key("replications"); json.integer(result.scenario.replications)
        json.key("results")
        json.beginArray()
        for cellResult in result.cells {
            let cell = cellResult.cell
            json.beginObject()
            json.key("job"); json.string(cell.job.name)
            json.key("policy"); json.string(cell.policySpec.description)
            json.key("settings")
            json.beginObject()
            for (name, value) in cell.settings {
                json.key(name)
                switch value {
                case .text(let text): json.string(text)
                case .number(let number): json.number(number)
                }
            }
            json.endObject()
            json.key("metrics")
            json.beginObject()
            for (metric, summary) in zip(Metric.allCases, cellResult.summaries) {
                json.key(metric.rawValue)
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
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text
    }
}

/// The version of spotsim, reported in outputs so that results can be traced to the code.
public enum SpotSimVersion {
    public static let current = "0.1.0"
}
