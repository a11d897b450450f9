import Foundation

/// Writes a report so that readers never see half a file: to a temporary name beside the
/// destination, then renamed over it.
public enum OutputFile {
    /// Writes `text` to `path` atomically.
    ///
    /// - Throws: `OutputFileError` naming the path and the reason.
    public static func write(_ text: String, to path: String) throws(OutputFileError) {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw OutputFileError(path: path, reason: "cannot write \(temporary.path): \(error.localizedDescription)")
        }
        if rename(temporary.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputFileError(path: path, reason: "cannot rename into place: \(reason)")
        }
    }
}

/// A report that could not be written.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
