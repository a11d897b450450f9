import SpotSim
import Stochastics
import Testing

/// Paired comparisons with the baseline policy (`Comparison`, computed by `ExperimentRunner`).
@Suite struct ComparisonTests {
    /// The half-width of a 95 % Student-t interval.
    static func halfWidth(_ summary: Summary) -> Double {
        let interval = summary.confidenceInterval95!
        return (interval.upperBound - interval.lowerBound) / 2
    }

    /// The half-width an unpaired (Welch) comparison of two independent means would have:
    /// t(0.975, n − 1) · √(sd₁²/n + sd₂²/n), with the smaller sample's degrees of freedom.
    static func unpairedHalfWidth(_ a: Summary, _ b: Summary) -> Double {
        let n = Double(a.count)
        let t = Quantiles.studentT(probability: 0.975, degreesOfFreedom: n - 1)
        return t * ((a.standardDeviation * a.standardDeviation + b.standardDeviation * b.standardDeviation) / n).squareRoot()
    }

    /// Rule: the per-replication definitions — savings = baseline cost − cost, fraction =
    /// savings ÷ baseline cost per replication, extra = completion − baseline completion —
    /// each summarised as a sample of its own.
    @Test func pairedDifferencesByHand() {
        let comparison = Comparison(
            baseline: "on-demand",
            cost: [40, 60, 80], completionHours: [12, 14, 10],
            baselineCost: [100, 100, 200], baselineCompletionHours: [10, 10, 10]
        )
        let savings = comparison.summary(.savingsUSD)!
        #expect(abs(savings.mean - (60 + 40 + 120) / 3.0) < 1e-12)
        #expect(savings.p50 == 60)
        let fraction = comparison.summary(.savingsFraction)!
        #expect(abs(fraction.mean - (0.6 + 0.4 + 0.6) / 3) < 1e-15)  // not 1 − 180/400 = 0.55
        let extra = comparison.summary(.extraCompletionHours)!
        #expect(extra.mean == 2)
        #expect(extra.standardDeviation == 2)
        #expect(comparison.summaries.count == ComparisonMetric.allCases.count)
    }

    /// Rule: `savings_fraction` is undefined, not 0, when some replication's baseline cost
    /// is 0; the other two comparisons are still reported.
    @Test func fractionUndefinedForAFreeBaseline() {
        let comparison = Comparison(
            baseline: "spot",
            cost: [5, 6], completionHours: [1, 1], baselineCost: [0, 3], baselineCompletionHours: [2, 2]
        )
        #expect(comparison.summary(.savingsFraction) == nil)
        #expect(comparison.summary(.savingsUSD)?.mean == -4)
        #expect(comparison.summary(.extraCompletionHours)?.mean == -1)
    }

    /// Rule: differences are paired replication by replication. `spot-fallback` that never
    /// falls back sees exactly the market `spot` sees, so every difference is exactly 0: sd 0
    /// and an interval of width 0, where an unpaired comparison of the two means would have
    /// an interval as wide as the noise of each.
    @Test func identicalMarketsGiveZeroDifferences() throws {
        let pool = Build.pool(lifetime: .weibull(scale: 5400, shape: 0.7), provisioning: .exponential(mean: 300))
        let job = Build.job(nodes: 3, workHours: 20, intervals: [.seconds(1800), .daly])
        let spot = PolicySpec(kind: .spot)
        let scenario = Scenario(
            name: "crn", seed: 11, replications: 400, pools: [pool], jobs: [job],
            policies: [spot, PolicySpec(kind: .spotFallback, fallbackAfter: 1_000_000)], baseline: spot
        )
        let result = try ExperimentRunner(threads: 2).run(scenario)
        #expect(result.cells.count == 4)
        for cellResult in result.cells.prefix(2) { #expect(cellResult.comparison == nil) }
        for (cellResult, baselineResult) in zip(result.cells.suffix(2), result.cells.prefix(2)) {
            let comparison = try #require(cellResult.comparison)
            #expect(comparison.baseline == spot.description)
            for metric in ComparisonMetric.allCases {
                let summary = try #require(comparison.summary(metric))
                #expect(summary.mean == 0)
                #expect(summary.standardDeviation == 0)
                #expect(summary.confidenceInterval95 == 0...0)
                #expect(summary.p99 == 0)
            }
            let unpaired = Self.unpairedHalfWidth(cellResult.summary(.costUSD), baselineResult.summary(.costUSD))
            #expect(unpaired > 0.5)
        }
    }

    /// Rule: sharing the market makes the paired interval much narrower than the unpaired
    /// one. `spot-fallback` after 60 preemptions lives through `spot`'s exact market
    /// (common random numbers) except in the few replications that reach 60 preemptions, so
    /// the differences are mostly 0 and their interval is a fraction of the one two
    /// independent samples would give — yet not 0, as some replications do fall back.
    @Test func pairedIntervalIsNarrowerThanUnpaired() throws {
        let pool = Build.pool(lifetime: .weibull(scale: 5400, shape: 0.7), provisioning: .exponential(mean: 300))
        let job = Build.job(nodes: 2, workHours: 20, intervals: [.seconds(1800)])
        let spot = PolicySpec(kind: .spot)
        let scenario = Scenario(
            name: "crn", seed: 3, replications: 1000, pools: [pool], jobs: [job],
            policies: [spot, PolicySpec(kind: .spotFallback, fallbackAfter: 60)], baseline: spot
        )
        let result = try ExperimentRunner(threads: 2).run(scenario)
        let comparison = try #require(result.cells[1].comparison)
        let paired = Self.halfWidth(try #require(comparison.summary(.extraCompletionHours)))
        let unpaired = Self.unpairedHalfWidth(result.cells[1].summary(.completionHours), result.cells[0].summary(.completionHours))
        #expect(paired > 0)
        #expect(paired < unpaired / 5, "paired \(paired) vs unpaired \(unpaired)")
        let pairedCost = Self.halfWidth(try #require(comparison.summary(.savingsUSD)))
        let unpairedCost = Self.unpairedHalfWidth(result.cells[1].summary(.costUSD), result.cells[0].summary(.costUSD))
        #expect(pairedCost > 0)
        #expect(pairedCost < unpairedCost / 2, "paired \(pairedCost) vs unpaired \(unpairedCost)")
    }

    /// Rule (hand-computable): two on-demand pools at 3 and 2 USD per node-hour; a 10-hour
    /// job whose `daly` interval resolves on on-demand to one final 3-minute checkpoint runs
    /// 10.05 h on either, so it costs 30.15 against 20.10 USD: savings 10.05 USD, a third of
    /// the baseline's cost, and no extra time — in every replication (sd 0).
    @Test func onDemandAgainstADearerOnDemandPool() throws {
        let dear = Build.pool(name: "dear", onDemandPrice: 3, spotPrice: nil)
        let cheap = Build.pool(name: "cheap", onDemandPrice: 2, spotPrice: nil)
        let job = Build.job(workHours: 10, intervals: [.daly], write: 180, restart: 0)
        let baseline = PolicySpec(kind: .onDemand, pool: "dear")
        let scenario = Scenario(
            name: "hand", seed: 1, replications: 5, pools: [dear, cheap], jobs: [job],
            policies: [baseline, PolicySpec(kind: .onDemand)], baseline: baseline
        )
        let result = try ExperimentRunner(threads: 1).run(scenario)
        #expect(result.cells[0].comparison == nil)
        #expect(abs(result.cells[0].summary(.costUSD).mean - 30.15) < 1e-9)
        #expect(abs(result.cells[1].summary(.costUSD).mean - 20.10) < 1e-9)
        let comparison = try #require(result.cells[1].comparison)
        let savings = try #require(comparison.summary(.savingsUSD))
        #expect(abs(savings.mean - 10.05) < 1e-9)
        #expect(abs(savings.p50 - 10.05) < 1e-9)
        #expect(savings.standardDeviation < 1e-12)
        let fraction = try #require(comparison.summary(.savingsFraction))
        #expect(abs(fraction.mean - 1.0 / 3.0) < 1e-12)
        let extra = try #require(comparison.summary(.extraCompletionHours))
        #expect(extra.mean == 0)
        #expect(extra.p99 == 0)
    }

    /// Rule: each cell pairs with the baseline's cell of the same job and interval: the mean
    /// savings is that cell's mean cost below the baseline's (mean of differences = difference
    /// of means), with two jobs and several intervals.
    @Test func cellsPairWithTheSameJobAndInterval() throws {
        let pools = [Build.pool(lifetime: .exponential(mean: 9000), provisioning: .exponential(mean: 60))]
        let jobs = [
            Build.job(name: "a", nodes: 2, workHours: 8, intervals: [.seconds(1800), .seconds(3600), .daly]),
            Build.job(name: "b", workHours: 5, intervals: [.young, .seconds(900)]),
        ]
        let scenario = Scenario(
            name: "grid", seed: 4, replications: 200, pools: pools, jobs: jobs,
            policies: [PolicySpec(kind: .spot), PolicySpec(kind: .onDemand), PolicySpec(kind: .spotFallback)]
        )
        #expect(scenario.baseline == PolicySpec(kind: .onDemand))
        let result = try ExperimentRunner(threads: 2, chunkSize: 9).run(scenario)
        #expect(result.cells.count == 15)
        var compared = 0
        for cellResult in result.cells {
            let cell = cellResult.cell
            let baseline = try #require(result.cells.first {
                $0.cell.job == cell.job && $0.cell.interval == cell.interval && $0.cell.policy == "on-demand"
            })
            guard cell.policy != "on-demand" else {
                #expect(cellResult.comparison == nil)
                continue
            }
            compared += 1
            let comparison = try #require(cellResult.comparison)
            let savings = try #require(comparison.summary(.savingsUSD)).mean
            let expected = baseline.summary(.costUSD).mean - cellResult.summary(.costUSD).mean
            #expect(abs(savings - expected) <= 1e-9 * abs(expected) + 1e-9)
            let extra = try #require(comparison.summary(.extraCompletionHours)).mean
            let expectedExtra = cellResult.summary(.completionHours).mean - baseline.summary(.completionHours).mean
            #expect(abs(extra - expectedExtra) <= 1e-9 * abs(expectedExtra) + 1e-9)
        }
        #expect(compared == 10)
    }

    /// Rule: with no baseline (on-demand not among the policies, or turned off) no cell has a
    /// comparison; a baseline that is not one of the policies is an error, not a silent skip.
    @Test func noBaselineAndForeignBaseline() throws {
        let pools = [Build.pool()]
        let jobs = [Build.job(workHours: 5)]
        let spotOnly = Scenario(name: "s", seed: 1, replications: 20, pools: pools, jobs: jobs, policies: [PolicySpec(kind: .spot)])
        #expect(spotOnly.baseline == nil)
        #expect(try ExperimentRunner(threads: 1).run(spotOnly).cells.allSatisfy { $0.comparison == nil })

        var off = Scenario(name: "s", seed: 1, replications: 20, pools: pools, jobs: jobs,
                           policies: [PolicySpec(kind: .onDemand), PolicySpec(kind: .spot)])
        #expect(off.baseline == PolicySpec(kind: .onDemand))
        off.baseline = nil
        #expect(try ExperimentRunner(threads: 1).run(off).cells.allSatisfy { $0.comparison == nil })

        var foreign = spotOnly
        foreign.baseline = PolicySpec(kind: .onDemand)
        let error = #expect(throws: ExperimentError.self) { try ExperimentRunner(threads: 1).run(foreign) }
        #expect(error?.message == "baseline on-demand is not one of the policies (spot)")
    }

    /// Rule: comparisons are computed from values stored by replication index, so one thread
    /// and many give identical JSON, comparisons included.
    @Test(arguments: [(3, 7), (3, 32), (5, 1)])
    func threadCountDoesNotChangeComparisons(threads: Int, chunk: Int) throws {
        let scenario = DeterminismTests.scenario(seed: 21)
        #expect(scenario.baseline == PolicySpec(kind: .onDemand))
        let single = JSONReport.render(try ExperimentRunner(threads: 1).run(scenario))
        let many = JSONReport.render(try ExperimentRunner(threads: threads, chunkSize: chunk).run(scenario))
        #expect(single.contains("\"versus\""))
        #expect(single == many)
        let singleCSV = CSVReport.render(try ExperimentRunner(threads: 1).run(scenario))
        let manyCSV = CSVReport.render(try ExperimentRunner(threads: threads, chunkSize: chunk).run(scenario))
        #expect(singleCSV == manyCSV)
    }
}
