import Foundation
import SpotSim
import Stochastics
import SpotSimTestSupport
import Testing

/// `Replicator.trace`: the event log of one replication, and its JSON Lines rendering.
@Suite struct TraceTests {
    typealias F = ScenarioFixtures

    /// A deadline scenario without trace files: alternating capacity (the only source of
    /// preemptions), continuous progress, and the deadline-aware policies beside plain spot
    /// (which gets the safety net). `omniscient` needs a replayed trace: see
    /// ``replayedTraceMatchesRun()``.
    static let deadlineYAML = """
        name: deadline-trace
        seed: 5
        replications: 4
        pools:
          - name: spot-a
            provider: aws
            region: us-east-1
            instance: p3.2xlarge
            gpu: V100
            gpus_per_node: 1
            on_demand_price: 3.06/h
            spot:
              price: 0.97/h
            availability: { up: { distribution: exponential, mean: 5h }, down: { distribution: exponential, mean: 1h }, reclaim: all }
            provisioning: 2m
        jobs:
          - { name: train, gpu: V100, work: 20h, deadline: 26h, progress: continuous, restart: 0.1h, decision_interval: 10m }
        policies: [spot, greedy, uniform-progress, on-demand]
        """

    /// Every cell of `scenario` at every grid point, with its pools.
    static func cells(_ scenario: Scenario) throws -> [Cell] {
        try scenario.gridPoints.flatMap { try $0.scenario.cells() }
    }

    static func shipped(_ name: String) throws -> Scenario {
        try ScenarioDecoder.decode(contentsOf: F.repositoryRoot().appendingPathComponent("scenarios/\(name)").path)
    }

    /// Runs and traces replication `replication` of `plan` and checks the rules every trace
    /// obeys (see ``traceMatchesRun()``); returns the records.
    @discardableResult
    static func check(_ plan: ReplicationPlan, seed: UInt64, replication: Int, label: String) throws -> [TraceRecord] {
        var runner = Replicator(pools: plan.pools)
        let ran = try runner.run(plan, seed: seed, replication: replication)
        var tracer = Replicator(pools: plan.pools)
        var records: [TraceRecord] = []
        let traced = try tracer.trace(plan, seed: seed, replication: replication) { records.append($0) }

        // The same replication: the same ledger, every metric to the bit.
        #expect(traced == ran, "\(label)")
        for metric in Metric.allCases {
            let a = metric.value(in: traced), b = metric.value(in: ran)
            #expect(a.bitPattern == b.bitPattern, "\(label): \(metric.rawValue) traced \(a), run \(b)")
        }
        // A traced replicator stays in step: its next `run` gives what a fresh one gives.
        let again = try tracer.run(plan, seed: seed, replication: replication)
        #expect(again == ran, "\(label): run after trace")

        // Shape: start first, done last, time never goes back.
        #expect(records.first?.event == .start && records.first?.seconds == 0, "\(label)")
        #expect(records.last?.event == .done, "\(label)")
        #expect(records.dropFirst().dropLast().allSatisfy { $0.event != .start && $0.event != .done }, "\(label)")
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.seconds <= $1.seconds }, "\(label): time goes back")

        // The per-event changes add up to the running totals, and the last totals are the ledger's.
        var preemptions = 0, migrations = 0, lost = 0.0, committed = 0.0
        for record in records {
            preemptions += record.preemptionsNow
            migrations += record.migrationsNow
            lost += record.lostNowGPUSeconds
            committed += record.committedNowSeconds
            #expect(record.preemptions == preemptions && record.migrations == migrations, "\(label) at \(record.seconds)")
            #expect(record.lostNowGPUSeconds >= 0 && record.committedNowSeconds >= 0, "\(label) at \(record.seconds)")
            // Never more nodes than the gang, and the group is made of running nodes.
            let running = record.runningNodes.reduce(0, +)
            #expect(running <= plan.nodes && record.activeNodes <= running, "\(label) at \(record.seconds)")
            #expect(record.runningNodes.count == plan.pools.count)
            #expect(record.costUSD >= 0 && record.costUSD.isFinite, "\(label) at \(record.seconds)")
            if record.event == .preempted { #expect(record.preemptionsNow == 1, "\(label) at \(record.seconds)") }
            if record.event == .capacityChange { #expect(record.spotCapacity != nil && record.pool != nil) }
            if [.launch, .nodeUp, .launchFailed, .notice, .preempted].contains(record.event) {
                #expect(record.node != nil && record.pool != nil, "\(label): \(record.event) without its node")
            }
        }
        let last = try #require(records.last)
        #expect(last.preemptions == ran.preemptions && last.migrations == ran.migrations, "\(label)")
        #expect(last.lostGPUSeconds == ran.lostGPUSeconds, "\(label)")
        #expect(lost.isApproximatelyEqual(to: ran.lostGPUSeconds, relativeTolerance: 1e-9) || lost == ran.lostGPUSeconds, "\(label)")
        #expect(last.committedWorkSeconds == ran.committedWorkSeconds, "\(label)")
        #expect(committed.isApproximatelyEqual(to: ran.committedWorkSeconds, relativeTolerance: 1e-9), "\(label)")
        #expect(last.costUSD == ran.totalUSD, "\(label): done's cost \(last.costUSD), ledger \(ran.totalUSD)")
        #expect(last.seconds == ran.completionSeconds, "\(label)")
        #expect(last.phase == .done && last.runningNodes.allSatisfy { $0 == 0 }, "\(label)")
        // Checkpoints commit work; with checkpointed progress nothing else does.
        if plan.progress == .checkpointed {
            #expect(records.allSatisfy { $0.committedNowSeconds == 0 || $0.event == .checkpointDone }, "\(label)")
        }
        return records
    }

    /// Rule: on the quickstart (spot with preemptions, spot-fallback, on-demand; four
    /// intervals), the trace of a replication gives exactly `run`'s ledger — every metric to
    /// the bit — and its records start with `start`, end with `done`, never go back in time,
    /// add up to the ledger's preemptions, migrations, lost and committed work, and never
    /// show more running nodes than the gang.
    @Test func traceMatchesRun() throws {
        let scenario = try Self.shipped("quickstart.yaml")
        var preempted = 0
        for cell in try Self.cells(scenario) {
            for replication in 0..<4 {
                let records = try Self.check(cell.plan, seed: scenario.seed, replication: replication,
                                             label: "\(cell.policySpec) \(cell.interval) r\(replication)")
                preempted += records.last!.preemptions
            }
        }
        #expect(preempted > 50)
    }

    /// Rule: a multi-pool market with capacity that comes and goes, notices with emergency
    /// checkpoints, egress and four pools (failover, eager-next-region, cheapest-available,
    /// spot-fallback returning to spot): the trace's ledger is `run`'s, capacity changes carry
    /// the pool's new capacity, and the job migrates.
    @Test func multiPoolTraceMatchesRun() throws {
        let scenario = try Self.shipped("multicloud-h100.yaml")
        var migrations = 0, capacityChanges = 0, notices = 0, failedLaunches = 0
        for cell in try Self.cells(scenario) where cell.interval.description == "young" {
            for replication in 0..<2 {
                let records = try Self.check(cell.plan, seed: scenario.seed, replication: replication,
                                             label: "\(cell.policySpec) r\(replication)")
                migrations += records.last!.migrations
                capacityChanges += records.filter { $0.event == .capacityChange }.count
                notices += records.filter { $0.event == .notice }.count
                failedLaunches += records.filter { $0.event == .launchFailed }.count
            }
        }
        #expect(migrations > 10 && capacityChanges > 10 && notices > 10 && failedLaunches > 10)
    }

    /// Rule: deadlines — decisions every interval by `greedy` and `uniform-progress`, and the
    /// safety net of `spot` — trace to `run`'s ledger; decisions appear
    /// as `decision` records.
    @Test func deadlinePoliciesTraceMatchesRun() throws {
        let scenario = try ScenarioDecoder.decode(yaml: Self.deadlineYAML, file: "deadline-trace.yaml")
        var decisions = 0
        for cell in try Self.cells(scenario) {
            for replication in 0..<scenario.replications {
                let records = try Self.check(cell.plan, seed: scenario.seed, replication: replication,
                                             label: "\(cell.policySpec) r\(replication)")
                decisions += records.filter { $0.event == .decision }.count
            }
        }
        #expect(decisions > 100)
    }

    /// Rule: a replayed availability trace (listed windows, capacity counts) with the deadline
    /// policies, `omniscient` among them, traces to `run`'s ledger.
    @Test func replayedTraceMatchesRun() throws {
        _ = try SharedData.path("data/traces/skypilot-spot-traces/availability/1-node/aws-02-15-2023/us-west-2b_v100_1.json")
        let scenario = try ScenarioDecoder.decode(
            yaml: DeadlineScenarioTests.deadlineCheck, file: "deadline-check.yaml", dataDirectory: DeadlineScenarioTests.dataDirectory)
        for cell in try Self.cells(scenario) {
            for replication in 0..<scenario.replications {
                try Self.check(cell.plan, seed: scenario.seed, replication: replication, label: "\(cell.policySpec) r\(replication)")
            }
        }
    }

    /// Rule: in 120 random plans × 2 replications (every policy, gangs and elastic jobs,
    /// moving prices, launch failures, capacity drops, notices, buckets with egress), the
    /// trace's ledger is `run`'s and its records obey every rule of ``traceMatchesRun()``.
    @Test func randomPlansTraceMatchesRun() throws {
        let random = RandomStream(seed: 4242)
        for index in 0..<120 {
            let (plan, _) = LedgerInvariantTests.randomPlan(random)
            for replication in 0..<2 {
                try Self.check(plan, seed: UInt64(index), replication: replication,
                               label: "plan \(index) (\(plan.policy.name)) r\(replication)")
            }
        }
    }

    /// Rule: a replication that cannot finish fails the trace as it fails `run`, after the
    /// records of its events, without a `done` record.
    @Test func unfinishableReplicationThrows() {
        let pool = Build.pool(lifetime: .constant(600))
        var plan = ReplicationPlan(
            pools: [pool], policy: SpotPolicy(pool: 0), nodes: 1, workSeconds: 7200, intervalSeconds: 3600,
            writeSeconds: 60, restoreSeconds: 0, restartSeconds: 0, horizon: 10 * 3600)
        plan.horizon = 10 * 3600
        var replicator = Replicator(pools: [pool])
        var records: [TraceRecord] = []
        #expect(throws: ReplicationFailure.self) {
            _ = try replicator.trace(plan, seed: 1, replication: 0) { records.append($0) }
        }
        #expect(records.first?.event == .start)
        #expect(records.count > 10)
        #expect(!records.contains { $0.event == .done })
    }

    /// Rule: a record renders as one line of JSON with the documented keys in the documented
    /// order, hours for seconds, names for pool indices, `null` for what does not apply, and a
    /// `point` and `sweep` only for sweeps.
    @Test func rendersOneLineOfJSON() throws {
        let record = TraceRecord(
            seconds: 4500, event: .capacityChange, pool: 1, spotCapacity: .max,
            placement: Placement(pool: 0, market: .onDemand), phase: .computing, committedWorkSeconds: 3600,
            committedNowSeconds: 0, runningNodes: [2, 0], activeNodes: 2, costUSD: 42.5, lostGPUSeconds: 7200,
            lostNowGPUSeconds: 900, preemptions: 3, preemptionsNow: 1, migrations: 1, migrationsNow: 0)
        let labels = TraceReport.Labels(job: "finetune", policy: "spot-fallback", interval: "30m", replication: 3, pools: ["a", "b"])
        let line = TraceReport.line(record, labels: labels)
        #expect(line == """
            {"job":"finetune","policy":"spot-fallback","interval":"30m","replication":3,"t_hours":1.25,\
            "event":"capacity_change","pool":"b","node":null,"capacity_up":true,"capacity_nodes":null,\
            "placement_pool":"a","placement_market":"on-demand","phase":"computing","committed_hours":1,\
            "committed_now_hours":0,"nodes":{"a":2,"b":0},"active_nodes":2,"cost_usd":42.5,"lost_gpu_hours":2,\
            "lost_now_gpu_hours":0.25,"preemptions":3,"preemptions_now":1,"migrations":1,"migrations_now":0}

            """)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object.count == 24)

        var swept = labels
        swept.point = 2
        swept.sweepPaths = ["jobs.finetune.nodes"]
        swept.sweepValues = ["4"]
        let sweptLine = TraceReport.line(record, labels: swept)
        #expect(sweptLine.hasPrefix(#"{"job":"finetune","policy":"spot-fallback","interval":"30m","point":2,"sweep":{"jobs.finetune.nodes":"4"},"replication":3,"#))
    }

    /// Rule: docs/trace-format.md documents every key a record has, and no other.
    @Test func formatDocumentListsEveryKey() throws {
        let doc = try String(contentsOf: F.repositoryRoot().appendingPathComponent("docs/trace-format.md"), encoding: .utf8)
        let record = TraceRecord(seconds: 0, event: .start, placement: Placement(pool: 0, market: .spot), phase: .waiting, runningNodes: [0])
        var labels = TraceReport.Labels(job: "j", policy: "p", interval: "i", replication: 0, pools: ["a"])
        labels.point = 0
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(TraceReport.line(record, labels: labels).utf8)) as? [String: Any])
        let documented = Set(doc.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        })
        #expect(documented == Set(object.keys))
        for event in TraceRecord.Event.allCases { #expect(doc.contains("`\(event.rawValue)`"), "event \(event.rawValue)") }
        for phase in TraceRecord.Phase.allCases { #expect(doc.contains("`\(phase.rawValue)`"), "phase \(phase.rawValue)") }
    }
}
