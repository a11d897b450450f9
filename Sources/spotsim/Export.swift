import ArgumentParser
import Foundation
import SpotSim

/// `spotsim export`: job files that run a scenario as shards on a cluster and merge them.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a Slurm script or Kubernetes manifests that run a scenario as N shards on a cluster and merge them.",
        discussion: """
            Each shard runs `spotsim run SCENARIO --shard I/N --output FILE` on its own node; a \
            last job runs `spotsim merge`, whose report is byte for byte what one \
            `spotsim run SCENARIO` prints. The scenario is decoded (with --data-dir) before \
            anything is written, and files are written atomically. See docs/clusters.md.

            Examples:
              spotsim export slurm sweep.yaml --shards 64 --output sweep.sh
              bash sweep.sh
              spotsim export kubernetes sweep.yaml --shards 64 \\
                  --image registry.example/spotsim:1.0 --claim spotsim-shards \\
                  --output sweep-shards.yaml --merge-output sweep-merge.yaml
            """,
        subcommands: [SlurmExportCommand.self, KubernetesExportCommand.self]
    )
}

/// The options both exports share: the scenario, the shard count and what each shard's
/// `spotsim run` and the final `spotsim merge` get.
struct ExportOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "scenario"))
    var scenarioPath: String

    @Option(name: .long, help: ArgumentHelp("The number of shards, from 1 to \(ShardFiles.maximumCount).", valueName: "n"))
    var shards: Int

    @Option(name: .long, help: ArgumentHelp("Replications per grid point, passed to every shard (default: the file's).", valueName: "n"))
    var replications: Int?

    @Option(name: .long, help: ArgumentHelp("Seed, passed to every shard (default: the file's).", valueName: "s"))
    var seed: UInt64?

    @Option(name: .long, help: "Format of the merged report: table, json or csv.")
    var format: Run.Format = .json

    @Option(name: .long, help: ArgumentHelp("The spotsim the jobs run: a command on their PATH or a path.", valueName: "path"))
    var spotsim: String = "spotsim"

    @Option(name: .long, help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard (1...ShardFiles.maximumCount).contains(shards) else {
            throw ValidationError("--shards must be between 1 and \(ShardFiles.maximumCount), found \(shards)")
        }
        if let replications, !(1...ScenarioDecoder.maximumReplications).contains(replications) {
            throw ValidationError("--replications must be between 1 and \(ScenarioDecoder.maximumReplications), found \(replications)")
        }
        try checkText(scenarioPath, "the scenario path")
        try checkText(spotsim, "--spotsim")
        if let output { try checkText(output, "--output") }
    }

    var mergedFormat: MergedReportFormat { MergedReportFormat(rawValue: format.rawValue)! }

    /// The scenario decoded with `dataDirectory` and the overrides, checked as `spotsim run`
    /// checks it, and whether it needs a data directory (names trace files relative to one).
    /// A bad scenario prints its message and exits 64.
    func checkedScenario(dataDirectory: String?) throws -> (scenario: Scenario, needsDataDirectory: Bool) {
        var scenario = try loadScenario(at: scenarioPath, dataDirectory: dataDirectory)
        if let replications { scenario.replications = replications }
        if let seed { scenario.seed = seed }
        let layout: ResultLayout
        do {
            layout = try ResultLayout(scenario)
        } catch {
            throw usageError("\(scenarioPath): \(error)")
        }
        guard shards <= layout.unitCount else {
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            throw usageError("--shards \(shards): \(scenarioPath) has only \(count(layout.unitCount, "unit")) of work (\(count(layout.points.count, "grid point")) × \(count(scenario.replications, "replication"))); give at most \(count(layout.unitCount, "shard"))")
        }
        // An empty data directory makes every relative trace path an error.
        let needsData = (try? ScenarioDecoder.decode(contentsOf: scenarioPath, dataDirectory: "")) == nil
        return (scenario, needsData)
    }

    /// A label made of the scenario's name for default job and file names.
    func label(_ scenario: Scenario) -> String {
        ExportNames.label(scenario.name) ?? "scenario"
    }
}

/// Refuses control characters (line breaks would end a heredoc or a comment line).
func checkText(_ text: String, _ name: String) throws {
    if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
        throw ValidationError("\(name) must not contain control characters or line breaks")
    }
    if text.isEmpty { throw ValidationError("\(name) must not be empty") }
}

/// `path` made absolute against the current directory, with `.` and `..` removed.
func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}

/// Writes `text` to `path` atomically; a failure prints its message and exits 64.
func writeExport(_ text: String, to path: String, executable: Bool = false) throws {
    do {
        try OutputFile.write(text, to: path)
    } catch {
        throw usageError("\(error)")
    }
    if executable { chmod(path, 0o755) }
}

// MARK: - Slurm

/// `spotsim export slurm`.
struct SlurmExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write a bash script that submits a Slurm array job of N shards and a merge job after it.",
        discussion: """
            Run the script with bash where sbatch works (or submit it with sbatch). It submits, \
            with `sbatch --parsable`, an array job --array=0-(N-1) whose task I runs \
            `spotsim run SCENARIO --shard I/N --threads C --output WORK/shard-IIII-of-NNNN.spotsim-shard`, \
            then a merge job with --dependency=afterok:ARRAY --kill-on-invalid-dep=yes that runs \
            `spotsim merge WORK/shard-*-of-NNNN.spotsim-shard --format F --output RESULT`, and \
            prints both job ids. The scenario, --work-dir, --result, --data-dir and a --spotsim \
            containing a slash are made absolute now: the jobs run in the work directory, which \
            must be on a file system every node sees. When the scenario replays traces and \
            --data-dir is not given, the $SPOTSIM_DATA of this command is written into the \
            script. Slurm logs go to the work directory. Slurm's MaxArraySize (1001 by default) \
            bounds N.

            Example:
              spotsim export slurm scenarios/quickstart.yaml --shards 8 \\
                  --replications 20000 --work-dir /scratch/quickstart \\
                  --partition cpu --time 1:00:00 --output quickstart.sh
              bash quickstart.sh
            """
    )

    @OptionGroup var options: ExportOptions

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "The directory trace paths in the scenario are relative to, checked now and passed to every shard (default: $SPOTSIM_DATA).",
        valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .customLong("work-dir"), help: ArgumentHelp(
        "Where shard files and Slurm logs go, on a shared file system (default: ./SCENARIO-shards).", valueName: "dir"))
    var workDirectory: String?

    @Option(name: .long, help: ArgumentHelp("The merged report (default: WORK-DIR/SCENARIO.json, .txt or .csv).", valueName: "file"))
    var result: String?

    @Option(name: .customLong("job-name"), help: ArgumentHelp(
        "The array job's name; the merge job's is NAME-merge (default: spotsim-SCENARIO).", valueName: "name"))
    var jobName: String?

    @Option(name: .long, help: ArgumentHelp("The partition of both jobs (default: the cluster's default).", valueName: "name"))
    var partition: String?

    @Option(name: .long, help: ArgumentHelp("The account both jobs are charged to (default: yours).", valueName: "name"))
    var account: String?

    @Option(name: .long, help: ArgumentHelp("The time limit of each job, in Slurm's format like 2:00:00 or 1-12:00:00 (default: the partition's).", valueName: "time"))
    var time: String?

    @Option(name: .customLong("cpus-per-task"), help: ArgumentHelp("CPUs per shard, also its --threads.", valueName: "c"))
    var cpusPerTask: Int = 2

    @Option(name: .long, help: ArgumentHelp("At most this many shards at once (--array=0-(N-1)%P; default: no limit).", valueName: "p"))
    var parallelism: Int?

    func validate() throws {
        guard (1...1024).contains(cpusPerTask) else {
            throw ValidationError("--cpus-per-task must be between 1 and 1024, found \(cpusPerTask)")
        }
        if let parallelism, !(1...options.shards).contains(parallelism) {
            throw ValidationError("--parallelism must be between 1 and --shards (\(options.shards)), found \(parallelism)")
        }
        for (name, value) in [("--data-dir", dataDirectory), ("--work-dir", workDirectory), ("--result", result)] {
            if let value { try checkText(value, name) }
        }
        let word = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars)
        for (name, value) in [("--job-name", jobName), ("--partition", partition), ("--account", account)] {
            guard let value else { continue }
            let allowed = name == "--partition" ? word.union([","]) : word
            guard !value.isEmpty, value.count <= 100, value.unicodeScalars.allSatisfy(allowed.contains) else {
                throw ValidationError("\(name): expected letters, digits, '.', '_' and '-'\(name == "--partition" ? " (',' between partitions)" : ""), found '\(value)'")
            }
        }
        if let time {
            let allowed = Set("0123456789:-".unicodeScalars)
            guard ["infinite", "unlimited", "INFINITE", "UNLIMITED"].contains(time)
                || (!time.isEmpty && time.unicodeScalars.allSatisfy(allowed.contains) && time.first!.isNumber) else {
                throw ValidationError("--time: expected a Slurm time like 30, 2:00:00 or 1-12:00:00, found '\(time)'")
            }
        }
    }

    func run() throws {
        let dataDirectory = dataDirectory.map(absolutePath)
        let (scenario, needsData) = try options.checkedScenario(dataDirectory: dataDirectory)
        let environmentData = ProcessInfo.processInfo.environment[ScenarioDecoder.dataDirectoryVariable].flatMap { $0.isEmpty ? nil : $0 }
        let passedData = dataDirectory ?? (needsData ? environmentData.map(absolutePath) : nil)
        let label = options.label(scenario)
        let work = absolutePath(workDirectory ?? "\(label)-shards")
        let export = SlurmExport(
            scenarioPath: absolutePath(options.scenarioPath),
            shards: options.shards,
            workDirectory: work,
            resultPath: absolutePath(result ?? (work as NSString).appendingPathComponent("\(label).\(options.mergedFormat.fileExtension)")),
            jobName: jobName ?? "spotsim-\(label)",
            spotsim: options.spotsim.contains("/") ? absolutePath(options.spotsim) : options.spotsim,
            replications: options.replications, seed: options.seed, dataDirectory: passedData,
            format: options.mergedFormat, partition: partition, account: account, time: time,
            cpusPerTask: cpusPerTask, parallelism: parallelism
        )
        let script = export.script()
        if let output = options.output {
            try writeExport(script, to: output, executable: true)
            standardError("spotsim: wrote \(output): `bash \(output)` submits \(options.shards) \(options.shards == 1 ? "shard" : "shards") of \(scenario.name) and their merge into \(export.resultPath)\n")
        } else {
            FileHandle.standardOutput.write(Data(script.utf8))
        }
    }
}

// MARK: - Kubernetes

/// `spotsim export kubernetes`.
struct KubernetesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubernetes",
        abstract: "Write a ConfigMap and an Indexed Job of N shards, and a merge Job to apply after it.",
        discussion: """
            The shard manifest (--output) holds a ConfigMap carrying the scenario file (and the \
            price-series CSV files it names beside it), so it is self-contained, and an Indexed \
            Job (completionMode: Indexed, completions: N) whose pod k runs, with sh -c, \
            `spotsim run /scenario/scenario.yaml --shard auto/N --output /shards/shard-KKKK-of-NNNN.spotsim-shard` \
            (auto: the index is JOB_COMPLETION_INDEX, which Kubernetes sets in each pod). /shards is directory --work-dir of claim --claim, \
            which must be ReadWriteMany when pods can land on different nodes. The image must \
            contain sh and spotsim.

            Kubernetes has no dependency between Jobs, so the merge Job is a separate file \
            (--merge-output; default: the --output name with -merge before its extension). \
            Apply it once the Indexed Job has completed:
              kubectl apply -f sweep-shards.yaml
              kubectl wait --for=condition=complete job/spotsim-sweep \\
                  --timeout=24h
              kubectl apply -f sweep-merge.yaml
              kubectl wait --for=condition=complete job/spotsim-sweep-merge \\
                  --timeout=1h
              kubectl logs job/spotsim-sweep-merge
            It writes the report to WORK-DIR/SCENARIO.json (or .txt, .csv) in the claim and \
            prints it to its log.

            Scenarios that replay traces need --data-claim: a claim holding the data directory, \
            mounted read-only at /data and passed as --data-dir /data; --data-dir here is only \
            where this command finds the traces to check the scenario now.

            Example:
              spotsim export kubernetes scenarios/quickstart.yaml --shards 16 \\
                  --image registry.example/spotsim:1.0 --claim spotsim-shards \\
                  --output quickstart-k8s.yaml
              (the merge Job goes to quickstart-k8s-merge.yaml)
            """
    )

    @OptionGroup var options: ExportOptions

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Where trace paths in the scenario are found on this machine, to check it now (default: $SPOTSIM_DATA).", valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .long, help: ArgumentHelp("The container image, with sh and spotsim in it (required; no default registry).", valueName: "image"))
    var image: String

    @Option(name: .long, help: ArgumentHelp(
        "The PersistentVolumeClaim for shard files and the report, mounted at /shards; ReadWriteMany when pods can land on different nodes.",
        valueName: "name"))
    var claim: String

    @Option(name: .customLong("work-dir"), help: ArgumentHelp(
        "The directory inside the claim for this run's files, a relative path (default: the job name).", valueName: "dir"))
    var workDirectory: String?

    @Option(name: .customLong("data-claim"), help: ArgumentHelp(
        "A claim holding the data directory (traces), mounted read-only at /data and passed as --data-dir /data.", valueName: "name"))
    var dataClaim: String?

    @Option(name: .customLong("job-name"), help: ArgumentHelp(
        "The Indexed Job's name, at most 52 lowercase letters, digits and '-'; the others are NAME-scenario and NAME-merge (default: spotsim-SCENARIO).",
        valueName: "name"))
    var jobName: String?

    @Option(name: .long, help: ArgumentHelp("The namespace of every object (default: kubectl's current one).", valueName: "name"))
    var namespace: String?

    @Option(name: .long, help: ArgumentHelp("Shard pods running at once (default: all).", valueName: "p"))
    var parallelism: Int?

    @Option(name: .customLong("backoff-limit"), help: ArgumentHelp("Failed shard pods tolerated in all before the Job fails.", valueName: "n"))
    var backoffLimit: Int = 6

    @Option(name: .long, help: ArgumentHelp("CPUs requested per shard pod, also its --threads.", valueName: "c"))
    var cpus: Int = 2

    @Option(name: .long, help: ArgumentHelp("Memory requested per pod, a Kubernetes quantity.", valueName: "quantity"))
    var memory: String = "1Gi"

    @Option(name: .customLong("merge-output"), help: ArgumentHelp(
        "Write the merge Job here (default: the --output name with -merge before its extension; required without --output).",
        valueName: "file"))
    var mergeOutput: String?

    func validate() throws {
        try checkText(image, "--image")
        if image.contains(" ") { throw ValidationError("--image must not contain spaces, found '\(image)'") }
        if let jobName, !ExportNames.isLabel(jobName, limit: 52) {
            throw ValidationError("--job-name: expected at most 52 lowercase letters, digits and '-', starting and ending with a letter or digit, found '\(jobName)'")
        }
        if let namespace, !ExportNames.isLabel(namespace) {
            throw ValidationError("--namespace: expected a DNS label (lowercase letters, digits and '-'), found '\(namespace)'")
        }
        for (name, value) in [("--claim", Optional(claim)), ("--data-claim", dataClaim)] {
            if let value, !ExportNames.isSubdomain(value) {
                throw ValidationError("\(name): expected a Kubernetes object name (lowercase letters, digits, '-' and '.'), found '\(value)'")
            }
        }
        if let workDirectory {
            try checkText(workDirectory, "--work-dir")
            let parts = workDirectory.split(separator: "/", omittingEmptySubsequences: false)
            guard !workDirectory.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0.isEmpty }) else {
                throw ValidationError("--work-dir: expected a relative path inside the claim like sweeps/june, without '..', found '\(workDirectory)'")
            }
        }
        if let parallelism, !(1...options.shards).contains(parallelism) {
            throw ValidationError("--parallelism must be between 1 and --shards (\(options.shards)), found \(parallelism)")
        }
        guard backoffLimit >= 0 else { throw ValidationError("--backoff-limit must be at least 0, found \(backoffLimit)") }
        guard (1...1024).contains(cpus) else { throw ValidationError("--cpus must be between 1 and 1024, found \(cpus)") }
        guard memory.range(of: #"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$"#, options: .regularExpression) != nil else {
            throw ValidationError("--memory: expected a Kubernetes quantity like 512Mi or 2Gi, found '\(memory)'")
        }
        if let mergeOutput { try checkText(mergeOutput, "--merge-output") }
        if options.output == nil, mergeOutput == nil {
            throw ValidationError("give --merge-output FILE: the merge Job goes to a file of its own, applied once the shards' Job has completed")
        }
        if let output = options.output, absolutePath(mergeManifestPath(output: output)) == absolutePath(output) {
            throw ValidationError("--merge-output must differ from --output")
        }
    }

    /// The merge manifest's path: --merge-output, else `x-merge.yaml` for `--output x.yaml`.
    func mergeManifestPath(output: String?) -> String {
        if let mergeOutput { return mergeOutput }
        let path = output!
        let ext = (path as NSString).pathExtension
        guard ["yaml", "yml"].contains(ext.lowercased()) else { return path + "-merge.yaml" }
        return (path as NSString).deletingPathExtension + "-merge." + ext
    }

    func run() throws {
        let (scenario, needsData) = try options.checkedScenario(dataDirectory: dataDirectory)
        if needsData, dataClaim == nil {
            throw usageError("\(options.scenarioPath) replays trace files relative to a data directory: give --data-claim NAME, a claim holding that directory (mounted read-only at /data in each pod)")
        }
        let scenarioText: String
        switch InputFile.readText(options.scenarioPath, maximumBytes: ScenarioDecoder.maximumFileSize) {
        case .success(let text): scenarioText = text
        case .failure(let problem):
            throw usageError("\(options.scenarioPath): \(problem.reason)")
        }
        let companions = try companionFiles(scenarioText)
        let size = scenarioText.utf8.count + companions.reduce(0) { $0 + $1.text.utf8.count }
        guard size <= 1_000_000 else {
            throw usageError("\(options.scenarioPath): the scenario and its price series are \(size) bytes; a ConfigMap holds at most 1 MiB")
        }
        let label = options.label(scenario)
        let name = jobName ?? "spotsim-\(label)"  // a label of at most 40 characters: at most 48
        let mergePath = mergeManifestPath(output: options.output)
        let export = KubernetesExport(
            scenarioText: scenarioText, companions: companions, shards: options.shards, name: name, image: image,
            claim: claim, workDirectory: workDirectory ?? name,
            resultFileName: "\(label).\(options.mergedFormat.fileExtension)", namespace: namespace,
            parallelism: parallelism, backoffLimit: backoffLimit, dataClaim: dataClaim, spotsim: options.spotsim,
            replications: options.replications, seed: options.seed, format: options.mergedFormat, cpus: cpus,
            memory: memory, mergeManifestName: (mergePath as NSString).lastPathComponent
        )
        let shardManifest = export.shardManifest()
        let mergeManifest = export.mergeManifest()
        if let output = options.output {
            try writeExport(shardManifest, to: output)
        } else {
            FileHandle.standardOutput.write(Data(shardManifest.utf8))
        }
        try writeExport(mergeManifest, to: mergePath)
        let shardsWhere = options.output ?? "the shard manifest to standard output"
        standardError("spotsim: wrote \(shardsWhere) (ConfigMap \(export.configMapName), Indexed Job \(name) of \(options.shards) \(options.shards == 1 ? "shard" : "shards")) and \(mergePath) (Job \(export.mergeJobName): apply it once job/\(name) has completed)\n")
    }

    /// The price-series files the scenario names relative to itself, read to travel in the
    /// ConfigMap; absolute ones are left to the pods (with a warning).
    func companionFiles(_ scenarioText: String) throws -> [KubernetesExport.CompanionFile] {
        let directory = (options.scenarioPath as NSString).deletingLastPathComponent
        var files: [KubernetesExport.CompanionFile] = []
        for name in ScenarioCompanions.priceSeriesFiles(inYAML: scenarioText) {
            if name.hasPrefix("/") {
                standardError("spotsim: warning: price series \(name) is an absolute path: it is not carried in the ConfigMap, and each pod must see it at that path\n")
                continue
            }
            let parts = name.split(separator: "/").filter { $0 != "." }
            guard !parts.isEmpty, !parts.contains("..") else {
                throw usageError("price series '\(name)': a path with '..' cannot travel in the ConfigMap; keep it beside or below \(options.scenarioPath)")
            }
            let path = directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
            switch InputFile.readText(path, maximumBytes: 1_000_000) {
            case .success(let text): files.append(.init(path: parts.joined(separator: "/"), text: text))
            case .failure(let problem):
                throw usageError("price series \(path): \(problem.reason)")
            }
        }
        return files
    }
}
