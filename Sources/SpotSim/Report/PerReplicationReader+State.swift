extension PerReplicationReader {
    /// What the reader has taken so far and what it expects next: the cells' values, how many
    /// replications of each it has, and where the point's rows ended.
    ///
    /// ```swift
    /// var state = State(file: "reps.csv", scenario: "quickstart", cells: ids, replications: 40, metrics: ["cost_usd"])
    /// try state.check(keys: header, line: 1)
    /// while … { if try !state.take(row, line: line) { break } }
    /// try state.finish(endLine: last, atEnd: true)
    /// ```
    ///
    /// - Complexity: O(1) per row (a dictionary lookup and one append per metric).
    struct State {
        let file: String
        let scenario: String
        let cells: [ResultIdentity]
        let replications: Int
        let metrics: [String]
        /// The sweep point's values: those of the first cell (all cells share them).
        let sweep: [ResultIdentity.SweepValue]
        /// Each cell's index, by ``key(_:_:_:)``.
        let index: [String: Int]
        /// `values[cell][metric]`, replication by replication.
        var values: [[[Double]]]
        /// Whether a row of the point was read.
        var started = false
        /// Whether the row keys (CSV header, or first JSON Lines object) were checked.
        var checkedKeys = false
        /// The line of the first row after the point's rows; `nil` while they go on.
        var endLine: Int? = nil

        init(file: String, scenario: String, cells: [ResultIdentity], replications: Int, metrics: [String]) {
            self.file = file
            self.scenario = scenario
            self.cells = cells
            self.replications = replications
            self.metrics = metrics
            sweep = cells.first?.sweep ?? []
            var index: [String: Int] = [:]
            for (position, cell) in cells.enumerated() {
                index[Self.key(cell.job, cell.policy, cell.interval)] = position
            }
            self.index = index
            values = Array(repeating: Array(repeating: [], count: metrics.count), count: cells.count)
            for cell in values.indices {
                for metric in metrics.indices { values[cell][metric].reserveCapacity(replications) }
            }
        }

        static func key(_ job: String, _ policy: String, _ interval: String) -> String {
            job + "\u{1F}" + policy + "\u{1F}" + interval
        }

        func error(_ line: Int?, _ expected: String, _ found: String) -> PerReplicationReadError {
            PerReplicationReadError(file: file, line: line, expected: expected, found: found)
        }

        /// `a, b` or `none`.
        static func list(_ names: [String]) -> String {
            names.isEmpty ? "none" : names.joined(separator: ", ")
        }

        /// Checks that the rows have the key columns, the metrics and exactly the sweep's
        /// parameters (every other column: one not in ``keyColumns`` nor a ``Metric``).
        mutating func check(keys: [String], line: Int) throws(PerReplicationReadError) {
            checkedKeys = true
            let missing = (PerReplicationReader.keyColumns + metrics).filter { !keys.contains($0) }
            guard missing.isEmpty else {
                throw error(line, "the columns of spotsim run --per-replication (scenario, the sweep's parameters, job, policy, interval, pool, replication, cost_usd, …)", "none named \(Self.list(missing))")
            }
            let metricNames = Set(Metric.allCases.map(\.rawValue))
            let theirs = keys.filter { !PerReplicationReader.keyColumns.contains($0) && !metricNames.contains($0) }
            let ours = sweep.map(\.path)
            guard Set(theirs) == Set(ours) else {
                throw error(line, "the sweep parameters of the results as columns (\(Self.list(ours)))", "\(Self.list(theirs))")
            }
        }

        /// The fields of one JSON Lines row, numbers as written and `null` as `null`; the first
        /// row's keys are checked as a CSV header is.
        mutating func jsonRow(_ bytes: ArraySlice<UInt8>, line: Int) throws(PerReplicationReadError) -> [String: String] {
            let row: [String: String]
            if let fast = PerReplicationReader.flatObject(bytes) {
                row = fast
            } else {
                row = try parsedRow(bytes, line: line)
            }
            if !checkedKeys { try check(keys: Array(row.keys).sorted(), line: line) }
            return row
        }

        /// The fields of a JSON Lines row the fast path did not take, through the full parser:
        /// its message when the line is not JSON, or a field that is not a string, a number or
        /// null.
        func parsedRow(_ bytes: ArraySlice<UInt8>, line: Int) throws(PerReplicationReadError) -> [String: String] {
            let expected = "a JSON object on each line (a row of spotsim run --per-replication FILE.jsonl)"
            let json: ReportJSON
            do {
                json = try ReportJSON.parse(String(decoding: bytes, as: UTF8.self))
            } catch {
                throw self.error(line, expected, "text that is not JSON (\(error.reason))")
            }
            guard case .object(let object) = json else { throw error(line, expected, json.kind) }
            var row: [String: String] = [:]
            for (key, value) in object {
                switch value {
                case .string(let text): row[key] = text
                case .number(let number): row[key] = number.text
                case .null: row[key] = "null"
                default: throw error(line, "\(key): a string, a number or null", value.kind)
                }
            }
            return row
        }

        /// Takes one row: checks its scenario, and when it is of the point, its cell, its
        /// replication and its values. Returns `false` at the first row after the point's rows.
        mutating func take(_ row: [String: String], line: Int) throws(PerReplicationReadError) -> Bool {
            let name = row["scenario"] ?? ""
            guard name == scenario else {
                throw error(line, "rows of scenario '\(scenario)' (the results' scenario)", "a row of scenario '\(name)'")
            }
            guard sweep.allSatisfy({ row[$0.path] == $0.value }) else {
                if started {
                    endLine = line
                    return false
                }
                return true
            }
            started = true
            let job = row["job"] ?? "", policy = row["policy"] ?? "", interval = row["interval"] ?? ""
            guard let cell = index[Self.key(job, policy, interval)] else {
                let known = cells.prefix(3).map { "\($0.job) / \($0.policy) / \($0.interval)" } + (cells.count > 3 ? ["…"] : [])
                throw error(line, "a row of one of the results' cells (\(known.joined(separator: ", ")))", "\(job) / \(policy) / \(interval)")
            }
            let text = row["replication"] ?? ""
            guard let replication = Int(text), replication >= 0 else {
                throw error(line, "replication: an integer from 0", "'\(text)'")
            }
            let have = values[cell][0].count
            let what = cells[cell].description
            guard replication < replications else {
                throw error(line, "at most \(replications) rows of \(what) (the results have \(replications) replications, 0 to \(replications - 1))", "replication \(replication)")
            }
            guard replication == have else {
                let expected = "replication \(have) of \(what) (each cell's rows in replication order, from 0)"
                throw error(line, expected, replication < have
                    ? "replication \(replication) again"
                    : "replication \(replication): " + Self.missing(have, replication - 1))
            }
            for (position, metric) in metrics.enumerated() {
                let text = row[metric] ?? ""
                if text == "null" {
                    values[cell][position].append(.nan)
                } else if let number = ReportNumber(text: text) {
                    values[cell][position].append(number.value)
                } else {
                    throw error(line, "\(metric): a number", text.isEmpty ? "an empty field" : "'\(text)'")
                }
            }
            return true
        }

        /// `replication 13 is missing` or `replications 13 to 20 are missing`.
        static func missing(_ first: Int, _ last: Int) -> String {
            first == last ? "replication \(first) is missing" : "replications \(first) to \(last) are missing"
        }

        /// Checks that every cell got all its replications; `endLine` is where the point's rows
        /// ended (`atEnd`: the end of the file).
        func finish(endLine: Int, atEnd: Bool) throws(PerReplicationReadError) {
            let point = sweep.isEmpty ? "" : " at the sweep point " + sweep.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
            guard started else {
                throw error(endLine, "rows of the results' cells\(point)", "none in the file")
            }
            for (cell, identity) in cells.enumerated() where values[cell][0].count != replications {
                let have = values[cell][0].count
                let end = atEnd ? "the end of the file" : "the rows of the next sweep point"
                throw error(endLine, "\(replications) rows of \(identity) (replications 0 to \(replications - 1))",
                            "\(have) before \(end): " + Self.missing(have, replications - 1))
            }
        }
    }
}
