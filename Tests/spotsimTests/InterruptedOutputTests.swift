import Foundation
import Testing
import SpotSimTestSupport

/// `spotsim run --output FILE --per-replication ROWS` interrupted at random moments: the files
/// are never partial, and SIGTERM and SIGINT leave no temporary file behind.
@Suite struct InterruptedOutputTests {
    typealias CLI = CommandLineTests

    /// About a second of work on two threads, with a 20 MB per-replication file, so that
    /// moments spread over the run land in the simulation, in the writing and after it.
    static func arguments(in directory: URL) -> [String] {
        ["run", "scenarios/daly-check.yaml", "--replications", "30000", "--threads", "2", "--format", "json",
         "--output", directory.appendingPathComponent("out.json").path,
         "--per-replication", directory.appendingPathComponent("rows.csv").path]
    }

    /// The uninterrupted run's two files, and how long it took (to place the signals).
    struct Reference {
        var output: Data
        var rows: Data
        var seconds: TimeInterval

        /// Expects each of `out.json` and `rows.csv` in `directory` to be absent or byte for
        /// byte this run's.
        func expectWholeOrAbsent(in directory: URL, _ context: Comment) {
            for (name, expected) in [("out.json", output), ("rows.csv", rows)] {
                if let written = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) {
                    #expect(written == expected, "\(name) is partial or differs; \(context)")
                }
            }
        }
    }

    static let reference: Result<Reference, any Error> = Result {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = Date()
        let outcome = try CLI.spotsim(arguments: arguments(in: directory))
        let seconds = Date().timeIntervalSince(start)
        guard outcome.status == 0 else { throw ReferenceRunFailed(message: outcome.standardError) }
        return Reference(
            output: try Data(contentsOf: directory.appendingPathComponent("out.json")),
            rows: try Data(contentsOf: directory.appendingPathComponent("rows.csv")),
            seconds: seconds
        )
    }

    struct ReferenceRunFailed: Error { var message: String }

    /// A temporary file `OutputFile` writes: `.NAME.PID.tmp` for one of the run's files.
    static func isTemporaryFile(_ name: String) -> Bool {
        for file in ["out.json", "rows.csv", "out.json.progress"] {
            let prefix = "." + file + "."
            guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { continue }
            let pid = name.dropFirst(prefix.count).dropLast(4)
            if !pid.isEmpty, pid.allSatisfy(\.isNumber) { return true }
        }
        return false
    }

    /// Starts spotsim with `arguments`, no signal blocked and every signal at its default (as a
    /// shell or Slurm starts it: `Process` hands its child a mask that blocks SIGTERM and
    /// SIGINT, so that a signal arriving while spotsim does not handle it is held instead of
    /// taking its default action), its standard streams on /dev/null.
    static func spawn(_ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let executable = Bundle.main.bundleURL.appendingPathComponent("spotsim").path
        // Paths in the arguments are absolute but the scenario's, relative to the repository.
        let absolute = arguments.map { $0.hasPrefix("scenarios/") ? CLI.repository.appendingPathComponent($0).path : $0 }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + absolute).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, environ)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }
        return pid
    }

    /// How a child that `waitpid` reported with `status` ended (WIFSIGNALED / WTERMSIG /
    /// WEXITSTATUS, which Swift does not import).
    static func ending(_ status: Int32) -> (reason: Process.TerminationReason, status: Int32) {
        let signalled = status & 0x7F
        return signalled != 0 && signalled != 0x7F ? (.uncaughtSignal, signalled) : (.exit, (status >> 8) & 0xFF)
    }

    /// Starts the run (``spawn(_:)``), waits until the temporary file of `rows.csv` appears
    /// (the simulation is over and the files are being written), and sends `signal`.
    static func signalledWhileWriting(
        _ arguments: [String], in directory: URL, signal: Int32
    ) throws -> (reason: Process.TerminationReason, status: Int32, standardError: String) {
        let pid = try spawn(arguments)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".rows.csv.") }) {
                kill(pid, signal)
                waitpid(pid, &status, 0)
                break
            }
            Thread.sleep(forTimeInterval: 0.001)
        }
        let (reason, code) = ending(status)
        return (reason, code, "")
    }

    struct SpawnFailed: Error { var code: Int32 }

    /// SIGTERM, SIGINT and SIGKILL at three moments each, drawn with a fixed seed from a fifth
    /// to 1.2 times the uninterrupted run's duration, and once more while the files are being
    /// written (when the temporary file of `rows.csv` appears): each of `out.json` and `rows.csv` is
    /// either absent or byte for byte the uninterrupted run's; the directory holds nothing but
    /// them and a progress file — plus, after SIGKILL only, temporary files named
    /// `.NAME.PID.tmp` (a killed process cannot clean up; documented in docs/errors.md); the
    /// exit is 0 (the run had finished) or the signal's 128 + number, or death by SIGKILL; and
    /// a progress file left behind continues, in an uninterrupted rerun, to the same bytes.
    @Test(arguments: [SIGTERM, SIGINT, SIGKILL])
    func interruptedRunLeavesWholeFilesOrNone(signal: Int32) throws {
        let reference = try Self.reference.get()
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(signal))
        for attempt in 0..<4 {
            let moment = reference.seconds * (0.2 + random.unit())
            let directory = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let (reason, status, message) = attempt < 3
                ? try CLI.terminated(Self.arguments(in: directory), after: moment, signal: signal)
                : try Self.signalledWhileWriting(Self.arguments(in: directory), in: directory, signal: signal)
            let when = attempt < 3 ? "after \(moment) s" : "while writing"
            let context = Comment(rawValue: "signal \(signal) \(when): \(reason) \(status) \(message)")

            if signal == SIGKILL {
                #expect((reason == .uncaughtSignal && status == SIGKILL) || (reason == .exit && status == 0), context)
            } else {
                #expect(reason == .exit && (status == 0 || status == 128 + signal), context)
            }
            let output = directory.appendingPathComponent("out.json")
            let rows = directory.appendingPathComponent("rows.csv")
            let progress = directory.appendingPathComponent("out.json.progress")
            reference.expectWholeOrAbsent(in: directory, context)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            for name in names where !["out.json", "rows.csv", "out.json.progress"].contains(name) {
                #expect(signal == SIGKILL && Self.isTemporaryFile(name), "stray file \(name); \(context)")
            }

            guard FileManager.default.fileExists(atPath: progress.path) else { continue }
            let rerun = try CLI.spotsim(arguments: Self.arguments(in: directory))
            #expect(rerun.status == 0, "\(rerun.standardError)")
            #expect(FileManager.default.contents(atPath: output.path) == reference.output, context)
            #expect(FileManager.default.contents(atPath: rows.path) == reference.rows, context)
            #expect(!FileManager.default.fileExists(atPath: progress.path), context)
        }
    }

    /// A second signal stops at once, also while the files are being written: whenever the
    /// pair of SIGTERMs (20 ms apart) lands, the files are absent or whole and no temporary
    /// file is left. The run is started as a shell starts it (``spawn(_:)``), and at least one
    /// pair must have stopped it (exit 143): pairs that all landed after the run had finished
    /// would test nothing.
    @Test func secondSignalLeavesNoTemporaryFile() throws {
        let reference = try Self.reference.get()
        var random = SplitMix64(seed: 0x5EC0_0D)
        var stopped = 0
        for _ in 0..<3 {
            let moment = reference.seconds * (0.5 + 0.6 * random.unit())
            let directory = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let pid = try Self.spawn(Self.arguments(in: directory))
            Thread.sleep(forTimeInterval: moment)
            kill(pid, SIGTERM)
            Thread.sleep(forTimeInterval: 0.02)
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            let (reason, code) = Self.ending(status)
            let context = Comment(rawValue: "after \(moment) s: \(reason) \(code)")
            #expect(reason == .exit && [0, 143].contains(code), context)
            if reason == .exit, code == 143 { stopped += 1 }
            reference.expectWholeOrAbsent(in: directory, context)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(names.allSatisfy { ["out.json", "rows.csv", "out.json.progress"].contains($0) }, "\(names); \(context)")
        }
        #expect(stopped > 0, "no pair of signals stopped the run")
    }
}
