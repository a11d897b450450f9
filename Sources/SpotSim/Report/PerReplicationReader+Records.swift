import Foundation

extension PerReplicationReader {
    /// The records of a file, read a chunk at a time: lines, or CSV records (a quoted field
    /// may hold a line break), each with the line it starts on.
    ///
    /// ```swift
    /// var records = try Records(path: "reps.csv", csv: true)
    /// while let record = try records.next() { print(record.line, record.bytes.count) }
    /// ```
    ///
    /// A trailing `\r` (CRLF files) is dropped; blank records are skipped.
    ///
    /// - Complexity: O(n) in the bytes read; memory for one chunk (1 MiB) and one record.
    struct Records {
        private let handle: FileHandle
        private let csv: Bool
        private var buffer: [UInt8] = []
        private var position = 0
        private var atEnd = false
        /// The line the next byte is on, from 1.
        private var line = 1
        /// The last line seen: where the file ends.
        private(set) var lastLine = 0

        /// Opens `path`; `problem` says why it cannot be read (`no such file`, `a directory`).
        init(path: String, csv: Bool) throws(InputFile.Problem) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputFile.Problem(reason: "no such file")
            }
            guard !isDirectory.boolValue else { throw InputFile.Problem(reason: "a directory") }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw InputFile.Problem(reason: "a file that cannot be opened")
            }
            self.handle = handle
            self.csv = csv
        }

        /// The next non-blank record and the line it starts on; `nil` at the end of the file.
        mutating func next() throws(InputFile.Problem) -> (line: Int, bytes: ArraySlice<UInt8>)? {
            while true {
                var quoted = false
                var index = position
                let start = line
                var lines = 0
                while true {
                    if index == buffer.count {
                        if atEnd { break }
                        try refill(keepingFrom: &index)
                        continue
                    }
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") && csv { quoted.toggle() }
                    if byte == UInt8(ascii: "\n") {
                        if !quoted { break }
                        lines += 1
                    }
                    index += 1
                }
                if index == buffer.count && position == index { return nil }
                var record = buffer[position..<index]
                position = Swift.min(index + 1, buffer.count)
                line = start + lines + 1
                lastLine = start + lines
                if record.last == UInt8(ascii: "\r") { record = record.dropLast() }
                if record.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
                return (start, record)
            }
        }

        /// Drops the bytes before `position` and appends the next chunk, moving `index` along.
        private mutating func refill(keepingFrom index: inout Int) throws(InputFile.Problem) {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw InputFile.Problem(reason: "a read error (\(error.localizedDescription))")
            }
            buffer.removeSubrange(0..<position)
            index -= position
            position = 0
            if let chunk, !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                atEnd = true
            }
        }
    }

    /// The fields of one CSV record (RFC 4180: a field in double quotes may hold commas,
    /// line breaks and `""` for a quote); `nil` when a quoted field is not closed or is
    /// followed by more than a comma.
    ///
    /// ```swift
    /// PerReplicationReader.csvFields(Array("a,\"b,c\",".utf8)[...])   // ["a", "b,c", ""]
    /// ```
    ///
    /// - Complexity: O(n) in the record's length.
    static func csvFields(_ bytes: ArraySlice<UInt8>) -> [String]? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var fields: [String] = []
        var index = bytes.startIndex
        while true {
            var field: [UInt8] = []
            if index < bytes.endIndex, bytes[index] == quote {
                index += 1
                while true {
                    guard index < bytes.endIndex else { return nil }
                    if bytes[index] == quote {
                        if index + 1 < bytes.endIndex, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                guard index == bytes.endIndex || bytes[index] == comma else { return nil }
            } else {
                while index < bytes.endIndex, bytes[index] != comma {
                    field.append(bytes[index])
                    index += 1
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            if index == bytes.endIndex { return fields }
            index += 1   // the comma
        }
    }
}
