import ArgumentParser
import Foundation
import SpotSim

extension CheckMode: ExpressibleByArgument {}

/// `spotsim check`: reruns a scenario and fails when a policy's outcome regressed against a
/// committed baseline report.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rerun a scenario and compare it with a baseline report; exit 1 when a policy's outcome regressed.",
        discussion: """
            The baseline is the JSON report of an earlier run of the same scenario \
            (`spotsim run SCENARIO --format json --output baseline.json`), typically committed \
            next to it. `check` runs the scenario again (with the same options as `run`), \
            matches results by job, policy, checkpoint interval and sweep values, and \
            compares them. Give it the --seed and --replications you gave `run`, if any. \
            A baseline made with --statistics streaming says so in its JSON, and check \
            reruns with streaming statistics too (it says so on standard error).

            Modes (--mode):
              auto         the default: exact when the baseline was made by the same
                           spotsim version with the same seed and replications as
                           this run, else statistical.
              exact        every number of every result must be identical (each
                           metric's mean, sd, ci95 and quantiles, and the settings);
                           a result missing or added fails.
              statistical  a metric regresses when its mean got worse by more than
                           tolerance + noise, the noise being sqrt(hb² + hc²) with
                           hb and hc the half-widths of the two runs' intervals (0
                           when ci95 is null), each widened so that all the checks
                           together raise a false alarm (a regression when only the
                           random numbers changed) with probability
                           --false-alarm-rate (default 0.05; Bonferroni). A change
                           as large the other way is listed as an improvement. A
                           result missing from this run fails; a new one is listed.

            Lower is better for costs (cost_usd, spot_usd, on_demand_usd, storage_usd, \
            egress_usd, over_optimum_usd), times (completion_hours, lost_gpu_hours, \
            checkpoint_hours, restart_hours, wait_hours, extra_completion_hours), \
            preemptions and migrations; higher is better for goodput, deadline_met, \
            slack_hours, savings_usd and savings_fraction.

            Tolerances (statistical mode, default 0):
              --tolerance 5%            5% of the baseline's mean, for every metric
              --tolerance 0.5           0.5 in each metric's unit
              --tolerance cost_usd=2%   for one metric (overrides the global one)
            A tolerance is the change you accept even when it is real (a model update that \
            costs 1% more); the noise term already allows for the randomness of both runs.

            With GITHUB_ACTIONS=true (GitHub Actions sets it), also prints one ::error \
            annotation per regression and a ::notice with the summary line.

            Examples:
              spotsim run my.yaml --format json --output ci/my.json
              spotsim check my.yaml --baseline ci/my.json
              spotsim check my.yaml --baseline ci/my.json --seed 2
              spotsim check my.yaml --baseline ci/my.json --metric cost_usd \\
                  --tolerance cost_usd=2% --junit check.xml

            Exit status: 0 no regression, 1 a regression (in exact mode any difference; \
            a missing result), 64 a usage or scenario error (an unreadable baseline, a \
            baseline of another scenario).
            """
    )

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: ArgumentHelp("The baseline: a report of `spotsim run SCENARIO --format json`.", valueName: "file"))
    var baseline: String

    @Option(name: .long, help: ArgumentHelp("auto (default), exact or statistical.", valueName: "mode"))
    var mode: CheckMode = .auto

    @Option(name: .long, help: ArgumentHelp(
        "Statistical mode: allowed worsening beyond the noise, 5% (of the baseline mean) or 0.5 (absolute); NAME=VALUE for one metric. Repeatable.",
        valueName: "tolerance"
    ))
    var tolerance: [String] = []

    @Option(name: .customLong("false-alarm-rate"), help: ArgumentHelp(
        "Statistical mode: the chance that any check fails when only the random numbers changed (default 0.05).",
        valueName: "p"
    ))
    var falseAlarmRate: Double = 0.05

    @Option(name: .long, help: ArgumentHelp("Check only this metric (cost_usd, goodput, savings_usd, …). Repeatable.", valueName: "name"))
    var metric: [String] = []

    @Option(name: .long, help: ArgumentHelp("Also write the verdict as a JUnit XML report to this file, atomically.", valueName: "file"))
    var junit: String?

    func validate() throws {
        do throws(CheckUsageError) {
            _ = try ToleranceSet(parsing: tolerance)
        } catch {
            throw ValidationError(error.message)
        }
        for name in metric where MetricDirection.of(name) == nil {
            throw ValidationError("--metric \(name): not a metric; metrics: \(MetricDirection.knownMetrics.joined(separator: ", "))")
        }
        guard falseAlarmRate > 0, falseAlarmRate < 1 else {
            throw ValidationError("--false-alarm-rate must be between 0 and 1 (exclusive), found \(falseAlarmRate)")
        }
        if mode == .exact, !tolerance.isEmpty {
            throw ValidationError("--tolerance applies to the statistical mode; --mode exact allows no difference at all")
        }
    }

    func run() throws {
        let baselineReport: ParsedReport
        let check: RegressionCheck
        do {
            baselineReport = try ReportReader.read(path: baseline)
        } catch {
            standardError("\(error)\n")  // file: error: field: expected …, found …
            throw ExitCode(64)
        }
        do throws(CheckUsageError) {
            check = RegressionCheck(
                mode: mode, tolerances: try ToleranceSet(parsing: tolerance), metrics: metric, falseAlarmRate: falseAlarmRate
            )
            try check.validate(against: baselineReport)
        } catch {
            throw usageError("\(error)")
        }
        let scenario = try options.scenario()
        guard scenario.name == baselineReport.scenario else {
            throw usageError("the baseline \(baseline) is of scenario '\(baselineReport.scenario)', \(options.scenarioPath ?? "the embedded quickstart") is scenario '\(scenario.name)'; compare a scenario with its own baseline")
        }
        let statistics = baselineReport.statistics
        if statistics == .streaming {
            standardError("spotsim check: \(baseline) was made with --statistics streaming; rerunning with streaming statistics\n")
        }
        let result = try runExperiment(scenario, threads: options.threadCount, statistics: statistics)
        let verdict: CheckVerdict
        do {
            let current = try ReportReader.parse(JSONReport.render(result), file: "(this run)")
            verdict = try check.compare(baseline: baselineReport, current: current)
        } catch {
            throw usageError("\(error)")
        }

        var text = CheckTextReport.render(verdict)
        if GitHubAnnotations.isActive(in: ProcessInfo.processInfo.environment) {
            text += GitHubAnnotations.render(verdict)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if let junit {
            try write(Data(CheckJUnitReport.render(verdict).utf8), to: junit)
        }
        if !verdict.passed {
            throw ExitCode(1)
        }
    }
}
