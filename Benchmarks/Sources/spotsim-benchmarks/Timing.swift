import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// Wall-clock seconds `body` takes.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds (user + system) this process has used so far, on every thread.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// Wall-clock seconds `body` takes and the CPU seconds this process used meanwhile.
func timed(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpu = processCPUSeconds()
    let wall = try seconds(body)
    return (wall, processCPUSeconds() - cpu)
}

/// The times of K repeats of one measurement.
struct Samples {
    var seconds: [Double] = []
    /// CPU seconds of the process during each repeat.
    var cpuSeconds: [Double] = []

    /// The fastest repeat's CPU time over its wall time: the cores it had. About 1 for one
    /// thread and T for T threads on an otherwise idle machine; less when other work took
    /// cores away (the process was waiting to run).
    var coresUsed: Double {
        guard let index = seconds.indices.min(by: { seconds[$0] < seconds[$1] }), index < cpuSeconds.count else { return .nan }
        return cpuSeconds[index] / seconds[index]
    }

    /// The fastest repeat: the least disturbed by other work on the machine.
    var best: Double { seconds.min() ?? .nan }

    var median: Double {
        guard !seconds.isEmpty else { return .nan }
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    mutating func append(_ value: Double) { seconds.append(value) }

    mutating func append(_ value: (wall: Double, cpu: Double)) {
        seconds.append(value.wall)
        cpuSeconds.append(value.cpu)
    }

    /// `{"best": …, "median": …, "samples": […], "unit": "s"}`.
    var json: JSON {
        .object([
            ("best", .number(best, decimals: 6)),
            ("median", .number(median, decimals: 6)),
            ("samples", JSON.seconds(seconds)),
            ("unit", .string("s")),
            ("cpu_seconds", JSON.seconds(cpuSeconds)),
            ("cores_used_in_best", cpuSeconds.isEmpty ? .null : .number(coresUsed, decimals: 3)),
        ])
    }
}

/// Progress lines on standard error (the table goes to standard output).
func progress(_ message: String) {
    FileHandle.standardError.write(Data("spotsim-benchmarks: \(message)\n".utf8))
}
