import ArgumentParser
import Foundation
import SpotSim

extension StatisticsMode: ExpressibleByArgument {}

/// `spotsim run`: runs a scenario, or one shard of it, and prints or writes its report.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and report cost, lost work and completion time per policy and checkpoint interval.",
        discussion: """
            Without SCENARIO, runs the embedded quickstart scenario (scenarios/quickstart.yaml) \
            and says so on standard error. Results depend only on the scenario, the seed and \
            the spotsim version — never on --threads or --shard.

            Interrupting a run (Ctrl-C, SIGTERM) writes no report: with --output (or \
            --progress-file) an exact run saves the replications done so far, and running the \
            same command again continues from them to the same final bytes (a streaming run \
            saves nothing). A second Ctrl-C stops at once.

            Shards: --shard I/N runs the I-th of N deterministic slices of the grid points × \
            replications and writes a shard file to --output; `spotsim merge` turns the N \
            shard files into exactly the report one process prints. I may be `auto`: it is \
            then read from SLURM_ARRAY_TASK_ID, else JOB_COMPLETION_INDEX (Kubernetes Indexed \
            Jobs); see `spotsim export`.

            Statistics (--statistics): `exact`, the default, keeps every replication's value \
            (8 bytes) of every grid point × policy × interval × metric until the end, and \
            reports GSL's exact quantiles: memory grows with cells × metrics × replications \
            (peak about 16 bytes each, counting the copy made when combining: \
            multicloud-h100, 18 cells × 13 metrics, needs 3.7 kB a replication, about 3.7 GB \
            at 10^6). `streaming` keeps no per-replication values: memory stays flat however \
            many replications run; count, mean, sd and the 95% interval are computed in one \
            pass (Welford, in replication order: the same bytes with any --threads), equal to \
            the exact ones up to rounding (about 1e-13 relative); p50/p90/p99 come from a \
            log-bucket sketch (DDSketch) and each order statistic behind them is within \
            relative error 1e-4 of the exact one. Use it for runs of 10^5 replications and \
            more whose exact values would not fit in memory. It cannot be combined with \
            --per-replication, --shard or --progress-file (they need the values), and an \
            interrupted streaming run cannot be resumed.

            Examples:
              spotsim run scenarios/quickstart.yaml --format json --output results.json
              spotsim run big.yaml --replications 1000000 --statistics streaming
              spotsim run sweep.yaml --per-replication rows.csv
              spotsim run sweep.yaml --shard 3/8 --output shards/shard-3.spotsim-shard
              spotsim merge shards/*.spotsim-shard --format json --output results.json

            Exit status: 0 success, 64 a usage or scenario error, 130 or 143 interrupted \
            (SIGINT or SIGTERM).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: ArgumentHelp(
        "How to summarise: exact (every per-replication value kept; exact quantiles) or streaming (flat memory; quantiles within 1e-4 relative).",
        valueName: "mode"
    ))
    var statistics: StatisticsMode = .exact

    @Option(name: .long, help: "Output format: table (default), json or csv.")
    var format: Format?

    @Option(name: .long, help: ArgumentHelp("Write the report (or shard file) to this file, atomically, instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp(
        "Run shard I of N (I from 0 to N-1, or `auto` from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX) and write a shard file to --output.",
        valueName: "I/N"
    ))
    var shard: String?

    @Option(name: .customLong("per-replication"), help: ArgumentHelp(
        "Also write every replication's values, one row per grid point × policy × interval × replication: CSV (.csv) or JSON Lines (.jsonl).",
        valueName: "file"
    ))
    var perReplication: String?

    @Option(name: .customLong("progress-file"), help: ArgumentHelp(
        "Where an interrupted run saves its progress and where a rerun continues from (default: the --output file's name + .progress).",
        valueName: "file"
    ))
    var progressFile: String?

    func validate() throws {
        if shard != nil {
            guard output != nil else {
                throw ValidationError("--shard writes a shard file: give it a name with --output")
            }
            if format != nil {
                throw ValidationError("--format does not apply to a shard (a binary file for `spotsim merge`); give --format to merge")
            }
        }
        if statistics == .streaming {
            if perReplication != nil {
                throw ValidationError("--per-replication needs every replication's values, which --statistics streaming does not keep; drop one of them")
            }
            if shard != nil {
                throw ValidationError("--shard writes every replication's values for `spotsim merge`, which --statistics streaming does not keep; run shards with --statistics exact (the default)")
            }
            if progressFile != nil {
                throw ValidationError("--progress-file: a --statistics streaming run keeps no per-replication values, so it saves no progress and cannot be resumed; drop --progress-file")
            }
        }
        if let perReplication, PerReplicationReport.Format(fileName: perReplication) == nil {
            throw ValidationError("--per-replication: expected a file name ending in .csv, .jsonl or .ndjson, found '\(perReplication)'")
        }
    }

    func run() throws {
        if statistics == .streaming {
            try runStreaming()
            return
        }
        let shard = try shard.map(Self.parseShard)
        let scenario = try options.scenario()
        let layout = try experimentLayout(scenario)
        let sliceRange = shard?.units(of: layout.unitCount) ?? 0..<layout.unitCount
        let slice = UnitSet(sliceRange)
        let fingerprint = try options.fingerprint()
        let progressPath = progressFile ?? output.map { $0 + ".progress" }

        // Progress saved by an interrupted run of the same command.
        var saved: PartialResult? = nil
        if let progressPath, FileManager.default.fileExists(atPath: progressPath) {
            let part = try readPartialResult(progressPath)
            guard part.fingerprint == fingerprint, part.layout == layout, part.shard == shard,
                  part.version == SpotSimVersion.current else {
                standardError("""
                    spotsim: error: \(progressPath) holds the progress of another run (another scenario file, seed, \
                    replication count, shard or spotsim version); delete it, or choose another file with --progress-file\n
                    """)
                throw ExitCode(64)
            }
            saved = part
            standardError("spotsim: continuing from \(progressPath): \(part.units.count) of \(slice.count) replications already done\n")
        }
        let todo = saved.map { $0.units.missing(from: sliceRange) } ?? slice

        let interruption = Interruption()
        // Until every file is written: a second signal then removes the temporary files.
        defer { interruption.stopListening() }
        let fresh = try simulate(
            scenario, units: todo, threads: options.threadCount, fingerprint: fingerprint, shard: shard,
            total: slice.count, stop: interruption.signal
        )
        let part = try combine([saved, fresh].compactMap { $0 }, shard: shard)

        if part.units != slice {
            guard let progressPath else {
                standardError("spotsim: interrupted after \(part.units.count) of \(slice.count) replications; nothing saved (give --output or --progress-file to make a run resumable)\n")
                throw ExitCode(interruption.exitCode)
            }
            try write(part.encoded(), to: progressPath)
            standardError("spotsim: interrupted after \(part.units.count) of \(slice.count) replications; progress saved to \(progressPath): run the same command again to continue\n")
            throw ExitCode(interruption.exitCode)
        }

        if let perReplication {
            try writeRows(part, to: perReplication)
        }
        if shard != nil {
            try write(part.encoded(), to: output!)
        } else {
            try emit(ExperimentResult(part, threads: options.threadCount), format: format ?? .table, to: output)
        }
        if let progressPath, saved != nil {
            try? FileManager.default.removeItem(atPath: progressPath)
        }
    }

    /// A `--statistics streaming` run: no per-replication values, so nothing to save when
    /// interrupted (exit 130 or 143 with a message saying so; never a partial report).
    func runStreaming() throws {
        let scenario = try options.scenario()
        let interruption = Interruption(
            stopping: "\nspotsim: stopping after the replications in progress; a streaming run keeps no per-replication values, so no progress is saved (again to stop at once)\n"
        )
        defer { interruption.stopListening() }
        let result = try simulateStreaming(scenario, threads: options.threadCount, stop: interruption.signal)
        guard let result else {
            standardError("spotsim: interrupted: a --statistics streaming run keeps no per-replication values and cannot be resumed; nothing was written (rerun it, or use --statistics exact with --output to make a run resumable)\n")
            throw ExitCode(interruption.exitCode)
        }
        warnAboutCollapsedQuantiles(result)
        try emit(result, format: format ?? .table, to: output)
    }

    /// `I/N`, or `auto/N` with I from the array-job environment.
    static func parseShard(_ text: String) throws -> Shard {
        var text = text
        if text.hasPrefix("auto/") {
            let environment = ProcessInfo.processInfo.environment
            guard let index = environment["SLURM_ARRAY_TASK_ID"] ?? environment["JOB_COMPLETION_INDEX"] else {
                throw ValidationError("--shard auto/N: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set")
            }
            text = index + text.dropFirst(4)
        }
        guard let shard = Shard(text) else {
            throw ValidationError("--shard: expected I/N with 0 ≤ I < N ≤ 100000 (or auto/N), found '\(text)'")
        }
        return shard
    }
}

/// Combines saved and fresh parts of one run; a failure here is a bug, reported as such.
func combine(_ parts: [PartialResult], shard: Shard?) throws -> PartialResult {
    do {
        return try PartialResult.combining(parts, shard: shard)
    } catch {
        throw usageError("\(error)")
    }
}

/// `result` in `format`: exactly the text `spotsim run --format FORMAT` prints.
func rendered(_ result: ExperimentResult, format: Run.Format) -> String {
    switch format {
    case .table: TableReport.render(result)
    case .json: JSONReport.render(result)
    case .csv: CSVReport.render(result)
    }
}

/// Renders `result` in `format` and writes it to `output` atomically, or to standard output.
func emit(_ result: ExperimentResult, format: Run.Format, to output: String?) throws {
    let text = rendered(result, format: format)
    if let output {
        try write(Data(text.utf8), to: output)
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Writes per-replication rows in the format the file name asks for.
func writeRows(_ part: PartialResult, to path: String) throws {
    do {
        try PerReplicationReport.write(part, format: PerReplicationReport.Format(fileName: path) ?? .csv, to: path)
    } catch {
        throw usageError("\(error)")
    }
}

/// Writes `data` to `path` atomically; a failure prints its message and exits 64.
func write(_ data: Data, to path: String) throws {
    do {
        try OutputFile.write(data, to: path)
    } catch {
        throw usageError("\(error)")
    }
}

/// Reads a shard or progress file; a failure prints its message and exits 64.
func readPartialResult(_ path: String) throws -> PartialResult {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw usageError("cannot read \(path)")
    }
    do {
        return try PartialResult(decoding: data, file: path)
    } catch {
        throw usageError("\(error)")
    }
}
