import ArgumentParser
import SpotSim

/// `spotsim`: what a placement policy and a checkpoint interval will cost on spot GPUs.
@main
struct SpotSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spotsim",
        abstract: "Simulate training jobs on spot and on-demand GPUs: cost, lost work and completion time, with confidence intervals.",
        discussion: """
            A scenario file (YAML) describes the pools of GPU nodes (prices, spot lifetimes, \
            provisioning), the training jobs (work, gang size, checkpoint interval, write and \
            restore times) and the placement policies to compare. spotsim replays each job \
            under each policy and each checkpoint interval over many replications of the \
            same simulated market and reports every metric with its 95% confidence interval.

            Examples:
              spotsim run                       # the embedded quickstart scenario
              spotsim run scenarios/daly-check.yaml --format json --output daly.json
              spotsim run my-cluster.yaml --replications 50000 --seed 42
              spotsim validate my-cluster.yaml
              spotsim run sweep.yaml --shard 0/8 --output shard-0.spotsim-shard   # one of 8 slices
              spotsim merge shard-*.spotsim-shard --format json                 # = spotsim run sweep.yaml
              spotsim check my-cluster.yaml --baseline ci/my-cluster.json        # exit 1 on a regression

            The scenario format is described in docs/scenario-format.md.

            Exit status: 0 success, 1 a regression check failed, 64 a usage or scenario error, \
            130 or 143 interrupted (progress saved: run the same command again to continue).
            """,
        version: "spotsim \(SpotSimVersion.current)",
        subcommands: [Run.self, Merge.self, Validate.self, Fit.self, Export.self, Check.self, TraceCommand.self, ReportCommand.self]
    )
}
