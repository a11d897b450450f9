import ArgumentParser
import Foundation
import SpotSim

/// `--replication`, `--job`, `--policy` and `--interval`: which replication of which cell the
/// report's timeline re-simulates.
///
/// ```swift
/// @OptionGroup var timelineOptions: TimelineOptions
/// let timeline = try timelineOptions.timeline(of: scenario, cells: HTMLReport.cells(of: result))
/// ```
struct TimelineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The replication the timeline shows, from 0 (less than the scenario's replications; default 0).", valueName: "k"))
    var replication: Int?

    @Option(name: .long, help: ArgumentHelp("Timeline: only this job's cells (as the scenario names it).", valueName: "name"))
    var job: String?

    @Option(name: .long, help: ArgumentHelp("Timeline: only this policy, as the report writes it (`spot`, `spot-fallback`).", valueName: "name"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("Timeline: only this checkpoint interval, as the scenario writes it (`30m`, `daly`).", valueName: "interval"))
    var interval: String?

    func validate() throws {
        if let replication, replication < 0 {
            throw ValidationError("--replication must be 0 or more, found \(replication)")
        }
    }

    /// The options given, by name (`--policy`), in the order of the help.
    var given: [String] {
        [(replication != nil, "--replication"), (job != nil, "--job"), (policy != nil, "--policy"), (interval != nil, "--interval")]
            .filter(\.0).map(\.1)
    }

    /// Refuses a --replication that is not less than `replications`, the scenario's.
    func check(replications: Int) throws {
        let replication = replication ?? 0
        guard replication < replications else {
            throw usageError("--replication must be less than the scenario's \(replications) replications (from 0), found \(replication)")
        }
    }

    /// Replication --replication of the cheapest of `cells` (the report's charted cells, each
    /// of a grid point of `scenario`) that the filters keep, re-simulated from the grid point
    /// with the chosen cell's sweep values, as `spotsim trace --point` does; an unknown name
    /// lists the valid ones and exits 64.
    ///
    /// - Complexity: one replication's simulation, plus O(cells).
    func timeline(of scenario: Scenario, cells: [HTMLReport.CellData]) throws -> HTMLReport.Timeline {
        let replication = replication ?? 0
        var chosen = Array(cells.indices)
        var filters: [String] = []
        for (option, name, key, noun) in [
            ("--job", job, \HTMLReport.CellData.job, ("job", "jobs")),
            ("--policy", policy, \.policy, ("policy", "policies")),
            ("--interval", interval, \.interval, ("checkpoint interval", "checkpoint intervals")),
        ] {
            chosen = try select(chosen, option: option, name, noun) { cells[$0][keyPath: key] }
            if let name { filters.append("\(option) \(name)") }
        }
        let pick = cells[chosen[HTMLReport.cheapest(chosen.map { cells[$0] })!]]
        let why = filters.isEmpty
            ? "by default the cheapest cell by mean cost other than the baseline’s"
            : "the cheapest by mean cost of the cells with " + filters.joined(separator: ", ")

        let points = scenario.gridPoints
        guard let pointIndex = points.firstIndex(where: { $0.values == pick.sweepValues }) else {
            throw usageError("the scenario has no sweep point " + pick.sweepValues.joined(separator: ", "))
        }
        let point = points[pointIndex]
        let cell: Cell
        do {
            guard let found = try point.scenario.cells().first(where: {
                $0.job.name == pick.job && $0.policySpec.description == pick.policy && $0.interval.description == pick.interval
            }) else {
                throw usageError("the scenario has no cell job \(pick.job), policy \(pick.policy), interval \(pick.interval)")
            }
            cell = found
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw usageError("\(error)")
        }
        var records: [TraceRecord] = []
        var replicator = Replicator(pools: point.scenario.pools)
        do {
            _ = try replicator.trace(cell.plan, seed: scenario.seed, replication: replication) { records.append($0) }
        } catch {
            throw usageError("job \(cell.job.name), policy \(cell.policySpec), interval \(cell.interval): \(error)")
        }
        return HTMLReport.Timeline(
            labels: TraceReport.Labels(cell: cell, point: pointIndex, of: scenario, replication: replication),
            records: records, why: why)
    }
}
