import Foundation

extension SharedData {
    /// The path of `relativePath` inside the shared folder, e.g.
    /// `data/traces/bamboo/p3-trace.csv`; throws ``SharedDataMissing`` when there is no such file.
    static func path(_ relativePath: String) throws -> String {
        let path = directory.appendingPathComponent(relativePath).path
        guard FileManager.default.fileExists(atPath: path) else { throw SharedDataMissing(path: path) }
        return path
    }
}
