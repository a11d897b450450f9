import Foundation
import SpotSim

/// Scenario texts the test targets share: the documented example, and small variations of
/// the quickstart for tests that need several grid points, jobs or intervals and must stay
/// fast.
///
/// ```swift
/// let yaml = ScenarioFixtures.smallSweep("inner", sweep: """
///       jobs.finetune.checkpoint.interval: [20m, 1h, daly]
///     """)
/// let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "inner.yaml")   // 3 grid points
/// ```
public enum ScenarioFixtures {
    /// One entry of a `pools:` list, each line indented by two spaces: a one-GPU V100 node in
    /// AWS us-east-1 at 3.06/h on demand, with a constant spot price and exponential
    /// lifetimes. Put it at the start of a line, after `pools:`.
    ///
    /// ```swift
    /// let yaml = "name: x\npools:\n" + ScenarioFixtures.spotPool(spotPrice: "0/h") + "\njobs: …"
    /// ```
    public static func spotPool(
        name: String = "spot-a", region: String = "us-east-1", spotPrice: String = "0.97/h",
        lifetimeMean: String = "3h", provisioning: String = "0s"
    ) -> String {
        """
          - name: \(name)
            provider: aws
            region: \(region)
            instance: p3.2xlarge
            gpu: V100
            on_demand_price: 3.06/h
            spot:
              price: \(spotPrice)
              lifetime: { distribution: exponential, mean: \(lifetimeMean) }
            provisioning: \(provisioning)
        """
    }

    /// The example of `docs/scenario-format.md`, byte for byte.
    public static let dalyCheck = """
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
    public static func dalyCheck(replacing old: String, with new: String) -> String {
        precondition(dalyCheck.components(separatedBy: old).count == 2, "'\(old)' must occur once")
        return dalyCheck.replacingOccurrences(of: old, with: new)
    }

    /// The repository's root, found from this file (symlinks resolved).
    public static func repositoryRoot() -> URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The message decoding `yaml` as `bad.yaml` throws, or `nil` when it decodes.
    public static func message(_ yaml: String, file: String = "bad.yaml") -> String? {
        do {
            _ = try ScenarioDecoder.decode(yaml: yaml, file: file)
            return nil
        } catch {
            return error.description
        }
    }

    /// A 12-replication sweep (seed 3) of a 12-hour, one-node job on the quickstart's pool,
    /// on-demand against spot. `sweep` is the sweep block's body, its lines indented by two
    /// spaces; `extraJob` adds a 6-hour job `pretrain` with intervals `1h` and `young`.
    public static func smallSweep(_ name: String, sweep: String, extraJob: Bool = false) -> String {
        """
        name: \(name)
        seed: 3
        replications: 12
        pools:
          - name: aws-h100
            provider: aws
            region: us-east-1
            instance: p5.48xlarge
            gpu: H100
            gpus_per_node: 8
            on_demand_price: 98/h
            spot:
              price: 34.3/h
              lifetime: { distribution: weibull, shape: 0.63, scale: 1.35h }
              notice: 2m
            provisioning: { distribution: exponential, mean: 3m }
        jobs:
          - name: finetune
            gpu: H100
            nodes: 1
            work: 12h
            checkpoint: { interval: 30m, size: 160GB, write: 2GB/s, restore: 2GB/s }
            restart: 5m
        """ + (extraJob ? """

          - name: pretrain
            gpu: H100
            nodes: 1
            work: 6h
            checkpoint: { interval: [1h, young], write: 2m, restore: 1m }
            restart: 5m
        """ : "") + """

        policies: [on-demand, spot]
        baseline: on-demand
        sweep:
        \(sweep)

        """
    }
}
