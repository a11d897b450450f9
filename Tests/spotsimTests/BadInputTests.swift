import Foundation
import SpotSim
import SpotSimTestSupport
import Testing

/// The bad-input suite of `Tests/BadInput/`: every malformed or hostile scenario there gets
/// exactly the message its `.expected` file holds, from the library and from the command line,
/// without crashing or hanging. See `Tests/BadInput/README.md` for the layout.
@Suite(.timeLimit(.minutes(10)))
struct BadInputTests {
    /// One bad input: its name (`01-empty-file`), the message expected, and its bytes when the
    /// test generates the file instead of reading it from the folder.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: String
        var generated: Data?
        var testDescription: String { name }
    }

    /// `Tests/BadInput/`, also the data directory its scenarios' trace paths are relative to.
    static let folder = ScenarioFixtures.repositoryRoot().appendingPathComponent("Tests/BadInput")

    /// The most seconds one command may take on a bad input before it counts as hanging.
    static let timeout: TimeInterval = 60

    /// Inputs too large (or too unreadable) to commit, made by the test: name → bytes.
    static let generators: [String: @Sendable () -> Data] = [
        // One byte over the 8 MiB limit, all of it a comment after a valid first line.
        "102-huge-file": {
            var text = "name: huge\n"
            let line = "# " + String(repeating: "padding ", count: 12) + "\n"
            while text.utf8.count + line.utf8.count <= ScenarioDecoder.maximumFileSize { text += line }
            text += String(repeating: "#", count: ScenarioDecoder.maximumFileSize + 1 - text.utf8.count)
            return Data(text.utf8)
        },
        // A flat list of 100 001 scalars: more nodes than a file may have, without aliases.
        "103-too-many-nodes": {
            Data(("name: wide\npools: [" + String(repeating: "1, ", count: ScenarioDecoder.maximumNodeCount + 1) + "1]\n").utf8)
        },
        // 4 KiB of pseudo-random bytes (a fixed linear congruential sequence).
        "104-random-bytes": {
            var state: UInt64 = 0x5EED
            return Data((0..<4096).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            })
        },
    ]

    /// Every `.expected` file of the folder, with its input.
    static let cases: [Case] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".expected") }.sorted().map { file in
            let name = String(file.dropLast(".expected".count))
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            let expected = text.hasSuffix("\n") ? String(text.dropLast()) : text
            return Case(name: name, expected: expected, generated: generators[name]?())
        }
    }()

    /// Where the case's scenario file is: in the folder, or written to `scratch` when generated.
    static func input(_ badInput: Case, scratch: URL) throws -> URL {
        guard let data = badInput.generated else { return folder.appendingPathComponent(badInput.name + ".yaml") }
        let url = scratch.appendingPathComponent(badInput.name + ".yaml")
        try data.write(to: url)
        return url
    }

    /// `message` with the folder's (or the scratch directory's) path taken out, as `.expected`
    /// files write paths: relative to the folder.
    static func relative(_ message: String, scratch: URL) -> String {
        message.replacingOccurrences(of: folder.path + "/", with: "").replacingOccurrences(of: scratch.path + "/", with: "")
    }

    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var timedOut: Bool
    }

    /// Runs the `spotsim` built beside this test bundle with `arguments`, killing it after
    /// ``timeout`` seconds (reported as `timedOut`). Output goes to files in `scratch`, so a
    /// hung process cannot block the test on a full pipe.
    static func spotsim(_ arguments: [String], scratch: URL) throws -> Outcome {
        let out = scratch.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = scratch.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("spotsim")
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        var environment = ProcessInfo.processInfo.environment
        environment["SPOTSIM_DATA"] = nil
        process.environment = environment
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: out, encoding: .utf8),
            standardError: String(decoding: try Data(contentsOf: err), as: UTF8.self),
            timedOut: timedOut
        )
    }

    /// The suite is at least 60 inputs, and each is complete: every `.yaml` of the folder has
    /// its `.expected` message, and every `.expected` one input (the `.yaml`, or a generator).
    @Test func everyInputHasItsMessage() throws {
        #expect(Self.cases.count >= 60)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        let inputs = Set(names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) })
        let expected = Set(Self.cases.map(\.name))
        #expect(inputs.subtracting(expected).sorted() == [], "inputs without an .expected file")
        for name in expected.subtracting(inputs).sorted() {
            #expect(Self.generators[name] != nil, "\(name).expected has neither a .yaml file nor a generator")
        }
        for badInput in Self.cases {
            #expect(!badInput.expected.isEmpty && !badInput.expected.contains("\n"), "\(badInput.name).expected holds one line")
        }
    }

    /// The library reports exactly the expected message (`ScenarioDecoder.decode(contentsOf:dataDirectory:)`
    /// throws it; decoding never succeeds).
    @Test(arguments: cases) func libraryMessage(_ badInput: Case) throws {
        let scratch = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = try Self.input(badInput, scratch: scratch).path
        do {
            _ = try ScenarioDecoder.decode(contentsOf: path, dataDirectory: Self.folder.path)
            Issue.record("\(badInput.name) decoded without an error")
        } catch {
            #expect(Self.relative(error.description, scratch: scratch) == badInput.expected)
        }
    }

    /// `spotsim validate FILE` and `spotsim run FILE --output OUT` exit 64 within the time
    /// limit, print nothing on standard output and exactly the expected message as the one
    /// line of standard error, and `run` creates neither the output file nor a progress file.
    @Test(arguments: cases) func commandLine(_ badInput: Case) throws {
        let scratch = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = try Self.input(badInput, scratch: scratch).path
        let output = scratch.appendingPathComponent("report.json")
        for arguments in [
            ["validate", "--data-dir", Self.folder.path, path],
            ["run", "--data-dir", Self.folder.path, path, "--format", "json", "--output", output.path, "--threads", "1"],
        ] {
            let outcome = try Self.spotsim(arguments, scratch: scratch)
            #expect(!outcome.timedOut, "spotsim \(arguments[0]) hung")
            #expect(outcome.status == 64, "spotsim \(arguments[0]) exit status")
            #expect(outcome.standardOutput == "", "spotsim \(arguments[0]) standard output")
            #expect(outcome.standardError.hasSuffix("\n"))
            let lines = outcome.standardError.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.map { Self.relative(String($0), scratch: scratch) } == [badInput.expected], "spotsim \(arguments[0]) standard error")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(!FileManager.default.fileExists(atPath: output.path + ".progress"))
    }
}
