import Foundation
import SpotSim

/// A JSON value whose objects keep their keys in the order they are built, so that
/// `results.json` always lists its keys in the same order, and whose numbers carry a fixed
/// number of decimals, so that equal measurements print equal text.
indirect enum JSON {
    case null
    case bool(Bool)
    case int(Int)
    /// A number printed with at most `decimals` digits after the point (trailing zeros
    /// dropped); `nil` for a non-finite value.
    case number(Double, decimals: Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    /// `value` with its unit: `{"value": …, "unit": …}`.
    static func measurement(_ value: Double?, _ unit: String, decimals: Int) -> JSON {
        .object([("value", value.map { .number($0, decimals: decimals) } ?? .null), ("unit", .string(unit))])
    }

    /// An integer with its unit.
    static func count(_ value: Int, _ unit: String) -> JSON {
        .object([("value", .int(value)), ("unit", .string(unit))])
    }

    static func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
    static func optional(_ flag: Bool?) -> JSON { flag.map(JSON.bool) ?? .null }
    static func seconds(_ values: [Double]) -> JSON { .array(values.map { .number($0, decimals: 6) }) }

    /// The text of this value: objects and arrays of containers indented by two spaces,
    /// arrays of scalars on one line; a final newline.
    func rendered() -> String {
        var text = ""
        write(to: &text, indent: "")
        return text + "\n"
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(to text: inout String, indent: String) {
        switch self {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let value): text += String(value)
        case .number(let value, let decimals): text += Self.format(value, decimals: decimals)
        case .string(let string): text += JSONWriter.quoted(string)
        case .array(let items):
            if items.isEmpty {
                text += "[]"
            } else if items.allSatisfy(\.isScalar) {
                text += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { text += ", " }
                    item.write(to: &text, indent: indent)
                }
                text += "]"
            } else {
                text += "[\n"
                for (index, item) in items.enumerated() {
                    text += indent + "  "
                    item.write(to: &text, indent: indent + "  ")
                    text += index + 1 < items.count ? ",\n" : "\n"
                }
                text += indent + "]"
            }
        case .object(let members):
            if members.isEmpty {
                text += "{}"
                return
            }
            text += "{\n"
            for (index, (key, value)) in members.enumerated() {
                text += indent + "  " + JSONWriter.quoted(key) + ": "
                value.write(to: &text, indent: indent + "  ")
                text += index + 1 < members.count ? ",\n" : "\n"
            }
            text += indent + "}"
        }
    }

    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
