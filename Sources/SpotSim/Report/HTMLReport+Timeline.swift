import SpotCharts

extension HTMLReport {
    /// One replication of one cell, as ``Replicator/trace(_:seed:replication:record:)`` gives
    /// it: the report draws it as a timeline.
    ///
    /// ```swift
    /// var records: [TraceRecord] = []
    /// var replicator = Replicator(pools: scenario.pools)
    /// _ = try replicator.trace(cell.plan, seed: scenario.seed, replication: 0) { records.append($0) }
    /// let timeline = HTMLReport.Timeline(
    ///     labels: TraceReport.Labels(cell: cell, point: nil, of: scenario, replication: 0),
    ///     records: records, why: "the cheapest cell other than the baseline's")
    /// ```
    public struct Timeline: Sendable, Hashable {
        /// Job, policy, interval, replication and the pools' names.
        public var labels: TraceReport.Labels
        /// The records, from `start` to `done`.
        public var records: [TraceRecord]
        /// Why this cell was chosen, for the caption (`"chosen with --policy"`).
        public var why: String

        public init(labels: TraceReport.Labels, records: [TraceRecord], why: String) {
            self.labels = labels
            self.records = records
            self.why = why
        }
    }

    /// The timeline chart of `timeline`: a lane per pool that ever ran a node, with its running
    /// nodes over time; preemptions, committed checkpoints and migrations as events; work lost
    /// to a preemption as a span from the last commit (or restart) to the loss.
    func timelineFigure(_ timeline: Timeline) -> Figure {
        let records = timeline.records
        let pools = timeline.labels.pools
        let used = pools.indices.filter { pool in records.contains { pool < $0.runningNodes.count && $0.runningNodes[pool] > 0 } }
        func lane(_ pool: Int?) -> Int? { pool.flatMap { used.firstIndex(of: $0) } }
        func hours(_ seconds: Double) -> Double { seconds / 3600 }

        var csv = "kind,pool,start_hours,end_hours,value,note\n"
        var lanes: [TimelineChart.Lane] = []
        for pool in used {
            var intervals: [TimelineChart.Interval] = []
            for (record, next) in zip(records, records.dropFirst()) {
                let nodes = Double(record.runningNodes[pool])
                let start = hours(record.seconds), end = hours(next.seconds)
                if let last = intervals.last, last.end == start, last.value == nodes {
                    intervals[intervals.count - 1].end = end
                } else if nodes > 0, end > start {
                    intervals.append(TimelineChart.Interval(start: start, end: end, value: nodes))
                }
            }
            intervals = intervals.filter { $0.value > 0 }
            for interval in intervals {
                csv += Self.row(["nodes", pools[pool]], [interval.start, interval.end, interval.value], [""])
            }
            lanes.append(TimelineChart.Lane(name: pools[pool], intervals: intervals))
        }

        var events: [TimelineChart.Event] = []
        var spans: [TimelineChart.Span] = []
        var progressSince = 0.0
        for record in records {
            let time = hours(record.seconds)
            let here = lane(record.placement.pool)
            if record.lostNowGPUSeconds > 0 {
                let lost = HumanFormat.number(hours(record.lostNowGPUSeconds)) + " GPU-h lost"
                let pool = record.pool ?? record.placement.pool
                spans.append(TimelineChart.Span(start: progressSince, end: time, lane: lane(pool), kind: .lostWork, note: lost))
                csv += Self.row(["lost_work", pools[pool]], [progressSince, time, hours(record.lostNowGPUSeconds)], [lost])
            }
            if record.preemptionsNow > 0 {
                let pool = record.pool ?? record.placement.pool
                let note = "\(record.preemptionsNow) node\(record.preemptionsNow == 1 ? "" : "s") preempted"
                events.append(TimelineChart.Event(time: time, lane: lane(pool), kind: .preemption, note: note))
                csv += Self.row(["preemption", pools[pool]], [time, time, Double(record.preemptionsNow)], [note])
            }
            if record.event == .checkpointDone {
                let note = HumanFormat.hours(hours(record.committedWorkSeconds)) + " of work committed"
                events.append(TimelineChart.Event(time: time, lane: here, kind: .checkpoint, note: note))
                csv += Self.row(["checkpoint", pools[record.placement.pool]], [time, time, hours(record.committedWorkSeconds)], [note])
            }
            if record.migrationsNow > 0 {
                let note = "moved to " + pools[record.placement.pool]
                events.append(TimelineChart.Event(time: time, lane: here, kind: .migration, note: note))
                csv += Self.row(["migration", pools[record.placement.pool]], [time, time, Double(record.migrationsNow)], [note])
            }
            if record.committedNowSeconds > 0 || record.event == .restartDone {
                progressSince = time
            }
        }

        let labels = timeline.labels
        let continuous = labels.interval == CheckpointInterval.continuous.description
        let chart = TimelineChart(
            title: "Replication \(labels.replication): \(labels.policy)" + (continuous ? "" : " at \(labels.interval)"),
            lanes: lanes, events: events, spans: spans)
        var marks: [String] = []
        if events.contains(where: { $0.kind == .preemption }) { marks.append("triangles are preemptions") }
        if events.contains(where: { $0.kind == .checkpoint }) {
            marks.append("circles committed checkpoints (thin ticks where they are too many to tell apart)")
        }
        if events.contains(where: { $0.kind == .migration }) { marks.append("diamonds moves to another pool") }
        if !spans.isEmpty { marks.append("shaded spans work computed since the last checkpoint and lost to a preemption") }
        var legend = "Each lane is a pool; its height is the nodes running there."
        if !marks.isEmpty {
            let listed = marks.count == 1 ? marks[0] : marks.dropLast().joined(separator: ", ") + "; " + marks.last!
            legend += " " + listed.prefix(1).uppercased() + listed.dropFirst() + "."
        }
        let caption = "<strong>One replication, event by event</strong>: replication \(labels.replication) of job "
            + Self.escape(labels.job) + " under <strong>" + Self.escape(labels.policy) + "</strong> "
            + (continuous ? "with continuous progress" : "checkpointing at " + Self.escape(labels.interval))
            + " (" + Self.escape(timeline.why) + "). " + legend
            + " <code>spotsim trace</code> prints the same replication as JSON Lines."
        return Figure(
            svg: chart.svg(inHTML: true), caption: caption,
            file: File(name: Self.slug(labels.job) + "-timeline.csv", text: csv))
    }
}
