import Foundation
import Yams

/// The names the cluster exports give shard files, and the format of the merged report.
///
/// Shard files are `shard-IIII-of-NNNN.spotsim-shard`, both numbers zero-padded to the same
/// width (at least 4 digits), so `ls` and a shell glob list them in index order and a glob
/// ending in `-of-NNNN.spotsim-shard` matches only the shards of an N-shard run.
///
/// ```swift
/// ShardFiles.name(index: 3, of: 8)    // "shard-0003-of-0008.spotsim-shard"
/// ShardFiles.glob(of: 8)              // "shard-*-of-0008.spotsim-shard"
/// ```
public enum ShardFiles {
    /// The most shards an export splits a run into.
    public static let maximumCount = 10_000

    /// The extension of shard files.
    public static let fileExtension = "spotsim-shard"

    /// The digits each number in a name is padded to: 4, or more for larger counts.
    public static func width(of count: Int) -> Int {
        max(4, String(count).count)
    }

    /// `n` zero-padded to `width` digits.
    static func padded(_ n: Int, width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The file name of shard `index` (from 0) of `count`.
    public static func name(index: Int, of count: Int) -> String {
        let width = width(of: count)
        return "shard-\(padded(index, width: width))-of-\(padded(count, width: width)).\(fileExtension)"
    }

    /// A `printf` format whose one `%0Nd` takes the shard index: `shard-%04d-of-0008.spotsim-shard`.
    public static func printfFormat(of count: Int) -> String {
        let width = width(of: count)
        return "shard-%0\(width)d-of-\(padded(count, width: width)).\(fileExtension)"
    }

    /// The name with the index shown as `I`s, for comments: `shard-IIII-of-0008.spotsim-shard`.
    public static func namePattern(of count: Int) -> String {
        let width = width(of: count)
        return "shard-\(String(repeating: "I", count: width))-of-\(padded(count, width: width)).\(fileExtension)"
    }

    /// A shell glob matching every shard file of a `count`-shard run: `shard-*-of-0008.spotsim-shard`.
    public static func glob(of count: Int) -> String {
        "shard-*-of-\(padded(count, width: width(of: count))).\(fileExtension)"
    }
}

/// The format of the report `spotsim merge` writes at the end of an exported run.
public enum MergedReportFormat: String, Sendable, Hashable, CaseIterable {
    case table, json, csv

    /// The extension of the result file: `txt`, `json` or `csv`.
    public var fileExtension: String {
        switch self {
        case .table: "txt"
        case .json: "json"
        case .csv: "csv"
        }
    }
}

/// Names built from a scenario's name for jobs and files.
public enum ExportNames {
    /// `text` as a DNS-1123 label of at most `limit` characters (lowercase letters, digits and
    /// `-`, starting and ending with a letter or digit); `nil` when nothing is left.
    ///
    /// ```swift
    /// ExportNames.label("GCP H100 zones")   // "gcp-h100-zones"
    /// ```
    public static func label(_ text: String, limit: Int = 40) -> String? {
        var result = ""
        var lastWasDash = true
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                result += "-"
                lastWasDash = true
            }
        }
        result = String(result.prefix(limit))
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? nil : result
    }

    /// Whether `text` is a DNS-1123 label of at most `limit` characters.
    public static func isLabel(_ text: String, limit: Int = 63) -> Bool {
        guard !text.isEmpty, text.count <= limit, text.first != "-", text.last != "-" else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Whether `text` is a DNS-1123 subdomain (a Kubernetes object name such as a claim's):
    /// dot-separated labels, at most 253 characters.
    public static func isSubdomain(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }
}

/// The files a scenario reads from beside itself, which must travel with it when it is
/// embedded in a Kubernetes ConfigMap.
public enum ScenarioCompanions {
    /// The `file` of every `spot.price: { process: series, file: … }` in the scenario text, as
    /// written (relative names are relative to the scenario's directory); `[]` when the text
    /// does not parse (the decoder reports that).
    ///
    /// ```swift
    /// ScenarioCompanions.priceSeriesFiles(inYAML: text)   // ["prices/us-east-1.csv"]
    /// ```
    public static func priceSeriesFiles(inYAML yaml: String) -> [String] {
        guard let root = try? Yams.compose(yaml: yaml), let pools = root["pools"]?.sequence else { return [] }
        var files: [String] = []
        for pool in pools {
            guard let price = pool["spot"]?["price"], price.mapping != nil,
                  price["process"]?.string == "series", let file = price["file"]?.string else { continue }
            if !files.contains(file) { files.append(file) }
        }
        return files
    }
}

// MARK: - Quoting

/// Quoting for POSIX shells and bash.
enum ShellText {
    /// Characters that need no quoting.
    static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@+,%".unicodeScalars)

    /// `text` as one shell word: bare when every character is safe, else in single quotes
    /// (a single quote inside becomes `'\''`).
    static func quoted(_ text: String) -> String {
        if !text.isEmpty, text.unicodeScalars.allSatisfy(safe.contains) {
            return text
        }
        return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// `text` for a Slurm `--output`/`--error` file name pattern: `%` doubled, so the path is
    /// taken literally, and `\` doubled.
    static func slurmFilename(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "%%")
    }
}

/// Quoting for YAML.
enum YAMLText {
    /// `text` as a quoted YAML scalar, always a string: single-quoted (`'` doubled) when it
    /// is printable on one line, else double-quoted with escapes (a JSON string is one).
    static func quoted(_ text: String) -> String {
        let printable = text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0xFEFF, 0x2028, 0x2029: false
            default: true
            }
        }
        guard printable else { return JSONWriter.quoted(text) }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `text` as the value of a mapping key whose children are indented by `indent` spaces:
    /// a literal block (`|`, `|-` or `|+`) when that keeps every character, else a
    /// double-quoted scalar. Starts with a space or a line break; no trailing newline.
    static func block(_ text: String, indent: Int) -> String {
        guard canBeLiteralBlock(text) else { return " " + quoted(text) }
        var body = text
        var trailing = 0
        while body.hasSuffix("\n") {
            body.removeLast()
            trailing += 1
        }
        let chomping = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        let pad = String(repeating: " ", count: indent)
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
        lines += Array(repeating: "", count: max(0, trailing - 1))
        return " |" + chomping + "\n" + lines.joined(separator: "\n")
    }

    /// Whether a literal block scalar reproduces `text` exactly: printable characters, tabs and
    /// line feeds only, a first line not starting with a space or tab, no line of only spaces
    /// or tabs, and not empty.
    static func canBeLiteralBlock(_ text: String) -> Bool {
        guard !text.isEmpty, text.contains(where: { !$0.isNewline }) else { return false }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: continue
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0xFEFF, 0x2028, 0x2029: return false
            default: continue
            }
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if number == 0, line.first == " " || line.first == "\t" { return false }
            if !line.isEmpty, line.allSatisfy({ $0 == " " || $0 == "\t" }) { return false }
        }
        // Leading blank lines would be read as indentation of the first content line.
        return !text.hasPrefix("\n")
    }
}
