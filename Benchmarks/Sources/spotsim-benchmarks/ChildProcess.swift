import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command run as a child process with `posix_spawn`, reaped with `wait4`, which returns the
/// child's own resource usage: its peak resident set (`ru_maxrss`) and CPU times, with nothing
/// of this process or of other children mixed in.
struct ChildProcess {
    /// Where a standard stream of the child goes.
    enum Output {
        case null
        case file(String)

        var path: String {
            switch self {
            case .null: return "/dev/null"
            case .file(let path): return path
            }
        }
    }

    struct Outcome {
        /// The exit status, or 128 + the signal that ended the child.
        var status: Int32
        /// From just before `posix_spawn` to `wait4`'s return.
        var wallSeconds: Double
        /// The child's peak resident set size, KiB.
        var peakRSSKiB: Int
        var userSeconds: Double
        var systemSeconds: Double
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var executable: String
    var arguments: [String]
    /// Look `executable` up in PATH (`posix_spawnp`) when it has no slash.
    var searchPath = false

    /// The command as a shell would show it.
    var commandLine: String {
        ([executable] + arguments).map(Self.shellQuoted).joined(separator: " ")
    }

    /// Runs the command to its end with standard input from /dev/null.
    func run(standardOutput: Output = .null, standardError: Output = .null) throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }

        var pid: pid_t = 0
        let start = monotonicSeconds()
        let spawned = argv.withUnsafeBufferPointer { buffer in
            searchPath
                ? posix_spawnp(&pid, executable, &actions, nil, buffer.baseAddress!, environ)
                : posix_spawn(&pid, executable, &actions, nil, buffer.baseAddress!, environ)
        }
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw Failure(description: "wait4 for \(executable): \(String(cString: strerror(errno)))")
            }
        }
        let wall = monotonicSeconds() - start
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let signal = status & 0x7f
        let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        #if canImport(Darwin)
        let peakKiB = Int(usage.ru_maxrss) / 1024   // bytes on Darwin
        #else
        let peakKiB = Int(usage.ru_maxrss)          // KiB on Linux
        #endif
        return Outcome(
            status: exitStatus, wallSeconds: wall, peakRSSKiB: peakKiB,
            userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        )
    }

    /// Runs the command and returns its standard output, or `nil` when it cannot start or
    /// fails. For facts about the machine (`swift --version`, `git rev-parse HEAD`).
    func output(in directory: TemporaryDirectory) -> String? {
        let file = directory.file("capture-\(UInt32.random(in: 0...UInt32.max)).txt")
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard let outcome = try? run(standardOutput: .file(file)), outcome.status == 0,
              let data = FileManager.default.contents(atPath: file) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs the command and throws, with the end of its standard error, unless it exits 0.
    func runChecked(standardOutput: Output = .null, in directory: TemporaryDirectory) throws -> Outcome {
        let errors = directory.file("stderr-\(UInt32.random(in: 0...UInt32.max)).txt")
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let outcome = try run(standardOutput: standardOutput, standardError: .file(errors))
        guard outcome.status == 0 else {
            let text = FileManager.default.contents(atPath: errors).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let tail = text.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw Failure(description: "`\(commandLine)` exited with status \(outcome.status)\(tail.isEmpty ? "" : ":\n\(tail)")")
        }
        return outcome
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A private directory for the children's reports and captured output, removed at the end.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-benchmarks-\(getpid())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
