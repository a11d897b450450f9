import Foundation
import MallocCounter
import SpotSim

// Engine throughput on a scenario (default: ../scenarios/daly-check.yaml).
//
//   spotsim-benchmarks [SCENARIO] [--replications N] [--threads T] [--repeat K] [--data-dir DIR]
//
// `--data-dir` is where a scenario's replayed traces are (default: $SPOTSIM_DATA).
//
// 1. Kernel: one thread runs every grid point of N replications through a `Replicator`;
//    reports events delivered per second and replications (grid point × replication) per
//    second. Best of K repeats.
//    Heap allocations during the timed loop (after a warm-up of 100 replications) are counted
//    by interposing malloc/calloc/realloc: the steady state should make none per event.
// 2. Runner: `ExperimentRunner` with T threads (default: all cores), the whole experiment
//    including summaries; reports replications per second. Best of K repeats.

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> Int? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(index...index + 1) }
    return Int(arguments[index + 1])
}
@MainActor func textOption(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(index...index + 1) }
    return arguments[index + 1]
}
let dataDirectory = textOption("--data-dir")
let replicationsOverride = option("--replications")
let threads = option("--threads") ?? ProcessInfo.processInfo.activeProcessorCount
let repeats = Swift.max(1, option("--repeat") ?? 3)
let path = arguments.first ?? "../scenarios/daly-check.yaml"

var scenario: Scenario
do {
    scenario = try ScenarioDecoder.decode(contentsOf: path, dataDirectory: dataDirectory)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(64)
}
if let replicationsOverride { scenario.replications = replicationsOverride }
let cells = try scenario.cells()
let replications = scenario.replications

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var bestKernel = Double.infinity
var events = 0
var allocations: UInt64 = 0
for _ in 0..<repeats {
    var replicator = Replicator(pools: scenario.pools)
    for replication in 0..<Swift.min(100, replications) {
        for cell in cells { _ = try replicator.run(cell.plan, seed: scenario.seed, replication: replication) }
    }
    let warmEvents = replicator.eventsDelivered
    let mallocsBefore = spotsim_malloc_calls()
    let elapsed = try seconds {
        for replication in 0..<replications {
            for cell in cells {
                _ = try replicator.run(cell.plan, seed: scenario.seed, replication: replication)
            }
        }
    }
    allocations = spotsim_malloc_calls() - mallocsBefore
    events = replicator.eventsDelivered - warmEvents
    bestKernel = Swift.min(bestKernel, elapsed)
}

var bestRunner = Double.infinity
for _ in 0..<repeats {
    let elapsed = try seconds { _ = try ExperimentRunner(threads: threads).run(scenario) }
    bestRunner = Swift.min(bestRunner, elapsed)
}

let cellReplications = Double(replications * cells.count)
print("scenario \(scenario.name): \(cells.count) grid points × \(replications) replications, best of \(repeats)")
print(String(format: "kernel, 1 thread:   %.3f s  %.2f M events/s  %.0f replications/s  (%d events, %llu heap allocations)",
             bestKernel, Double(events) / bestKernel / 1e6, cellReplications / bestKernel, events, allocations))
print(String(format: "runner, %d threads: %.3f s  %.0f replications/s", threads, bestRunner, cellReplications / bestRunner))
