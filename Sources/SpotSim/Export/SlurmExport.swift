import Foundation

/// A Slurm submit script that runs a scenario as an array job of N shards and merges them.
///
/// The script, run with `bash` on a machine where `sbatch` works (or submitted itself with
/// `sbatch`), submits two jobs with `sbatch --parsable` and prints their ids:
///
/// - an array job `--array=0-(N−1)` whose task I runs
///   `spotsim run SCENARIO --shard I/N --threads C --output WORK/shard-IIII-of-NNNN.spotsim-shard`;
/// - a merge job with `--dependency=afterok:ARRAY --kill-on-invalid-dep=yes` (it starts once
///   every task has succeeded, and is cancelled instead of pending forever if one fails) that
///   runs `spotsim merge WORK/shard-*-of-NNNN.spotsim-shard --format F --output RESULT`.
///
/// Every path is written as given: the caller makes them absolute (the jobs run in the work
/// directory, not where the script was exported). Paths are quoted for bash; `%` in the Slurm
/// log file names is doubled.
///
/// ```swift
/// let script = SlurmExport(
///     scenarioPath: "/home/ana/sweeps/spot.yaml", shards: 8,
///     workDirectory: "/scratch/ana/spot", resultPath: "/scratch/ana/spot/spot.json",
///     jobName: "spotsim-spot"
/// ).script()
/// ```
public struct SlurmExport: Sendable, Hashable {
    /// The scenario file, as the jobs will open it (absolute).
    public var scenarioPath: String
    /// The number of shards (array tasks), from 1.
    public var shards: Int
    /// Where shard files and Slurm logs go (absolute); also the jobs' working directory.
    public var workDirectory: String
    /// The merged report (absolute).
    public var resultPath: String
    /// The array job's name; the merge job is `NAME-merge`.
    public var jobName: String
    /// The `spotsim` the jobs call: a command name looked up on the compute nodes' `PATH`, or a path.
    public var spotsim: String = "spotsim"
    /// `--replications` for every shard, when given.
    public var replications: Int? = nil
    /// `--seed` for every shard, when given.
    public var seed: UInt64? = nil
    /// `--data-dir` for every shard, when given (absolute).
    public var dataDirectory: String? = nil
    /// The merged report's format.
    public var format: MergedReportFormat = .json
    /// `--partition`, when given (else the cluster's default partition).
    public var partition: String? = nil
    /// `--account`, when given.
    public var account: String? = nil
    /// `--time` of each job, when given (else the partition's default limit).
    public var time: String? = nil
    /// CPUs per array task; also each shard's `--threads`.
    public var cpusPerTask: Int = 2
    /// At most this many array tasks at once (`--array=0-(N−1)%P`), when given.
    public var parallelism: Int? = nil

    public init(
        scenarioPath: String, shards: Int, workDirectory: String, resultPath: String, jobName: String,
        spotsim: String = "spotsim", replications: Int? = nil, seed: UInt64? = nil, dataDirectory: String? = nil,
        format: MergedReportFormat = .json, partition: String? = nil, account: String? = nil, time: String? = nil,
        cpusPerTask: Int = 2, parallelism: Int? = nil
    ) {
        self.scenarioPath = scenarioPath
        self.shards = shards
        self.workDirectory = workDirectory
        self.resultPath = resultPath
        self.jobName = jobName
        self.spotsim = spotsim
        self.replications = replications
        self.seed = seed
        self.dataDirectory = dataDirectory
        self.format = format
        self.partition = partition
        self.account = account
        self.time = time
        self.cpusPerTask = cpusPerTask
        self.parallelism = parallelism
    }

    /// The array specification: `0-7`, or `0-7%4` with a parallelism limit.
    public var arraySpecification: String {
        "0-\(shards - 1)" + (parallelism.map { "%\($0)" } ?? "")
    }

    /// The shard's `spotsim run` arguments after the scenario, except `--shard` and `--output`.
    var runOptions: [String] {
        var options = ["--threads", String(cpusPerTask)]
        if let replications { options += ["--replications", String(replications)] }
        if let seed { options += ["--seed", String(seed)] }
        if let dataDirectory { options += ["--data-dir", dataDirectory] }
        return options
    }

    /// The `sbatch` options both jobs share, each a finished bash word.
    var commonOptions: [String] {
        var options: [String] = []
        if let partition { options.append("--partition=" + ShellText.quoted(partition)) }
        if let account { options.append("--account=" + ShellText.quoted(account)) }
        if let time { options.append("--time=" + ShellText.quoted(time)) }
        options.append("--chdir=\"$work_dir\"")
        return options
    }

    /// The submit script (bash).
    public func script() -> String {
        let q = ShellText.quoted
        let work = q(workDirectory)
        let logs = q(ShellText.slurmFilename(workDirectory))
        let shardArguments = ([spotsim, "run", scenarioPath].map(q) + ["--shard", "\"$SLURM_ARRAY_TASK_ID/\(shards)\""]
            + runOptions.map(q) + ["--output", "\(work)/\"$shard_file\""]).joined(separator: " ")
        let mergeArguments = ([spotsim, "merge"].map(q) + ["\(work)/\(ShardFiles.glob(of: shards))"]
            + ["--format", format.rawValue, "--output", q(resultPath)]).joined(separator: " ")
        let continuation = " \\\n    "

        var header: [String] = ["#SBATCH --job-name=\(jobName)-submit", "#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=1", "#SBATCH --time=00:05:00"]
        if let partition { header.append("#SBATCH --partition=\(partition)") }
        if let account { header.append("#SBATCH --account=\(account)") }

        let arrayOptions = ["--parsable", "--job-name=" + q(jobName), "--array=\(arraySpecification)", "--ntasks=1",
                            "--cpus-per-task=\(cpusPerTask)"] + commonOptions
            + ["--output=\(logs)/" + q(ShellText.slurmFilename(jobName)) + "-%A_%a.out"]
        let mergeOptions = ["--parsable", "--job-name=" + q(jobName + "-merge"), "--dependency=\"afterok:$array_job\"",
                            "--kill-on-invalid-dep=yes", "--ntasks=1", "--cpus-per-task=1"] + commonOptions
            + ["--output=\(logs)/" + q(ShellText.slurmFilename(jobName)) + "-merge-%j.out"]

        let lastTask = shards - 1
        return """
            #!/usr/bin/env bash
            # Written by `spotsim export slurm` (spotsim \(SpotSimVersion.current)): \(shards) \(shards == 1 ? "shard" : "shards") of
            #   \(scenarioPath)
            # merged into
            #   \(resultPath)
            #
            # Run it where sbatch works (a login node):  bash THIS-FILE
            # or submit it as a small job of its own:    sbatch THIS-FILE
            # It submits two jobs and prints their ids:
            #   1. an array job of \(shards) \(shards == 1 ? "task" : "tasks") (0-\(lastTask)): task I runs shard I/\(shards) of the scenario with
            #      \(cpusPerTask) CPUs (--threads \(cpusPerTask)) and writes \(ShardFiles.namePattern(of: shards))
            #      (zero-padded index) in the work directory below;
            #   2. a merge job that starts once every task has succeeded (afterok) and is cancelled
            #      if one fails (--kill-on-invalid-dep=yes); it writes the \(format.rawValue) report.
            # Paths were made absolute when the script was exported; the jobs run in the work
            # directory, where Slurm writes their logs:
            #   \(jobName)-JOBID_TASK.out and \(jobName)-merge-JOBID.out
            # A shard stopped by SIGTERM saves its progress beside its shard file; resubmitting
            # continues from it.
            \(header.joined(separator: "\n"))
            set -euo pipefail

            work_dir=\(work)
            mkdir -p -- "$work_dir"

            array_job=$(sbatch\(continuation)\(arrayOptions.joined(separator: continuation)) <<'SPOTSIM_SHARD'
            #!/usr/bin/env bash
            set -euo pipefail
            shard_file=$(printf '\(ShardFiles.printfFormat(of: shards))' "$SLURM_ARRAY_TASK_ID")
            exec \(shardArguments)
            SPOTSIM_SHARD
            )
            array_job=${array_job%%;*}

            merge_job=$(sbatch\(continuation)\(mergeOptions.joined(separator: continuation)) <<'SPOTSIM_MERGE'
            #!/usr/bin/env bash
            set -euo pipefail
            exec \(mergeArguments)
            SPOTSIM_MERGE
            )
            merge_job=${merge_job%%;*}

            printf 'array job %s: %s into %s\\n' "$array_job" '\(shards) \(shards == 1 ? "shard" : "shards")' "$work_dir"
            printf 'merge job %s: %s once every shard has succeeded\\n' "$merge_job" \(q(resultPath))

            """
    }
}
