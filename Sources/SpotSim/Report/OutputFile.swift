import Foundation
import Synchronization

/// Writes a report so that readers never see half a file: to a temporary name beside the
/// destination (`.NAME.PID.tmp`), then renamed over it.
///
/// A process that must end while a file is being written calls ``abandonTemporaryFiles()``
/// first: it removes the temporary files in progress and refuses to create or rename any
/// more, so the destination is either absent (or as it was) or complete, and no temporary
/// file is left. A process killed outright (SIGKILL) cannot clean up: it may leave a
/// `.NAME.PID.tmp` beside the destination, never a partial destination.
public enum OutputFile {
    /// The temporary files being written, and whether the process has abandoned them.
    private static let pending = Mutex<(paths: Set<String>, abandoned: Bool)>(([], false))

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
        try stream(to: path) { emit throws(OutputFileError) in try emit(data) }
    }

    /// Removes every temporary file being written and makes every later write fail, for a
    /// process about to end at once (a second Ctrl-C). Safe to call from any thread.
    public static func abandonTemporaryFiles() {
        pending.withLock { state in
            state.abandoned = true
            for path in state.paths { unlink(path) }
            state.paths.removeAll()
        }
    }

    /// The temporary name of `destination`: hidden, beside it, with this process's id.
    static func temporaryURL(for destination: URL) -> URL {
        destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    }

    /// Creates the temporary file, registered so that ``abandonTemporaryFiles()`` finds it.
    private static func create(_ temporary: URL, for path: String) throws(OutputFileError) -> FileHandle {
        let opened: Result<FileHandle, OutputFileError> = pending.withLock { state in
            guard !state.abandoned else {
                return .failure(OutputFileError(path: path, reason: "cannot create \(temporary.path): the process is stopping"))
            }
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                return .failure(OutputFileError(path: path, reason: "cannot create \(temporary.path): \(reason)"))
            }
            state.paths.insert(temporary.path)
            return .success(FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
        }
        return try opened.get()
    }

    /// Renames the temporary file over the destination, unless the process abandoned it.
    private static func commit(_ temporary: URL, to destination: URL, for path: String) throws(OutputFileError) {
        let failure: String? = pending.withLock { state in
            guard state.paths.remove(temporary.path) != nil else { return "stopped before the file was complete" }
            guard rename(temporary.path, destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                return reason
            }
            return nil
        }
        if let failure { throw OutputFileError(path: path, reason: "cannot rename into place: \(failure)") }
    }

    /// Removes the temporary file of a write that failed.
    private static func discard(_ temporary: URL) {
        pending.withLock { state in
            if state.paths.remove(temporary.path) != nil { unlink(temporary.path) }
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
        try stream(to: path) { (emit: (Data) throws(OutputFileError) -> Void) throws(OutputFileError) in
            try withoutActuallyEscaping(emit) { (emit) throws(OutputFileError) in
                try body { (text: String) throws(OutputFileError) in try emit(Data(text.utf8)) }
            }
        }
    }

    /// Writes the bytes `body` emits to `path` atomically (see ``stream(to:_:)-(_,(String)->Void)``).
    static func stream(
        to path: String, _ body: (_ emit: (Data) throws(OutputFileError) -> Void) throws(OutputFileError) -> Void
    ) throws(OutputFileError) {
        let destination = URL(fileURLWithPath: path)
        let temporary = temporaryURL(for: destination)
        let handle = try create(temporary, for: path)
        do throws(OutputFileError) {
            try body { (data: Data) throws(OutputFileError) in
                do {
                    try handle.write(contentsOf: data)
                } catch {
                    throw OutputFileError(path: path, reason: "cannot write \(temporary.path): \(error.localizedDescription)")
                }
            }
            do {
                try handle.close()
            } catch {
                throw OutputFileError(path: path, reason: "cannot write \(temporary.path): \(error.localizedDescription)")
            }
        } catch {
            try? handle.close()
            discard(temporary)
            throw error
        }
        try commit(temporary, to: destination, for: path)
    }
}

/// A report that could not be written.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
