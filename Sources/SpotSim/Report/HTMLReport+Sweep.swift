extension HTMLReport {
    /// The job whose checkpoint interval the sweep parameter at `path` varies; `nil` for any
    /// other parameter. Only the path by the job's name counts (`jobs[0].checkpoint.interval`
    /// and one element of an interval list, `….interval[1]`, do not).
    ///
    /// ```swift
    /// HTMLReport.intervalJob("jobs.finetune.checkpoint.interval")    // "finetune"
    /// HTMLReport.intervalJob("pools.aws-h100.spot.lifetime.scale")   // nil
    /// ```
    ///
    /// - Complexity: O(path length).
    public static func intervalJob(_ path: String) -> String? {
        let prefix = "jobs.", suffix = ".checkpoint.interval"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix), path.count > prefix.count + suffix.count else { return nil }
        let job = path.dropFirst(prefix.count).dropLast(suffix.count)
        return job.contains(".") || job.contains("[") ? nil : String(job)
    }

    /// Whether the page charts the cell of `job` at the grid point whose sweep values are
    /// `values`: the point has the first point's values (`first`) for every sweep parameter
    /// but one that sweeps `job`'s checkpoint interval. So a swept interval is charted as if the
    /// job listed those intervals, and without one only the first point is charted.
    ///
    /// ```swift
    /// let parameters = ["pools.aws-h100.spot.lifetime.scale", "jobs.finetune.checkpoint.interval"]
    /// HTMLReport.isCharted(job: "finetune", values: ["0.5h", "1h"], first: ["0.5h", "10m"], parameters: parameters)   // true
    /// HTMLReport.isCharted(job: "finetune", values: ["1h", "10m"], first: ["0.5h", "10m"], parameters: parameters)    // false
    /// ```
    ///
    /// - Complexity: O(parameters).
    public static func isCharted(job: String, values: [String], first: [String], parameters: [String]) -> Bool {
        zip(parameters, zip(values, first)).allSatisfy { path, pair in pair.0 == pair.1 || intervalJob(path) == job }
    }

    /// The cells of `layout` the page charts (``isCharted(job:values:first:parameters:)``), as
    /// their grid point and their index in it, in grid order: point by point, cell by cell.
    ///
    /// ```swift
    /// HTMLReport.chartedCells(of: layout)   // checkpoint-sweep: (0, 0), (0, 1), (1, 0), (1, 1), … (4, 1)
    /// ```
    ///
    /// - Complexity: O(cells × sweep parameters) over all points.
    public static func chartedCells(of layout: ResultLayout) -> [(point: Int, cell: Int)] {
        let first = layout.points[0].sweepValues
        return layout.points.enumerated().flatMap { index, point in
            point.cells.indices.filter {
                isCharted(job: point.cells[$0].job, values: point.sweepValues, first: first, parameters: layout.sweepParameters)
            }.map { (index, $0) }
        }
    }

    /// The page's sentence on what of a sweep it charts: the first point only, or the points
    /// across the swept checkpoint intervals with the other parameters at their first value;
    /// empty without a sweep.
    ///
    /// ```text
    /// The scenario sweeps parameters; the charts show the grid points with pools.aws-h100.spot.lifetime.scale = 0.5h, across the swept checkpoint intervals.
    /// ```
    func sweepSentence() -> String {
        guard !sweepParameters.isEmpty else { return "" }
        let first = cells.first?.sweepValues ?? []
        let fixed = zip(sweepParameters, first).filter { Self.intervalJob($0.0) == nil }.map { "\($0) = \($1)" }
            .joined(separator: ", ")
        let shown = sweepParameters.contains { Self.intervalJob($0) != nil }
            ? (fixed.isEmpty ? "every grid point" : "the grid points with " + fixed) + ", across the swept checkpoint intervals"
            : "its first grid point only" + (fixed.isEmpty ? "" : " (" + fixed + ")")
        return "<p>" + Self.escape("The scenario sweeps parameters; the charts show " + shown + ".") + "</p>\n"
    }
}
