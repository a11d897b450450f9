import Foundation
import Stochastics
import SpotSimTestSupport
import Testing
@testable import SpotSim

/// Files that decode: the documented example, defaults, every value form and YAML features.
@Suite struct ScenarioDecoderTests {
    /// The documented example decodes, with units converted to seconds and USD per node-hour.
    @Test func documentedExampleDecodes() throws {
        let scenario = try ScenarioDecoder.decode(yaml: ScenarioFixtures.dalyCheck, file: "daly-check.yaml")
        #expect(scenario.name == "daly-check")
        #expect(scenario.seed == 7)
        #expect(scenario.replications == 20000)
        #expect(scenario.horizon == Scenario.defaultHorizon)

        #expect(scenario.pools.count == 1)
        let pool = scenario.pools[0]
        #expect(pool.name == "spot-a")
        #expect(pool.provider == .aws)
        #expect(pool.region == "us-east-1")
        #expect(pool.instance == "p3.2xlarge")
        #expect(pool.gpu == "V100")
        #expect(pool.gpusPerNode == 1)
        #expect(pool.onDemandPrice == 3.06)
        #expect(pool.spot?.price == 0.97)
        #expect(pool.spot?.lifetime == .exponential(mean: 7200))
        #expect(pool.spot?.notice == 0)
        #expect(pool.provisioning == .constant(0))
        #expect(pool.billing == Provider.aws.defaultBilling)

        #expect(scenario.jobs.count == 1)
        let job = scenario.jobs[0]
        #expect(job.name == "train")
        #expect(job.gpu == "V100")
        #expect(job.nodes == 1)
        #expect(job.work == .seconds(360_000))
        #expect(job.stepTime == nil)
        #expect(job.checkpoint.intervals == [.seconds(1800), .seconds(3600), .seconds(7200), .daly])
        #expect(job.checkpoint.write == .seconds(180))
        #expect(job.checkpoint.restore == .seconds(0))
        #expect(job.checkpoint.sizeBytes == nil)
        #expect(job.restart == 360)

        #expect(scenario.policies == [PolicySpec(kind: .spot)])
    }

    /// Omitted optional keys take their documented defaults: seed 1, 1000 replications, the
    /// default horizon, 1 GPU per node, the provider's notice and billing, no provisioning
    /// delay, 1 node, restore 0 s, restart 0 s; a pool without `spot` is on-demand only.
    @Test func omittedOptionalKeysTakeDefaults() throws {
        let yaml = """
        name: minimal
        pools:
          - name: g
            provider: gcp
            region: us-central1
            instance: a2-highgpu-1g
            gpu: A100
            on_demand_price: 3.67/h
            spot: { price: 1.1/h, lifetime: { distribution: exponential, mean: 5h } }
          - name: z
            provider: azure
            region: eastus
            instance: NC24ads_A100_v4
            gpu: A100
            on_demand_price: 3.67/h
        jobs:
          - { name: j, gpu: A100, work: 10h, checkpoint: { interval: young, write: 1m } }
        policies: [on-demand]
        """
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "minimal.yaml")
        #expect(scenario.seed == 1)
        #expect(scenario.replications == 1000)
        #expect(scenario.horizon == Scenario.defaultHorizon)
        #expect(scenario.pools[0].gpusPerNode == 1)
        #expect(scenario.pools[0].spot?.notice == Provider.gcp.defaultNotice)
        #expect(scenario.pools[0].billing == Provider.gcp.defaultBilling)
        #expect(scenario.pools[0].provisioning == .constant(0))
        #expect(scenario.pools[1].spot == nil)
        #expect(scenario.pools[1].billing == Provider.azure.defaultBilling)
        #expect(scenario.jobs[0].nodes == 1)
        #expect(scenario.jobs[0].checkpoint.intervals == [.young])
        #expect(scenario.jobs[0].checkpoint.restore == .seconds(0))
        #expect(scenario.jobs[0].restart == 0)
    }

    /// Every value form: steps with per-GPU step times, bandwidths with a size, each
    /// distribution family, explicit billing (partial keys keep the provider's), a horizon,
    /// `_` in integers, and policies with parameters.
    @Test func everyValueFormDecodes() throws {
        let yaml = """
        name: forms
        seed: 18446744073709551615
        replications: 20_000
        horizon: 30d
        pools:
          - name: a
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
            provisioning: { distribution: lognormal, mean: 3m, sd: 1m }
            billing: { granularity: 1m, rounding: down }
          - name: b
            provider: gcp
            region: us-central1
            instance: a3-highgpu-8g
            gpu: H100
            on_demand_price: 88.25/h
            spot: { price: 30/h, lifetime: { distribution: gamma, shape: 2, mean: 4h } }
            provisioning: 90s
          - name: c
            provider: azure
            region: eastus
            instance: ND96isr_H100_v5
            gpu: H100
            on_demand_price: 98.32/h
            spot: { price: 40/h, lifetime: { distribution: empirical, values: [1h, 90m, 3h] } }
            provisioning: { distribution: uniform, min: 1m, max: 5m }
          - name: d
            provider: aws
            region: us-west-2
            instance: p4d.24xlarge
            gpu: A100
            on_demand_price: 32.77/h
            spot: { price: 10/h, lifetime: { distribution: constant, value: 6h }, notice: 0s }
            provisioning: { distribution: gamma, shape: 3, scale: 20s }
        jobs:
          - name: pretrain
            gpu: H100
            nodes: 4
            work: 50000 steps
            step_time: { H100: 1.2s, A100: 2.5s }
            checkpoint:
              interval: [500 steps, 1h, young]
              size: 160GB
              write: 2GB/s
              restore: 4GB/s
            restart: 5m
          - name: finetune
            gpu: H100
            work: 12h
            step_time: 0.5s
            checkpoint: { interval: 1000 steps, write: 30s, restore: 1m }
        policies:
          - on-demand
          - spot
          - { name: spot, pool: c }
          - { name: spot-fallback, after: 2 }
        """
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "forms.yaml")
        #expect(scenario.seed == UInt64.max)
        #expect(scenario.replications == 20000)
        #expect(scenario.horizon == 30 * 86400)

        let a = scenario.pools[0]
        #expect(a.gpusPerNode == 8)
        #expect(a.spot?.lifetime == .weibull(scale: 4860, shape: 0.63))
        #expect(a.spot?.notice == 120)
        #expect(a.provisioning == .logNormal(mean: 180, standardDeviation: 60))
        #expect(a.billing == BillingRule(granularity: 60, minimum: 60, rounding: .down, freeIfInterruptedWithin: 3600))
        #expect(scenario.pools[1].spot?.lifetime == .gamma(shape: 2, scale: 7200))
        #expect(scenario.pools[1].provisioning == .constant(90))
        #expect(scenario.pools[2].spot?.lifetime == .empirical([3600, 5400, 10800]))
        #expect(scenario.pools[2].provisioning == .uniform(lower: 60, upper: 300))
        #expect(scenario.pools[3].spot?.lifetime == .constant(21600))
        #expect(scenario.pools[3].provisioning == .gamma(shape: 3, scale: 20))

        let pretrain = scenario.jobs[0]
        #expect(pretrain.nodes == 4)
        #expect(pretrain.work == .steps(50000))
        #expect(pretrain.stepTime == .perGPU(["H100": 1.2, "A100": 2.5]))
        #expect(pretrain.workSeconds(onGPU: "H100") == 60000)
        #expect(pretrain.checkpoint.intervals == [.steps(500), .seconds(3600), .young])
        #expect(pretrain.checkpoint.sizeBytes == 160e9)
        #expect(pretrain.checkpoint.write == .bandwidth(2e9))
        #expect(pretrain.checkpoint.restore == .bandwidth(4e9))
        #expect(pretrain.checkpoint.writeSeconds == 80)
        #expect(pretrain.restart == 300)
        let finetune = scenario.jobs[1]
        #expect(finetune.stepTime == .uniform(0.5))
        #expect(finetune.checkpoint.intervals == [.steps(1000)])
        #expect(finetune.checkpoint.restore == .seconds(60))

        #expect(scenario.policies == [
            PolicySpec(kind: .onDemand),
            PolicySpec(kind: .spot),
            PolicySpec(kind: .spot, pool: "c"),
            PolicySpec(kind: .spotFallback, fallbackAfter: 2),
        ])
    }

    /// Anchors, aliases and merge keys (`<<: *defaults`) work; keys written in a mapping win
    /// over merged ones.
    @Test func anchorsAliasesAndMergeKeys() throws {
        let yaml = """
        name: shared
        pools:
          - &aws
            name: east
            provider: aws
            region: us-east-1
            instance: p3.2xlarge
            gpu: V100
            on_demand_price: 3.06/h
            spot: { price: 0.97/h, lifetime: &life { distribution: exponential, mean: 2h } }
          - <<: *aws
            name: west
            region: us-west-2
            spot: { price: 0.91/h, lifetime: *life }
        jobs:
          - { name: j, gpu: V100, work: 100h, checkpoint: { interval: daly, write: 3m } }
        policies: [spot, on-demand]
        """
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "shared.yaml")
        #expect(scenario.pools.map(\.name) == ["east", "west"])
        #expect(scenario.pools[1].region == "us-west-2")
        #expect(scenario.pools[1].instance == "p3.2xlarge")
        #expect(scenario.pools[1].onDemandPrice == 3.06)
        #expect(scenario.pools[1].spot?.price == 0.91)
        #expect(scenario.pools[1].spot?.lifetime == .exponential(mean: 7200))
    }

    /// The scenario embedded for `spotsim run` decodes.
    @Test func shippedQuickstartDecodes() throws {
        let scenario = try ScenarioDecoder.decode(yaml: ShippedScenarios.quickstart, file: "quickstart.yaml")
        #expect(scenario.name == "quickstart")
        #expect(scenario.jobs[0].checkpoint.writeSeconds == 80)
        #expect(scenario.policies.count == 3)
    }

    /// Every scenario shipped in `scenarios/` decodes, those that replay traces with the shared
    /// trace folder as their data directory.
    @Test func shippedScenarioFilesDecode() throws {
        let directory = ScenarioFixtures.repositoryRoot().appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        let traces = SharedData.directory.appendingPathComponent("data/traces").path
        for file in files.sorted() {
            let path = directory.appendingPathComponent(file).path
            #expect(throws: Never.self, "\(file)") { try ScenarioDecoder.decode(contentsOf: path, dataDirectory: traces) }
        }
    }

    /// `decode(contentsOf:)` reads a file and names it by its path in errors.
    @Test func decodesAFileByPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.yaml")
        try ScenarioFixtures.dalyCheck.write(to: good, atomically: true, encoding: .utf8)
        #expect(try ScenarioDecoder.decode(contentsOf: good.path).name == "daly-check")

        let bad = directory.appendingPathComponent("bad.yaml")
        try ScenarioFixtures.dalyCheck(replacing: "seed: 7", with: "seed: seven").write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(
            file: bad.path, line: 2, column: 7, field: "seed",
            expected: "an integer from 0 to 18446744073709551615", found: "'seven'"
        )) {
            try ScenarioDecoder.decode(contentsOf: bad.path)
        }
    }
}
