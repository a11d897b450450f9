import Foundation

/// Reading the files a scenario or a command points at (price series, traces, lifetimes):
/// bounded, UTF-8, with one short reason when a file cannot be used, which each caller puts
/// into its own error message.
///
/// ```swift
/// switch InputFile.read(path, maximumBytes: 8 << 20) {
/// case .success(let text): …
/// case .failure(let problem): throw field.error(expected: "a readable CSV file", found: "'\(path)', \(problem.reason)")
/// }
/// ```
public enum InputFile {
    /// Why a file could not be read: `no such file`, `a directory`, `a file larger than 8 MiB`, …
    public struct Problem: Error, Sendable, Hashable {
        public var reason: String
    }

    /// The bytes of `path`, at most `maximumBytes` of them, checked to be UTF-8.
    ///
    /// - Complexity: O(n) in the file's size; reads at most `maximumBytes + 1` bytes, never the
    ///   whole of a huge or endless file.
    public static func readBytes(_ path: String, maximumBytes: Int) -> Result<[UInt8], Problem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Problem(reason: "no such file"))
        }
        guard !isDirectory.boolValue else { return .failure(Problem(reason: "a directory")) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(Problem(reason: "a file that cannot be opened"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            return .failure(Problem(reason: "a read error (\(error.localizedDescription))"))
        }
        guard data.count <= maximumBytes else {
            return .failure(Problem(reason: "a file larger than \(sizeText(maximumBytes))"))
        }
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(Problem(reason: "bytes that are not UTF-8"))
        }
        return .success(bytes)
    }

    /// The text of `path` (see ``readBytes(_:maximumBytes:)``).
    public static func readText(_ path: String, maximumBytes: Int) -> Result<String, Problem> {
        readBytes(path, maximumBytes: maximumBytes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `8 MiB` for whole mebibytes, else `N bytes`.
    static func sizeText(_ bytes: Int) -> String {
        bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB" : "\(bytes) bytes"
    }

    /// The comma-separated cells of `line`, trimmed of spaces and tabs, with the column (from
    /// 1, in Unicode scalars) of each cell's first character (of where it would be, for an
    /// empty cell): the CSV rows of price series and lifetimes.
    ///
    /// ```swift
    /// InputFile.csvCells("0s, 0.97".unicodeScalars[...])   // [("0s", 1), ("0.97", 5)]
    /// ```
    public static func csvCells(_ line: Substring.UnicodeScalarView) -> [(text: String, column: Int)] {
        var cells: [(text: String, column: Int)] = []
        var current = String.UnicodeScalarView()
        var column = 1
        var start: Int?
        var cellStart = 1
        func finish() {
            var text = String(current)
            while text.last == " " || text.last == "\t" { text.removeLast() }
            cells.append((text, start ?? cellStart))
            current = String.UnicodeScalarView()
            start = nil
        }
        for scalar in line {
            if scalar == "," {
                finish()
                cellStart = column + 1
            } else if current.isEmpty, scalar == " " || scalar == "\t" {
                // leading blank
            } else {
                if start == nil { start = column }
                current.append(scalar)
            }
            column += 1
        }
        finish()
        return cells
    }
}
