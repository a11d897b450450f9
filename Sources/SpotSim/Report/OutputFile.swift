import Foundation

/// Writes a report so that readers never see half a file: to a temporary name beside the
/// destination, then renamed over it.
public enum OutputFile {
    /// Writes `text` to `path` atomically.
    ///
    /// - Throws: `OutputFileError` naming the path and the reason.
    public static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to `path` atomically.
    ///
    /// - Throws: `OutputFileError` naming the path and the reason.
    public static func write(_ data: Data, to path: String) throws(OutputFileError) {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
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

extension OutputFile {
    /// Writes what `body` emits to `path` atomically: to a temporary file beside it, renamed
    /// over it once `body` returns; removed when `body` throws.
    ///
    /// - Throws: `OutputFileError` naming the path and the reason.
    public static func stream(
        to path: String, _ body: (_ emit: (String) throws(OutputFileError) -> Void) throws(OutputFileError) -> Void
    ) throws(OutputFileError) {
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw OutputFileError(path: path, reason: "cannot create \(temporary.path)")
        }
        do throws(OutputFileError) {
            try body { (text: String) throws(OutputFileError) in
                do {
                    try handle.write(contentsOf: Data(text.utf8))
                } catch {
                    throw OutputFileError(path: path, reason: "cannot write \(temporary.path): \(error.localizedDescription)")
                }
            }
            try? handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
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
