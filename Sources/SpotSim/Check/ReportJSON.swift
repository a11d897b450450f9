import Foundation

/// A JSON value whose numbers keep the text they were written as.
///
/// Foundation's `JSONSerialization` checks the syntax and builds the tree, but turns numbers
/// into `NSNumber`s, whose parsing may differ from Swift's in the last digit. So the text is
/// parsed twice: once as it is (any syntax error is reported from there), and once with every
/// number token rewritten as a string, which ``ReportNumber`` then reads with
/// `Double(text)`, correctly rounded.
///
/// ```swift
/// let value = try ReportJSON.parse(#"{"mean": 0.30000000000000004, "ci95": null}"#)
/// // .object(["mean": .number(ReportNumber(text: "0.30000000000000004")), "ci95": .null])
/// ```
public indirect enum ReportJSON: Sendable, Hashable {
    case object([String: ReportJSON])
    case array([ReportJSON])
    case string(String)
    case number(ReportNumber)
    case bool(Bool)
    case null

    /// Why a text is not JSON: `JSONSerialization`'s own explanation.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Parses `text` (UTF-8 JSON whose top level is an object or an array).
    ///
    /// - Throws: ``SyntaxError`` when `text` is not JSON.
    /// - Complexity: O(n) in the text's length, twice.
    public static func parse(_ text: String) throws(SyntaxError) -> ReportJSON {
        let original = Data(text.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: original)
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw SyntaxError(reason: reason)
        }
        let tagged: Any
        do {
            tagged = try JSONSerialization.jsonObject(with: Data(taggingNumbers(text).utf8))
        } catch {
            throw SyntaxError(reason: "\(error)")
        }
        return try convert(tagged)
    }

    /// `text` with every string prefixed by `s` and every number token turned into a string
    /// prefixed by `n`: `{"a": -1.5e3}` becomes `{"sa": "n-1.5e3"}`.
    ///
    /// - Complexity: O(n).
    static func taggingNumbers(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        func isNumberByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                out.append(quote)
                out.append(UInt8(ascii: "s"))
                index += 1
                while index < bytes.count, bytes[index] != quote {
                    if bytes[index] == backslash, index + 1 < bytes.count {
                        out.append(bytes[index])
                        index += 1
                    }
                    out.append(bytes[index])
                    index += 1
                }
                if index < bytes.count { out.append(quote); index += 1 }
            } else if byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                out.append(quote)
                out.append(UInt8(ascii: "n"))
                while index < bytes.count, isNumberByte(bytes[index]) {
                    out.append(bytes[index])
                    index += 1
                }
                out.append(quote)
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The tree `JSONSerialization` built from tagged text, untagged.
    private static func convert(_ node: Any) throws(SyntaxError) -> ReportJSON {
        if node is NSNull { return .null }
        if let tagged = node as? String {
            if tagged.hasPrefix("s") { return .string(String(tagged.dropFirst())) }
            let text = String(tagged.dropFirst())
            guard tagged.hasPrefix("n"), let number = ReportNumber(text: text) else {
                throw SyntaxError(reason: "'\(text)' is not a JSON number")
            }
            return .number(number)
        }
        if let object = node as? [String: Any] {
            var converted: [String: ReportJSON] = [:]
            for (key, value) in object {
                converted[String(key.dropFirst())] = try convert(value)
            }
            return .object(converted)
        }
        if let array = node as? [Any] {
            var converted: [ReportJSON] = []
            converted.reserveCapacity(array.count)
            for element in array { converted.append(try convert(element)) }
            return .array(converted)
        }
        if let flag = node as? Bool { return .bool(flag) }
        throw SyntaxError(reason: "an unexpected value \(node)")
    }

    /// What this value is, for error messages: `a string "30m"`, `a number 5`, `an object`, …
    public var kind: String {
        switch self {
        case .object: return "an object"
        case .array(let elements): return "a list of \(elements.count)"
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
            return "a string \(JSONWriter.quoted(shown))"
        case .number(let number): return "the number \(number.text)"
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }
}
