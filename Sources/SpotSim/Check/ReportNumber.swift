/// A number read from a JSON report, with the text it was written as.
///
/// ``JSONWriter`` prints Swift's shortest round-trip form, and `Double(text)` reads it back
/// correctly rounded, so ``value`` is exactly the `Double` that was written; the text is
/// kept for messages (an exact comparison shows the digits as the files have them) and for
/// integers too large for a `Double`, like a 64-bit seed.
///
/// ```swift
/// let mean = ReportNumber(text: "1831.0412")!
/// mean.value                                              // 1831.0412
/// mean.isIdentical(to: ReportNumber(text: "1831.04120")!)  // true: the same Double
/// mean.isIdentical(to: ReportNumber(text: "1831.0413")!)   // false
/// ```
public struct ReportNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as the file writes it: `1831.0412`, `1e-05`, `0`.
    public var text: String
    /// The number, correctly rounded from ``text``.
    public var value: Double

    /// The number written as `text`; `nil` unless `text` is a JSON number.
    public init?(text: String) {
        guard Self.isJSONNumber(text), let value = Double(text) else { return nil }
        self.text = text
        self.value = value
    }

    /// `value`, written as ``JSONWriter`` writes it.
    public init(_ value: Double) {
        self.text = JSONWriter.number(value)
        self.value = value
    }

    public var description: String { text }

    /// Whether the two numbers are the same `Double`, bit for bit (so `0.1` and `0.10` are,
    /// `0.30000000000000004` and `0.3` are not).
    public func isIdentical(to other: ReportNumber) -> Bool {
        value.bitPattern == other.value.bitPattern
    }

    /// Whether `text` follows JSON's number grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    ///
    /// - Complexity: O(n) in the text's length.
    public static func isJSONNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
