import SpotSim
import SpotSimTestSupport
import Testing

/// `nodes: { min, max }` and `throughput:` in scenario files.
@Suite struct ScenarioElasticTests {
    static func yaml(_ nodes: String, throughput: String? = nil) -> String {
        var text = ScenarioFixtures.dalyCheck.replacingOccurrences(of: "    nodes: 1\n", with: "    nodes: \(nodes)\n")
        if let throughput {
            text = text.replacingOccurrences(of: "    restart: 6m\n", with: "    restart: 6m\n    throughput: \(throughput)\n")
        }
        return text
    }

    static func message(_ yaml: String) -> String {
        do {
            _ = try ScenarioDecoder.decode(yaml: yaml, file: "bad.yaml")
            return "decoded"
        } catch {
            return error.description
        }
    }

    /// An elastic range decodes, with linear speeds by default or the given ones.
    @Test func elasticRangeDecodes() throws {
        let linear = try ScenarioDecoder.decode(yaml: Self.yaml("{ min: 2, max: 4 }"), file: "ok.yaml")
        #expect(linear.jobs[0].nodes == 4)
        #expect(linear.jobs[0].minNodes == 2)
        #expect(linear.jobs[0].throughput == [0.5, 0.75, 1])
        let given = try ScenarioDecoder.decode(yaml: Self.yaml("{ min: 2, max: 4 }", throughput: "{ 2: 0.6, 3: 0.85, 4: 1 }"), file: "ok.yaml")
        #expect(given.jobs[0].throughput == [0.6, 0.85, 1])
    }

    /// `min` above `max` and a throughput missing a count are errors naming the field.
    @Test func elasticErrors() {
        #expect(Self.message(Self.yaml("{ min: 5, max: 4 }"))
            == "bad.yaml:20:19: error: jobs[0].nodes.min: expected an integer from 1 to 4, found '5'")
        #expect(Self.message(Self.yaml("{ min: 2, max: 4 }", throughput: "{ 2: 0.6, 4: 1 }"))
            == "bad.yaml:27:17: error: jobs[0].throughput.3: expected a speed greater than 0 like 0.8, found nothing (key is missing)")
    }
}

/// A gang's `throughput` is honoured, not dropped.
@Suite struct GangThroughputTests {
    /// A 1-node gang on on-demand at speed 0.5 takes twice its work to compute.
    @Test func gangSpeedReachesThePlan() throws {
        var yaml = ScenarioElasticTests.yaml("1", throughput: "{ 1: 0.5 }")
        yaml = yaml.replacingOccurrences(of: "policies: [spot]", with: "policies: [on-demand]")
            .replacingOccurrences(of: "interval: [30m, 1h, 2h, daly]", with: "interval: 100h")
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "ok.yaml")
        let cell = try #require(try scenario.cells().first)
        #expect(cell.plan.throughput == [0.5])
        var replicator = Replicator(pools: scenario.pools)
        let ledger = try replicator.run(cell.plan, seed: 1, replication: 0)
        #expect(ledger.computeSeconds.isApproximatelyEqual(to: 200 * 3600, relativeTolerance: 1e-12))
    }
}
