import Foundation
import SpotSim

/// Scenario texts shared by the decoder tests.
enum ScenarioFixtures {
    /// The example of `docs/scenario-format.md`, byte for byte.
    static let dalyCheck = """
    name: daly-check
    seed: 7
    replications: 20000
    pools:
      - name: spot-a
        provider: aws
        region: us-east-1
        instance: p3.2xlarge
        gpu: V100
        gpus_per_node: 1
        on_demand_price: 3.06/h
        spot:
          price: 0.97/h
          lifetime: { distribution: exponential, mean: 2h }
          notice: 0s
        provisioning: 0s
    jobs:
      - name: train
        gpu: V100
        nodes: 1
        work: 100h
        checkpoint:
          interval: [30m, 1h, 2h, daly]   # a list makes a grid: one result per value
          write: 3m
          restore: 0s
        restart: 6m
    policies: [spot]

    """

    /// `dalyCheck` with `old` replaced by `new` (which must occur exactly once).
    static func dalyCheck(replacing old: String, with new: String) -> String {
        precondition(dalyCheck.components(separatedBy: old).count == 2, "'\(old)' must occur once")
        return dalyCheck.replacingOccurrences(of: old, with: new)
    }

    /// The repository's root, found from this file (symlinks resolved).
    static func repositoryRoot() -> URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The message decoding `yaml` as `bad.yaml` throws, or `nil` when it decodes.
    static func message(_ yaml: String, file: String = "bad.yaml") -> String? {
        do {
            _ = try ScenarioDecoder.decode(yaml: yaml, file: file)
            return nil
        } catch {
            return error.description
        }
    }
}
