import Foundation
import SpotSim
import Stochastics
import Testing

/// Shards, partial results and merge: N slices of a run give one process's bytes.
@Suite struct ShardTests {
    /// A scenario with a baseline, a policy that pairs with it, two intervals and a two-point
    /// sweep (the second point's spot lifetime is shorter), built in code.
    static func scenario(seed: UInt64 = 3, replications: Int = 45) -> Scenario {
        func make(meanLifetime: Double) -> Scenario {
            Scenario(
                name: "shards", seed: seed, replications: replications,
                pools: [Build.pool(lifetime: .weibull(scale: meanLifetime, shape: 0.7), provisioning: .exponential(mean: 90))],
                jobs: [Build.job(workHours: 10, intervals: [.seconds(1800), .daly])],
                policies: [PolicySpec(kind: .onDemand), PolicySpec(kind: .spot), PolicySpec(kind: .spotFallback, fallbackAfter: 2)]
            )
        }
        var scenario = make(meanLifetime: 7200)
        scenario.sweep = Sweep(
            parameters: [Sweep.Parameter(path: "pools.pool-a.spot.lifetime.scale", values: ["2h", "40m"])],
            points: [SweepPoint(values: ["2h"], scenario: make(meanLifetime: 7200)),
                     SweepPoint(values: ["40m"], scenario: make(meanLifetime: 2400))]
        )
        return scenario
    }

    /// Runs shard `index` of `count` and sends it through the file format.
    static func shard(_ scenario: Scenario, _ index: Int, of count: Int, threads: Int = 2) throws -> PartialResult {
        let shard = Shard(index: index, count: count)
        let layout = try ResultLayout(scenario)
        let part = try ExperimentRunner(threads: threads, chunkSize: 4).simulate(
            scenario, units: UnitSet(shard.units(of: layout.unitCount)), fingerprint: "fnv1a64:test", shard: shard
        )
        return try PartialResult(decoding: part.encoded(), file: "shard-\(index)")
    }

    /// Rule: the N slices of T units are disjoint, cover 0..<T in order, and differ in size
    /// by at most one — for N below, equal to and above T.
    @Test(arguments: [1, 2, 3, 7, 90, 91, 200])
    func slicesPartitionTheUnits(count: Int) {
        let total = 90
        var next = 0
        var sizes: [Int] = []
        for index in 0..<count {
            let range = Shard(index: index, count: count).units(of: total)
            #expect(range.lowerBound == next)
            next = range.upperBound
            sizes.append(range.count)
        }
        #expect(next == total)
        #expect(sizes.max()! - sizes.min()! <= 1)
    }

    /// Rule: `--shard` text is `I/N` with 0 ≤ I < N; anything else is refused.
    @Test func shardTextIsParsedStrictly() {
        #expect(Shard("3/8") == Shard(index: 3, count: 8))
        for bad in ["8/8", "-1/4", "1/0", "1", "1/2/3", "a/4", " 1/4", "1/100001"] {
            #expect(Shard(bad) == nil, "\(bad)")
        }
    }

    /// Rule: a unit set merges touching ranges, and `missing(from:)` is the complement within
    /// a range.
    @Test func unitSetsMergeAndComplement() {
        var set = UnitSet()
        set.insert(10..<20)
        set.insert(0..<5)
        set.insert(5..<8)
        set.insert(30..<40)
        set.insert(19..<31)
        #expect(set.ranges == [0..<8, 10..<40])
        #expect(set.count == 38)
        #expect(set.missing(from: 0..<50).ranges == [8..<10, 40..<50])
        #expect(set.missing(from: 12..<20).isEmpty)
        #expect(Array(UnitSet(3..<6)) == [3, 4, 5])
    }

    /// Rule: merging the N shards of a run, in any order, gives the single-process JSON, CSV
    /// and table byte for byte — for several N, including more shards than units.
    @Test(arguments: [1, 2, 3, 7, 91, 120])
    func mergeEqualsOneProcess(count: Int) throws {
        let scenario = Self.scenario()
        let single = try ExperimentRunner(threads: 1).run(scenario)
        var shards = try (0..<count).map { (file: "shard-\($0)", part: try Self.shard(scenario, $0, of: count)) }
        shards.reverse()
        let merged = ExperimentResult(try ShardMerge.merge(shards))
        #expect(JSONReport.render(merged) == JSONReport.render(single))
        #expect(CSVReport.render(merged) == CSVReport.render(single))
        #expect(TableReport.render(merged) == TableReport.render(single))
    }

    /// Rule: a shard file's bytes depend only on the shard, not on the thread count.
    @Test func shardFilesAreDeterministic() throws {
        let scenario = Self.scenario()
        let one = try Self.shard(scenario, 1, of: 3, threads: 1).encoded()
        let many = try Self.shard(scenario, 1, of: 3, threads: 3).encoded()
        #expect(one == many)
    }

    /// Rule: merge refuses shards of another seed, another scenario file, another replication
    /// count or version, a shard given twice, missing shards and an unfinished shard — each
    /// with a message naming the files or shards at fault.
    @Test func mergeRefusesWhatIsNotOneRun() throws {
        let scenario = Self.scenario()
        let a = try Self.shard(scenario, 0, of: 3)
        let b = try Self.shard(scenario, 1, of: 3)
        let c = try Self.shard(scenario, 2, of: 3)
        func refusal(_ shards: [(String, PartialResult)]) -> String {
            do {
                _ = try ShardMerge.merge(shards.map { (file: $0.0, part: $0.1) })
                return "merged"
            } catch {
                return error.description
            }
        }
        let otherSeed = try Self.shard(Self.scenario(seed: 4), 1, of: 3)
        #expect(refusal([("a", a), ("b", otherSeed), ("c", c)]) == "b ran with seed 4, a with seed 3")
        var otherFile = b
        otherFile.fingerprint = "fnv1a64:0000000000000001"
        #expect(refusal([("a", a), ("b", otherFile), ("c", c)]).hasPrefix("b and a are shards of different scenario files"))
        let otherSize = try Self.shard(Self.scenario(replications: 46), 1, of: 3)
        #expect(refusal([("a", a), ("b", otherSize), ("c", c)]) == "b ran 46 replications, a 45")
        var otherVersion = b
        otherVersion.version = "0.0.1"
        #expect(refusal([("a", a), ("b", otherVersion), ("c", c)]).hasPrefix("b was written by spotsim 0.0.1"))
        #expect(refusal([("a", a), ("b", b), ("b2", b), ("c", c)]) == "shard 1/3 is given twice: b and b2")
        #expect(refusal([("c", c), ("a", a)]) == "1 of 3 shards missing: 1/3")
        let four = try Self.shard(scenario, 0, of: 4)
        #expect(refusal([("a", a), ("four", four)]) == "four is shard 0/4 but a is shard 0/3: the counts differ")
        var unfinished = b
        unfinished.units = UnitSet()
        unfinished.values = []
        #expect(refusal([("a", a), ("b", unfinished), ("c", c)]).hasPrefix("b is shard 1/3 but holds 0 of its 30 units"))
        #expect(refusal([("a", a), ("b", b), ("c", c)]) == "merged")
    }

    /// Rule: a file that is not a whole shard file — another file, a cut header, missing or
    /// extra value bytes — is refused with its name, never read as numbers.
    @Test func damagedFilesAreRefused() throws {
        let bytes = try Self.shard(Self.scenario(), 0, of: 2).encoded()
        func refusal(_ data: Data) -> String? {
            do {
                _ = try PartialResult(decoding: data, file: "s.shard")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(refusal(Data("name: quickstart\n".utf8))?.hasPrefix("s.shard: not a spotsim shard file: it does not start with") == true)
        #expect(refusal(bytes.prefix(60))?.contains("header") == true)
        #expect(refusal(bytes.dropLast(8))?.contains("a truncated or damaged file") == true)
        #expect(refusal(bytes + Data([0, 0, 0, 0, 0, 0, 0, 0]))?.contains("a truncated or damaged file") == true)
        #expect(refusal(bytes) == nil)
    }

    /// Rule: a run stopped early keeps only whole chunks, and the units it did not do, run
    /// later and combined with it, give the uninterrupted result bit for bit.
    @Test func stoppedRunsResumeToTheSameResult() throws {
        let scenario = Self.scenario()
        let layout = try ResultLayout(scenario)
        let all = 0..<layout.unitCount
        let stop = StopSignal()
        stop.raise()
        let nothing = try ExperimentRunner(threads: 2).simulate(scenario, units: UnitSet(all), stop: stop)
        #expect(nothing.units.isEmpty && nothing.values.isEmpty)

        // An interruption that left a hole in the middle, as chunks finish out of order.
        var first = UnitSet(0..<17)
        first.insert(40..<66)
        let early = try ExperimentRunner(threads: 2, chunkSize: 5).simulate(scenario, units: first)
        let rest = try ExperimentRunner(threads: 3, chunkSize: 3).simulate(scenario, units: early.units.missing(from: all))
        let resumed = try PartialResult.combining([rest, early])
        #expect(resumed.isComplete)
        let whole = try ExperimentRunner(threads: 1).run(scenario)
        #expect(JSONReport.render(ExperimentResult(resumed)) == JSONReport.render(whole))
    }

    /// Rule: with a sweep, every point runs on the same random numbers: a point whose
    /// scenario equals the base scenario reproduces the base run's numbers exactly.
    @Test func sweepPointsShareRandomNumbers() throws {
        var base = Self.scenario()
        base.sweep = nil
        let alone = try ExperimentRunner(threads: 2).run(base)
        let swept = try ExperimentRunner(threads: 2).run(Self.scenario())
        let firstPoint = swept.cells.filter { $0.point == 0 }
        #expect(firstPoint.count == alone.cells.count)
        for (a, b) in zip(firstPoint, alone.cells) {
            #expect(a.summaries.map(\.mean) == b.summaries.map(\.mean))
            #expect(a.sweepValues == ["2h"])
        }
        let secondPoint = swept.cells.filter { $0.point == 1 }
        #expect(secondPoint[2].summary(.costUSD).mean != firstPoint[2].summary(.costUSD).mean)
    }

    /// Rule: per-replication rows hold exactly the values the summaries are made of: one row
    /// per point × cell × replication, whose column mean is the reported mean.
    @Test func perReplicationRowsMatchTheSummaries() throws {
        let scenario = Self.scenario()
        let part = try ExperimentRunner(threads: 2).simulate(scenario, units: UnitSet(0..<(try ResultLayout(scenario)).unitCount))
        let result = ExperimentResult(part)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csvPath = directory.appendingPathComponent("rows.csv").path
        let jsonlPath = directory.appendingPathComponent("rows.jsonl").path
        try PerReplicationReport.write(part, format: .csv, to: csvPath)
        try PerReplicationReport.write(part, format: .jsonLines, to: jsonlPath)

        let lines = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(7)) == ["scenario", "pools.pool-a.spot.lifetime.scale", "job", "policy", "interval", "pool", "replication"])
        #expect(lines.count == 1 + 2 * 6 * 45)
        let costColumn = header.firstIndex(of: "cost_usd")!
        for cellResult in result.cells {
            let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                .filter { $0[1] == cellResult.sweepValues[0] && $0[3] == cellResult.cell.policy && $0[4] == cellResult.cell.interval }
            #expect(rows.count == 45)
            let mean = rows.map { Double($0[costColumn])! }.reduce(0, +) / 45
            #expect(mean.isApproximatelyEqual(to: cellResult.summary(.costUSD).mean, relativeTolerance: 1e-12))
        }
        let objects = try String(contentsOfFile: jsonlPath, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 2 * 6 * 45)
        #expect(objects[0]["replication"] as? Int == 0)
        #expect(objects[0]["pools.pool-a.spot.lifetime.scale"] as? String == "2h")
        #expect(objects[0]["deadline_met"] == nil)
    }
}
