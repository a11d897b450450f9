import ArgumentParser
import Foundation
import SpotSim

/// Writes `text` to standard error.
func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Decodes a scenario file, finding trace files under `dataDirectory` (`nil`: the
/// `SPOTSIM_DATA` environment variable); a bad file prints its one message and exits 64.
func loadScenario(at path: String, dataDirectory: String? = nil) throws -> Scenario {
    try decode { try ScenarioDecoder.decode(contentsOf: path, dataDirectory: dataDirectory) }
}

/// The `--data-dir` option's help, shared by the commands that read scenarios.
let dataDirectoryHelp = ArgumentHelp(
    "The directory trace paths in the scenario are relative to (default: $SPOTSIM_DATA).",
    discussion: "Trace files are public research data kept outside spotsim; see the README for where to download them.",
    valueName: "dir"
)

func decode(_ body: () throws -> Scenario) throws -> Scenario {
    do {
        return try body()
    } catch {
        standardError("\(error)\n")
        throw ExitCode(64)
    }
}

/// Runs `scenario` with a progress line on standard error when it is a terminal; an
/// experiment that cannot finish prints its message and exits 64.
func runExperiment(_ scenario: Scenario, threads: Int, statistics: StatisticsMode = .exact) throws -> ExperimentResult {
    if statistics == .streaming {
        // No stop signal: the run cannot be interrupted half-way, so it always has a result.
        return try simulateStreaming(scenario, threads: threads)!
    }
    let layout = try experimentLayout(scenario)
    return ExperimentResult(try simulate(scenario, units: UnitSet(0..<layout.unitCount), threads: threads), threads: threads)
}

/// The layout of `scenario`; a scenario whose policies cannot run prints why and exits 64.
func experimentLayout(_ scenario: Scenario) throws -> ResultLayout {
    do {
        return try ResultLayout(scenario)
    } catch {
        throw usageError("\(error)")
    }
}

/// Runs `units` of `scenario` (see `ExperimentRunner.simulate`) with a progress line on
/// standard error when it is a terminal (`alreadyDone` of `total` counted as done); an
/// experiment that cannot finish prints its message and exits 64.
func simulate(
    _ scenario: Scenario, units: UnitSet, threads: Int, fingerprint: String = "", shard: Shard? = nil,
    total: Int? = nil, stop: StopSignal? = nil
) throws -> PartialResult {
    let total = total ?? units.count
    let progress = ExperimentProgress(total: total, alreadyDone: total - units.count)
    let meter = isatty(STDERR_FILENO) == 1 ? ProgressMeter(progress: progress) : nil
    meter?.start()
    defer { meter?.finish() }
    do {
        return try ExperimentRunner(threads: threads).simulate(
            scenario, units: units, fingerprint: fingerprint, shard: shard, progress: progress, stop: stop
        )
    } catch {
        meter?.finish()
        throw usageError("\(error)")
    }
}

/// Runs `scenario` in streaming mode (see `ExperimentRunner.runStreaming`) with a progress
/// line on standard error when it is a terminal; `nil` when `stop` was raised before the end.
/// An experiment that cannot finish prints its message and exits 64.
func simulateStreaming(_ scenario: Scenario, threads: Int, stop: StopSignal? = nil) throws -> ExperimentResult? {
    let layout = try experimentLayout(scenario)
    let progress = ExperimentProgress(total: layout.unitCount)
    let meter = isatty(STDERR_FILENO) == 1 ? ProgressMeter(progress: progress) : nil
    meter?.start()
    defer { meter?.finish() }
    do {
        return try ExperimentRunner(threads: threads).runStreaming(scenario, progress: progress, stop: stop)
    } catch {
        meter?.finish()
        throw usageError("\(error)")
    }
}

/// Warns on standard error when some streaming quantiles are not within the documented
/// relative bound (they fell among tiny magnitudes the sketch collapsed).
func warnAboutCollapsedQuantiles(_ result: ExperimentResult) {
    let count = result.summariesBeyondQuantileBound
    guard count > 0 else { return }
    standardError("spotsim: warning: in \(count) summar\(count == 1 ? "y" : "ies"), a quantile fell among values more than 5.7 decades smaller than the largest, which the streaming sketch merges: it is within 2e-6 × the largest value (absolute), not 1e-4 relative; use --statistics exact for exact quantiles\n")
}

/// Prints `message` as an error and returns the exit status 64 (a usage or scenario error)
/// to throw.
func usageError(_ message: String) -> ExitCode {
    standardError("spotsim: error: \(message)\n")
    return ExitCode(64)
}

/// The items whose `key` is `name` (all of them when `name` is `nil`); a name none of them has
/// is a usage error for `option` listing the names they have, e.g.
/// `--policy: no policy 'spotty'; the policies are: on-demand, spot`.
func select<Item>(
    _ items: [Item], option: String, _ name: String?, _ noun: (singular: String, plural: String),
    key: (Item) -> String
) throws -> [Item] {
    guard let name else { return items }
    var valid: [String] = []
    for item in items where !valid.contains(key(item)) { valid.append(key(item)) }
    guard valid.contains(name) else {
        throw usageError("\(option): no \(noun.singular) '\(name)'; the \(noun.plural) are: \(valid.joined(separator: ", "))")
    }
    return items.filter { key($0) == name }
}

/// A progress line on standard error, redrawn four times a second while a run goes on.
final class ProgressMeter: @unchecked Sendable {
    let progress: ExperimentProgress
    let started = Date()
    private let lock = NSLock()
    private var finished = false
    private let exited = DispatchSemaphore(value: 0)

    init(progress: ExperimentProgress) {
        self.progress = progress
    }

    func start() {
        Thread { [self] in
            defer { exited.signal() }
            while true {
                lock.lock()
                let done = finished
                lock.unlock()
                if done { return }
                draw()
                Thread.sleep(forTimeInterval: 0.25)
            }
        }.start()
    }

    func draw() {
        let completed = progress.completedCount
        let total = progress.total
        let elapsed = Date().timeIntervalSince(started)
        var line = String(format: "\r%d/%d replications (%d%%), %.1f s", completed, total, total > 0 ? 100 * completed / total : 100, elapsed)
        if completed >= total {
            line += ", summarising"
        } else if completed > 0 {
            line += String(format: ", about %.0f s left", elapsed * Double(total - completed) / Double(completed))
        }
        standardError(line + "\u{1B}[K")
    }

    /// Stops the line and clears it; later calls do nothing.
    func finish() {
        lock.lock()
        let already = finished
        finished = true
        lock.unlock()
        guard !already else { return }
        exited.wait()
        standardError("\r\u{1B}[K")
    }
}
