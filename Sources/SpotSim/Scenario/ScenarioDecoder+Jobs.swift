/// The `jobs:` list: the work to run, its gang size and how it checkpoints.
///
/// ```yaml
/// jobs:
///   - name: train
///     gpu: V100
///     work: 50000 steps
///     step_time: { V100: 1.2s }
///     checkpoint: { interval: [500 steps, daly], size: 80GB, write: 2GB/s }
///     restart: 6m
/// ```
extension ScenarioDecoder {
    static let jobKeys = [
        "name", "gpu", "nodes", "work", "step_time", "checkpoint", "restart", "throughput",
        "deadline", "progress", "decision_interval",
    ]
    static let checkpointKeys = ["interval", "write", "restore", "size", "on_notice", "keep"]

    static func decodeJobs(_ field: YAMLField, pools: [Pool], storage: StoragePlan = .noStorage) throws(ScenarioError) -> [Job] {
        let gpus = offeredGPUs(pools)
        return try decodeDistinct(
            try field.nonEmptyList(expected: "a non-empty list of jobs"),
            decode: { item throws(ScenarioError) in try decodeJob(item, gpus: gpus, storage: storage) },
            key: \.name
        ) { item, job, earlier throws(ScenarioError) in
            try nameField(of: item).error(
                expected: "a unique job name",
                found: "\(YAMLField.quote(job.name)), already used by jobs[\(earlier)]"
            )
        }
    }

    /// The GPU models the pools offer, in pool order, each once.
    static func offeredGPUs(_ pools: [Pool]) -> [String] {
        var gpus: [String] = []
        var seen = Set<String>()
        for pool in pools where seen.insert(pool.gpu).inserted { gpus.append(pool.gpu) }
        return gpus
    }

    /// The largest gang a job may ask for.
    public static let maximumNodes = 100_000

    /// Decodes one job; `gpus` are the GPU models the pools offer.
    ///
    /// ```yaml
    /// - { name: train, gpu: V100, work: 100h, checkpoint: { interval: daly, write: 3m } }
    /// ```
    static func decodeJob(_ field: YAMLField, gpus: [String], storage: StoragePlan = .noStorage) throws(ScenarioError) -> Job {
        let job = try field.mapping(expected: "a job mapping with name, gpu, work and checkpoint", allowed: jobKeys)
        let name = try job.required("name", .text("a job name"))
        let gpuExpected = "a GPU that a pool offers (\(shortList(gpus)))"
        let gpuField = try job.required("gpu", expected: gpuExpected)
        let gpu = try gpuField.read(.text(gpuExpected))
        guard Set(gpus).contains(gpu) else { throw gpuField.error(expected: gpuExpected) }
        var nodes = 1
        var minNodes: Int?
        if let nodesField = job.optional("nodes") {
            (nodes, minNodes) = try decodeNodes(nodesField)
        }
        var throughput: [Double]?
        if let throughputField = job.optional("throughput") {
            throughput = try decodeThroughput(throughputField, nodes: minNodes.map { $0...nodes } ?? nodes...nodes)
        }
        let work = try job.required("work", workReader)

        var stepTime: StepTime?
        let stepTimeField = job.optional("step_time")
        if let stepTimeField { stepTime = try decodeStepTime(stepTimeField, gpus: gpus) }

        let progress = try job.optional("progress", .oneOf(ProgressModel.allCases.map(\.rawValue)))
            .flatMap(ProgressModel.init(rawValue:)) ?? .checkpointed
        let checkpoint: CheckpointPlan
        if progress == .continuous {
            if let checkpointField = job.optional("checkpoint") {
                throw checkpointField.error(
                    expected: "no checkpoint key (progress: continuous never loses progress)", found: "one")
            }
            checkpoint = .continuous
        } else {
            checkpoint = try decodeCheckpoint(
                try job.required("checkpoint", expected: checkpointExpected), storage: storage
            )
        }

        // Steps need a step time on the job's GPU, the only one its pools have.
        let stepsUser: String?
        if case .steps = work {
            stepsUser = "work is in steps"
        } else if checkpoint.intervals.contains(where: { if case .steps = $0 { true } else { false } }) {
            stepsUser = "checkpoint.interval is in steps"
        } else {
            stepsUser = nil
        }
        if let stepsUser {
            switch stepTime {
            case nil:
                throw job.missing("step_time", expected: "a step time like 1.2s (\(stepsUser))")
            case .perGPU(let table)? where table[gpu] == nil:
                let table = try stepTimeField!.mapping(expected: "", allowed: nil)
                throw table.missing(gpu, expected: "a step time like 1.2s for GPU \(gpu) (\(stepsUser))")
            default:
                break
            }
        }

        let restart = try job.optional("restart", .duration) ?? 0
        var result = Job(
            name: name, gpu: gpu, nodes: nodes, work: work, stepTime: stepTime,
            checkpoint: checkpoint, restart: restart, minNodes: minNodes, throughput: throughput
        )
        result.progress = progress
        result.deadline = try job.optional("deadline", .positiveDuration)
        // A deadline shorter than the work at the job's best speed can never be met.
        if let deadline = result.deadline, let work = result.workSeconds(onGPU: gpu) {
            let fastest = work / Swift.max(1, result.throughput.max() ?? 1)
            if deadline < fastest {
                throw try job.required("deadline", expected: "").error(
                    expected: "a deadline no shorter than the work (\(Units.formatDuration(fastest)) at full speed)"
                )
            }
        }
        result.decisionInterval = try job.optional("decision_interval", .scalar("a duration of at least 1s like 60s") { text in
            parseFiniteDuration(text).flatMap { $0 >= 1 ? $0 : nil }
        })
        if result.decisionInterval != nil, result.deadline == nil {
            throw try job.required("decision_interval", expected: "").error(
                expected: "no decision_interval without a deadline (decisions serve the deadline)", found: "one")
        }
        return result
    }

    /// `nodes:` a gang size, or an elastic range `{ min: 2, max: 4 }`.
    static func decodeNodes(_ field: YAMLField) throws(ScenarioError) -> (nodes: Int, minNodes: Int?) {
        if field.isMapping {
            let range = try field.mapping(expected: "a mapping with min and max", allowed: ["min", "max"])
            let most = try range.required("max", .integer(1...maximumNodes))
            let fewest = try range.required("min", .integer(1...most))
            return (most, fewest)
        }
        return (try field.read(.integer(1...maximumNodes)), nil)
    }

    /// `throughput:` relative speed per node count, one entry for every count of the job's
    /// range: `{ 2: 0.55, 3: 0.8, 4: 1 }`.
    static func decodeThroughput(_ field: YAMLField, nodes range: ClosedRange<Int>) throws(ScenarioError) -> [Double] {
        let counts = range.map(String.init)
        let shown = counts.count <= 10 ? counts.joined(separator: ", ") : "\(range.lowerBound) to \(range.upperBound)"
        let expected = "a mapping from each node count (\(shown)) to a speed greater than 0"
        guard field.isMapping else { throw field.error(expected: expected) }
        let table = try field.mapping(expected: expected, allowed: counts)
        var speeds: [Double] = []
        for count in counts {
            let speed = try table.required(count, ValueReader<Double>.scalar("a speed greater than 0 like 0.8") { text in
                Units.parseNumber(text).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            })
            speeds.append(speed)
        }
        return speeds
    }

    static var workReader: ValueReader<WorkAmount> {
        .scalar("a duration greater than 0 like 100h, or steps like 50000 steps", hint: Units.durationHint) { text in
            if let steps = Units.parseSteps(text) { return steps > 0 ? .steps(steps) : nil }
            if let seconds = parseFiniteDuration(text), seconds > 0 { return .seconds(seconds) }
            return nil
        }
    }

    /// `step_time:` one duration, or a mapping GPU → duration over GPUs the pools offer.
    static func decodeStepTime(_ field: YAMLField, gpus: [String]) throws(ScenarioError) -> StepTime {
        let expected = "a step time like 1.2s, or a mapping from GPU to step time like { V100: 1.2s }"
        if field.isScalar {
            return .uniform(try field.read(ValueReader<Double>.scalar(expected) { text in
                parseFiniteDuration(text).flatMap { $0 > 0 ? $0 : nil }
            }))
        }
        guard field.isMapping else { throw field.error(expected: expected) }
        let table = try field.mapping(expected: expected, allowed: nil)
        let offered = Set(gpus)
        var seconds: [String: Double] = [:]
        for entry in table.entries {
            guard offered.contains(entry.key) else {
                let keyField = YAMLField(node: entry.keyNode, path: field.path, file: field.file)
                throw keyField.error(
                    expected: "GPUs that a pool offers (\(shortList(gpus)))",
                    found: "unknown key \(YAMLField.quote(entry.key))\(EditDistance.hint(for: entry.key, among: gpus))"
                )
            }
            seconds[entry.key] = try field.child(entry.key, entry.value).read(.positiveDuration)
        }
        return .perGPU(seconds)
    }

    static let checkpointExpected = "a mapping with interval, write, restore and size"
    static let intervalExpected = "a duration like 30m, steps like 500 steps, young or daly"

    /// Decodes `checkpoint:`; with a `storage` bucket, `size` is required.
    static func decodeCheckpoint(_ field: YAMLField, storage: StoragePlan = .noStorage) throws(ScenarioError) -> CheckpointPlan {
        let checkpoint = try field.mapping(expected: checkpointExpected, allowed: checkpointKeys)
        let intervalsExpected = "an interval (\(intervalExpected)) or a non-empty list of them"
        let intervalField = try checkpoint.required("interval", expected: intervalsExpected)
        var intervals: [CheckpointInterval] = []
        if intervalField.isSequence {
            let items = try intervalField.nonEmptyList(expected: intervalsExpected)
            intervals = try decodeDistinct(
                items, decode: { item throws(ScenarioError) in try item.read(intervalReader) }, key: { $0 }
            ) { item, _, earlier in
                item.error(
                    expected: "distinct intervals",
                    found: "\(YAMLField.describe(item.node)), a duplicate of \(YAMLField.describe(items[earlier].node))"
                )
            }
        } else if intervalField.isScalar {
            intervals = [try intervalField.read(intervalReader)]
        } else {
            throw intervalField.error(expected: intervalsExpected)
        }

        let writeField = try checkpoint.required("write", expected: transferExpected)
        let write = try writeField.read(transferReader)
        let restore = try checkpoint.optional("restore", transferReader) ?? .seconds(0)
        let sizeBytes = try checkpoint.optional("size", .positiveSize)
        if sizeBytes == nil {
            if case .bandwidth = write {
                throw checkpoint.missing("size", expected: "a size like 80GB (write is a bandwidth)")
            }
            if case .bandwidth = restore {
                throw checkpoint.missing("size", expected: "a size like 80GB (restore is a bandwidth)")
            }
            if storage.bucket != nil {
                throw checkpoint.missing("size", expected: "a size like 80GB (storage is given)")
            }
        }
        let onNotice = try checkpoint.optional("on_notice", .oneOf(["true", "false"])).map { $0 == "true" } ?? false
        let keep = try checkpoint.optional("keep", .integer(1...maximumKeep)) ?? 1
        let plan = CheckpointPlan(
            intervals: intervals, sizeBytes: sizeBytes, write: write, restore: restore, onNotice: onNotice, keep: keep
        )
        if plan.writeSeconds <= 0, let rule = intervals.first(where: { $0 == .young || $0 == .daly }) {
            throw writeField.error(expected: "a write time greater than 0 (\(rule) needs one)")
        }
        return plan
    }

    /// The most checkpoints `keep` may ask the bucket to hold.
    public static let maximumKeep = 1000

    static var intervalReader: ValueReader<CheckpointInterval> {
        .scalar(intervalExpected, hint: { text in
            Units.durationHint(text) ?? EditDistance.suggestion(for: text, among: ["young", "daly"])
        }) { text in
            switch text {
            case "young": return .young
            case "daly": return .daly
            default:
                if let steps = Units.parseSteps(text) { return steps > 0 ? .steps(steps) : nil }
                if let seconds = parseFiniteDuration(text), seconds > 0 { return .seconds(seconds) }
                return nil
            }
        }
    }

    static let transferExpected = "a duration like 3m, or a bandwidth greater than 0 like 2GB/s"

    static var transferReader: ValueReader<TransferTime> {
        .scalar(transferExpected, hint: Units.durationHint) { text in
            if let rate = parseFiniteBandwidth(text) { return rate > 0 ? .bandwidth(rate) : nil }
            return parseFiniteDuration(text).map(TransferTime.seconds)
        }
    }
}
