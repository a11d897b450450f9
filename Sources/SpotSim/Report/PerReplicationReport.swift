import Foundation

/// Every replication's values, one row per sweep point × cell × replication, for analysis
/// elsewhere (pandas, R): CSV, or JSON Lines (one object per line).
///
/// ```
/// scenario,job,policy,interval,pool,replication,cost_usd,spot_usd,…
/// quickstart,finetune,spot,30m,aws-h100,0,1791.5,1764.2,…
/// ```
/// ```json
/// {"scenario":"quickstart","job":"finetune","policy":"spot","interval":"30m","pool":"aws-h100","replication":0,"cost_usd":1791.5,…}
/// ```
/// With a sweep, one column (key) per sweep parameter, named by its path, follows `scenario`.
/// Metric columns are every metric any point reports, in ``Metric`` order; a point without
/// one (deadline metrics where no job has a deadline) leaves it empty (`null`).
/// Rows come in unit order: point by point, replication by replication, cell by cell.
public enum PerReplicationReport {
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case jsonLines = "jsonl"

        /// The format a file name asks for: `.csv`, or `.jsonl` / `.ndjson`; `nil` for others.
        public init?(fileName: String) {
            let lowered = fileName.lowercased()
            if lowered.hasSuffix(".csv") {
                self = .csv
            } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
                self = .jsonLines
            } else {
                return nil
            }
        }
    }

    /// Writes the rows of `part`'s units to `path` atomically, a point at a time.
    ///
    /// - Throws: `OutputFileError` naming the path and the reason.
    /// - Complexity: O(values) time; memory for one point's rows at a time.
    public static func write(_ part: PartialResult, format: Format, to path: String) throws(OutputFileError) {
        try OutputFile.stream(to: path) { emit throws(OutputFileError) in
            let layout = part.layout
            let metrics = Metric.allCases.filter { metric in layout.points.contains { $0.metrics.contains(metric) } }
            let keys = ["scenario"] + layout.sweepParameters + ["job", "policy", "interval", "pool", "replication"]
            if format == .csv {
                try emit((keys + metrics.map(\.rawValue)).map(CSVReport.escape).joined(separator: ",") + "\n")
            }
            var offset = 0
            var text = ""
            for range in part.units.ranges {
                for unit in range {
                    let point = layout.points[unit / layout.replications]
                    let replication = unit % layout.replications
                    let columns = metrics.map { point.metrics.firstIndex(of: $0) }
                    for cell in point.cells {
                        let leading = [layout.scenario] + point.sweepValues + [cell.job, cell.policy, cell.interval, cell.pool]
                        let values = columns.map { $0.map { part.values[offset + $0] } }
                        offset += point.metrics.count
                        switch format {
                        case .csv:
                            text += (leading.map(CSVReport.escape) + [String(replication)]
                                + values.map { $0.map(JSONWriter.number) ?? "" }).joined(separator: ",")
                        case .jsonLines:
                            var fields = zip(keys, leading).map { JSONWriter.quoted($0) + ":" + JSONWriter.quoted($1) }
                            fields.append("\"replication\":\(replication)")
                            for (metric, value) in zip(metrics, values) {
                                fields.append(JSONWriter.quoted(metric.rawValue) + ":" + (value.map(JSONWriter.number) ?? "null"))
                            }
                            text += "{" + fields.joined(separator: ",") + "}"
                        }
                        text += "\n"
                    }
                    if text.utf8.count >= 1 << 20 {
                        try emit(text)
                        text = ""
                    }
                }
            }
            try emit(text)
        }
    }
}
