import Foundation
@testable import SpotSim
import Testing
import SpotSimTestSupport

/// Properties that hold for every valid scenario, checked on 50 random ones written as YAML
/// and read by the decoder (so every combination is one a user can write): one to four pools
/// with exponential, Weibull or log-normal lifetimes, capacity always up or coming and going,
/// random prices (free spot capacity included), provisioning delays and launch failures; gangs
/// of one to four nodes; random work, interval, write, restore and restart; a random set of
/// policies, always with `on-demand`; and, for a third of them, a deadline and the
/// deadline-aware policies.
@Suite struct RandomScenarioPropertyTests {
    static let count = 50
    static let replications = 3

    /// Scenario `index` of the fixed series (seeded by its index).
    static func yaml(_ index: Int) -> String {
        var random = SplitMix64(seed: 0xC0FF_EE00 + UInt64(index))
        func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * random.unit() }
        func pick<T>(_ values: [T]) -> T { values[random.below(values.count)] }
        func minutes(_ value: Double) -> String { String(format: "%.1fm", value) }
        func hours(_ value: Double) -> String { String(format: "%.3fh", value) }

        let nodes = 1 + random.below(4)
        let poolCount = 1 + random.below(4)
        var leastMeanHours = Double.infinity
        var lines = ["name: random-\(index)", "seed: \(random.next() % 1000)", "replications: \(replications)", "pools:"]
        for pool in 0..<poolCount {
            let meanHours = uniform(6, 40)
            leastMeanHours = min(leastMeanHours, meanHours)
            let lifetime = switch random.below(3) {
            case 0: "{ distribution: exponential, mean: \(hours(meanHours)) }"
            case 1: "{ distribution: weibull, shape: \(String(format: "%.2f", uniform(0.7, 2))), scale: \(hours(meanHours)) }"
            default: "{ distribution: lognormal, mean: \(hours(meanHours)), sd: \(hours(meanHours * uniform(0.3, 1.5))) }"
            }
            lines += [
                "  - name: pool-\(pool)", "    provider: \(pick(["aws", "gcp", "azure"]))",
                "    region: \(pick(["us-east-1", "us-west-2", "europe-west4"]))", "    instance: x", "    gpu: V100",
                "    gpus_per_node: \(pick([1, 1, 2, 8]))", "    on_demand_price: \(String(format: "%.2f", uniform(1, 30)))/h",
                "    spot:", "      price: \(random.below(6) == 0 ? "0" : String(format: "%.2f", uniform(0.2, 10)))/h",
                "      lifetime: \(lifetime)",
            ]
            if random.below(2) == 0 {
                lines += ["    availability:",
                          "      up: { distribution: exponential, mean: \(hours(uniform(4, 30))) }",
                          "      down: { distribution: exponential, mean: \(hours(uniform(0.1, 2))) }",
                          "      reclaim: \(String(format: "%.2f", random.unit()))"]
            }
            if random.below(2) == 0 { lines.append("    launch_failure: \(String(format: "%.2f", uniform(0, 0.3)))") }
            lines.append("    provisioning: " + pick(["0s", "{ distribution: exponential, mean: \(minutes(uniform(0.5, 8))) }"]))
        }
        // The gang's mean time between preemptions is at least three intervals plus writes.
        let workHours = uniform(2, 20)
        let gangMeanMinutes = leastMeanHours * 60 / Double(nodes)
        let write = uniform(0, 8)
        let interval = uniform(10, max(12, gangMeanMinutes / 3 - write))
        let deadline = random.below(3) == 0
        lines += ["jobs:", "  - name: train", "    gpu: V100", "    nodes: \(nodes)", "    work: \(hours(workHours))"]
        if deadline { lines.append("    deadline: \(hours(workHours * uniform(1.5, 3)))") }
        lines += ["    checkpoint:", "      interval: \(minutes(interval))", "      write: \(minutes(write))",
                  "      restore: \(minutes(uniform(0, 5)))", "    restart: \(minutes(uniform(0, 10)))"]
        var policies = ["on-demand"]
        var candidates = ["spot", "spot-fallback", "failover", "eager-next-region", "cheapest-available"]
        if deadline { candidates += ["greedy", "uniform-progress"] }
        for candidate in candidates where random.below(2) == 0 { policies.append(candidate) }
        if policies.count == 1 { policies.append(pick(candidates)) }
        lines.append("policies: [\(policies.joined(separator: ", "))]")
        return lines.joined(separator: "\n") + "\n"
    }

    static func scenario(_ index: Int) throws -> Scenario {
        try ScenarioDecoder.decode(yaml: yaml(index), file: "random-\(index).yaml")
    }

    /// Every one of the 50 scenarios is valid: the decoder accepts it and it has at least
    /// two policies (the generator's own check, so the properties below see what they claim).
    @Test func everyScenarioDecodes() throws {
        for index in 0..<Self.count {
            let scenario = try Self.scenario(index)
            #expect(scenario.policies.count >= 2)
        }
    }

    /// In every replication of every cell: the ledger balances (`Ledger.violations` finds
    /// nothing: GPU-second categories sum to the billed GPU-seconds, wall-clock categories to
    /// the completion time, committed work equals the job's work); every cost line and every
    /// time is finite and not negative; and the `on-demand` policy is never preempted.
    @Test func ledgersBalanceAndStayFinite() throws {
        for index in 0..<Self.count {
            let scenario = try Self.scenario(index)
            var replicator = Replicator(pools: scenario.pools)
            for cell in try scenario.cells() {
                for replication in 0..<Self.replications {
                    let ledger = try replicator.run(cell.plan, seed: scenario.seed, replication: replication)
                    let context = Comment(rawValue: "scenario \(index), \(cell.policySpec), replication \(replication)")
                    #expect(ledger.violations(workSeconds: cell.plan.workSeconds, gangGPUs: cell.plan.gangGPUs).isEmpty, context)
                    let values = [ledger.spotUSD, ledger.onDemandUSD, ledger.storageUSD, ledger.egressUSD, ledger.totalUSD,
                                  ledger.completionSeconds, ledger.computeSeconds, ledger.lostSeconds, ledger.checkpointSeconds,
                                  ledger.restartSeconds, ledger.waitSeconds, ledger.billedGPUSeconds, ledger.lostGPUSeconds]
                    #expect(values.allSatisfy { $0.isFinite && $0 >= 0 }, context)
                    for metric in Metric.allCases where metric != .slackHours || cell.plan.deadline != nil {
                        #expect(metric.value(in: ledger).isFinite, "\(metric); \(context)")
                    }
                    if cell.policySpec.kind == .onDemand {
                        #expect(ledger.preemptions == 0 && ledger.spotUSD == 0, context)
                    }
                }
            }
        }
    }

    /// Along every replication's trace (`Replicator.trace`): time never goes back, committed
    /// work never decreases and never exceeds the job's work, the running cost is finite and
    /// not negative, preemptions only add up; the last record is `done` with all the work
    /// committed; and the traced ledger is, to the bit, the one `run` returns.
    @Test func tracesMoveForward() throws {
        for index in 0..<Self.count {
            let scenario = try Self.scenario(index)
            var replicator = Replicator(pools: scenario.pools)
            for cell in try scenario.cells() {
                let plan = cell.plan
                let expected = try replicator.run(plan, seed: scenario.seed, replication: 1)
                var records: [TraceRecord] = []
                let traced = try replicator.trace(plan, seed: scenario.seed, replication: 1) { records.append($0) }
                let context = Comment(rawValue: "scenario \(index), \(cell.policySpec)")
                #expect(traced == expected, context)
                #expect(records.first?.event == .start && records.last?.event == .done, context)
                #expect(records.last.map { abs($0.committedWorkSeconds - plan.workSeconds) <= 1e-9 * plan.workSeconds } == true, context)
                for (before, after) in zip(records, records.dropFirst()) {
                    #expect(after.seconds >= before.seconds, "\(after.event) at \(after.seconds) after \(before.seconds); \(context)")
                    #expect(after.committedWorkSeconds >= before.committedWorkSeconds, context)
                    #expect(after.preemptions >= before.preemptions, context)
                }
                #expect(records.allSatisfy { $0.costUSD.isFinite && $0.costUSD >= 0 && $0.committedWorkSeconds <= plan.workSeconds * (1 + 1e-12) }, context)
            }
        }
    }

    /// The whole experiment — summaries, comparisons with the `on-demand` baseline — renders to
    /// the same JSON with one thread and with three (chunks of one replication, so the threads
    /// interleave), and that JSON has no NaN or infinity (`null` where a value is undefined).
    @Test func resultsDoNotDependOnThreads() throws {
        for index in 0..<Self.count {
            let scenario = try Self.scenario(index)
            let one = JSONReport.render(try ExperimentRunner(threads: 1).run(scenario))
            let three = JSONReport.render(try ExperimentRunner(threads: 3, chunkSize: 1).run(scenario))
            #expect(one == three, "scenario \(index)")
            let words = Set(one.components(separatedBy: CharacterSet.alphanumerics.inverted).map { $0.lowercased() })
            #expect(words.isDisjoint(with: ["nan", "inf", "infinity"]), "scenario \(index)")
        }
    }
}
