import Dispatch
import Foundation
import SpotSim

/// Turns the first SIGINT or SIGTERM into a ``StopSignal`` (the run stops after the chunks in
/// progress and saves what it has); a second one ends the process at once, with status 128 +
/// its number, after removing the temporary files of reports being written (see
/// ``OutputFile``): an output file is then absent or whole, and no temporary file is left.
///
/// Listen until every output is written: a signal that arrives after the last replication,
/// while the report is being written, lets the write finish.
final class Interruption: @unchecked Sendable {
    let signal = StopSignal()
    private let lock = NSLock()
    private var received: Int32 = 0
    private var sources: [DispatchSourceSignal] = []

    /// Listens for SIGINT and SIGTERM; `stopping` is printed at the first.
    init(stopping: String = "\nspotsim: stopping after the replications in progress (again to stop at once)\n") {
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                let first = received == 0
                if first { received = number }
                lock.unlock()
                if first {
                    standardError(stopping)
                    self.signal.raise()
                } else {
                    OutputFile.abandonTemporaryFiles()
                    _exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the default handlers once the run is over.
    func stopListening() {
        for source in sources { source.cancel() }
        Foundation.signal(SIGINT, SIG_DFL)
        Foundation.signal(SIGTERM, SIG_DFL)
    }

    /// The conventional status of a process ended by the signal: 128 + its number.
    var exitCode: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return 128 + (received == 0 ? SIGINT : received)
    }
}
