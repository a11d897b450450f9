import SpotSim
import Stochastics
import Testing

/// Same scenario + seed + version → identical bytes, whatever the number of threads.
@Suite struct DeterminismTests {
    static func scenario(seed: UInt64) -> Scenario {
        Scenario(
            name: "determinism", seed: seed, replications: 300,
            pools: [Build.pool(lifetime: .weibull(scale: 4000, shape: 0.63), provisioning: .exponential(mean: 120)),
                    Build.pool(name: "pool-b", onDemandPrice: 2.5, spotPrice: nil)],
            jobs: [Build.job(nodes: 2, workHours: 12, intervals: [.seconds(1800), .daly, .young])],
            policies: [PolicySpec(kind: .spot), PolicySpec(kind: .spotFallback, fallbackAfter: 2), PolicySpec(kind: .onDemand)]
        )
    }

    /// One, two and three threads (with a chunk size that splits unevenly) give the same JSON.
    @Test(arguments: [(2, 32), (3, 7), (8, 1)])
    func threadCountDoesNotChangeResults(threads: Int, chunk: Int) throws {
        let single = JSONReport.render(try ExperimentRunner(threads: 1).run(Self.scenario(seed: 5)))
        let many = JSONReport.render(try ExperimentRunner(threads: threads, chunkSize: chunk).run(Self.scenario(seed: 5)))
        #expect(single == many)
    }

    /// The summaries of one set of values are the same whatever the number of threads sharing
    /// out the cells (here more threads than some points have cells).
    @Test(arguments: [2, 5, 64])
    func summaryThreadsDoNotChangeResults(threads: Int) throws {
        let scenario = Self.scenario(seed: 7)
        let part = try ExperimentRunner(threads: 2).simulate(scenario, units: UnitSet(0..<scenario.replications))
        #expect(JSONReport.render(ExperimentResult(part, threads: threads)) == JSONReport.render(ExperimentResult(part, threads: 1)))
    }

    /// Two runs with one seed are identical; another seed gives other numbers.
    @Test func seedDeterminesResults() throws {
        let first = CSVReport.render(try ExperimentRunner(threads: 2).run(Self.scenario(seed: 9)))
        let second = CSVReport.render(try ExperimentRunner(threads: 2).run(Self.scenario(seed: 9)))
        let other = CSVReport.render(try ExperimentRunner(threads: 2).run(Self.scenario(seed: 10)))
        #expect(first == second)
        #expect(first != other)
    }
}
