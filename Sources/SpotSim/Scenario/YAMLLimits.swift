import Yams

/// The bounds that keep decoding a hostile file cheap: its size, the size of its node tree
/// once aliases are expanded, and no expensive mapping keys when it uses aliases.
///
/// Yams shares an aliased node instead of copying it, so a "billion laughs" file composes in
/// microseconds; what would explode is walking it (bounded by ``checkNodeCount(_:file:)``) and
/// hashing it: Yams hashes every mapping key to find duplicates, so an alias (or a collection
/// holding aliases) used as a key would be hashed in full before any of our code runs.
/// ``checkKeys(_:file:)`` rejects such keys, textually, before Yams sees the file.
///
/// ```swift
/// try YAMLLimits.checkSize(byteCount: text.utf8.count, file: "a.yaml")
/// try YAMLLimits.checkKeys(text, file: "a.yaml")
/// let root = try Yams.compose(yaml: text)
/// try YAMLLimits.checkNodeCount(root!, file: "a.yaml")
/// ```
enum YAMLLimits {
    /// The largest scenario file read: 8 MiB.
    static let maximumFileSize = 8 * 1024 * 1024
    /// The most YAML nodes (keys, values, list items; aliases counted once per use).
    static let maximumNodeCount = 100_000
    /// The deepest nesting of lists and mappings libyaml parses (its default limit).
    static let maximumNesting = 1000

    /// Throws when `byteCount` is over ``maximumFileSize``.
    static func checkSize(byteCount: Int, file: String) throws(ScenarioError) {
        guard byteCount > maximumFileSize else { return }
        let mebibytes = Double(byteCount) / 1_048_576
        // Rounded up, so that a file just over the limit does not read as "8 MiB".
        let shown = mebibytes >= 1e6 ? "more than a TiB" : "\(Units.formatDecimal((mebibytes * 10).rounded(.up) / 10)) MiB"
        throw ScenarioError(
            file: file, line: 1, column: 1, field: "(file)",
            expected: "a file of at most 8 MiB", found: shown
        )
    }

    /// Counts the nodes of `root` with aliases expanded; throws at the first node past
    /// ``maximumNodeCount``, without walking further.
    ///
    /// - Complexity: O(min(n, maximumNodeCount) + the widest collection met), iterative.
    ///
    /// - Parameter aliases: whether the file uses aliases; the message then suggests that
    ///   they are what expands (a "billion laughs"), and otherwise only says the file is too large.
    static func checkNodeCount(_ root: Yams.Node, file: String, aliases: Bool = true) throws(ScenarioError) {
        var count = 0
        var stack: [(children: [Yams.Node], next: Int)] = []
        func visit(_ node: Yams.Node) throws(ScenarioError) {
            count += 1
            if count > maximumNodeCount {
                let mark = node.mark
                throw ScenarioError(
                    file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, field: "(yaml)",
                    expected: aliases ? "at most \(maximumNodeCount) nodes once aliases are expanded" : "at most \(maximumNodeCount) nodes",
                    found: aliases ? "more (aliases that expand exponentially?)" : "more"
                )
            }
            switch node {
            case .sequence(let sequence):
                stack.append((Array(sequence), 0))
            case .mapping(let mapping):
                var children: [Yams.Node] = []
                children.reserveCapacity(mapping.count * 2)
                for (key, value) in mapping {
                    children.append(key)
                    children.append(value)
                }
                stack.append((children, 0))
            case .scalar, .alias:
                break
            }
        }
        try visit(root)
        while let top = stack.last {
            if top.next < top.children.count {
                stack[stack.count - 1].next += 1
                try visit(top.children[top.next])
            } else {
                stack.removeLast()
            }
        }
    }

    /// In a file that defines anchors and uses aliases, throws for a mapping key that could be
    /// large: an alias used as a key (`*a: 1`), a flow collection used as a key (`[*a]: 1`),
    /// or an explicit key (`? …`). Scenario keys are plain names, so no valid scenario loses.
    ///
    /// The scan is textual and errs on the side of rejecting: it does not skip quoted text or
    /// comments, so in a file with aliases `"x]: y"` is refused too.
    ///
    /// - Complexity: O(n) in the text's length.
    static func checkKeys(_ text: String, file: String) throws(ScenarioError) {
        let bytes = Array(text.utf8)
        guard usesAliases(bytes) else { return }
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let atBoundary = index == 0 || isBoundary(bytes[index - 1])
            var found: String?
            if byte == UInt8(ascii: "*"), atBoundary, index + 1 < bytes.count, isAnchorByte(bytes[index + 1]) {
                var end = index + 1
                while end < bytes.count, isAnchorByte(bytes[end]) { end += 1 }
                if colonFollows(bytes, from: end) { found = "an alias used as a key" }
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                if colonFollows(bytes, from: index + 1) { found = "a list or mapping used as a key" }
            } else if byte == UInt8(ascii: "?"), atBoundary {
                if index + 1 == bytes.count || isBlank(bytes[index + 1]) { found = "an explicit key ('?')" }
            }
            if let found {
                throw ScenarioError(
                    file: file, line: line, column: column, field: "(yaml)",
                    expected: "plain names as keys in a file that uses aliases", found: found
                )
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1   // libyaml counts columns in Unicode scalars
            }
            index += 1
        }
    }

    /// Whether the text has both an anchor (`&name`) and an alias (`*name`) at a token start.
    static func usesAliases(_ bytes: [UInt8]) -> Bool {
        var anchor = false
        var alias = false
        for index in bytes.indices.dropLast() where index == 0 || isBoundary(bytes[index - 1]) {
            guard isAnchorByte(bytes[index + 1]) else { continue }
            if bytes[index] == UInt8(ascii: "&") { anchor = true }
            if bytes[index] == UInt8(ascii: "*") { alias = true }
            if anchor && alias { return true }
        }
        return false
    }

    /// Whether, after spaces and tabs, `bytes[from]` is a `:`.
    private static func colonFollows(_ bytes: [UInt8], from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index < bytes.count && bytes[index] == UInt8(ascii: ":")
    }

    /// Bytes after which a token may start.
    private static func isBoundary(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?")
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// The characters libyaml allows in anchor names: ASCII letters, digits, `_` and `-`.
    private static func isAnchorByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
