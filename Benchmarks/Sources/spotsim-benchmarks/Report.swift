/// Everything one invocation measured: the table on standard output and results.json.
struct Report {
    var command: String
    var quick: Bool
    var repeats: Int
    var benchmarks: [Benchmark]
    var machine: MachineFacts
    var spotsim: SpotsimBinary?
    var kernel: [KernelBenchmark.Result] = []
    var scaling: [ScalingBenchmark.Result] = []
    /// Peak memory with `--statistics streaming`: the summary mode of the target.
    var memory: MemoryBenchmark.Result?
    /// Peak memory with `--statistics exact`, for contrast.
    var memoryExact: MemoryBenchmark.Result?
    var answer: AnswerBenchmark.Result?
    var failures: [(benchmark: Benchmark, message: String)] = []

    var verdicts: [Verdict] {
        Targets.verdicts(kernel: kernel, scaling: scaling, memory: memory, answer: answer, cores: machine.logicalCores, quick: quick)
    }

    var json: JSON {
        .object([
            ("schema", .string("spotsim-benchmarks/1")),
            ("command", .string(command)),
            ("quick", .bool(quick)),
            ("repeat", .int(repeats)),
            ("benchmarks", .array(benchmarks.map { .string($0.rawValue) })),
            ("machine", machine.json),
            ("spotsim_binary", spotsim?.json ?? .null),
            ("kernel", .array(kernel.map(\.json))),
            ("scaling", .array(scaling.map(\.json))),
            ("memory", memory?.json ?? .null),
            ("memory_exact", memoryExact?.json ?? .null),
            ("time_to_answer", answer?.json ?? .null),
            ("targets", .object(verdicts.map { ($0.key, $0.json) })),
            ("failures", .array(failures.map { .object([("benchmark", .string($0.benchmark.rawValue)), ("message", .string($0.message))]) })),
        ])
    }

    var table: String {
        var text = "spotsim benchmarks: \(machine.summary)\n"
        text += "load average at start \(MachineFacts.formatLoad(machine.loadAverageAtStart)), "
            + "at end \(MachineFacts.formatLoad(machine.loadAverageAtEnd)); best of \(repeats)\(quick ? "; --quick sizes" : "")\n"

        if !kernel.isEmpty {
            text += "\nKernel: Replicator on one thread (a replication: one cell, one replication index)\n"
            var table = TextTable(["<scenario", "cells", "replications", "events/repl.", "best s", "cores used", "M events/s", "replications/s", "heap allocations per repeat"])
            for result in kernel {
                table.append([
                    result.workload.name, String(result.workload.cellCount), Format.grouped(result.workload.replications),
                    Format.fixed(result.eventsPerReplication, 1), Format.fixed(result.samples.best, 3),
                    Format.fixed(result.samples.coresUsed, 2),
                    Format.fixed(result.eventsPerSecond / 1e6, 2), Format.grouped(Int(result.replicationsPerSecond.rounded())),
                    result.allocationSamples.map { Format.grouped(Int($0)) }.joined(separator: ", "),
                ])
            }
            text += table.rendered()
        }

        if !scaling.isEmpty {
            text += "\nRunner scaling: ExperimentRunner, the whole experiment with its summaries\n"
            var table = TextTable(["<scenario", "threads", "best s", "cores used", "replications/s", "speed-up", "M events/s per thread"])
            for result in scaling {
                for run in result.runs {
                    table.append([
                        result.workload.name, String(run.threads), Format.fixed(run.samples.best, 3),
                        Format.fixed(run.samples.coresUsed, 2), Format.grouped(Int(result.replicationsPerSecond(run).rounded())),
                        result.speedup(run).map { Format.fixed($0, 2) + "×" } ?? "—",
                        result.eventsPerSecondPerThread(run).map { Format.fixed($0 / 1e6, 2) } ?? "—",
                    ])
                }
            }
            text += table.rendered()
        }

        for memory in [memory, memoryExact].compactMap({ $0 }) {
            text += "\nPeak memory as replications grow, --statistics \(memory.statistics): \(memory.command)\n"
            var table = TextTable(["replications", "cell-replications", "peak RSS MiB", "wall s", "CPU s", "cores used"])
            for run in memory.runs {
                table.append([
                    Format.replications(run.replications), Format.grouped(run.replications * memory.cells),
                    Format.mebibytes(kibibytes: run.outcome.peakRSSKiB), Format.fixed(run.outcome.wallSeconds, 2),
                    Format.fixed(run.outcome.userSeconds + run.outcome.systemSeconds, 2),
                    Format.fixed((run.outcome.userSeconds + run.outcome.systemSeconds) / run.outcome.wallSeconds, 2),
                ])
            }
            text += table.rendered()
            if let ratio = memory.ratio, let perReplication = memory.bytesPerCellReplication,
               let first = memory.runs.first, let last = memory.runs.last {
                text += "  peak at \(Format.replications(last.replications)) / at \(Format.replications(first.replications)): "
                    + "\(Format.fixed(ratio, 2))×; growth \(Format.fixed(perReplication, 1)) bytes per cell-replication\n"
            }
        }

        if let answer {
            text += "\nTime to answer: \(answer.command) (threads: \(answer.threads))\n"
            text += "  best \(Format.fixed(answer.samples.best, 3)) s, median \(Format.fixed(answer.samples.median, 3)) s "
                + "of \(answer.samples.seconds.count); \(Format.fixed(answer.samples.coresUsed, 2)) cores used; "
                + "peak RSS \(Format.mebibytes(kibibytes: answer.peakRSSKiB)) MiB\n"
        }

        text += "\nTargets\n"
        var table = TextTable(["<target", "value", "target", "<verdict"])
        for verdict in verdicts { table.append(verdict.tableRow) }
        text += table.rendered()

        for failure in failures {
            text += "\nFAILED \(failure.benchmark.rawValue): \(failure.message)\n"
        }
        return text
    }
}

/// The `spotsim` tool the child-process benchmarks run.
struct SpotsimBinary {
    var path: String
    /// As results.json shows it: relative to the repository when inside it.
    var shownPath: String
    /// Its `--version` output.
    var version: String?
    var expectedVersion: String

    var json: JSON {
        .object([
            ("path", .string(shownPath)),
            ("version", .optional(version)),
            ("matches_benchmark_version", .bool(version == expectedVersion)),
        ])
    }
}
