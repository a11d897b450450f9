import Foundation
import SpotSimTestSupport
import Testing
@testable import SpotSim

/// Hostile files fail fast with one clear message: the decoder bounds the file size, the
/// number of nodes once aliases are expanded, and refuses keys that are expensive to hash.
@Suite(.timeLimit(.minutes(1))) struct ScenarioLimitsTests {
    typealias F = ScenarioFixtures

    /// A "billion laughs" file (ten levels of aliases, each repeating the previous ten times:
    /// 10¹⁰ nodes once expanded) stops after 100 000 nodes, with a `(yaml)` error.
    @Test func billionLaughs() {
        var yaml = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            yaml += "lol\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let started = Date()
        #expect(F.message(yaml, file: "lol.yaml")
            == "lol.yaml:1:32: error: (yaml): expected at most 100000 nodes once aliases are expanded, found more (aliases that expand exponentially?)")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// The node limit holds without aliases too: a list of more than 100 000 items (and the
    /// message does not blame aliases the file does not have).
    @Test func tooManyNodes() {
        let yaml = "name: wide\nvalues: [" + String(repeating: "1,", count: 100_000) + "1]\n"
        #expect(F.message(yaml)
            == "bad.yaml:2:200000: error: (yaml): expected at most 100000 nodes, found more")
    }

    /// In a file with aliases, an alias used as a mapping key is refused before YAML parsing
    /// (Yams would hash its whole expansion to check for duplicate keys).
    @Test func aliasAsKey() {
        var yaml = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            yaml += "lol\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "*a9 : boom\n"
        #expect(F.message(yaml, file: "lol.yaml")
            == "lol.yaml:11:1: error: (yaml): expected plain names as keys in a file that uses aliases, found an alias used as a key")
    }

    /// In a file with aliases, a flow collection or an explicit `?` key is refused as well.
    @Test func complexKeysInAFileWithAliases() {
        #expect(F.message("a: &a [1]\nb: { [*a, *a]: 2 }\n")
            == "bad.yaml:2:13: error: (yaml): expected plain names as keys in a file that uses aliases, found a list or mapping used as a key")
        #expect(F.message("a: &a [1]\n? *a\n: 2\n")
            == "bad.yaml:2:1: error: (yaml): expected plain names as keys in a file that uses aliases, found an explicit key ('?')")
    }

    /// Without aliases, a non-scalar key reaches the decoder, which wants names as keys.
    @Test func listAsKeyWithoutAliases() {
        #expect(F.message("[a, b]: 1\n")
            == "bad.yaml:1:1: error: (top level): expected keys that are names, found a list used as a key")
    }

    /// A text over 8 MiB is refused before parsing.
    @Test func oversizedText() {
        let yaml = "name: big\n#" + String(repeating: "x", count: ScenarioDecoder.maximumFileSize)
        #expect(F.message(yaml)
            == "bad.yaml:1:1: error: (file): expected a file of at most 8 MiB, found 8.1 MiB")
    }

    /// A file over 8 MiB is refused without reading it whole; its size is reported.
    @Test func oversizedFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-big-\(UUID().uuidString).yaml")
        try Data(repeating: UInt8(ascii: "#"), count: 9 * 1_048_576).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ScenarioError(
            file: url.path, line: 1, column: 1, field: "(file)",
            expected: "a file of at most 8 MiB", found: "9 MiB"
        )) {
            try ScenarioDecoder.decode(contentsOf: url.path)
        }
    }

    /// An endless file (a device) is read only up to the limit.
    @Test func endlessFile() {
        #expect(throws: ScenarioError(
            file: "/dev/zero", line: 1, column: 1, field: "(file)",
            expected: "a file of at most 8 MiB", found: "8.1 MiB"
        )) {
            try ScenarioDecoder.decode(contentsOf: "/dev/zero")
        }
    }

    /// A file that is not UTF-8 is a `(file)` error.
    @Test func notUTF8() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-latin1-\(UUID().uuidString).yaml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ScenarioError(
            file: url.path, line: 1, column: 1, field: "(file)",
            expected: "UTF-8 text", found: "bytes that are not UTF-8"
        )) {
            try ScenarioDecoder.decode(contentsOf: url.path)
        }
    }
}
