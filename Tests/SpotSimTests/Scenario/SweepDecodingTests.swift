import Foundation
import Stochastics
import SpotSimTestSupport
import Testing
@testable import SpotSim

/// The top-level `sweep:` key: paths, list and range values, the grid, the refusals, errors
/// inside points, and trace files read once per decode.
@Suite struct SweepDecodingTests {
    typealias F = ScenarioFixtures

    /// The example scenario (27 lines) with a `sweep:` block of `parameters` appended:
    /// `sweep:` on line 28, the first parameter on line 29, the second on line 30.
    static func yaml(_ parameters: String...) -> String {
        F.dalyCheck + "sweep:\n" + parameters.map { "  \($0)\n" }.joined()
    }

    static func decode(_ yaml: String) throws -> Scenario {
        try ScenarioDecoder.decode(yaml: yaml, file: "ok.yaml")
    }

    /// The sweep of `yaml`, which must have one.
    static func sweep(_ yaml: String) throws -> Sweep {
        try #require(try decode(yaml).sweep)
    }

    /// The values the one parameter of the sweep `parameter` takes.
    static func values(_ parameter: String) throws -> [String] {
        let sweep = try sweep(yaml(parameter))
        return try #require(sweep.parameters.first).values
    }

    // MARK: - Values

    /// Rule: a list's elements are the values, in order; each point is the file with that
    /// element written in, and the scenario returned is the file with its own values.
    @Test func listValues() throws {
        let scenario = try Self.decode(Self.yaml("jobs.train.nodes: [1, 2, 4]"))
        let sweep = try #require(scenario.sweep)
        #expect(sweep.parameters == [Sweep.Parameter(path: "jobs.train.nodes", values: ["1", "2", "4"])])
        #expect(sweep.points.map(\.values) == [["1"], ["2"], ["4"]])
        #expect(sweep.points.map(\.scenario.jobs[0].nodes) == [1, 2, 4])
        #expect(sweep.points.allSatisfy { $0.scenario.sweep == nil })
        #expect(scenario.jobs[0].nodes == 1)
        #expect(scenario.jobs[0].checkpoint.intervals.count == 4)
    }

    /// Rule: a list element may be a list or a mapping, substituted whole; its value text is a
    /// compact flow rendering.
    @Test func collectionValues() throws {
        let sweep = try Self.sweep(Self.yaml(
            "pools.spot-a.spot.lifetime: [{ distribution: exponential, mean: 1h }, { distribution: weibull, shape: 0.63, scale: 1.35h }]",
            "jobs.train.checkpoint.interval: [[15m, 30m], 1h]"
        ))
        #expect(sweep.parameters[0].values == [
            "{ distribution: exponential, mean: 1h }", "{ distribution: weibull, shape: 0.63, scale: 1.35h }",
        ])
        #expect(sweep.parameters[1].values == ["[15m, 30m]", "1h"])
        #expect(sweep.points[0].scenario.pools[0].spot?.lifetime == .exponential(mean: 3600))
        #expect(sweep.points[0].scenario.jobs[0].checkpoint.intervals == [.seconds(900), .seconds(1800)])
        #expect(sweep.points[1].scenario.jobs[0].checkpoint.intervals == [.seconds(3600)])
        #expect(sweep.points[2].scenario.pools[0].spot?.lifetime?.mean ?? 0 > 3600)
    }

    /// Rule: a linear range with `step` runs from `from` by `step` up to `to`, keeping the
    /// unit as written and printing the shortest decimal (no `.0`, no binary noise).
    @Test func linearStep() throws {
        #expect(try Self.values("pools.spot-a.spot.lifetime.mean: { from: 0.5h, to: 1.5h, step: 0.25h }")
            == ["0.5h", "0.75h", "1h", "1.25h", "1.5h"])
        #expect(try Self.values("jobs.train.nodes: { from: 1, to: 10, step: 3 }") == ["1", "4", "7", "10"])
        #expect(try Self.values("jobs.train.nodes: { from: 1, to: 9, step: 3 }") == ["1", "4", "7"])
        let steps = try Self.sweep(Self.yaml("jobs.train.step_time: [1s]", "jobs.train.work: { from: 1000 steps, to: 3000 steps, step: 1000 steps }"))
        #expect(steps.parameters[1].values == ["1000 steps", "2000 steps", "3000 steps"])
        #expect(steps.points.map(\.scenario.jobs[0].work) == [.steps(1000), .steps(2000), .steps(3000)])
    }

    /// Rule: a fractional step that divides the range up to rounding keeps the end point, and
    /// 0.1 · 3 is written 0.3.
    @Test func fractionalStepHitsTheEnd() throws {
        let values = try Self.values("pools.spot-a.spot.price: { from: 0/h, to: 1/h, step: 0.1/h }")
        #expect(values == (0...10).map { $0 == 0 ? "0/h" : $0 == 10 ? "1/h" : "0.\($0)/h" })
        let sweep = try Self.sweep(Self.yaml("pools.spot-a.spot.price: { from: 0/h, to: 1/h, step: 0.1/h }"))
        #expect(sweep.points[3].scenario.pools[0].spot?.price == 0.3)
        #expect(try Self.values("pools.spot-a.spot.price: { from: 0.7/h, to: 1/h, step: 0.1/h }") == ["0.7/h", "0.8/h", "0.9/h", "1/h"])
    }

    /// Rule: `count` gives that many evenly spaced values from `from` to `to`; 1 gives `from`.
    @Test func linearCount() throws {
        #expect(try Self.values("pools.spot-a.spot.lifetime.mean: { from: 1h, to: 2h, count: 5 }")
            == ["1h", "1.25h", "1.5h", "1.75h", "2h"])
        #expect(try Self.values("pools.spot-a.spot.lifetime.mean: { from: 1h, to: 2h, count: 1 }") == ["1h"])
        #expect(try Self.values("pools.spot-a.spot.lifetime.mean: { from: 1h, to: 2h, count: 3, scale: linear }")
            == ["1h", "1.5h", "2h"])
    }

    /// Rule: `scale: log` spaces values evenly in logarithm; with `step`, step is a factor.
    @Test func logScale() throws {
        #expect(try Self.values("jobs.train.nodes: { from: 1, to: 64, count: 7, scale: log }")
            == ["1", "2", "4", "8", "16", "32", "64"])
        #expect(try Self.values("jobs.train.nodes: { from: 1, to: 1000, step: 10, scale: log }") == ["1", "10", "100", "1000"])
        #expect(try Self.values("pools.spot-a.spot.lifetime.mean: { from: 1h, to: 8h, step: 2, scale: log }")
            == ["1h", "2h", "4h", "8h"])
        let sweep = try Self.sweep(Self.yaml("jobs.train.nodes: { from: 1, to: 64, count: 7, scale: log }"))
        #expect(sweep.points.map(\.scenario.jobs[0].nodes) == [1, 2, 4, 8, 16, 32, 64])
    }

    /// Rule: numbers print to 12 significant digits in the shortest form that reads back.
    @Test func numberFormatting() {
        #expect(ScenarioDecoder.formatSweepNumber(2) == "2")
        #expect(ScenarioDecoder.formatSweepNumber(0.1 + 0.2) == "0.3")
        #expect(ScenarioDecoder.formatSweepNumber(1.0 / 3) == "0.333333333333")
        #expect(ScenarioDecoder.formatSweepNumber(-0.0) == "0")
        #expect(ScenarioDecoder.formatSweepNumber(1e-9 * 3) == "3e-09")
        let parsed = ScenarioDecoder.parseSweepNumber("500 steps")
        #expect(parsed?.value == 500)
        #expect(parsed?.suffix == " steps")
        #expect(ScenarioDecoder.parseSweepNumber("1_000")?.value == 1000)
        #expect(ScenarioDecoder.parseSweepNumber("1e3GB")?.value == 1000)
        #expect(ScenarioDecoder.parseSweepNumber("1e3GB")?.unit == "GB")
        #expect(ScenarioDecoder.parseSweepNumber("34.3/h")?.unit == "/h")
        #expect(ScenarioDecoder.parseSweepNumber("h") == nil)
    }

    // MARK: - The grid

    /// Rule: the grid is the Cartesian product in file order, the first parameter varying
    /// slowest; each point's values are in parameter order.
    @Test func gridOrder() throws {
        let sweep = try Self.sweep(Self.yaml(
            "jobs.train.checkpoint.interval: [30m, 1h]",
            "pools.spot-a.spot.lifetime.mean: { from: 1h, to: 3h, step: 1h }"
        ))
        #expect(sweep.parameters.map(\.path) == ["jobs.train.checkpoint.interval", "pools.spot-a.spot.lifetime.mean"])
        #expect(sweep.points.map(\.values) == [
            ["30m", "1h"], ["30m", "2h"], ["30m", "3h"], ["1h", "1h"], ["1h", "2h"], ["1h", "3h"],
        ])
        #expect(sweep.points.map(\.scenario.jobs[0].checkpoint.intervals) == [
            [.seconds(1800)], [.seconds(1800)], [.seconds(1800)], [.seconds(3600)], [.seconds(3600)], [.seconds(3600)],
        ])
        #expect(sweep.points.map { $0.scenario.pools[0].spot?.lifetime?.mean } == [3600, 7200, 10800, 3600, 7200, 10800])
    }

    /// Rule: a point's scenario is the scenario of the file with the point's values written in
    /// by hand (job nodes, lifetime mean, interval).
    @Test func pointEqualsHandWrittenFile() throws {
        let sweep = try Self.sweep(Self.yaml(
            "jobs.train.nodes: [1, 3]",
            "pools[0].spot.lifetime.mean: [90m, 4h]",
            "jobs[0].checkpoint.interval: [45m, daly]"
        ))
        #expect(sweep.points.count == 8)
        for point in sweep.points {
            let (nodes, mean, interval) = (point.values[0], point.values[1], point.values[2])
            let text = F.dalyCheck
                .replacingOccurrences(of: "    nodes: 1\n", with: "    nodes: \(nodes)\n")
                .replacingOccurrences(of: "mean: 2h", with: "mean: \(mean)")
                .replacingOccurrences(of: "interval: [30m, 1h, 2h, daly]", with: "interval: \(interval)")
            let byHand = try Self.decode(text)
            #expect(point.scenario.jobs[0].nodes == byHand.jobs[0].nodes)
            #expect(point.scenario.pools[0].spot?.lifetime == byHand.pools[0].spot?.lifetime)
            #expect(point.scenario.jobs[0].checkpoint.intervals == byHand.jobs[0].checkpoint.intervals)
            #expect(point.scenario.name == byHand.name)
            #expect(point.scenario.seed == byHand.seed)
            #expect(point.scenario.replications == byHand.replications)
            #expect(try point.scenario.cells().map { $0.settings.map(\.1) } == byHand.cells().map { $0.settings.map(\.1) })
        }
    }

    /// Rule: `gridPoints` runs each point with the file's seed and replications.
    @Test func gridPointsShareSeedAndReplications() throws {
        var scenario = try Self.decode(Self.yaml("jobs.train.nodes: [1, 2]"))
        scenario.seed = 99
        scenario.replications = 5
        #expect(scenario.gridPoints.map(\.scenario.seed) == [99, 99])
        #expect(scenario.gridPoints.map(\.scenario.replications) == [5, 5])
        #expect(scenario.gridPoints.map(\.values) == [["1"], ["2"]])
    }

    // MARK: - Paths

    /// Rule: list elements are addressed by name or by index, and the two reach the same setting.
    @Test func pathByNameAndByIndex() throws {
        let byName = try Self.sweep(Self.yaml("pools.spot-a.spot.lifetime.mean: [3h]", "jobs.train.work: [50h]"))
        let byIndex = try Self.sweep(Self.yaml("pools[0].spot.lifetime.mean: [3h]", "jobs[0].work: [50h]"))
        for sweep in [byName, byIndex] {
            #expect(sweep.points[0].scenario.pools[0].spot?.lifetime?.mean == 10_800.0)
            #expect(sweep.points[0].scenario.jobs[0].work == .seconds(50 * 3600))
        }
        let element = try Self.sweep(Self.yaml("jobs.train.checkpoint.interval[1]: [90m]"))
        #expect(element.points[0].scenario.jobs[0].checkpoint.intervals == [.seconds(1800), .seconds(5400), .seconds(7200), .daly])
    }

    /// Rule: the last key may be absent from the file; the sweep adds it.
    @Test func absentLastKeyIsAdded() throws {
        let sweep = try Self.sweep(Self.yaml("pools.spot-a.spot.max_lifetime: [12h, 24h]", "jobs.train.checkpoint.on_notice: [true]"))
        #expect(sweep.points.map { $0.scenario.pools[0].spot?.maxLifetime } == [12 * 3600, 24 * 3600])
        #expect(sweep.points.allSatisfy { $0.scenario.jobs[0].checkpoint.onNotice })
        #expect(try Self.decode(F.dalyCheck).pools[0].spot?.maxLifetime == nil)
    }

    /// Rule: keys brought in by a merge key count on the way; the swept value is written into
    /// the merging mapping, where it wins, and the mapping merged from is unchanged.
    @Test func pathThroughMergeKey() throws {
        let text = """
        name: merged
        pools:
          - &east { name: east, provider: aws, region: us-east-1, instance: p3.2xlarge, gpu: V100, on_demand_price: 3.06/h,
                    spot: { price: 0.97/h, lifetime: { distribution: exponential, mean: 2h } } }
          - <<: *east
            name: west
            region: us-west-2
        jobs:
          - { name: j, gpu: V100, work: 1h, checkpoint: { interval: 10m, write: 1m } }
        policies: [spot]
        sweep:
          pools.west.spot.notice: [10s, 20s]
          pools.west.spot.lifetime.mean: [5h]

        """
        let sweep = try Self.sweep(text)
        #expect(sweep.points.map { $0.scenario.pools[1].spot?.notice } == [10, 20])
        #expect(sweep.points.map { $0.scenario.pools[1].spot?.lifetime?.mean } == [5 * 3600, 5 * 3600])
        #expect(sweep.points.map { $0.scenario.pools[0].spot?.notice } == [120, 120])
        #expect(sweep.points.map { $0.scenario.pools[0].spot?.lifetime?.mean } == [7200, 7200])
        #expect(sweep.points.map { $0.scenario.pools[1].region } == ["us-west-2", "us-west-2"])
    }

    /// Rule: a path that does not resolve is an error at the sweep key, naming what is missing.
    @Test func unresolvedPaths() {
        let expected = "error: sweep: expected a path to a setting of the file, found"
        #expect(F.message(Self.yaml("jobs.x.nodes: [1]"))
            == "bad.yaml:29:3: \(expected) 'jobs.x.nodes' (no job named 'x'; jobs are: train)")
        #expect(F.message(Self.yaml("pools.spot-b.spot.notice: [1s]"))
            == "bad.yaml:29:3: \(expected) 'pools.spot-b.spot.notice' (no pool named 'spot-b'; pools are: spot-a)")
        #expect(F.message(Self.yaml("jobs[1].nodes: [1]"))
            == "bad.yaml:29:3: \(expected) 'jobs[1].nodes' (jobs has 1 element, no [1])")
        #expect(F.message(Self.yaml("storage.bucket.price: [0.02/GB-month]"))
            == "bad.yaml:29:3: \(expected) 'storage.bucket.price' (no key 'storage' at the top level; keys are: name, seed, replications, pools, jobs, policies, sweep)")
        #expect(F.message(Self.yaml("pools.spot-a.billing.minimum: [1m]"))
            == "bad.yaml:29:3: \(expected) 'pools.spot-a.billing.minimum' (no key 'billing' in pools[0]; keys are: name, provider, region, instance, gpu, gpus_per_node, on_demand_price, spot, provisioning)")
        #expect(F.message(Self.yaml("jobs.train.work.hours: [1]"))
            == "bad.yaml:29:3: \(expected) 'jobs.train.work.hours' (jobs[0].work is a value, with no 'hours' in it)")
        #expect(F.message(Self.yaml("jobs.train.checkpoint.interval.first: [1h]"))
            == "bad.yaml:29:3: \(expected) 'jobs.train.checkpoint.interval.first' (jobs[0].checkpoint.interval has no named elements; write an index like interval[0])")
        #expect(F.message(Self.yaml("jobs.train.nodes[0]: [1]"))
            == "bad.yaml:29:3: \(expected) 'jobs.train.nodes[0]' (jobs[0].nodes is not a list)")
    }

    /// Rule: a path that is not `segment(.segment)*` with `[index]` suffixes is an error.
    @Test func malformedPaths() {
        for path in ["jobs..nodes", "jobs.train.", "jobs[x].nodes", "jobs[0", "[0].nodes", "jobs[-1].nodes"] {
            #expect(F.message(Self.yaml("'\(path)': [1]"))
                == "bad.yaml:29:3: error: sweep: expected a setting path like jobs.train.nodes, pools.spot-a.spot.notice or jobs[0].work, found '\(path)'")
        }
    }

    // MARK: - Refusals

    /// Rule: seed and replications cannot be swept (points share them: common random numbers).
    @Test func seedAndReplicationsRefused() {
        let reason = "every point runs the file's seed and replications, so that points are compared on common random numbers"
        #expect(F.message(Self.yaml("seed: [1, 2]"))
            == "bad.yaml:29:3: error: sweep: expected a setting other than seed (\(reason)), found 'seed'")
        #expect(F.message(Self.yaml("jobs.train.nodes: [1]", "replications: [10, 20]"))
            == "bad.yaml:30:3: error: sweep: expected a setting other than replications (\(reason)), found 'replications'")
    }

    /// Rule: policies and baseline cannot be swept (they define the comparison), nor a part of them.
    @Test func policiesAndBaselineRefused() {
        let reason = "the policies and the baseline define the comparison made at every point; list every policy in policies instead"
        #expect(F.message(Self.yaml("policies: [[spot], [on-demand]]"))
            == "bad.yaml:29:3: error: sweep: expected a setting other than policies (\(reason)), found 'policies'")
        #expect(F.message(Self.yaml("policies[0]: [on-demand]"))
            == "bad.yaml:29:3: error: sweep: expected a setting other than policies (\(reason)), found 'policies[0]'")
        #expect(F.message(Self.yaml("baseline: [spot]"))
            == "bad.yaml:29:3: error: sweep: expected a setting other than baseline (\(reason)), found 'baseline'")
    }

    /// Rule: name and sweep itself cannot be swept.
    @Test func nameAndSweepRefused() {
        #expect(F.message(Self.yaml("name: [a, b]"))
            == "bad.yaml:29:3: error: sweep: expected a setting other than name (the points are one scenario and share its name), found 'name'")
        #expect(F.message(Self.yaml("sweep.x: [1]"))
            == "bad.yaml:29:3: error: sweep: expected a setting other than sweep (a sweep cannot vary itself), found 'sweep.x'")
    }

    /// Rule: two paths to the same setting are refused at the second, naming the first; the
    /// same path twice is a duplicate YAML key.
    @Test func duplicateSettingRefused() {
        #expect(F.message(Self.yaml("jobs[0].nodes: [1]", "jobs.train.nodes: [2]"))
            == "bad.yaml:30:3: error: sweep: expected each setting swept once, found 'jobs.train.nodes', the same setting as jobs[0].nodes (line 29)")
        #expect(F.message(Self.yaml("jobs.train.nodes: [1]", "jobs.train.nodes: [2]"))
            == "bad.yaml:29:3: error: (yaml): expected each key once per mapping, found duplicate key 'jobs.train.nodes'")
    }

    /// Rule: one path inside another is refused at the second, either way round.
    @Test func nestedSettingsRefused() {
        #expect(F.message(Self.yaml("jobs.train.checkpoint: [{ interval: 1h, write: 1m }]", "jobs[0].checkpoint.interval: [2h]"))
            == "bad.yaml:30:3: error: sweep: expected settings that do not contain one another, found 'jobs[0].checkpoint.interval', inside jobs.train.checkpoint (line 29)")
        #expect(F.message(Self.yaml("jobs.train.checkpoint.interval: [2h]", "jobs: [[]]"))
            == "bad.yaml:30:3: error: sweep: expected settings that do not contain one another, found 'jobs', which contains jobs.train.checkpoint.interval (line 29)")
    }

    // MARK: - Value errors

    /// Rule: values are a non-empty list or a range mapping; list values differ as written.
    @Test func valueShapes() {
        let expected = "a non-empty list of values like [15m, 30m, 1h], or a range like { from: 1h, to: 4h, step: 1h } or { from: 1, to: 64, count: 7, scale: log }"
        #expect(F.message(Self.yaml("jobs.train.nodes: 2"))
            == "bad.yaml:29:21: error: sweep.jobs.train.nodes: expected \(expected), found '2'")
        #expect(F.message(Self.yaml("jobs.train.nodes: []"))
            == "bad.yaml:29:21: error: sweep.jobs.train.nodes: expected \(expected), found an empty list")
        #expect(F.message(Self.yaml("jobs.train.nodes: [1, 2, 1]"))
            == "bad.yaml:29:28: error: sweep.jobs.train.nodes[2]: expected distinct values, found '1', a duplicate of sweep.jobs.train.nodes[0]")
        #expect(F.message(F.dalyCheck + "sweep: {}\n")
            == "bad.yaml:28:8: error: sweep: expected a mapping from setting paths to values like { jobs.train.nodes: [1, 2, 4] }, found an empty mapping")
        #expect(F.message(F.dalyCheck + "sweep: [jobs.train.nodes]\n")
            == "bad.yaml:28:8: error: sweep: expected a mapping from setting paths to values like { jobs.train.nodes: [1, 2, 4] }, found a list")
    }

    /// Rule: a range has from and to with one unit, to ≥ from, and exactly one of step and count.
    @Test func rangeErrors() {
        let prefix = "bad.yaml:29:"
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 90m, step: 10m }"))
            == "\(prefix)36: error: sweep.jobs.train.work.to: expected a number with the unit of from (h), found '90m'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 2h, to: 1h, step: 1h }"))
            == "\(prefix)36: error: sweep.jobs.train.work.to: expected a value of at least from ('2h'), found '1h'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 2h, step: 10m }"))
            == "\(prefix)46: error: sweep.jobs.train.work.step: expected a number greater than 0 with the unit of from (h), found '10m'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 2h, step: 0h }"))
            == "\(prefix)46: error: sweep.jobs.train.work.step: expected a number greater than 0 with the unit of from (h), found '0h'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 2h, step: 1h, count: 2 }"))
            == "\(prefix)57: error: sweep.jobs.train.work.count: expected either step or count, not both, found both")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 2h }"))
            == "\(prefix)20: error: sweep.jobs.train.work.step: expected step or count (exactly one), found nothing (key is missing)")
        #expect(F.message(Self.yaml("jobs.train.work: { from: fast, to: 2h, count: 2 }"))
            == "\(prefix)28: error: sweep.jobs.train.work.from: expected a number with an optional unit like 1h, 34.3/h, 500 steps or 0.5, found 'fast'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 2h, count: 0 }"))
            == "\(prefix)47: error: sweep.jobs.train.work.count: expected an integer from 1 to 10000, found '0'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 1h, count: 2 }"))
            == "\(prefix)47: error: sweep.jobs.train.work.count: expected a count of 1 when from and to are equal, found '2'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 2h, count: 2, by: 1h }"))
            == "\(prefix)50: error: sweep.jobs.train.work: expected one of from, to, step, count, scale, found unknown key 'by'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 2h, count: 2, scale: exp }"))
            == "\(prefix)57: error: sweep.jobs.train.work.scale: expected one of linear, log, found 'exp'")
    }

    /// Rule: with scale: log, from and to are > 0 and step is a factor > 1 without a unit.
    @Test func logRangeErrors() {
        #expect(F.message(Self.yaml("jobs.train.nodes: { from: 0, to: 64, count: 7, scale: log }"))
            == "bad.yaml:29:29: error: sweep.jobs.train.nodes.from: expected a value greater than 0 (scale: log), found '0'")
        #expect(F.message(Self.yaml("jobs.train.work: { from: 1h, to: 8h, step: 1h, scale: log }"))
            == "bad.yaml:29:46: error: sweep.jobs.train.work.step: expected a factor greater than 1 without a unit like 2 (with scale: log, each value is the previous one times step), found '1h'")
        #expect(F.message(Self.yaml("jobs.train.nodes: { from: 1, to: 8, step: 1, scale: log }"))
            == "bad.yaml:29:45: error: sweep.jobs.train.nodes.step: expected a factor greater than 1 without a unit like 2 (with scale: log, each value is the previous one times step), found '1'")
    }

    /// Rule: a range makes at most 10 000 values, and the grid at most 10 000 points.
    @Test func gridLimits() {
        #expect(F.message(Self.yaml("jobs.train.nodes: { from: 1, to: 100000, step: 1 }"))
            == "bad.yaml:29:50: error: sweep.jobs.train.nodes.step: expected a step that makes at most 10000 values, found '1', which makes more")
        #expect(F.message(Self.yaml("jobs.train.nodes: { from: 1, to: 101, step: 1 }", "jobs.train.work: { from: 1h, to: 100h, step: 1h }"))
            == "bad.yaml:29:3: error: sweep: expected a grid of at most 10000 points, found 10100 points (101 × 100)")
    }

    // MARK: - Errors in points

    /// Rule: a list value that makes a point invalid is reported at that value in the sweep
    /// block, with the point named.
    @Test func invalidListValueNamesThePoint() {
        #expect(F.message(Self.yaml("jobs.train.nodes: [1, 2, 0]"))
            == "bad.yaml:29:28: error: jobs[0].nodes: expected an integer from 1 to 100000, found '0' (sweep point jobs.train.nodes = 0)")
        #expect(F.message(Self.yaml("jobs.train.nodes: [1, 2]", "jobs.train.checkpoint.write: [3m, 0s]"))
            == "bad.yaml:30:37: error: jobs[0].checkpoint.write: expected a write time greater than 0 (daly needs one), found '0s' (sweep point jobs.train.nodes = 1, jobs.train.checkpoint.write = 0s)")
    }

    /// Rule: a range value that makes a point invalid is reported at the range mapping.
    @Test func invalidRangeValueNamesThePoint() {
        #expect(F.message(Self.yaml("jobs.train.nodes: { from: 1, to: 2, step: 0.5 }"))
            == "bad.yaml:29:21: error: jobs[0].nodes: expected an integer from 1 to 100000, found '1.5' (sweep point jobs.train.nodes = 1.5)")
    }

    /// Rule: a key the sweep adds is reported at the sweep path (an unknown key, here).
    @Test func addedKeyErrorsPointAtThePath() {
        #expect(F.message(Self.yaml("pools.spot-a.spot.lifetme: [1h]"))
            == "bad.yaml:29:3: error: pools[0].spot: expected one of price, lifetime, notice, max_lifetime, availability, found unknown key 'lifetme' (did you mean 'lifetime'?) (sweep point pools.spot-a.spot.lifetme = 1h)")
    }

    /// Rule: the file is decoded with its own values first: its own errors carry no point.
    @Test func fileErrorsComeFirst() {
        let text = F.dalyCheck(replacing: "nodes: 1", with: "nodes: 0") + "sweep:\n  jobs.x: [1]\n"
        #expect(F.message(text) == "bad.yaml:20:12: error: jobs[0].nodes: expected an integer from 1 to 100000, found '0'")
    }

    // MARK: - Traces

    /// Rule: decoding a sweep reads each trace file once, however many points; a swept trace
    /// path reads each file named once.
    @Test func traceFilesAreReadOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.json").path
        let second = directory.appendingPathComponent("b.json").path
        try #"{"metadata": {"gap_seconds": 600}, "data": [1, 1, 0, 1, 1, 1, 1, 1]}"#.write(toFile: first, atomically: true, encoding: .utf8)
        try #"{"metadata": {"gap_seconds": 600}, "data": [1, 0, 1, 1, 1, 1, 1, 1]}"#.write(toFile: second, atomically: true, encoding: .utf8)
        func text(_ sweep: String) -> String {
            """
            name: traced
            pools:
              - name: a
                provider: gcp
                region: r
                instance: i
                gpu: V100
                on_demand_price: 4/h
                spot:
                  price: 1/h
                  availability: { trace: \(first), format: spot-traces, tick: 10m, past_end: wrap }
            jobs:
              - { name: train, gpu: V100, work: 1h, checkpoint: { interval: 10m, write: 0s } }
            policies: [on-demand, spot]
            sweep:
            \(sweep)

            """
        }
        let cache = ScenarioFileCache()
        let scenario = try MarketFiles.$cache.withValue(cache) {
            try ScenarioDecoder.decode(yaml: text("  jobs.train.work: { from: 1h, to: 10h, step: 1h }"), file: "traced.yaml")
        }
        #expect(cache.traceReads == 1)
        let points = try #require(scenario.sweep?.points)
        #expect(points.count == 10)
        for point in points {
            guard case .trace(let replay)? = point.scenario.pools[0].spot?.availability else {
                Issue.record("not a trace")
                continue
            }
            #expect(replay.trace.counts == [1, 1, 0, 1, 1, 1, 1, 1])
        }

        let paths = ScenarioFileCache()
        let swept = try MarketFiles.$cache.withValue(paths) {
            try ScenarioDecoder.decode(yaml: text("  pools.a.spot.availability.trace: [\(first), \(second)]"), file: "traced.yaml")
        }
        #expect(paths.traceReads == 2)
        let counts = (swept.sweep?.points ?? []).map { point -> [Int] in
            if case .trace(let replay)? = point.scenario.pools[0].spot?.availability { return replay.trace.counts }
            return []
        }
        #expect(counts == [[1, 1, 0, 1, 1, 1, 1, 1], [1, 0, 1, 1, 1, 1, 1, 1]])

        // Without a cache of the caller's, each decode has its own, and still decodes.
        #expect(try ScenarioDecoder.decode(yaml: text("  jobs.train.work: [1h, 2h]"), file: "traced.yaml").sweep?.points.count == 2)
    }

    // MARK: - The format document

    /// Rule: the `sweep` snippet of `docs/scenario-format.md` decodes appended to its example,
    /// and its error examples are what the decoder says.
    @Test func documentedSweep() throws {
        let document = try ScenarioFormatDocTests.document()
        let block = try #require(ScenarioFormatDocTests.yamlBlocks(document).first { $0.hasPrefix("sweep:") })
        let sweep = try Self.sweep(F.dalyCheck + block)
        #expect(sweep.points.count == 12)
        #expect(sweep.parameters.map(\.values) == [["1h", "2h", "3h", "4h"], ["30m", "1h", "daly"]])
        for message in [F.message(Self.yaml("jobs.trian.nodes: [1, 2]")), F.message(Self.yaml("jobs.train.nodes: [1, 2, 0]"))] {
            let line = try #require(message)
            #expect(document.contains(line), "\(line)")
        }
    }

    /// Rule: the shipped `scenarios/checkpoint-sweep.yaml` decodes, sweeping lifetime scale ×
    /// interval.
    @Test func shippedCheckpointSweep() throws {
        let path = F.repositoryRoot().appendingPathComponent("scenarios/checkpoint-sweep.yaml").path
        let scenario = try ScenarioDecoder.decode(contentsOf: path)
        let sweep = try #require(scenario.sweep)
        #expect(sweep.parameters.map(\.path) == ["pools.aws-h100.spot.lifetime.scale", "jobs.finetune.checkpoint.interval"])
        #expect(sweep.points.count == sweep.parameters.map(\.values.count).reduce(1, *))
        #expect(scenario.baseline == PolicySpec(kind: .onDemand))
    }
}
