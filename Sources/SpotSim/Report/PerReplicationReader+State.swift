extension PerReplicationReader {
    /// What the reader has taken so far and what it expects next: the cells' values, how many
    /// replications of each it has, the charted point whose rows it is in, and where the last
    /// one's rows ended.
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
        /// The sweep's parameter paths: those of the first cell's sweep values (every cell has
        /// the same paths).
        let paths: [String]
        /// Each cell's sweep point: its values in the order of `paths`.
        let points: [[String]]
        /// The points of the cells: rows of other points are skipped.
        let charted: Set<[String]>
        /// Each cell's index, by ``key(_:_:_:_:)`` with its point.
        let index: [String: Int]
        /// The cells' keys without their point: a row of a charted point with one of these is a
        /// cell the page does not chart there (another job's, where only one job's interval is
        /// swept), and is skipped.
        let known: Set<String>
        /// `values[cell][metric]`, replication by replication.
        var values: [[[Double]]]
        /// Whether a row of a charted point was read.
        var started = false
        /// The charted point whose rows are being read; `nil` outside them.
        var current: [String]? = nil
        /// Whether the row keys (CSV header, or first JSON Lines object) were checked.
        var checkedKeys = false
        /// The line of the first row after the last charted point's rows; `nil` before it.
        var endLine: Int? = nil

        init(file: String, scenario: String, cells: [ResultIdentity], replications: Int, metrics: [String]) {
            self.file = file
            self.scenario = scenario
            self.cells = cells
            self.replications = replications
            self.metrics = metrics
            let paths = cells.first?.sweep.map(\.path) ?? []
            let points = cells.map { cell in paths.map { path in cell.sweep.first { $0.path == path }?.value ?? "" } }
            var index: [String: Int] = [:]
            for (position, cell) in cells.enumerated() {
                index[Self.key(cell.job, cell.policy, cell.interval, points[position])] = position
            }
            self.paths = paths
            self.points = points
            charted = Set(points)
            self.index = index
            known = Set(cells.map { Self.key($0.job, $0.policy, $0.interval, []) })
            values = Array(repeating: Array(repeating: [], count: metrics.count), count: cells.count)
            for cell in values.indices {
                for metric in metrics.indices { values[cell][metric].reserveCapacity(replications) }
            }
        }

        static func key(_ job: String, _ policy: String, _ interval: String, _ point: [String]) -> String {
            ([job, policy, interval] + point).joined(separator: "\u{1F}")
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
            let ours = paths
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

        /// Takes one row: checks its scenario, and when it is of a charted point, its cell, its
        /// replication and its values; at the end of a charted point's rows, checks that its
        /// cells are complete. Returns `false` at the first row after the last point's rows.
        mutating func take(_ row: [String: String], line: Int) throws(PerReplicationReadError) -> Bool {
            let name = row["scenario"] ?? ""
            guard name == scenario else {
                throw error(line, "rows of scenario '\(scenario)' (the results' scenario)", "a row of scenario '\(name)'")
            }
            let point = paths.map { row[$0] ?? "" }
            if let current, point != current {
                try finish(cells.indices.filter { points[$0] == current }, line: line, atEnd: false)
                self.current = nil
                if current == points.last {
                    endLine = line
                    return false
                }
            }
            guard charted.contains(point) else { return true }
            started = true
            current = point
            let job = row["job"] ?? "", policy = row["policy"] ?? "", interval = row["interval"] ?? ""
            guard let cell = index[Self.key(job, policy, interval, point)] else {
                if known.contains(Self.key(job, policy, interval, [])) { return true }
                let listed = cells.prefix(3).map { "\($0.job) / \($0.policy) / \($0.interval)" } + (cells.count > 3 ? ["…"] : [])
                throw error(line, "a row of one of the results' cells (\(listed.joined(separator: ", ")))", "\(job) / \(policy) / \(interval)")
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

        /// Checks that some row was of a charted point and that every cell got all its
        /// replications; `endLine` is where the last point's rows ended (`atEnd`: the end of
        /// the file).
        func finish(endLine: Int, atEnd: Bool) throws(PerReplicationReadError) {
            let first = zip(paths, points.first ?? []).map { "\($0)=\($1)" }.joined(separator: ", ")
            guard started else {
                throw error(endLine, "rows of the results' cells" + (first.isEmpty ? "" : " at the sweep point " + first), "none in the file")
            }
            try finish(Array(cells.indices), line: endLine, atEnd: atEnd)
        }

        /// Checks that each of `chosen` (cell indices) got all its replications before `line`
        /// (`atEnd`: the end of the file; else the first row of the next sweep point).
        func finish(_ chosen: [Int], line: Int, atEnd: Bool) throws(PerReplicationReadError) {
            for cell in chosen where values[cell][0].count != replications {
                let have = values[cell][0].count
                let end = atEnd ? "the end of the file" : "the rows of the next sweep point"
                throw error(line, "\(replications) rows of \(cells[cell]) (replications 0 to \(replications - 1))",
                            "\(have) before \(end): " + Self.missing(have, replications - 1))
            }
        }
    }
}
