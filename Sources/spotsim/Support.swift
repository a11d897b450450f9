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
func runExperiment(_ scenario: Scenario, threads: Int) throws -> ExperimentResult {
    let progress = ExperimentProgress(total: scenario.replications * (scenario.sweep?.points.count ?? 1))
    let meter = isatty(STDERR_FILENO) == 1 ? ProgressMeter(progress: progress) : nil
    meter?.start()
    do {
        let result = try ExperimentRunner(threads: threads).run(scenario, progress: progress)
        meter?.finish()
        return result
    } catch {
        meter?.finish()
        standardError("spotsim: error: \(error)\n")
        throw ExitCode(64)
    }
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

    func finish() {
        lock.lock()
        finished = true
        lock.unlock()
        exited.wait()
        standardError("\r\u{1B}[K")
    }
}
