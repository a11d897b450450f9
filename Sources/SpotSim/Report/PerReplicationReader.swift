/// Reads back the rows `spotsim run/merge --per-replication` wrote (see
/// ``PerReplicationReport``): every replication's values of some metrics, for cells of one or
/// more grid points, checked against the JSON report they belong with.
///
/// ```swift
/// let report = try ReportReader.read(path: "results.json")
/// let charted = HTMLReport.chartedResults(of: report)
/// let values = try PerReplicationReader.read(
///     path: "reps.csv", scenario: report.scenario, cells: charted.map(\.identity),
///     replications: report.replications, metrics: ["cost_usd", "completion_hours"])
/// values[3][0]   // cell 3's cost_usd, replication by replication (2000 values)
/// ```
///
/// A row is a cell's when its job, policy, interval and sweep columns are the cell's; rows of
/// other sweep points are skipped, and so are rows of the cells' points whose job, policy and
/// interval are those of a cell at another point (another job's, where only one job's interval
/// is swept). As the writer writes point by point, in grid order, each point's cells must be
/// complete where its rows end, and reading stops at the first row after the last cell's
/// point. Each cell must have exactly `replications` rows, in replication order from 0. The first
/// problem is one ``PerReplicationReadError`` naming the file, the line, what was expected and
/// what was found.
public enum PerReplicationReader {
    /// The columns (JSON Lines keys) every row has besides the sweep's and the metrics'.
    static let keyColumns = ["scenario", "job", "policy", "interval", "pool", "replication"]

    /// The values of `metrics` (column names: `cost_usd`) for each of `cells` (in grid order,
    /// all with the same sweep parameters) from the CSV or JSON Lines file at `path`:
    /// `values[cell][metric][replication]`. A non-finite value (written `null`) reads as NaN.
    ///
    /// - Precondition: `metrics` is not empty.
    /// - Throws: ``PerReplicationReadError``: an unreadable file, a row of another scenario,
    ///   a cell the results do not have, a replication out of order, missing or repeated, a
    ///   value that is not a number.
    /// - Complexity: O(n) in the bytes up to the end of the last cell's point's rows; memory for
    ///   the cells' values.
    public static func read(
        path: String, scenario: String, cells: [ResultIdentity], replications: Int, metrics: [String]
    ) throws(PerReplicationReadError) -> [[[Double]]] {
        precondition(!metrics.isEmpty, "read at least one metric")
        let csv = PerReplicationReport.Format(fileName: path) != .jsonLines
        var records: Records
        do {
            records = try Records(path: path, csv: csv)
        } catch {
            throw PerReplicationReadError(
                file: path, line: nil, expected: "a readable file of spotsim run --per-replication (.csv or .jsonl)",
                found: error.reason)
        }
        var state = State(
            file: path, scenario: scenario, cells: cells, replications: replications, metrics: metrics)
        var header: [String]? = nil
        do {
            while let record = try records.next() {
                let row: [String: String]
                if csv {
                    guard let fields = csvFields(record.bytes) else {
                        throw state.error(record.line, "a CSV row", "an unclosed quote or text after a closing quote")
                    }
                    guard let columns = header else {
                        try state.check(keys: fields, line: record.line)
                        header = fields
                        continue
                    }
                    guard fields.count == columns.count else {
                        throw state.error(record.line, "\(columns.count) fields, as the header has", "\(fields.count)")
                    }
                    row = Dictionary(zip(columns, fields), uniquingKeysWith: { first, _ in first })
                } else {
                    row = try state.jsonRow(record.bytes, line: record.line)
                }
                if try !state.take(row, line: record.line) { break }
            }
        } catch let problem as InputFile.Problem {
            throw PerReplicationReadError(file: path, line: nil, expected: "a readable file", found: problem.reason)
        } catch let error as PerReplicationReadError {
            throw error
        } catch {
            throw PerReplicationReadError(file: path, line: nil, expected: "a readable file", found: "\(error)")
        }
        if csv, header == nil {
            throw state.error(nil, "a header line (scenario,…,job,policy,interval,pool,replication,cost_usd,…)", "an empty file")
        }
        try state.finish(endLine: state.endLine ?? records.lastLine, atEnd: state.endLine == nil)
        return state.values
    }
}

/// A per-replication file that does not hold the rows a report needs: the file, the line,
/// what was expected and what was found.
///
/// ```text
/// reps.csv:42: error: expected replication 13 of finetune / spot / 30m (each cell's rows in replication order, from 0), found replication 14: replication 13 is missing
/// ```
public struct PerReplicationReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The line, from 1; `nil` for the whole file (it cannot be read).
    public var line: Int?
    public var expected: String
    public var found: String

    public init(file: String, line: Int?, expected: String, found: String) {
        self.file = file
        self.line = line
        self.expected = expected
        self.found = found
    }

    /// `<file>:<line>: error: expected <expected>, found <found>`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): error: expected \(expected), found \(found)"
    }
}
