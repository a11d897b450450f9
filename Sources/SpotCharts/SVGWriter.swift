/// A tiny streaming SVG (XML) writer: elements with attributes in the order given, escaped
/// text, one element per line, no indentation — so equal calls give equal bytes.
///
/// ```swift
/// var svg = SVGWriter()
/// svg.open("g", [("class", "points")])
/// svg.element("circle", [("cx", SVGWriter.number(3)), ("cy", "4"), ("r", "2")],
///             tooltip: "A & B")
/// svg.close()
/// svg.text
/// // <g class="points">
/// // <circle cx="3" cy="4" r="2"><title>A &amp; B</title></circle>
/// // </g>
/// ```
///
/// Element and attribute names are the caller's constants and are written as given;
/// attribute values and text are escaped, and characters XML 1.0 forbids (control characters
/// other than tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD.
public struct SVGWriter: Sendable {
    /// The document so far.
    public private(set) var text = ""
    private var openElements: [String] = []

    public init() {}

    /// Whether every opened element has been closed.
    public var isBalanced: Bool { openElements.isEmpty }

    /// Writes a start tag; pair with ``close()``.
    public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name + Self.attributeText(attributes) + ">\n"
        openElements.append(name)
    }

    /// Writes the end tag of the innermost open element.
    ///
    /// - Precondition: an element is open.
    public mutating func close() {
        precondition(!openElements.isEmpty, "SVGWriter.close() without an open element")
        text += "</" + openElements.removeLast() + ">\n"
    }

    /// Writes a whole element: empty (`<name …/>`) when `content` is `nil`, else with the
    /// escaped `content` as its text.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String? = nil) {
        if let content {
            text += "<" + name + Self.attributeText(attributes) + ">" + Self.escapeText(content) + "</" + name + ">\n"
        } else {
            text += "<" + name + Self.attributeText(attributes) + "/>\n"
        }
    }

    /// Writes an element whose first child is a `<title>` — the browser's tooltip on hover —
    /// followed by the escaped `content`, if any. An empty `tooltip` writes the plain element.
    public mutating func element(_ name: String, _ attributes: [(String, String)], text content: String? = nil, tooltip: String) {
        guard !tooltip.isEmpty else { return element(name, attributes, text: content) }
        text += "<" + name + Self.attributeText(attributes) + "><title>" + Self.escapeText(tooltip) + "</title>"
            + Self.escapeText(content ?? "") + "</" + name + ">\n"
    }

    /// A coordinate or length as SVG wants it: at most 2 decimals, trailing zeros trimmed,
    /// never `-0`, `nan` or `inf` (non-finite values print `0`; magnitudes clamp to 10⁶).
    ///
    /// ```swift
    /// SVGWriter.number(12.345)   // "12.35"
    /// SVGWriter.number(-0.001)   // "0"
    /// SVGWriter.number(.nan)     // "0"
    /// ```
    public static func number(_ value: Double) -> String { DecimalText.coordinate(value) }

    /// `string` escaped for element text: `&`, `<`, `>`.
    ///
    /// - Complexity: O(n).
    public static func escapeText(_ string: String) -> String {
        escape(string, quotes: false)
    }

    /// `string` escaped for a double-quoted attribute value: `&`, `<`, `>`, `"`, `'`, and tab,
    /// line feed and carriage return as character references (which attribute-value
    /// normalisation would otherwise turn into spaces).
    ///
    /// - Complexity: O(n).
    public static func escapeAttribute(_ string: String) -> String {
        escape(string, quotes: true)
    }

    private static func escape(_ string: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&apos;"
            case "\t" where quotes: out += "&#9;"
            case "\n" where quotes: out += "&#10;"
            case "\r" where quotes: out += "&#13;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case let c where c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF: out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        var out = ""
        for (name, value) in attributes {
            out += " " + name + "=\"" + escapeAttribute(value) + "\""
        }
        return out
    }
}
