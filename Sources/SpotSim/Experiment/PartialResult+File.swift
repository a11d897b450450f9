import Foundation

/// A scenario source's identity in shard files: FNV-1a (64 bits) of the file's bytes, in hex.
///
/// Merge refuses shards whose fingerprints differ: they were run from different scenario
/// files (a changed comment counts; the data in trace files does not).
public enum ScenarioFingerprint {
    /// The fingerprint of `bytes`.
    ///
    /// ```swift
    /// ScenarioFingerprint.of(Array("name: x\n".utf8))   // "fnv1a64:…", 16 hex digits
    /// ```
    /// - Complexity: O(bytes).
    public static func of(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension PartialResult {
    /// The first line of every shard file.
    public static let magic = "spotsim-partial-result 1"

    /// The header line of a shard file: everything but the values.
    struct Header: Codable {
        var spotsimVersion: String
        var fingerprint: String
        var shard: Shard?
        var units: UnitSet
        var valueCount: Int
        var layout: ResultLayout
    }

    /// The file's bytes: ``magic``, a line of JSON (version, fingerprint, shard, units, value
    /// count, layout), then the values as little-endian IEEE 754 doubles — exact, and the same
    /// bytes for the same part.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let header = Header(
            spotsimVersion: version, fingerprint: fingerprint, shard: shard, units: units,
            valueCount: values.count, layout: layout
        )
        var data = Data((Self.magic + "\n").utf8)
        data.append((try? encoder.encode(header)) ?? Data())
        data.append(0x0A)
        data.reserveCapacity(data.count + values.count * 8)
        values.withUnsafeBufferPointer { buffer in
            for value in buffer {
                var bits = value.bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Reads a shard file's bytes; `file` names it in errors.
    ///
    /// - Throws: `ExperimentError` naming the file and what is wrong with it.
    public init(decoding data: Data, file: String) throws(ExperimentError) {
        func bad(_ problem: String) -> ExperimentError {
            ExperimentError(message: "\(file): not a spotsim shard file: \(problem)")
        }
        let bytes = [UInt8](data)
        guard let first = bytes.firstIndex(of: 0x0A), String(decoding: bytes[..<first], as: UTF8.self) == Self.magic else {
            throw bad("it does not start with '\(Self.magic)'")
        }
        guard let second = bytes[(first + 1)...].firstIndex(of: 0x0A) else { throw bad("its header line is cut short") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: Data(bytes[(first + 1)..<second]))
        } catch {
            throw bad("its header is not valid (\(error))")
        }
        let layout = header.layout
        guard layout.replications >= 1, !layout.points.isEmpty,
              header.shard.map({ $0.count >= 1 && (0..<$0.count).contains($0.index) }) ?? true,
              layout.points.allSatisfy({ !$0.cells.isEmpty && $0.metrics.contains(.costUSD) && $0.metrics.contains(.completionHours) }),
              header.units.ranges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= layout.unitCount }),
              PartialResult.valueCount(of: header.units, in: layout) == header.valueCount else {
            throw bad("its header does not describe its values")
        }
        let body = bytes.count - second - 1
        guard body == header.valueCount * 8 else {
            throw bad("it holds \(body) bytes of values, \(header.valueCount * 8) expected (a truncated or damaged file)")
        }
        var values = [Double](repeating: 0, count: header.valueCount)
        bytes.withUnsafeBytes { raw in
            for index in values.indices {
                let bits = raw.loadUnaligned(fromByteOffset: second + 1 + index * 8, as: UInt64.self)
                values[index] = Double(bitPattern: UInt64(littleEndian: bits))
            }
        }
        self.init(layout: layout, fingerprint: header.fingerprint, shard: header.shard, units: header.units, values: values)
        version = header.spotsimVersion
    }
}
