import ArgumentParser
import Foundation
import SpotSim

/// The benchmarks `--only` can select.
enum Benchmark: String, CaseIterable {
    case kernel, scaling, memory, answer
}

@main
struct SpotsimBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spotsim-benchmarks",
        abstract: "Measure spotsim on named scenarios; print a table and write results.json.",
        discussion: """
            Runs, by default, every benchmark:
              kernel   Replicator on one thread: events/s, replications/s and heap
                       allocations (daly-check, multicloud-h100, multipool)
              scaling  ExperimentRunner with 1 thread, 2 threads and all cores:
                       replications/s and the speed-up (the same scenarios)
              memory   peak RSS of `spotsim run scenarios/daly-check.yaml` at 10^4,
                       10^5 and 10^6 replications (child processes)
              answer   wall time of `spotsim run scenarios/multicloud-h100.yaml`
                       (child process)
            The table goes to standard output, progress to standard error. Exit
            status 1 when a benchmark failed (the others are still reported).
            See Benchmarks/README.md.
            """
    )

    @Argument(help: ArgumentHelp(
        "Scenario files for the kernel and scaling benchmarks (default: daly-check, multicloud-h100 and multipool at fixed sizes).",
        valueName: "scenario"))
    var scenarios: [String] = []

    @Flag(help: "Smaller sizes and one repeat: a smoke test of a few seconds (writes results-quick.json unless --json).")
    var quick = false

    @Option(name: .customLong("repeat"), help: ArgumentHelp("Repeats of each timed measurement; the best counts (default 3, 1 with --quick).", valueName: "K"))
    var repeats: Int?

    @Option(help: ArgumentHelp("Run only these benchmarks: \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name[,name…]"))
    var only: String?

    @Option(help: ArgumentHelp("The spotsim tool for memory and answer (default: the one built beside this benchmark, else ../.build/release/spotsim).", valueName: "path"))
    var spotsim: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where scenarios' replayed traces are (default: $SPOTSIM_DATA); passed to spotsim too.", valueName: "dir"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp("Where to write the results (default: Benchmarks/results.json; results-quick.json with --quick).", valueName: "path"))
    var json: String?

    @Option(help: ArgumentHelp("Replications of the kernel and scaling scenarios, instead of their fixed sizes.", valueName: "n"))
    var replications: Int?

    @Option(help: ArgumentHelp("Also run the scaling benchmark with this many threads (repeatable).", valueName: "t"))
    var threads: [Int] = []

    @Option(name: .customLong("memory-replications"), help: ArgumentHelp(
        "Replication counts of the memory benchmark (default 10000,100000,1000000; 100,1000,10000 with --quick).",
        valueName: "n,n…"))
    var memoryReplications: String?

    @Option(name: .customLong("spotsim-args"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Extra arguments for every `spotsim run` of memory and answer, split at spaces (e.g. --spotsim-args '--threads 1').",
        valueName: "args"))
    var spotsimArgs: [String] = []

    func validate() throws {
        if let repeats, repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1") }
        if threads.contains(where: { $0 < 1 }) { throw ValidationError("--threads must be at least 1") }
        _ = try selectedBenchmarks()
        _ = try memoryCounts()
    }

    func selectedBenchmarks() throws -> [Benchmark] {
        guard let only else { return Benchmark.allCases }
        let names = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var selected: [Benchmark] = []
        for name in names {
            guard let benchmark = Benchmark(rawValue: name) else {
                throw ValidationError("--only: unknown benchmark '\(name)'; expected \(Benchmark.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            selected.append(benchmark)
        }
        return Benchmark.allCases.filter(selected.contains)
    }

    func memoryCounts() throws -> [Int] {
        guard let memoryReplications else { return quick ? [100, 1_000, 10_000] : [10_000, 100_000, 1_000_000] }
        let counts = memoryReplications.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--memory-replications: expected positive integers separated by commas, found '\(memoryReplications)'")
        }
        return counts.compactMap { $0 }.sorted()
    }

    func run() throws {
        let benchmarks = try selectedBenchmarks()
        let repeats = self.repeats ?? (quick ? 1 : 3)
        let paths = Paths()
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }

        var report = Report(
            command: (["spotsim-benchmarks"] + CommandLine.arguments.dropFirst()).map(ChildProcess.shellQuoted).joined(separator: " "),
            quick: quick, repeats: repeats, benchmarks: benchmarks,
            machine: MachineFacts.collect(repositoryRoot: paths.repository, temporary: temporary)
        )
        progress("\(report.machine.summary); load average \(MachineFacts.formatLoad(report.machine.loadAverageAtStart))")

        // Kernel and scaling: in process, on the same workloads.
        if benchmarks.contains(.kernel) || benchmarks.contains(.scaling) {
            for workload in loadWorkloads(paths, failures: &report.failures, benchmark: benchmarks[0]) {
                var events: Int? = nil
                if benchmarks.contains(.kernel) {
                    do {
                        let result = try KernelBenchmark(repeats: repeats).run(workload)
                        report.kernel.append(result)
                        events = result.events
                    } catch {
                        report.failures.append((.kernel, "\(workload.name): \(error)"))
                    }
                }
                if benchmarks.contains(.scaling) {
                    do {
                        report.scaling.append(try ScalingBenchmark(repeats: repeats, threadCounts: threadCounts()).run(workload, events: events))
                    } catch {
                        report.failures.append((.scaling, "\(workload.name): \(error)"))
                    }
                }
            }
        }

        // Memory and time to answer: the spotsim tool as a child process.
        if benchmarks.contains(.memory) || benchmarks.contains(.answer) {
            do {
                let binary = try findSpotsim(paths, temporary: temporary)
                report.spotsim = binary
                if binary.version != binary.expectedVersion {
                    progress("warning: \(binary.shownPath) says '\(binary.version ?? "nothing")', this benchmark is \(binary.expectedVersion)")
                }
                let extra = spotsimArgs.flatMap { $0.split(separator: " ").map(String.init) }
                if benchmarks.contains(.memory) {
                    do {
                        let daly = paths.repository + "/scenarios/daly-check.yaml"
                        let workload = try Workload(path: daly, file: "scenarios/daly-check.yaml", replications: nil, dataDirectory: dataDirectory)
                        let counts = try memoryCounts()
                        // The target, in summary mode; then exact statistics at the two smallest
                        // counts, for the growth per replication they cost.
                        for (statistics, modeCounts) in [("streaming", counts), ("exact", Array(counts.prefix(2)))] {
                            let benchmark = MemoryBenchmark(
                                spotsim: binary.path, statistics: statistics, scenarioPath: daly, scenarioName: workload.name,
                                cells: workload.cellCount, counts: modeCounts, dataDirectory: dataDirectory,
                                extraArguments: extra, temporary: temporary
                            )
                            var result = try benchmark.run()
                            result.command = paths.shown(result.command).replacingOccurrences(of: temporary.path + "/", with: "TMP/")
                            if statistics == "streaming" { report.memory = result } else { report.memoryExact = result }
                        }
                    } catch {
                        report.failures.append((.memory, "\(error)"))
                    }
                }
                if benchmarks.contains(.answer) {
                    do {
                        let benchmark = AnswerBenchmark(
                            spotsim: binary.path, scenarioPath: paths.repository + "/scenarios/multicloud-h100.yaml",
                            scenarioName: "multicloud-h100", replications: quick ? 40 : nil, dataDirectory: dataDirectory,
                            extraArguments: extra, repeats: repeats, temporary: temporary
                        )
                        var result = try benchmark.run()
                        result.command = paths.shown(result.command)
                        report.answer = result
                    } catch {
                        report.failures.append((.answer, "\(error)"))
                    }
                }
            } catch {
                for benchmark in benchmarks where benchmark == .memory || benchmark == .answer {
                    report.failures.append((benchmark, "\(error)"))
                }
            }
        }

        report.machine.loadAverageAtEnd = MachineFacts.loadAverage()
        let output = json ?? paths.benchmarks + (quick ? "/results-quick.json" : "/results.json")
        do {
            try Data(report.json.rendered().utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            progress("wrote \(output)")
        } catch {
            report.failures.append((benchmarks[0], "cannot write \(output): \(error)"))
        }
        print(report.table, terminator: "")
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    /// 1, 2, all cores and --threads, ascending, each once.
    func threadCounts() -> [Int] {
        Array(Set([1, 2, ProcessInfo.processInfo.activeProcessorCount] + threads)).sorted()
    }

    func loadWorkloads(_ paths: Paths, failures: inout [(benchmark: Benchmark, message: String)], benchmark: Benchmark) -> [Workload] {
        let wanted: [(path: String, file: String, replications: Int?)] = scenarios.isEmpty
            ? Workload.defaults.map { (paths.repository + "/" + $0.path, $0.path, replications ?? (quick ? $0.quickReplications : $0.replications)) }
            : scenarios.map { ($0, $0, replications) }
        var workloads: [Workload] = []
        for entry in wanted {
            do {
                workloads.append(try Workload(path: entry.path, file: entry.file, replications: entry.replications, dataDirectory: dataDirectory))
            } catch {
                failures.append((benchmark, "\(error)"))
            }
        }
        return workloads
    }

    /// --spotsim; else the spotsim SwiftPM built beside this executable (the package depends
    /// on it, so it comes from the same sources); else the main package's release build.
    func findSpotsim(_ paths: Paths, temporary: TemporaryDirectory) throws -> SpotsimBinary {
        var candidates: [String] = []
        if let spotsim {
            candidates = [spotsim]
        } else {
            if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                candidates.append(URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("spotsim").path)
            }
            candidates.append(paths.repository + "/.build/release/spotsim")
        }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ChildProcess.Failure(description: "no spotsim tool at \(candidates.joined(separator: " or ")): build it (swift build -c release --product spotsim) or give --spotsim PATH")
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return SpotsimBinary(
            path: absolute, shownPath: paths.shown(absolute),
            version: ChildProcess(executable: absolute, arguments: ["--version"]).output(in: temporary),
            expectedVersion: "spotsim \(SpotSimVersion.current)"
        )
    }
}

/// Where the repository and this package are: found from this file's path at build time, else
/// the current directory (which `swift run` sets to Benchmarks/).
struct Paths {
    var benchmarks: String
    var repository: String

    init() {
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: built.appendingPathComponent("Package.swift").path) {
            benchmarks = built.path
        } else {
            benchmarks = FileManager.default.currentDirectoryPath
        }
        repository = URL(fileURLWithPath: benchmarks).deletingLastPathComponent().path
    }

    /// `text` with the repository's absolute path taken out.
    func shown(_ text: String) -> String {
        text.replacingOccurrences(of: repository + "/", with: "")
    }
}
