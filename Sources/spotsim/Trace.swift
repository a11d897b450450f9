import ArgumentParser
import Foundation
import SpotSim

/// `spotsim trace`: the event log of one replication, as JSON Lines. (Named `TraceCommand`
/// so as not to hide SpotSim's `Trace`, an availability trace, from this module.)
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Print the event log of one replication as JSON Lines: nodes per pool, preemptions, checkpoints, lost work and migrations over time.",
        discussion: """
            Replays replication K of each selected cell (job × policy × checkpoint interval, \
            and sweep point) and writes one JSON object per line: a `start` record, one record \
            after every event of the simulation (launches, nodes coming up, failed launches, \
            notices, preemptions, capacity changes, restarts, segments, checkpoints, deadline \
            decisions) and a `done` record. Each record carries the time, the event and the \
            pool or node it is about, the job's phase and placement, the nodes running in each \
            pool, and the running totals so far: cost, committed work, lost GPU-hours, \
            preemptions and migrations, with what this event changed. The fields are \
            documented in docs/trace-format.md.

            The replication is exactly the one `spotsim run` simulates with the same scenario, \
            seed and replication count: its `done` record's totals are replication K's values \
            in `spotsim run --per-replication`. K counts from 0 and must be less than the \
            scenario's replications (or --replications). --threads is accepted and ignored: \
            a trace runs on one thread.

            Without filters, every cell of every sweep point is traced, one after another in \
            grid order (point by point; jobs, policies and intervals as the scenario lists \
            them). --job, --policy and --interval take names as the report writes them; \
            --point takes a sweep point's index (from 0, in grid order, the first sweep \
            parameter varying slowest).

            Examples:
              spotsim trace scenarios/quickstart.yaml --replication 3 --policy spot
              spotsim trace cluster.yaml --replication 0 --output trace.jsonl
              spotsim trace sweep.yaml --replication 7 --point 2 --interval 30m
              jq -c 'select(.event == "preempted")' trace.jsonl

            Exit status: 0 success, 64 a usage or scenario error (an unknown job, policy or \
            interval lists the valid ones).
            """
    )

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: ArgumentHelp("The replication to trace, from 0 (less than the scenario's replications).", valueName: "k"))
    var replication: Int

    @Option(name: .long, help: ArgumentHelp("Only this job (as the scenario names it).", valueName: "name"))
    var job: String?

    @Option(name: .long, help: ArgumentHelp("Only this policy, as the report writes it (`spot`, `spot-fallback`, `spot@pool-b`).", valueName: "name"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("Only this checkpoint interval, as the scenario writes it (`30m`, `500 steps`, `daly`).", valueName: "interval"))
    var interval: String?

    @Option(name: .long, help: ArgumentHelp("Only this sweep point (its index from 0, in grid order); default: every point.", valueName: "n"))
    var point: Int?

    @Option(name: .long, help: ArgumentHelp("Write the records to this file, atomically, instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if replication < 0 {
            throw ValidationError("--replication must be 0 or more, found \(replication)")
        }
        if let point, point < 0 {
            throw ValidationError("--point must be 0 or more, found \(point)")
        }
    }

    func run() throws {
        let scenario = try options.scenario()
        guard replication < scenario.replications else {
            throw usageError("--replication must be less than the scenario's \(scenario.replications) replications (from 0), found \(replication)")
        }
        let points = scenario.gridPoints
        let chosenPoints: [Int]
        if let point {
            guard point < points.count else {
                throw usageError(scenario.sweep == nil
                    ? "--point: the scenario has no sweep, only point 0; found \(point)"
                    : "--point must be less than the sweep's \(points.count) points (from 0), found \(point)")
            }
            chosenPoints = [point]
        } else {
            chosenPoints = Array(points.indices)
        }

        // Every cell of the chosen points, then the filters, each checked against the names there.
        var candidates: [(point: Int, cell: Cell)] = []
        for index in chosenPoints {
            let point = points[index]
            do {
                try ExperimentRunner.checkTraceWindows(point, of: scenario)
                candidates += try point.scenario.cells().map { (index, $0) }
            } catch let error as ExperimentError {
                throw usageError("\(error)")
            } catch {
                throw usageError("\(ResultLayout.at(point, in: scenario))\(error)")
            }
        }
        var selected = try select(candidates, option: "--job", job, ("job", "jobs")) { $0.cell.job.name }
        selected = try select(selected, option: "--policy", policy, ("policy", "policies")) { $0.cell.policySpec.description }
        selected = try select(selected, option: "--interval", interval, ("checkpoint interval", "checkpoint intervals")) {
            $0.cell.interval.description
        }
        guard !selected.isEmpty else { throw usageError("the scenario has no cells to trace") }

        // Standard output gets each cell's records as they are made; --output gets them all at
        // once, atomically, and nothing when a replication fails.
        var collected = ""
        func emit(_ text: String) {
            if output == nil {
                FileHandle.standardOutput.write(Data(text.utf8))
            } else {
                collected += text
            }
        }
        var replicator: Replicator? = nil
        var replicatorPoint = -1
        for (pointIndex, cell) in selected {
            if pointIndex != replicatorPoint {
                replicator = Replicator(pools: points[pointIndex].scenario.pools)
                replicatorPoint = pointIndex
            }
            let labels = TraceReport.Labels(cell: cell, point: pointIndex, of: scenario, replication: replication)
            var text = ""
            do {
                _ = try replicator!.trace(cell.plan, seed: scenario.seed, replication: replication) { record in
                    text += TraceReport.line(record, labels: labels)
                }
            } catch {
                emit(text)
                throw usageError("\(ResultLayout.at(points[pointIndex], in: scenario))job \(cell.job.name), policy \(cell.policySpec), interval \(cell.interval): \(error)")
            }
            emit(text)
        }
        if let output {
            try write(Data(collected.utf8), to: output)
        }
    }
}
