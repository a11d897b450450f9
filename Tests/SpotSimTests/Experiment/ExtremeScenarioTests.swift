import Foundation
@testable import SpotSim
import Stochastics
import SpotSimTestSupport
import Testing

/// Scenarios at the edges the decoder still accepts: each runs, or fails with one clear
/// message, and never reports NaN or an infinity.
@Suite struct ExtremeScenarioTests {
    /// A one-pool scenario; `spot`, `job` and `tail` are spliced in as YAML.
    static func yaml(
        replications: Int = 20, lifetimeMean: String = "5h", spotPrice: String = "0.97/h",
        provisioning: String = "0s", nodes: Int = 1, work: String = "10h", interval: String = "30m",
        write: String = "2m", extraJob: String = "", policies: String = "[spot]", tail: String = ""
    ) -> String {
        """
        name: extreme
        seed: 3
        replications: \(replications)
        pools:
        \(ScenarioFixtures.spotPool(spotPrice: spotPrice, lifetimeMean: lifetimeMean, provisioning: provisioning))
        jobs:
          - name: train
            gpu: V100
            nodes: \(nodes)
            work: \(work)
            checkpoint:
              interval: \(interval)
              write: \(write)
            restart: 1m
        \(extraJob)
        policies: \(policies)
        \(tail)
        """
    }

    static func decode(_ text: String) throws -> Scenario {
        try ScenarioDecoder.decode(yaml: text, file: "extreme.yaml")
    }

    /// Every number of every summary and comparison of `result`.
    static func numbers(_ result: ExperimentResult) -> [Double] {
        var summaries: [Summary] = []
        for cell in result.cells {
            summaries += cell.summaries
            if let overOptimum = cell.overOptimum { summaries.append(overOptimum) }
            summaries += cell.comparison?.summaries.compactMap { $0 } ?? []
        }
        var numbers: [Double] = []
        for summary in summaries {
            numbers += [summary.mean, summary.standardDeviation, summary.p50, summary.p90, summary.p99]
            if let interval = summary.confidenceInterval95 { numbers += [interval.lowerBound, interval.upperBound] }
        }
        return numbers
    }

    /// The words NaN and the infinities print as, in any of the formats.
    static func nonFinite(in text: String) -> [String] {
        ["nan", "NaN", "inf", "Infinity"].filter { word in
            text.components(separatedBy: CharacterSet.alphanumerics.inverted).contains { $0.lowercased() == word.lowercased() }
        }
    }

    // MARK: A job that can never finish

    /// Lifetimes of 1 s (the decoder's least mean) against a 1-hour write: no checkpoint ever
    /// commits. The replication stops after its event budget, with a message that says so,
    /// when it was stopped and what to change — not after the 3650-day horizon (minutes of
    /// work at the default budget of 10⁸ events; here the budget is 10⁵).
    @Test func eventBudgetStopsAJobThatCannotFinish() throws {
        let scenario = try Self.decode(Self.yaml(lifetimeMean: "1s", write: "1h"))
        var plan = try scenario.cells()[0].plan
        #expect(plan.eventBudget == ReplicationPlan.defaultEventBudget)
        plan.eventBudget = 100_000
        var replicator = Replicator(pools: scenario.pools)
        #expect {
            _ = try replicator.run(plan, seed: 3, replication: 0)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("replication 0: the job did not finish within 100000 events, the most one replication may take (at ")
                && message.contains("of the horizon of 3650d: ")
                && message.contains("0s of 10h committed); with these lifetimes and this availability the checkpoint interval, write or restart time")
        }
    }

    /// The budget counts the kernel's queued events exactly: a replication that finishes with
    /// N of them finishes, with the same ledger, under a budget of N, and fails under N − 1.
    @Test func eventBudgetIsExact() throws {
        let scenario = try Self.decode(Self.yaml(lifetimeMean: "2h", nodes: 2))
        var plan = try scenario.cells()[0].plan
        var replicator = Replicator(pools: scenario.pools)
        let ledger = try replicator.run(plan, seed: 3, replication: 4)
        let events = replicator.simulation.eventsDelivered
        #expect(events > 10)
        plan.eventBudget = events
        #expect(try replicator.run(plan, seed: 3, replication: 4) == ledger)
        plan.eventBudget = events - 1
        #expect(throws: ReplicationFailure.self) { try replicator.run(plan, seed: 3, replication: 4) }
    }

    /// A gang of 1000 nodes that can never finish forms and dissolves its group, O(nodes) each
    /// time, at every preemption: the run stops after 10⁸ ÷ 1000 group starts, naming them.
    @Test func gangStartBudgetStopsALargeGang() throws {
        let scenario = try Self.decode(Self.yaml(replications: 2, lifetimeMean: "1s", nodes: 1000, write: "1h"))
        #expect {
            _ = try ExperimentRunner(threads: 2).run(scenario)
        } throws: { error in
            "\(error)".hasPrefix("job train, policy spot, interval 30m: replication 0: the job did not finish within 100000 starts of its gang of 1000 nodes (100000000 node starts, the most one replication may take; at ")
        }
    }

    // MARK: Zero spot prices

    /// Free spot capacity against a spot baseline: every replication's baseline cost is 0, so
    /// `savings_fraction` is undefined (`nil`; `null` in JSON, empty in CSV, `n/a` in the
    /// table) while `savings_usd` is defined; every other number is finite.
    @Test func freeSpotBaselineLeavesTheFractionUndefined() throws {
        let scenario = try Self.decode(Self.yaml(spotPrice: "0/h", policies: "[spot, on-demand, spot-fallback]", tail: "baseline: spot"))
        let result = try ExperimentRunner(threads: 2).run(scenario)
        #expect(Self.numbers(result).allSatisfy { $0.isFinite })
        let compared = result.cells.filter { $0.comparison != nil && $0.cell.policy != "spot" }
        #expect(compared.count == 2)
        for cell in compared {
            #expect(cell.comparison!.summary(.savingsFraction) == nil)
            #expect(cell.comparison!.summary(.savingsUSD)!.mean < 0)  // dearer than free
        }
        let json = JSONReport.render(result)
        #expect(json.contains("\"savings_fraction\": null"))
        #expect(TableReport.render(result).contains("n/a"))
        for text in [json, TableReport.render(result), CSVReport.render(result)] {
            #expect(Self.nonFinite(in: text).isEmpty)
        }
    }

    /// Free spot capacity against on-demand: a spot policy saves exactly 100 % in every
    /// replication (the fraction's sd is 0), and its cost is exactly 0.
    @Test func freeSpotAgainstOnDemandSavesEverything() throws {
        let scenario = try Self.decode(Self.yaml(spotPrice: "0/h", policies: "[spot, on-demand]"))
        let result = try ExperimentRunner(threads: 1).run(scenario)
        let spot = try #require(result.cells.first { $0.cell.policy == "spot" })
        let fraction = try #require(spot.comparison?.summary(.savingsFraction))
        #expect(fraction.mean == 1 && fraction.standardDeviation == 0)
        #expect(spot.summaries[result.metrics.firstIndex(of: .costUSD)!].mean == 0)
        #expect(Self.numbers(result).allSatisfy { $0.isFinite })
    }

    // MARK: One replication

    /// With one replication no interval exists: every `ci95` is `nil` (JSON `null`, CSV empty
    /// bounds, the table without `±`), and no number is NaN or infinite — sd included.
    @Test func oneReplicationHasNoIntervals() throws {
        let scenario = try Self.decode(Self.yaml(replications: 1, policies: "[spot, on-demand, spot-fallback]"))
        let result = try ExperimentRunner(threads: 2).run(scenario)
        #expect(Self.numbers(result).allSatisfy { $0.isFinite })
        for cell in result.cells {
            #expect(cell.summaries.allSatisfy { $0.confidenceInterval95 == nil })
        }
        let json = JSONReport.render(result)
        let table = TableReport.render(result)
        let csv = CSVReport.render(result)
        #expect(json.contains("\"ci95\": null") && !json.contains("\"ci95\": ["))
        #expect(table.components(separatedBy: "\n").dropFirst().allSatisfy { !$0.contains("±") })
        for text in [json, table, csv] {
            #expect(Self.nonFinite(in: text).isEmpty)
        }
    }

    // MARK: A thousand pools

    /// A scenario of 1000 pools (three providers, 50 regions, capacity that comes and goes)
    /// decodes, and failover, eager-next-region and cheapest-available — the policies that
    /// look across pools — run two replications each to the end with finite results.
    @Test func thousandPoolsRun() throws {
        var lines = ["name: thousand-pools", "seed: 11", "replications: 2", "pools:"]
        for index in 0..<1000 {
            lines += [
                "  - name: p\(index)", "    provider: \(["aws", "gcp", "azure"][index % 3])", "    region: r\(index % 50)",
                "    instance: x", "    gpu: H100", "    on_demand_price: \(10 + index % 7)/h", "    spot:",
                "      price: \(1 + Double(index * 37 % 100) / 10)/h",
                "      lifetime: { distribution: exponential, mean: \(1 + index % 5)h }",
                "    availability:", "      up: { distribution: exponential, mean: 3h }",
                "      down: { distribution: exponential, mean: 1h }", "    provisioning: 1m",
            ]
        }
        lines += ["jobs:", "  - name: train", "    gpu: H100", "    nodes: 4", "    work: 20h", "    checkpoint:",
                  "      interval: 30m", "      write: 1m", "    restart: 2m",
                  "policies: [on-demand, failover, eager-next-region, cheapest-available]"]
        let scenario = try Self.decode(lines.joined(separator: "\n"))
        #expect(scenario.pools.count == 1000)
        let result = try ExperimentRunner(threads: 2).run(scenario)
        #expect(result.cells.count == 4)
        #expect(Self.numbers(result).allSatisfy { $0.isFinite })
        #expect(Self.nonFinite(in: JSONReport.render(result)).isEmpty)
    }

    // MARK: Deadlines that cannot be met

    /// A deadline equal to the work with a 10-minute provisioning delay cannot be met by any
    /// policy: every policy, the deadline-aware ones included, runs to the end, `deadline_met`
    /// is 0 in every replication and `slack_hours` is negative and finite.
    @Test func missedDeadlinesAreReported() throws {
        let scenario = try Self.decode(Self.yaml(
            replications: 10, lifetimeMean: "30m", provisioning: "10m", nodes: 2,
            extraJob: "    deadline: 10h", policies: "[spot, on-demand, greedy, uniform-progress, spot-fallback]"))
        let result = try ExperimentRunner(threads: 2).run(scenario)
        let met = try #require(result.metrics.firstIndex(of: .deadlineMet))
        let slack = try #require(result.metrics.firstIndex(of: .slackHours))
        #expect(result.cells.count == 5)
        for cell in result.cells {
            #expect(cell.summaries[met].mean == 0 && cell.summaries[met].p99 == 0, "\(cell.cell.policy)")
            #expect(cell.summaries[slack].p99 < 0, "\(cell.cell.policy)")
        }
        #expect(Self.numbers(result).allSatisfy { $0.isFinite })
        #expect(Self.nonFinite(in: TableReport.render(result) + JSONReport.render(result) + CSVReport.render(result)).isEmpty)
    }
}
