/// A minimal JSON writer with a fixed key order and a fixed number format, so that equal
/// results give equal bytes.
///
/// Numbers print in Swift's shortest round-trip form (`0.1`, `133.10382`, `1e-05`); integers
/// without a fraction; non-finite numbers as `null`.
public struct JSONWriter {
    private(set) var text = ""
    private var indent = 0
    private var needsComma: [Bool] = []

    mutating func beginObject() { openContainer("{") }
    mutating func endObject() { closeContainer("}") }
    mutating func beginArray() { openContainer("[") }
    mutating func endArray() { closeContainer("]") }

    mutating func key(_ name: String) {
        separate()
        text += Self.quoted(name) + ": "
        pendingValueAfterKey = true
    }

    mutating func string(_ value: String) { self.value(Self.quoted(value)) }
    mutating func number(_ value: Double) { self.value(Self.number(value)) }
    mutating func integer(_ value: Int) { self.value(String(value)) }
    mutating func integer(_ value: UInt64) { self.value(String(value)) }
    mutating func null() { value("null") }

    /// `[a, b]` on one line.
    mutating func numberPair(_ a: Double, _ b: Double) {
        value("[\(Self.number(a)), \(Self.number(b))]")
    }

    private var pendingValueAfterKey = false

    private mutating func value(_ literal: String) {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
        } else {
            separate()
        }
        text += literal
    }

    private mutating func openContainer(_ bracket: String) {
        value(bracket)
        indent += 1
        needsComma.append(false)
    }

    private mutating func closeContainer(_ bracket: String) {
        let hadContent = needsComma.removeLast()
        indent -= 1
        if hadContent { text += "\n" + String(repeating: "  ", count: indent) }
        text += bracket
        if indent == 0 { text += "\n" }
    }

    private mutating func separate() {
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        text += "\n" + String(repeating: "  ", count: indent)
    }

    /// `value` in the writer's number format (`null` when not finite).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `string` as a JSON string literal.
    public static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
