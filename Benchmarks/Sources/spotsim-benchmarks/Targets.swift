/// A target of issue 7 with what was measured against it.
struct Verdict {
    enum Comparison: String {
        case atLeast = ">="
        case atMost = "<="

        var symbol: String { self == .atLeast ? "≥" : "≤" }
    }

    var key: String
    /// What the table calls it.
    var label: String
    var value: Double?
    var unit: String
    var decimals: Int
    /// `nil`: reported, with no target.
    var target: Double?
    var comparison: Comparison?
    /// What the value was measured on (scenario, threads, replication counts, flags).
    var conditions: [(String, JSON)] = []
    var note: String?
    /// False when the measurement cannot settle the target: --quick sizes, other replication
    /// counts than the target's, fewer cores than threads.
    var conclusive = true

    /// Whether the value meets the target; `nil` when there is no target or no value.
    var met: Bool? {
        guard let value, let target, let comparison else { return nil }
        return comparison == .atLeast ? value >= target : value <= target
    }

    var json: JSON {
        var members: [(String, JSON)] = [
            ("value", value.map { .number($0, decimals: decimals) } ?? .null),
            ("unit", .string(unit)),
            ("target", target.map { .number($0, decimals: decimals) } ?? .null),
            ("comparison", comparison.map { .string($0.rawValue) } ?? .null),
            ("met", .optional(met)),
            ("conclusive", .bool(conclusive)),
        ]
        members += conditions
        members.append(("note", .optional(note)))
        return .object(members)
    }

    var tableRow: [String] {
        let shown = value.map { Format.fixed($0, decimals) + " " + unit } ?? "not measured"
        let goal = target.map { (comparison?.symbol ?? "") + " " + JSON.format($0, decimals: decimals) + " " + unit } ?? "—"
        let verdict: String
        switch met {
        case true?: verdict = "met"
        case false?: verdict = "NOT MET"
        case nil: verdict = value == nil ? "—" : "reported"
        }
        return [label, shown, goal, verdict + (met != nil && !conclusive ? " (not conclusive)" : "")]
    }
}

/// The targets of issue 7, from the results that ran.
enum Targets {
    static let speedupTarget = 1.8
    static let memoryRatioTarget = 1.2
    static let targetScenario = "daly-check"
    /// Below this many cores in the 2-thread run, its speed-up says more about the machine than
    /// about spotsim: the verdict is marked not conclusive.
    static let minimumCoresForVerdict = 1.5

    static func verdicts(
        kernel: [KernelBenchmark.Result], scaling: [ScalingBenchmark.Result], memory: MemoryBenchmark.Result?,
        answer: AnswerBenchmark.Result?, cores: Int, quick: Bool
    ) -> [Verdict] {
        var verdicts: [Verdict] = []

        let dalyScaling = scaling.first { $0.workload.name == targetScenario }
        let twoThreadCores = dalyScaling?.runs.first { $0.threads == 2 }?.samples.coresUsed
        verdicts.append(Verdict(
            key: "speedup_2_threads", label: "speed-up, 2 threads over 1 (daly-check, runner)",
            value: dalyScaling?.speedup(threads: 2), unit: "×", decimals: 3,
            target: speedupTarget, comparison: .atLeast,
            conditions: [
                ("scenario", .string(targetScenario)), ("logical_cores", .int(cores)),
                ("cores_used_1_thread", coresUsed(in: dalyScaling, threads: 1)),
                ("cores_used_2_threads", coresUsed(in: dalyScaling, threads: 2)),
            ],
            note: cores < 2
                ? "fewer than 2 cores: 2 threads share one"
                : twoThreadCores.map { $0 < minimumCoresForVerdict
                    ? "the 2-thread run had \(Format.fixed($0, 2)) cores (CPU time over wall time): other work took a core, or the runner ran serially; rerun on a quiet machine"
                    : nil } ?? nil,
            conclusive: !quick && cores >= 2 && (twoThreadCores ?? 0) >= minimumCoresForVerdict
        ))

        let dalyKernel = kernel.first { $0.workload.name == targetScenario }
        verdicts.append(Verdict(
            key: "events_per_second_per_core", label: "events/s per core, 1 thread (daly-check, kernel)",
            value: dalyKernel.map { $0.eventsPerSecond / 1e6 }, unit: "M events/s", decimals: 2,
            conditions: [("scenario", .string(targetScenario)), ("threads", .int(1))],
            note: "reported, no target"
        ))
        let allCores = dalyScaling?.runs.last
        verdicts.append(Verdict(
            key: "events_per_second_per_core_all_cores",
            label: "events/s per core, \(allCores?.threads ?? cores) threads (daly-check, runner)",
            value: allCores.flatMap { dalyScaling?.eventsPerSecondPerThread($0) }.map { $0 / 1e6 },
            unit: "M events/s", decimals: 2,
            conditions: [("scenario", .string(targetScenario)), ("threads", allCores.map { .int($0.threads) } ?? .null)],
            note: "reported, no target; the kernel's event count over the runner's time, per thread"
        ))

        let first = memory?.runs.first?.replications
        let last = memory?.runs.last?.replications
        let sizes = first.flatMap { first in last.map { "\(Format.replications($0)) / \(Format.replications(first))" } } ?? "largest / smallest"
        let arguments = memory?.extraArguments ?? []
        verdicts.append(Verdict(
            key: "memory_flat_summary_mode", label: "peak memory \(sizes) (daly-check, spotsim run)",
            value: memory?.ratio, unit: "×", decimals: 3,
            target: memoryRatioTarget, comparison: .atMost,
            conditions: [
                ("scenario", .string(targetScenario)),
                ("from_replications", first.map(JSON.int) ?? .null),
                ("to_replications", last.map(JSON.int) ?? .null),
                ("statistics", .string(memory?.statistics ?? "streaming")),
                ("spotsim_args", .array(arguments.map(JSON.string))),
            ],
            note: "spotsim run --statistics streaming: mean, sd and CI folded in replication order, quantiles from a fixed-size sketch; no per-replication values kept",
            conclusive: first == 10_000 && last == 1_000_000
        ))

        verdicts.append(Verdict(
            key: "time_to_answer_multicloud_h100", label: "time to answer (multicloud-h100, spotsim run)",
            value: answer?.samples.best, unit: "s", decimals: 3,
            conditions: [("scenario", .string("multicloud-h100")), ("threads", .string("default (all cores)"))],
            note: "reported, no target"
        ))
        if quick {
            for index in verdicts.indices { verdicts[index].conclusive = false }
        }
        return verdicts
    }

    static func coresUsed(in result: ScalingBenchmark.Result?, threads: Int) -> JSON {
        guard let run = result?.runs.first(where: { $0.threads == threads }) else { return .null }
        return .number(run.samples.coresUsed, decimals: 3)
    }
}
