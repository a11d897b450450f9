import MallocCounter
import SpotSim

/// The engine alone on one thread: a `Replicator` per grid point runs every cell of every
/// replication, with no summaries, no threads and no I/O. Events delivered per second and
/// replications (cell × replication) per second, best of K; heap allocations (malloc, calloc,
/// realloc) made by the timed loop's thread, after a warm-up of 100 replications, and those
/// of the whole process over the same time (which may include a stray one of another thread,
/// such as a Dispatch worker of the previous scaling run winding down).
struct KernelBenchmark {
    static let warmUpReplications = 100

    struct Result {
        var workload: Workload
        var samples = Samples()
        /// Events delivered in one timed pass (the same in every repeat).
        var events = 0
        /// Heap allocations of the timed loop's thread, per repeat.
        var allocationSamples: [UInt64] = []
        /// Heap allocations of every thread during the timed loop, per repeat.
        var processAllocationSamples: [UInt64] = []

        /// The most over the repeats.
        var allocations: UInt64 { allocationSamples.max() ?? 0 }
        var processAllocations: UInt64 { processAllocationSamples.max() ?? 0 }

        var eventsPerSecond: Double { Double(events) / samples.best }
        var replicationsPerSecond: Double { Double(workload.cellReplications) / samples.best }
        var eventsPerReplication: Double { Double(events) / Double(workload.cellReplications) }

        var json: JSON {
            .object(workload.json + [
                ("threads", .int(1)),
                ("warm_up_replications", .int(Swift.min(KernelBenchmark.warmUpReplications, workload.replications))),
                ("time", samples.json),
                ("events", .count(events, "events")),
                ("events_per_replication", .measurement(eventsPerReplication, "events", decimals: 1)),
                ("events_per_second", .measurement(eventsPerSecond, "events/s", decimals: 0)),
                ("replications_per_second", .measurement(replicationsPerSecond, "replications/s", decimals: 1)),
                ("heap_allocations", .object([
                    ("value", .int(Int(allocations))),
                    ("unit", .string("allocations")),
                    ("samples", .array(allocationSamples.map { .int(Int($0)) })),
                ])),
                ("heap_allocations_all_threads", .object([
                    ("value", .int(Int(processAllocations))),
                    ("unit", .string("allocations")),
                    ("samples", .array(processAllocationSamples.map { .int(Int($0)) })),
                ])),
            ])
        }
    }

    var repeats: Int

    func run(_ workload: Workload) throws -> Result {
        var result = Result(workload: workload)
        let seed = workload.scenario.seed
        let replications = workload.replications
        let warmUp = Swift.min(Self.warmUpReplications, replications)
        for attempt in 1...repeats {
            var replicators = workload.points.map { Replicator(pools: $0.pools) }
            for point in workload.points.indices {
                try Self.pass(&replicators[point], cells: workload.points[point].cells, seed: seed, replications: 0..<warmUp)
            }
            let eventsBefore = replicators.reduce(0) { $0 + $1.eventsDelivered }
            let mallocsBefore = spotsim_thread_malloc_calls()
            let processMallocsBefore = spotsim_malloc_calls()
            let measured = try timed {
                for point in workload.points.indices {
                    try Self.pass(&replicators[point], cells: workload.points[point].cells, seed: seed, replications: 0..<replications)
                }
            }
            let elapsed = measured.wall
            let allocations = spotsim_thread_malloc_calls() - mallocsBefore
            let processAllocations = spotsim_malloc_calls() - processMallocsBefore
            result.events = replicators.reduce(0) { $0 + $1.eventsDelivered } - eventsBefore
            result.allocationSamples.append(allocations)
            result.processAllocationSamples.append(processAllocations)
            result.samples.append(measured)
            progress("kernel \(workload.name): repeat \(attempt)/\(repeats): \(Format.fixed(elapsed, 3)) s, "
                + "\(Format.fixed(Double(result.events) / elapsed / 1e6, 2)) M events/s, \(allocations) heap allocations (\(processAllocations) in the process)")
        }
        return result
    }

    /// Every replication in `replications` of every cell, replication by replication (the
    /// order the runner uses: a replication's cells together).
    @inline(never)
    static func pass(_ replicator: inout Replicator, cells: [Cell], seed: UInt64, replications: Range<Int>) throws {
        for replication in replications {
            for cell in cells {
                _ = try replicator.run(cell.plan, seed: seed, replication: replication)
            }
        }
    }
}
