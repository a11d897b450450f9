import SpotSim

/// `ExperimentRunner` — the whole experiment as `spotsim run` does it in process: work split in
/// chunks over T threads, every value stored, every metric summarised with its quantiles — at
/// 1 thread, 2 threads and all cores (and any --threads). Replications per second and the
/// speed-up over 1 thread, best of K. The thread counts take turns, repeat by repeat (1, 2, 1,
/// 2, …), so that a spell of other work on the machine slows both sides of the ratio rather
/// than one; and each repeat records the cores the process had (CPU time over wall time). Events per second are the kernel's event count for the
/// same replications (a replication's events depend only on the seed, its index and its cell)
/// over the runner's time.
struct ScalingBenchmark {
    struct Run {
        var threads: Int
        var samples = Samples()
    }

    struct Result {
        var workload: Workload
        var runs: [Run] = []
        /// From the kernel benchmark of the same workload, when it ran.
        var events: Int?

        var oneThread: Run? { runs.first { $0.threads == 1 } }

        func replicationsPerSecond(_ run: Run) -> Double { Double(workload.cellReplications) / run.samples.best }

        func speedup(_ run: Run) -> Double? { oneThread.map { $0.samples.best / run.samples.best } }

        func eventsPerSecondPerThread(_ run: Run) -> Double? {
            events.map { Double($0) / run.samples.best / Double(run.threads) }
        }

        func speedup(threads: Int) -> Double? {
            runs.first { $0.threads == threads }.flatMap(speedup)
        }

        var json: JSON {
            .object(workload.json + [
                ("runs", .array(runs.map { run in
                    .object([
                        ("threads", .int(run.threads)),
                        ("time", run.samples.json),
                        ("replications_per_second", .measurement(replicationsPerSecond(run), "replications/s", decimals: 1)),
                        ("speedup_over_1_thread", .measurement(speedup(run), "×", decimals: 3)),
                        ("events_per_second_per_thread", .measurement(eventsPerSecondPerThread(run), "events/s", decimals: 0)),
                    ])
                })),
            ])
        }
    }

    var repeats: Int
    /// Thread counts, ascending, 1 first.
    var threadCounts: [Int]

    func run(_ workload: Workload, events: Int?) throws -> Result {
        var result = Result(workload: workload, events: events)
        result.runs = threadCounts.map { Run(threads: $0) }
        for attempt in 1...repeats {
            for index in result.runs.indices {
                let threads = result.runs[index].threads
                let runner = ExperimentRunner(threads: threads)
                let measured = try timed { _ = try runner.run(workload.scenario) }
                result.runs[index].samples.append(measured)
                progress("runner \(workload.name), \(threads) thread\(threads == 1 ? "" : "s"): repeat \(attempt)/\(repeats): "
                    + "\(Format.fixed(measured.wall, 3)) s, \(Format.fixed(Double(workload.cellReplications) / measured.wall, 0)) replications/s, "
                    + "\(Format.fixed(measured.cpu / measured.wall, 2)) cores used")
            }
        }
        return result
    }
}
