import ArgumentParser
import Foundation
import SpotSim

extension ReportCommand {
    /// The JSON report at `path`, or `nil` when the file is to be read as a scenario.
    ///
    /// A file is a JSON report when its text is a JSON object with `schema_version` (no
    /// scenario has one); a broken report is refused with the reader's one-line message. A
    /// file named `.json` that is neither a report nor a scenario in JSON (an object with
    /// `jobs` or `pools`) is refused as not being a report; anything else is left to the
    /// scenario reader and its messages.
    ///
    /// ```swift
    /// try ReportCommand.resultsReport(at: "big.json")          // ParsedReport
    /// try ReportCommand.resultsReport(at: "quickstart.yaml")   // nil
    /// ```
    ///
    /// - Complexity: O(n) in the file's size.
    static func resultsReport(at path: String) throws -> ParsedReport? {
        let namedJSON = path.lowercased().hasSuffix(".json")
        let text: String
        switch InputFile.readText(path, maximumBytes: ReportReader.maximumFileSize) {
        case .success(let contents): text = contents
        case .failure(let problem):
            guard namedJSON else { return nil }
            standardError("\(ReportReadError(file: path, field: "(file)", expected: "a readable spotsim JSON report", found: problem.reason))\n")
            throw ExitCode(64)
        }
        guard namedJSON || text.first(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) == "{" else { return nil }
        let json = try? ReportJSON.parse(text)
        if let json, case .object(let top) = json, !ReportReader.looksLikeReport(json), top["jobs"] != nil || top["pools"] != nil {
            return nil
        }
        guard namedJSON || json.map(ReportReader.looksLikeReport) == true else { return nil }
        do {
            return try ReportReader.parse(text, file: path)
        } catch {
            standardError("\(error)\n")  // file: error: field: expected …, found …
            throw ExitCode(64)
        }
    }

    /// JSON mode: the page of the results in `report` (read from `file`), with the CDFs from
    /// --per-replication and the timeline and scenario text from --scenario when given.
    func drawResults(_ report: ParsedReport, file: String) throws {
        try checkOptions(for: report, file: file)
        var cells = HTMLReport.cells(of: report)
        guard !cells.isEmpty else { throw usageError("\(file) has no results to draw") }
        if let perReplication = results.perReplication {
            do {
                cells = try HTMLReport.adding(samplesFrom: perReplication, to: cells, of: report)
            } catch {
                standardError("\(error)\n")  // file:line: error: expected …, found …
                throw ExitCode(64)
            }
        }
        var timeline: HTMLReport.Timeline? = nil
        var scenarioText: String? = nil
        if let path = results.scenario {
            let scenario = try overrides.scenario(at: path)
            try check(scenario, from: path, against: report, file: file)
            try timelineOptions.check(replications: scenario.replications)
            guard let data = FileManager.default.contents(atPath: path) else { throw usageError("cannot read \(path)") }
            scenarioText = String(decoding: data, as: UTF8.self)
            timeline = try timelineOptions.timeline(of: scenario, cells: cells)
        }
        let page: HTMLReport
        do {
            page = try HTMLReport(
                results: report, cells: cells, timeline: timeline, scenarioText: scenarioText,
                commandLine: Self.commandLine(), resultsFile: URL(fileURLWithPath: file).lastPathComponent)
        } catch {
            standardError("\(error)\n")
            throw ExitCode(64)
        }
        try writePage(page.render(), plus: [])
    }

    /// Refuses the options that apply to running a scenario when there is none to run:
    /// --threads always; --seed, --replications, --data-dir and the timeline's options
    /// without --scenario.
    func checkOptions(for report: ParsedReport, file: String) throws {
        if overrides.threads != nil {
            throw usageError("--threads applies to running a scenario; \(file) is a JSON report, drawn without running it")
        }
        guard results.scenario == nil else { return }
        let scenarioOnly = [
            (overrides.replications != nil, "--replications"), (overrides.seed != nil, "--seed"),
            (overrides.dataDirectory != nil, "--data-dir"),
        ].filter(\.0).map(\.1) + timelineOptions.given
        if !scenarioOnly.isEmpty {
            let names = scenarioOnly.joined(separator: ", ")
            throw usageError("\(names) \(scenarioOnly.count == 1 ? "applies" : "apply") to the scenario, and \(file) is a JSON report of results only: give the scenario with --scenario FILE (for the timeline), or leave \(scenarioOnly.count == 1 ? "it" : "them") out")
        }
    }

    /// Refuses a --scenario whose replication would not be one the report summarised: another
    /// name, seed, replication count, sweep or charted cells (``HTMLReport/chartedCells(of:)``
    /// against ``HTMLReport/chartedResults(of:)``), or a report of another spotsim version.
    func check(_ scenario: Scenario, from path: String, against report: ParsedReport, file: String) throws {
        let prefix = "--scenario \(path) does not match \(file): "
        guard scenario.name == report.scenario else {
            throw usageError(prefix + "it is scenario '\(scenario.name)', the results are of scenario '\(report.scenario)'")
        }
        guard String(scenario.seed) == report.seed else {
            throw usageError(prefix + "its seed is \(scenario.seed), the results were run with seed \(report.seed) (give --seed \(report.seed) if `run` was given it)")
        }
        guard scenario.replications == report.replications else {
            throw usageError(prefix + "it has \(scenario.replications) replications, the results \(report.replications) (give --replications \(report.replications) if `run` was given it)")
        }
        guard report.spotsimVersion == SpotSimVersion.current else {
            throw usageError("\(file) was written by spotsim \(report.spotsimVersion), this is spotsim \(SpotSimVersion.current): a replication re-simulated now need not be one it summarised; leave out --scenario, or run the scenario again")
        }
        let layout = try experimentLayout(scenario)
        guard layout.sweepParameters == report.sweepParameters else {
            func list(_ paths: [String]) -> String { paths.isEmpty ? "nothing" : paths.joined(separator: ", ") }
            throw usageError(prefix + "it sweeps \(list(layout.sweepParameters)), the results \(list(report.sweepParameters))")
        }
        let ours = HTMLReport.chartedResults(of: report).map(\.identity)
        let theirs = HTMLReport.chartedCells(of: layout).map { pointIndex, cellIndex in
            let point = layout.points[pointIndex], cell = point.cells[cellIndex]
            return ResultIdentity(
                job: cell.job, policy: cell.policy, interval: cell.interval,
                sweep: zip(layout.sweepParameters, point.sweepValues).map { (path: $0, value: $1) })
        }
        guard ours == theirs else {
            let first = zip(theirs, ours).first { $0 != $1 }.map { "its first cell \($0.0), the results' \($0.1)" }
                ?? "it has \(theirs.count) cells to chart, the results \(ours.count)"
            throw usageError(prefix + "its cells differ from the results' (\(first))")
        }
    }
}
