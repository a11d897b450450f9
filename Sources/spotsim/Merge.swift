import ArgumentParser
import Foundation
import SpotSim

/// `spotsim merge`: the report of a run from its shard files.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the shard files of a run into the report one process would print.",
        discussion: """
            Each shard file comes from `spotsim run SCENARIO --shard I/N --output FILE`. The \
            merged report is byte for byte what `spotsim run SCENARIO` prints with the same \
            seed, replications and format. Merge refuses shards of another scenario file, \
            seed, replication count or spotsim version, a shard given twice and missing \
            shards, naming them. The scenario and its trace files are not needed.

            Examples:
              spotsim merge shards/*.spotsim-shard
              spotsim merge shards/*.spotsim-shard --format json --output results.json

            Exit status: 0 success, 64 a usage error or shards that do not make one run.
            """
    )

    @Argument(help: ArgumentHelp("The shard files, in any order.", valueName: "shard"))
    var shards: [String] = []

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Run.Format = .table

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("per-replication"), help: ArgumentHelp(
        "Also write every replication's values: CSV (.csv) or JSON Lines (.jsonl).", valueName: "file"
    ))
    var perReplication: String?

    func validate() throws {
        if shards.isEmpty {
            throw ValidationError("give the shard files to merge")
        }
        if let perReplication, PerReplicationReport.Format(fileName: perReplication) == nil {
            throw ValidationError("--per-replication: expected a file name ending in .csv, .jsonl or .ndjson, found '\(perReplication)'")
        }
    }

    func run() throws {
        let parts = try shards.map { (file: $0, part: try readPartialResult($0)) }
        let whole: PartialResult
        do {
            whole = try ShardMerge.merge(parts)
        } catch {
            throw usageError("\(error)")
        }
        if let perReplication {
            try writeRows(whole, to: perReplication)
        }
        try emit(ExperimentResult(whole), format: format, to: output)
    }
}
