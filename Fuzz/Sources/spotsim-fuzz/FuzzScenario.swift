import Foundation
import SpotSim

/// libFuzzer's entry point: `data` is a scenario file.
///
/// The input goes through what `spotsim validate` does with a file: it is written to a
/// scratch file and read back by `ScenarioDecoder.decode(contentsOf:dataDirectory:)` (size
/// limit, UTF-8 check, YAML limits, decoding, every check, the sweep's points), then every
/// grid point's cells are built (policies resolved, checkpoint intervals resolved into
/// replication plans), and the experiment's layout as `spotsim run` builds it before running.
/// Trace paths are resolved under `$SPOTSIM_DATA`, as the command line does without
/// `--data-dir`.
///
/// A thrown error is the expected rejection of a bad file and is not a finding: each one is
/// rendered as the command line prints it, and must be one line. A trap, a crash, a hang or a
/// memory blow-up is a finding.
///
/// Nothing is simulated: a valid scenario's replication is not bounded by the file's size (a
/// 100-hour job checkpointing every second is valid), so a run could not tell a slow valid
/// scenario from a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzScratch.write(UnsafeBufferPointer(start: data, count: size))
    let scenario: Scenario
    do {
        scenario = try ScenarioDecoder.decode(contentsOf: FuzzScratch.scenarioPath, dataDirectory: nil)
    } catch {
        FuzzScratch.render(error)
        return 0
    }
    // What `spotsim validate` checks after decoding: every grid point's cells.
    var cells = 0
    for point in scenario.gridPoints {
        do {
            cells += try point.scenario.cells().count
        } catch {
            FuzzScratch.render(error)
            return 0
        }
    }
    // What `spotsim run` builds before simulating: the layout (baseline check, labels, pairs).
    do {
        let layout = try ResultLayout(scenario)
        precondition(layout.points.count == scenario.gridPoints.count, "a layout point per grid point")
        precondition(layout.points.reduce(0) { $0 + $1.cells.count } == cells, "a layout cell per cell")
    } catch {
        FuzzScratch.render(error)
        return 0
    }
    // The summary line `spotsim validate` prints, built (not printed).
    var summary = "\(scenario.name) \(scenario.pools.count) \(scenario.jobs.count) \(scenario.policies.count) \(cells) \(scenario.replications)"
    if let sweep = scenario.sweep {
        summary += sweep.parameters.map { "\($0.values.count) \($0.path)" }.joined(separator: " × ")
    }
    FuzzScratch.rendered = summary.utf8.count
    return 0
}

/// Where each input is written, and a sink that keeps the rendered messages from being
/// optimised away.
enum FuzzScratch {
    /// `$TMPDIR/spotsim-fuzz-<pid>/scenario.yaml`: one per process, so parallel jobs do not
    /// share it. Relative CSV paths in a scenario resolve beside it, where there are none.
    static let scenarioPath: String = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let directory = (base as NSString).appendingPathComponent("spotsim-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (directory as NSString).appendingPathComponent("scenario.yaml")
    }()

    nonisolated(unsafe) static var rendered = 0

    /// Replaces the scratch file's contents with `bytes` (a plain `write`: no temporary file
    /// and no sync, the file lives for one input).
    static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        let descriptor = open(scenarioPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot write \(scenarioPath)") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            guard written > 0 else { fatalError("cannot write \(scenarioPath)") }
            offset += written
        }
    }

    /// Renders `error` as the command line prints it, and checks that it is one line.
    static func render(_ error: any Error) {
        let message = "\(error)"
        precondition(!message.isEmpty, "an empty error message")
        precondition(!message.contains("\n"), "a message of more than one line: \(message)")
        rendered = message.utf8.count
    }
}
