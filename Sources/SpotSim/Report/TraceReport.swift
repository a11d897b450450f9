/// One replication's event log as JSON Lines (`spotsim trace`): one object per
/// ``TraceRecord``, on one line, with its keys always in the same order. The fields are
/// documented in docs/trace-format.md.
///
/// ```json
/// {"job":"finetune","policy":"spot","interval":"30m","replication":3,"t_hours":1.25,"event":"preempted","pool":"aws-h100","node":0,…}
/// ```
/// Numbers are written as the JSON report writes them (``JSONWriter/number(_:)``): shortest
/// round-trip form, integers without a fraction.
public enum TraceReport {
    /// What identifies the cell and replication a record belongs to, and the pools' names.
    public struct Labels: Sendable, Hashable {
        public var job: String
        /// The policy as reports write it (``PolicySpec/description``: `spot-fallback(after=2)`).
        public var policy: String
        /// The checkpoint interval as written (`30m`, `daly`).
        public var interval: String
        /// The sweep point's index in grid order, or `nil` when the scenario has no sweep.
        public var point: Int?
        /// The sweep's parameter paths and their values at this point (empty without a sweep).
        public var sweepPaths: [String]
        public var sweepValues: [String]
        public var replication: Int
        /// The plan's pools' names, by pool index.
        public var pools: [String]

        public init(
            job: String, policy: String, interval: String, point: Int? = nil, sweepPaths: [String] = [],
            sweepValues: [String] = [], replication: Int, pools: [String]
        ) {
            self.job = job
            self.policy = policy
            self.interval = interval
            self.point = point
            self.sweepPaths = sweepPaths
            self.sweepValues = sweepValues
            self.replication = replication
            self.pools = pools
        }

        /// The labels of `cell`, at sweep point `point` of `scenario` (`nil`: no sweep).
        public init(cell: Cell, point: Int?, of scenario: Scenario, replication: Int) {
            let sweep = scenario.sweep
            self.init(
                job: cell.job.name, policy: cell.policySpec.description, interval: cell.interval.description,
                point: sweep == nil ? nil : point, sweepPaths: sweep?.parameters.map(\.path) ?? [],
                sweepValues: point.flatMap { sweep?.points[$0].values } ?? [], replication: replication,
                pools: cell.plan.pools.map(\.name)
            )
        }
    }

    /// `record` as one line of JSON, ending in a newline.
    public static func line(_ record: TraceRecord, labels: Labels) -> String {
        func hours(_ seconds: Double) -> String { JSONWriter.number(seconds / 3600) }
        func optional(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        func pool(_ index: Int?) -> String { index.map { JSONWriter.quoted(labels.pools[$0]) } ?? "null" }

        var text = "{\"job\":" + JSONWriter.quoted(labels.job)
        text += ",\"policy\":" + JSONWriter.quoted(labels.policy)
        text += ",\"interval\":" + JSONWriter.quoted(labels.interval)
        if let point = labels.point {
            text += ",\"point\":\(point),\"sweep\":{"
            text += zip(labels.sweepPaths, labels.sweepValues)
                .map { JSONWriter.quoted($0) + ":" + JSONWriter.quoted($1) }.joined(separator: ",")
            text += "}"
        }
        text += ",\"replication\":\(labels.replication)"
        text += ",\"t_hours\":" + hours(record.seconds)
        text += ",\"event\":" + JSONWriter.quoted(record.event.rawValue)
        text += ",\"pool\":" + pool(record.pool)
        text += ",\"node\":" + optional(record.node)
        text += ",\"capacity_up\":" + (record.spotCapacity.map { $0 > 0 ? "true" : "false" } ?? "null")
        text += ",\"capacity_nodes\":" + optional(record.spotCapacity.flatMap { $0 == .max ? nil : $0 })
        text += ",\"placement_pool\":" + pool(record.placement.pool)
        text += ",\"placement_market\":" + JSONWriter.quoted(record.placement.market.rawValue)
        text += ",\"phase\":" + JSONWriter.quoted(record.phase.rawValue)
        text += ",\"committed_hours\":" + hours(record.committedWorkSeconds)
        text += ",\"committed_now_hours\":" + hours(record.committedNowSeconds)
        text += ",\"nodes\":{"
        text += zip(labels.pools, record.runningNodes).map { JSONWriter.quoted($0) + ":\($1)" }.joined(separator: ",")
        text += "},\"active_nodes\":\(record.activeNodes)"
        text += ",\"cost_usd\":" + JSONWriter.number(record.costUSD)
        text += ",\"lost_gpu_hours\":" + hours(record.lostGPUSeconds)
        text += ",\"lost_now_gpu_hours\":" + hours(record.lostNowGPUSeconds)
        text += ",\"preemptions\":\(record.preemptions)"
        text += ",\"preemptions_now\":\(record.preemptionsNow)"
        text += ",\"migrations\":\(record.migrations)"
        text += ",\"migrations_now\":\(record.migrationsNow)"
        return text + "}\n"
    }
}
