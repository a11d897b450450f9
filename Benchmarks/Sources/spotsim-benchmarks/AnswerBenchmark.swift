import Foundation

/// Time to answer: the whole command line, `spotsim run SCENARIO` with its default threads and
/// its table on standard output (sent to /dev/null), as a child process — start-up, parsing,
/// the runs, the summaries and the report. Wall time, best of K, and the peak resident set.
struct AnswerBenchmark {
    struct Result {
        var scenario: String
        var command: String
        var threads = "default (all cores)"
        var samples = Samples()
        var peakRSSKiB = 0

        var json: JSON {
            .object([
                ("scenario", .string(scenario)),
                ("command", .string(command)),
                ("threads", .string(threads)),
                ("time", samples.json),
                ("peak_rss", .measurement(Double(peakRSSKiB) / 1024, "MiB", decimals: 1)),
            ])
        }
    }

    var spotsim: String
    var scenarioPath: String
    var scenarioName: String
    var replications: Int?
    var dataDirectory: String?
    var extraArguments: [String]
    var repeats: Int
    var temporary: TemporaryDirectory

    var command: ChildProcess {
        var arguments = ["run", scenarioPath]
        if let replications { arguments += ["--replications", String(replications)] }
        if let dataDirectory { arguments += ["--data-dir", dataDirectory] }
        return ChildProcess(executable: spotsim, arguments: arguments + extraArguments)
    }

    func run() throws -> Result {
        let command = self.command
        var result = Result(scenario: scenarioName, command: command.commandLine + " >/dev/null")
        if extraArguments.contains("--threads") { result.threads = "as --spotsim-args says" }
        for attempt in 1...repeats {
            let outcome = try command.runChecked(in: temporary)
            result.samples.append((outcome.wallSeconds, outcome.userSeconds + outcome.systemSeconds))
            result.peakRSSKiB = Swift.max(result.peakRSSKiB, outcome.peakRSSKiB)
            progress("answer \(scenarioName): repeat \(attempt)/\(repeats): \(Format.fixed(outcome.wallSeconds, 3)) s")
        }
        return result
    }
}
