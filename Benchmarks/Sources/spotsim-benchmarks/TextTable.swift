/// A plain-text table with aligned columns: numbers right-aligned, text left-aligned.
struct TextTable {
    struct Column {
        var title: String
        var rightAligned: Bool
    }

    var columns: [Column]
    var rows: [[String]] = []

    /// Columns from titles; a title starting with `<` is left-aligned (the `<` dropped), any
    /// other right-aligned.
    init(_ titles: [String]) {
        columns = titles.map { title in
            title.hasPrefix("<") ? Column(title: String(title.dropFirst()), rightAligned: false)
                : Column(title: title, rightAligned: true)
        }
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table, each line indented by `indent`, with a rule under the titles.
    func rendered(indent: String = "  ") -> String {
        var widths = columns.map(\.title.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = Swift.max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, column) in columns.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(column.rightAligned ? padding + cell : cell + padding)
            }
            var text = indent + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(columns.map(\.title))]
        lines.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Number formats for the table.
enum Format {
    /// `value` with `decimals` digits after the point.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : "—"
    }

    /// An integer in groups of three digits: 41 718 069.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += " " }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    /// A power of ten as 10^k when `value` is one (10 000 → 10^4), else grouped.
    static func replications(_ value: Int) -> String {
        var power = 0
        var rest = value
        while rest >= 10 && rest % 10 == 0 {
            rest /= 10
            power += 1
        }
        return rest == 1 && power >= 2 ? "10^\(power)" : grouped(value)
    }

    /// Mebibytes from kibibytes.
    static func mebibytes(kibibytes: Int) -> String {
        fixed(Double(kibibytes) / 1024, 1)
    }
}
