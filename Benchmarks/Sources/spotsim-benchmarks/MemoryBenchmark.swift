import Foundation

/// Peak memory as replications grow: the `spotsim` tool run as a child process on one
/// scenario at each replication count (10^4, 10^5, 10^6 by default), its peak resident set
/// read from `wait4`'s `ru_maxrss`, and its wall time.
///
///     spotsim run SCENARIO --replications N --statistics MODE --format json --output TMP/memory-N.json [--data-dir D] [EXTRA…]
///
/// `MODE` is `streaming` for the target (summaries folded as replications finish, no
/// per-replication values kept) and `exact` for contrast (every value kept for exact
/// quantiles). The report goes to a file in a private temporary directory, never `--output
/// /dev/null`: spotsim writes its output atomically (a temporary file renamed over the
/// target). `EXTRA` is `--spotsim-args`.
struct MemoryBenchmark {
    struct Run {
        var replications: Int
        var outcome: ChildProcess.Outcome
    }

    struct Result {
        var statistics: String
        var scenario: String
        var cells: Int
        var command: String
        var extraArguments: [String]
        var runs: [Run] = []

        /// Peak at the largest count over peak at the smallest.
        var ratio: Double? {
            guard let first = runs.first, let last = runs.last, runs.count > 1 else { return nil }
            return Double(last.outcome.peakRSSKiB) / Double(first.outcome.peakRSSKiB)
        }

        /// The growth of the peak per replication (cell × replication) between the smallest
        /// and the largest count.
        var bytesPerCellReplication: Double? {
            guard let first = runs.first, let last = runs.last, runs.count > 1 else { return nil }
            return Double(last.outcome.peakRSSKiB - first.outcome.peakRSSKiB) * 1024
                / Double(cells * (last.replications - first.replications))
        }

        var json: JSON {
            .object([
                ("statistics", .string(statistics)),
                ("scenario", .string(scenario)),
                ("cells", .int(cells)),
                ("command", .string(command)),
                ("spotsim_args", .array(extraArguments.map(JSON.string))),
                ("runs", .array(runs.map { run in
                    .object([
                        ("replications", .int(run.replications)),
                        ("cell_replications", .int(run.replications * cells)),
                        ("peak_rss", .measurement(Double(run.outcome.peakRSSKiB) / 1024, "MiB", decimals: 1)),
                        ("wall_time", .measurement(run.outcome.wallSeconds, "s", decimals: 3)),
                        ("cpu_time", .measurement(run.outcome.userSeconds + run.outcome.systemSeconds, "s", decimals: 3)),
                        ("cores_used", .number((run.outcome.userSeconds + run.outcome.systemSeconds) / run.outcome.wallSeconds, decimals: 3)),
                    ])
                })),
                ("peak_ratio_largest_over_smallest", .measurement(ratio, "×", decimals: 3)),
                ("peak_growth_per_cell_replication", .measurement(bytesPerCellReplication, "bytes", decimals: 1)),
            ])
        }
    }

    var spotsim: String
    /// `streaming` or `exact`: the `--statistics` of every run.
    var statistics: String
    var scenarioPath: String
    var scenarioName: String
    var cells: Int
    var counts: [Int]
    var dataDirectory: String?
    var extraArguments: [String]
    var temporary: TemporaryDirectory

    func command(replications: Int, output: String) -> ChildProcess {
        var arguments = [
            "run", scenarioPath, "--replications", String(replications), "--statistics", statistics,
            "--format", "json", "--output", output,
        ]
        if let dataDirectory { arguments += ["--data-dir", dataDirectory] }
        return ChildProcess(executable: spotsim, arguments: arguments + extraArguments)
    }

    func run() throws -> Result {
        var result = Result(
            statistics: statistics, scenario: scenarioName, cells: cells,
            command: command(replications: 0, output: "TMP.json").commandLine.replacingOccurrences(of: "--replications 0", with: "--replications N"),
            extraArguments: extraArguments
        )
        for count in counts {
            let output = temporary.file("memory-\(count).json")
            defer {
                try? FileManager.default.removeItem(atPath: output)
                try? FileManager.default.removeItem(atPath: output + ".progress")
            }
            let outcome = try command(replications: count, output: output).runChecked(in: temporary)
            result.runs.append(Run(replications: count, outcome: outcome))
            progress("memory \(scenarioName), --statistics \(statistics), \(Format.replications(count)) replications: peak RSS "
                + "\(Format.mebibytes(kibibytes: outcome.peakRSSKiB)) MiB, \(Format.fixed(outcome.wallSeconds, 2)) s")
        }
        return result
    }
}
