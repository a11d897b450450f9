extension PerReplicationReader {
    /// The fields of a flat JSON object, `{"key": "text", "key": 1.5, "key": null}`, as the
    /// per-replication writer prints them: strings unescaped, numbers as written (checked
    /// against JSON's grammar), `null` as `null`. `nil` for anything else (nesting, `true`, a
    /// syntax error), which the caller then hands to the full parser for its message.
    ///
    /// ```swift
    /// PerReplicationReader.flatObject(Array(#"{"job":"a\"b","cost_usd":1.5,"x":null}"#.utf8)[...])
    /// // ["job": "a\"b", "cost_usd": "1.5", "x": "null"]
    /// ```
    ///
    /// - Complexity: O(n) in the line's length, one pass.
    static func flatObject(_ bytes: ArraySlice<UInt8>) -> [String: String]? {
        var scanner = FlatScanner(bytes: bytes)
        return scanner.object()
    }

    /// One pass over a line's bytes for ``flatObject(_:)``.
    private struct FlatScanner {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        mutating func skipSpace() {
            while index < bytes.endIndex, Self.isSpace(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func object() -> [String: String]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            var fields: [String: String] = [:]
            if expect(UInt8(ascii: "}")) { return finished(fields) }
            repeat {
                skipSpace()
                guard let key = string(), expect(UInt8(ascii: ":")), let value = value() else { return nil }
                fields[key] = value
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "}")) else { return nil }
            return finished(fields)
        }

        mutating func finished(_ fields: [String: String]) -> [String: String]? {
            skipSpace()
            return index == bytes.endIndex ? fields : nil
        }

        mutating func value() -> String? {
            skipSpace()
            guard index < bytes.endIndex else { return nil }
            if bytes[index] == UInt8(ascii: "\"") { return string() }
            let start = index
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}"),
                  !Self.isSpace(bytes[index]) { index += 1 }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            return token == "null" || ReportNumber.isJSONNumber(token) ? token : nil
        }

        /// A string literal; `nil` for an escape other than `\"`, `\\`, `\/`, `\n`, `\t`, `\r`,
        /// `\b`, `\f` (a `\u` escape goes to the full parser) or a control character.
        mutating func string() -> String? {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var out: [UInt8] = []
            while index < bytes.endIndex {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(validating: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.endIndex else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    default: return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    out.append(byte)
                }
            }
            return nil
        }
    }
}
