/// A cursor over JSON text that knows where it is, so that every problem names its line and
/// column.
///
/// It reads the JSON grammar (RFC 8259) piece by piece instead of building a tree: the trace
/// readers walk the top-level object key by key, read the values they know and skip the rest
/// (nested objects and lists, strings with escapes, numbers like `1e-3`, `true`, `false`,
/// `null`), which keeps a 20 000-tick file to a single pass without allocations per value.
///
/// ```swift
/// var scanner = TraceReader.JSONScanner(input)
/// try scanner.beginObject("", expected: "a JSON object")
/// var first = true
/// while let member = try scanner.nextKey(first: &first, "") {
///     try scanner.skipValue("." + member.key)
/// }
/// try scanner.expectEnd()
/// ```
extension TraceReader {
    struct JSONScanner {
        /// The text and how to report at an offset.
        let input: Input
        /// The offset of the next byte to read.
        private(set) var index: Int

        /// A scanner at the start of `input` (after a byte-order mark).
        init(_ input: Input) {
            self.input = input
            self.index = input.start
        }

        /// The byte at the cursor, or nil at the end of the file.
        var current: UInt8? { index < input.bytes.count ? input.bytes[index] : nil }

        /// Moves past spaces, tabs, line feeds and carriage returns.
        mutating func skipWhitespace() {
            let bytes = input.bytes
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// An error at the cursor (or at `offset`), describing the token found there.
        func error(_ suffix: String, expected: String, at offset: Int? = nil) -> ScenarioError {
            let position = offset ?? index
            return input.error(at: position, suffix, expected: expected, found: describe(at: position))
        }

        // MARK: Objects and lists

        /// Consumes `{` after blanks, or throws `expected` at what is there.
        mutating func beginObject(_ suffix: String, expected: String) throws(ScenarioError) {
            skipWhitespace()
            guard current == UInt8(ascii: "{") else { throw error(suffix, expected: expected) }
            index += 1
        }

        /// Consumes `[` after blanks, or throws `expected` at what is there.
        mutating func beginList(_ suffix: String, expected: String) throws(ScenarioError) {
            skipWhitespace()
            guard current == UInt8(ascii: "[") else { throw error(suffix, expected: expected) }
            index += 1
        }

        /// The next member's key (and its offset) inside an object whose `{` was consumed,
        /// with the cursor before its value; nil after consuming the closing `}`.
        /// `first` is true before the first member and set to false.
        mutating func nextKey(first: inout Bool, _ suffix: String) throws(ScenarioError) -> (key: String, offset: Int)? {
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return nil
            }
            if first {
                guard current == UInt8(ascii: "\"") else { throw error(suffix, expected: "a key in double quotes or '}'") }
                first = false
            } else {
                guard current == UInt8(ascii: ",") else { throw error(suffix, expected: "',' or '}'") }
                index += 1
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw error(suffix, expected: "a key in double quotes") }
            }
            let offset = index
            let key = try readString(suffix)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error(suffix, expected: "':' after the key") }
            index += 1
            skipWhitespace()
            return (key, offset)
        }

        /// Whether another element follows inside a list whose `[` was consumed, with the
        /// cursor on it; false after consuming the closing `]`. `first` is true before the
        /// first element and set to false.
        mutating func nextElement(first: inout Bool, _ suffix: String) throws(ScenarioError) -> Bool {
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return false
            }
            if first {
                first = false
            } else {
                guard current == UInt8(ascii: ",") else { throw error(suffix, expected: "',' or ']'") }
                index += 1
                skipWhitespace()
            }
            return true
        }

        /// Throws unless only blanks are left.
        func expectEnd() throws(ScenarioError) {
            var copy = self
            copy.skipWhitespace()
            guard copy.current == nil else {
                throw copy.error("", expected: "the end of the file after the top-level object")
            }
        }

        // MARK: Scalars

        /// The bytes of the JSON number at the cursor, consumed; nil (nothing consumed) when
        /// no number starts there.
        mutating func readNumber() -> Range<Int>? {
            guard let end = Self.numberEnd(input.bytes, from: index) else { return nil }
            defer { index = end }
            return index..<end
        }

        /// The end of the JSON number `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        /// starting at `start`, or nil.
        static func numberEnd(_ bytes: [UInt8], from start: Int) -> Int? {
            var i = start
            func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return nil }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
            } else {
                while isDigit(i) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                guard isDigit(i + 1) else { return nil }
                i += 1
                while isDigit(i) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                var j = i + 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
                guard isDigit(j) else { return nil }
                i = j
                while isDigit(i) { i += 1 }
            }
            return i
        }

        /// The value of the number `range` (from ``readNumber()``).
        func double(_ range: Range<Int>) -> Double {
            Double(input.text(range)) ?? .nan
        }

        /// The number `range` as a whole number from 0 to `maximum`, or nil (`1.0` and `1e2`
        /// count as whole numbers; `1.5`, `-1` and numbers above `maximum` do not).
        func wholeNumber(_ range: Range<Int>, maximum: Int) -> Int? {
            let bytes = input.bytes
            if range.count <= 9 {
                var value = 0
                var plain = true
                for i in range {
                    let digit = bytes[i] &- 0x30
                    guard digit <= 9 else { plain = false; break }
                    value = value * 10 + Int(digit)
                }
                if plain { return value <= maximum ? value : nil }
            }
            let value = double(range)
            guard value.isFinite, value >= 0, value <= Double(maximum), value == value.rounded() else { return nil }
            return Int(value)
        }

        /// The string at the cursor (on its opening `"`), unescaped and consumed.
        mutating func readString(_ suffix: String) throws(ScenarioError) -> String {
            let bytes = input.bytes
            let start = index
            var i = index + 1
            var decoded: [UInt8] = []
            var units: [UInt16] = []  // pending \u escapes, joined so surrogate pairs combine
            func flushUnits() {
                guard !units.isEmpty else { return }
                decoded.append(contentsOf: Array(String(decoding: units, as: UTF16.self).utf8))
                units.removeAll()
            }
            while true {
                guard i < bytes.count else {
                    throw input.error(at: start, suffix, expected: "a string closed by '\"'", found: "the end of the file")
                }
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    flushUnits()
                    index = i + 1
                    return String(decoding: decoded, as: UTF8.self)
                }
                if byte < 0x20 {
                    throw input.error(
                        at: i, suffix, expected: "a string without raw control characters (write \\n, \\t)",
                        found: "the control character U+\(String(byte, radix: 16, uppercase: true).leftPadded(to: 4))"
                    )
                }
                if byte != UInt8(ascii: "\\") {
                    flushUnits()
                    decoded.append(byte)
                    i += 1
                    continue
                }
                guard i + 1 < bytes.count else {
                    throw input.error(at: start, suffix, expected: "a string closed by '\"'", found: "the end of the file")
                }
                let escape = bytes[i + 1]
                let simple: UInt8? = switch escape {
                case UInt8(ascii: "\""): UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                case UInt8(ascii: "/"): UInt8(ascii: "/")
                case UInt8(ascii: "b"): 0x08
                case UInt8(ascii: "f"): 0x0C
                case UInt8(ascii: "n"): 0x0A
                case UInt8(ascii: "r"): 0x0D
                case UInt8(ascii: "t"): 0x09
                default: nil
                }
                if let simple {
                    flushUnits()
                    decoded.append(simple)
                    i += 2
                    continue
                }
                guard escape == UInt8(ascii: "u"), i + 6 <= bytes.count,
                      let unit = UInt16(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
                      bytes[(i + 2)..<(i + 6)].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
                else {
                    let shown = input.text(i..<Swift.min(i + 6, bytes.count)).prefix { $0 != "\"" && $0 != "\n" }
                    throw input.error(
                        at: i, suffix, expected: "an escape like \\n, \\\" or \\u00e9", found: YAMLField.quote(String(shown))
                    )
                }
                units.append(unit)
                i += 6
            }
        }

        // MARK: Skipping

        /// Consumes one JSON value of any kind (objects and lists with everything in them),
        /// checking its grammar.
        ///
        /// - Complexity: O(length of the value), iterative (no recursion), nesting bounded by
        ///   ``TraceReader/maximumJSONDepth``.
        mutating func skipValue(_ suffix: String) throws(ScenarioError) {
            var open: [UInt8] = []  // the closing byte of each open container
            value: while true {
                skipWhitespace()
                switch current {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard open.count < TraceReader.maximumJSONDepth else {
                        throw input.error(
                            at: index, suffix, expected: "JSON nested at most \(TraceReader.maximumJSONDepth) levels deep",
                            found: "a deeper nesting"
                        )
                    }
                    let isObject = current == UInt8(ascii: "{")
                    open.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                    index += 1
                    skipWhitespace()
                    if current == open.last {
                        index += 1
                        open.removeLast()
                    } else {
                        if isObject { try readMemberKey(suffix, expected: "a key in double quotes or '}'") }
                        continue value
                    }
                case UInt8(ascii: "\""):
                    _ = try readString(suffix)
                default:
                    if readNumber() == nil, !readLiteral() {
                        throw error(suffix, expected: "a JSON value (a number, a string, an object, a list, true, false or null)")
                    }
                }
                // After a complete value: close containers or move to the next member.
                while let closing = open.last {
                    skipWhitespace()
                    if current == closing {
                        index += 1
                        open.removeLast()
                    } else if current == UInt8(ascii: ",") {
                        index += 1
                        if closing == UInt8(ascii: "}") { try readMemberKey(suffix, expected: "a key in double quotes") }
                        continue value
                    } else {
                        throw error(suffix, expected: "',' or '\(Character(Unicode.Scalar(closing)))'")
                    }
                }
                return
            }
        }

        /// Reads `"key" :` inside an object being skipped.
        private mutating func readMemberKey(_ suffix: String, expected: String) throws(ScenarioError) {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error(suffix, expected: expected) }
            _ = try readString(suffix)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error(suffix, expected: "':' after the key") }
            index += 1
        }

        /// Consumes `true`, `false` or `null` at the cursor; false (nothing consumed) otherwise.
        private mutating func readLiteral() -> Bool {
            guard let word = Self.literal(input.bytes, at: index) else { return false }
            index += word.utf8.count
            return true
        }

        /// `true`, `false` or `null` when the bytes at `offset` spell one.
        static func literal(_ bytes: [UInt8], at offset: Int) -> String? {
            for word in ["true", "false", "null"] {
                let utf8 = Array(word.utf8)
                if offset + utf8.count <= bytes.count, bytes[offset..<(offset + utf8.count)].elementsEqual(utf8) {
                    return word
                }
            }
            return nil
        }

        // MARK: Describing

        /// What the file has at `offset`, as an error's `found`: `the end of the file`,
        /// `an object`, `a list`, `a string '…'`, `true`, a quoted number, or the quoted text.
        func describe(at offset: Int) -> String {
            let bytes = input.bytes
            guard offset < bytes.count else { return "the end of the file" }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return "an object"
            case UInt8(ascii: "["): return "a list"
            case UInt8(ascii: "\""):
                var copy = self
                copy.index = offset
                guard let string = try? copy.readString("") else { return "an unterminated string" }
                return "a string \(YAMLField.quote(string))"
            default:
                if let end = Self.numberEnd(bytes, from: offset) { return YAMLField.quote(input.text(offset..<end)) }
                if let word = Self.literal(bytes, at: offset) { return word }
                var end = offset
                while end < bytes.count, end - offset < 40, !Self.isDelimiter(bytes[end]) || end == offset { end += 1 }
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }  // never cut a character
                return YAMLField.quote(input.text(offset..<end))
            }
        }

        /// Blanks and JSON punctuation, where a description of unknown text stops.
        static func isDelimiter(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"),
                 UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ":"), UInt8(ascii: "\""):
                true
            default:
                false
            }
        }
    }
}

extension String {
    /// The string with `0`s in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
