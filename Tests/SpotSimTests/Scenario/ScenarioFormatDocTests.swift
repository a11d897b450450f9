import Foundation
import SpotSimTestSupport
import Testing
@testable import SpotSim

/// `docs/scenario-format.md` stays true: its example is the one the tests decode, and its
/// snippets decode.
@Suite struct ScenarioFormatDocTests {
    /// The repository's `docs/scenario-format.md` (found from this file, symlinks resolved).
    static func document() throws -> String {
        let url = ScenarioFixtures.repositoryRoot().appendingPathComponent("docs/scenario-format.md")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The fenced `yaml` blocks of the document, in order.
    static func yamlBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        var indent = ""
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```yaml" {
                current = []
                indent = String(line.prefix { $0 == " " })
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current!.append(line.hasPrefix(indent) ? String(line.dropFirst(indent.count)) : line)
            }
        }
        return blocks
    }

    /// The document's first example is, byte for byte, the scenario the decoder tests use.
    @Test func exampleIsTheTestedScenario() throws {
        let blocks = Self.yamlBlocks(try Self.document())
        #expect(blocks.first == ScenarioFixtures.dalyCheck)
    }

    /// The jobs, policies and merge-key snippets decode inside the example scenario.
    @Test func snippetsDecode() throws {
        let blocks = Self.yamlBlocks(try Self.document())
        let jobs = try #require(blocks.first { $0.hasPrefix("jobs:") })
        let merge = try #require(blocks.first { $0.hasPrefix("pools:") && $0.contains("<<: *east") })
        let policies = try #require(blocks.first { $0.hasPrefix("policies:") })

        let h100Pool = """
        pools:
          - { name: spot-a, provider: aws, region: us-east-1, instance: p5.48xlarge, gpu: H100,
              on_demand_price: 98/h, spot: { price: 34.3/h, lifetime: { distribution: exponential, mean: 2h } } }

        """
        let withJobs = try ScenarioDecoder.decode(yaml: "name: doc\n" + h100Pool + jobs + policies, file: "doc.yaml")
        #expect(withJobs.jobs[0].checkpoint.writeSeconds == 80)
        #expect(withJobs.policies.count == 5)

        let mergeJobs = "jobs:\n  - { name: j, gpu: V100, work: 1h, checkpoint: { interval: 10m, write: 1m } }\npolicies: [on-demand]\n"
        let withMerge = try ScenarioDecoder.decode(yaml: "name: doc\n" + merge + mergeJobs, file: "doc.yaml")
        #expect(withMerge.pools.map(\.region) == ["us-east-1", "us-west-2"])
        #expect(withMerge.pools[1].instance == "p3.2xlarge")
    }
}
