import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A chart's SVG parsed as XML, with the queries the tests make.
struct SVGInspection {
    let text: String
    let document: XMLDocument

    /// Parses `svg`; fails the test when it is not well-formed XML.
    init(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        text = svg
        do {
            document = try XMLDocument(xmlString: svg, options: [])
        } catch {
            Issue.record("not well-formed XML: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    var root: XMLElement? { document.rootElement() }

    /// The root element's attribute `name`.
    func rootAttribute(_ name: String) -> String? {
        root.flatMap { Self.attribute($0, name) }
    }

    /// `node`'s attribute `name` (looked up by hand: FoundationXML's `attribute(forName:)`
    /// finds nothing on elements in a default namespace).
    static func attribute(_ node: XMLNode, _ name: String) -> String? {
        (node as? XMLElement)?.attributes?.first { $0.name == name }?.stringValue
    }

    /// The attribute `name` of every element with `class` exactly `className`.
    func attributes(_ name: String, class className: String) throws -> [String] {
        try elements(class: className).compactMap { Self.attribute($0, name) }
    }

    /// The elements whose `class` is exactly `className`.
    func elements(class className: String) throws -> [XMLNode] {
        try document.nodes(forXPath: "//*[@class='\(className)']")
    }

    /// How many elements have `class` exactly `className`.
    func count(_ className: String) throws -> Int {
        try elements(class: className).count
    }

    /// The text of every element with `class` exactly `className`, in document order.
    func texts(_ className: String) throws -> [String] {
        try elements(class: className).map { node in
            // The text content without a leading <title> tooltip.
            guard let element = node as? XMLElement else { return node.stringValue ?? "" }
            return (element.children ?? []).filter { $0.kind == .text }.compactMap(\.stringValue).joined()
        }
    }

    /// The tick labels of the x axis (`x: true`) or the y axis, in document order.
    func tickLabels(x: Bool) throws -> [String] {
        try document.nodes(forXPath: "//*[@class='axis \(x ? "x" : "y")-axis']/*[@class='tick']").compactMap(\.stringValue)
    }

    /// The number of elements with `class` exactly `className` written before the first
    /// element with `class` exactly `other` (all of them when there is none): for paint order.
    func countBefore(_ className: String, first other: String) -> Int {
        let cut = text.range(of: "class=\"\(other)\"")?.lowerBound ?? text.endIndex
        return text[..<cut].components(separatedBy: "class=\"\(className)\"").count - 1
    }

    /// The `<title>` tooltips of the elements with `class` exactly `className`.
    func tooltips(_ className: String) throws -> [String] {
        try elements(class: className).compactMap { node in
            (node as? XMLElement)?.elements(forName: "title").first?.stringValue
        }
    }

    /// Whether the lower-cased text contains `nan` or `inf` anywhere (attribute values,
    /// numbers, text): the charts' fixed vocabulary avoids both, so any hit is a leaked
    /// non-finite number.
    var mentionsNonFinite: Bool {
        let lower = text.lowercased()
        return lower.contains("nan") || lower.contains("inf")
    }
}
