import Foundation
import SpotSim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the figures were measured on and with: enough to compare results.json files.
struct MachineFacts {
    var date: String
    var architecture: String
    var operatingSystem: String
    var cpuModel: String
    var logicalCores: Int
    var memoryBytes: UInt64
    var swiftVersion: String
    var spotsimVersion: String
    var gitCommit: String?
    /// Files under Sources/ and Package.swift changed since that commit (what was measured
    /// was not exactly the commit).
    var gitChangedSourceFiles: Int?
    var loadAverageAtStart: [Double]
    var loadAverageAtEnd: [Double] = []

    static func collect(repositoryRoot: String, temporary: TemporaryDirectory) -> MachineFacts {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var names = utsname()
        uname(&names)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        let swift = ChildProcess(executable: "swift", arguments: ["--version"], searchPath: true).output(in: temporary)
        let commit = ChildProcess(executable: "git", arguments: ["-C", repositoryRoot, "rev-parse", "HEAD"], searchPath: true)
            .output(in: temporary)
        let changed = commit == nil ? nil : ChildProcess(
            executable: "git",
            arguments: ["-C", repositoryRoot, "status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift"],
            searchPath: true
        ).output(in: temporary).map { $0.split(separator: "\n").count }
        return MachineFacts(
            date: formatter.string(from: Date()),
            architecture: field(names.machine),
            operatingSystem: field(names.sysname) + " " + field(names.release),
            cpuModel: cpuModel() ?? "unknown",
            logicalCores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: ProcessInfo.processInfo.physicalMemory,
            swiftVersion: swift.flatMap { $0.split(separator: "\n").first.map(String.init) } ?? "unknown",
            spotsimVersion: SpotSimVersion.current,
            gitCommit: commit,
            gitChangedSourceFiles: changed,
            loadAverageAtStart: loadAverage()
        )
    }

    /// The first `model name` of /proc/cpuinfo.
    static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The 1-, 5- and 15-minute load averages (what `uptime` prints).
    static func loadAverage() -> [Double] {
        var loads = [Double](repeating: 0, count: 3)
        let count = loads.withUnsafeMutableBufferPointer { getloadavg($0.baseAddress!, 3) }
        return count == 3 ? loads : []
    }

    var json: JSON {
        .object([
            ("date", .string(date)),
            ("architecture", .string(architecture)),
            ("os", .string(operatingSystem)),
            ("cpu_model", .string(cpuModel)),
            ("logical_cores", .int(logicalCores)),
            ("memory", .measurement(Double(memoryBytes) / 1_073_741_824, "GiB", decimals: 1)),
            ("swift_version", .string(swiftVersion)),
            ("spotsim_version", .string(spotsimVersion)),
            ("git_commit", .optional(gitCommit)),
            ("git_changed_source_files", gitChangedSourceFiles.map(JSON.int) ?? .null),
            ("load_average_start", .array(loadAverageAtStart.map { .number($0, decimals: 2) })),
            ("load_average_end", .array(loadAverageAtEnd.map { .number($0, decimals: 2) })),
        ])
    }

    /// One line for the table's header.
    var summary: String {
        let commit = gitCommit.map { " (\($0.prefix(7))\(gitChangedSourceFiles.map { $0 > 0 ? " + \($0) changed source files" : "" } ?? ""))" } ?? ""
        return "\(date), \(architecture), \(cpuModel), \(logicalCores) cores, \(swiftVersion), spotsim \(spotsimVersion)\(commit)"
    }

    static func formatLoad(_ loads: [Double]) -> String {
        loads.isEmpty ? "unknown" : loads.map { Format.fixed($0, 2) }.joined(separator: " ")
    }
}
