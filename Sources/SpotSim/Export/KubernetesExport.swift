import Foundation

/// Kubernetes manifests that run a scenario as an Indexed Job of N shards, and a merge Job.
///
/// ``shardManifest()`` is a multi-document YAML file: a ConfigMap carrying the scenario file
/// (and the price-series CSV files it names, at the same relative paths), so the manifest is
/// self-contained, and an Indexed Job (`completionMode: Indexed`, `completions: N`) whose pod
/// `k` runs, through `sh -c`,
/// `spotsim run /scenario/scenario.yaml --shard auto/N --output /shards/shard-KKKK-of-NNNN.spotsim-shard`
/// (`auto` reads `JOB_COMPLETION_INDEX`, which Kubernetes sets in each pod). Shard files go to
/// a PersistentVolumeClaim mounted at `/shards` (a sub-directory of the claim, `subPath`); it
/// must be ReadWriteMany when pods can land on different nodes. Scenarios that replay traces
/// get a second claim mounted read-only at `/data` and passed as `--data-dir /data`.
///
/// Kubernetes has no dependency between Jobs, so ``mergeManifest()`` is a separate file, to
/// apply once the Indexed Job has completed:
///
/// ```sh
/// kubectl apply -f sweep.yaml
/// kubectl wait --for=condition=complete job/spotsim-sweep --timeout=24h
/// kubectl apply -f sweep-merge.yaml
/// ```
///
/// The merge Job writes the report into the same claim directory and prints it to its log.
///
/// ```swift
/// let export = KubernetesExport(
///     scenarioText: text, shards: 8, name: "spotsim-sweep", image: "registry.example/spotsim:1.0",
///     claim: "spotsim-shards", workDirectory: "spotsim-sweep", resultFileName: "sweep.json"
/// )
/// let manifests = (export.shardManifest(), export.mergeManifest())
/// ```
public struct KubernetesExport: Sendable, Hashable {
    /// A file the scenario reads from beside itself, carried in the ConfigMap.
    public struct CompanionFile: Sendable, Hashable {
        /// The path relative to the scenario's directory, as the scenario names it.
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// Where pods see the scenario's directory.
    public static let scenarioMountPath = "/scenario"
    /// The scenario's file name in the ConfigMap and in pods.
    public static let scenarioFileName = "scenario.yaml"
    /// Where pods see the shard directory.
    public static let shardsMountPath = "/shards"
    /// Where pods see the data claim.
    public static let dataMountPath = "/data"

    /// The scenario file's text, byte for byte.
    public var scenarioText: String
    /// Files the scenario names relative to itself (price series).
    public var companions: [CompanionFile] = []
    /// The number of shards (completions), from 1.
    public var shards: Int
    /// The Indexed Job's name (a DNS-1123 label of at most 52 characters); the ConfigMap is
    /// `NAME-scenario` and the merge Job `NAME-merge`.
    public var name: String
    /// The container image; it must contain `sh` and `spotsim`.
    public var image: String
    /// The PersistentVolumeClaim for shard files and the report.
    public var claim: String
    /// The directory inside `claim` for this run's files (`subPath`, relative).
    public var workDirectory: String
    /// The report's file name in the work directory.
    public var resultFileName: String
    /// The namespace of every object, when given (else kubectl's current one).
    public var namespace: String? = nil
    /// Pods running at once (default: all shards).
    public var parallelism: Int? = nil
    /// Failed pods tolerated, over all indexes, before the Job fails.
    public var backoffLimit: Int = 6
    /// A claim holding the data directory (traces), mounted read-only at `/data`, when given.
    public var dataClaim: String? = nil
    /// The `spotsim` in the image: a command name on its `PATH`, or a path.
    public var spotsim: String = "spotsim"
    /// `--replications` for every shard, when given.
    public var replications: Int? = nil
    /// `--seed` for every shard, when given.
    public var seed: UInt64? = nil
    /// The merged report's format.
    public var format: MergedReportFormat = .json
    /// CPUs requested per shard pod; also each shard's `--threads`.
    public var cpus: Int = 2
    /// Memory requested per pod, a Kubernetes quantity.
    public var memory: String = "1Gi"
    /// The merge manifest's file name, for the instructions in the shard manifest's comment.
    public var mergeManifestName: String = "MERGE-FILE"

    public init(
        scenarioText: String, companions: [CompanionFile] = [], shards: Int, name: String, image: String,
        claim: String, workDirectory: String, resultFileName: String, namespace: String? = nil,
        parallelism: Int? = nil, backoffLimit: Int = 6, dataClaim: String? = nil, spotsim: String = "spotsim",
        replications: Int? = nil, seed: UInt64? = nil, format: MergedReportFormat = .json, cpus: Int = 2,
        memory: String = "1Gi", mergeManifestName: String = "MERGE-FILE"
    ) {
        self.scenarioText = scenarioText
        self.companions = companions
        self.shards = shards
        self.name = name
        self.image = image
        self.claim = claim
        self.workDirectory = workDirectory
        self.resultFileName = resultFileName
        self.namespace = namespace
        self.parallelism = parallelism
        self.backoffLimit = backoffLimit
        self.dataClaim = dataClaim
        self.spotsim = spotsim
        self.replications = replications
        self.seed = seed
        self.format = format
        self.cpus = cpus
        self.memory = memory
        self.mergeManifestName = mergeManifestName
    }

    /// The ConfigMap's name.
    public var configMapName: String { name + "-scenario" }
    /// The merge Job's name.
    public var mergeJobName: String { name + "-merge" }

    /// `-n NAMESPACE ` for kubectl commands in comments, or nothing.
    var namespaceFlag: String { namespace.map { "-n \(ShellText.quoted($0)) " } ?? "" }

    /// The shard pod's shell script: `$1` is the spotsim binary.
    var shardScript: String {
        var words = ["exec \"$1\" run \(Self.scenarioMountPath)/\(Self.scenarioFileName) --shard auto/\(shards) --threads \(cpus)"]
        if let replications { words.append("--replications \(replications)") }
        if let seed { words.append("--seed \(seed)") }
        if dataClaim != nil { words.append("--data-dir \(Self.dataMountPath)") }
        words.append("--output \"\(Self.shardsMountPath)/$(printf \(ShardFiles.printfFormat(of: shards)) \"$JOB_COMPLETION_INDEX\")\"")
        return words.joined(separator: " ")
    }

    /// The merge pod's shell script: `$1` is the spotsim binary.
    var mergeScript: String {
        let result = "\(Self.shardsMountPath)/\(resultFileName)"
        return "set -e; \"$1\" merge \(Self.shardsMountPath)/\(ShardFiles.glob(of: shards)) --format \(format.rawValue) --output \(ShellText.quoted(result)); cat \(ShellText.quoted(result))"
    }

    /// `metadata:` with name, namespace and labels, indented by `indent`.
    func metadata(_ objectName: String, component: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines = ["metadata:", "  name: \(YAMLText.quoted(objectName))"]
        if let namespace { lines.append("  namespace: \(YAMLText.quoted(namespace))") }
        lines += ["  labels:"] + labels(component: component).map { "    " + $0 }
        return lines.map { pad + $0 }.joined(separator: "\n")
    }

    func labels(component: String) -> [String] {
        ["app.kubernetes.io/name: spotsim", "app.kubernetes.io/instance: \(YAMLText.quoted(name))", "app.kubernetes.io/component: \(component)"]
    }

    /// A container running `script` with spotsim as `$1`, at 8 spaces of indentation.
    func container(script: String, cpus: Int, mounts: [String]) -> String {
        """
                - name: spotsim
                  image: \(YAMLText.quoted(image))
                  command:
                    - sh
                    - -c
                    - \(YAMLText.quoted(script))
                    - sh
                    - \(YAMLText.quoted(spotsim))
                  resources:
                    requests:
                      cpu: '\(cpus)'
                      memory: \(YAMLText.quoted(memory))
                  volumeMounts:
        \(mounts.joined(separator: "\n"))
        """
    }

    var shardsMount: String {
        """
                    - name: shards
                      mountPath: \(Self.shardsMountPath)
                      subPath: \(YAMLText.quoted(workDirectory))
        """
    }

    var shardsVolume: String {
        """
                - name: shards
                  persistentVolumeClaim:
                    claimName: \(YAMLText.quoted(claim))
        """
    }

    /// The ConfigMap's data keys: `scenario.yaml`, then `file-1`, `file-2`, … for companions.
    func companionKey(_ index: Int) -> String { "file-\(index + 1)" }

    /// The ConfigMap and the Indexed Job.
    public func shardManifest() -> String {
        var data = ["  \(Self.scenarioFileName):" + YAMLText.block(scenarioText, indent: 4)]
        for (index, file) in companions.enumerated() {
            data.append("  \(companionKey(index)):" + YAMLText.block(file.text, indent: 4))
        }
        var items = ["              - key: \(Self.scenarioFileName)", "                path: \(Self.scenarioFileName)"]
        for (index, file) in companions.enumerated() {
            items += ["              - key: \(companionKey(index))", "                path: \(YAMLText.quoted(file.path))"]
        }
        var mounts = [
            """
                        - name: scenario
                          mountPath: \(Self.scenarioMountPath)
                          readOnly: true
            """,
            shardsMount,
        ]
        var volumes = [
            """
                    - name: scenario
                      configMap:
                        name: \(YAMLText.quoted(configMapName))
                        items:
            \(items.joined(separator: "\n"))
            """,
            shardsVolume,
        ]
        if let dataClaim {
            mounts.append("""
                        - name: data
                          mountPath: \(Self.dataMountPath)
                          readOnly: true
            """)
            volumes.append("""
                    - name: data
                      persistentVolumeClaim:
                        claimName: \(YAMLText.quoted(dataClaim))
                        readOnly: true
            """)
        }
        let shardWord = shards == 1 ? "shard" : "shards"
        return """
            # Written by `spotsim export kubernetes` (spotsim \(SpotSimVersion.current)): \(shards) \(shardWord) of scenario
            # file \(Self.scenarioFileName) (carried in ConfigMap \(configMapName)) as Indexed Job \(name).
            # Pod k runs shard k/\(shards) and writes \(ShardFiles.namePattern(of: shards)) to directory
            # \(workDirectory) of claim \(claim) (mounted at \(Self.shardsMountPath); ReadWriteMany when pods can land on
            # different nodes). Kubernetes has no dependency between Jobs: merge once this Job has completed:
            #   kubectl \(namespaceFlag)apply -f THIS-FILE
            #   kubectl \(namespaceFlag)wait --for=condition=complete job/\(name) --timeout=24h
            #   kubectl \(namespaceFlag)apply -f \(mergeManifestName)
            # A pod stopped by SIGTERM saves its progress beside its shard file; its retry continues from it.
            apiVersion: v1
            kind: ConfigMap
            \(metadata(configMapName, component: "scenario", indent: 0))
            data:
            \(data.joined(separator: "\n"))
            ---
            apiVersion: batch/v1
            kind: Job
            \(metadata(name, component: "shard", indent: 0))
            spec:
              completionMode: Indexed
              completions: \(shards)
              parallelism: \(parallelism ?? shards)
              backoffLimit: \(backoffLimit)
              template:
                metadata:
                  labels:
            \(labels(component: "shard").map { "        " + $0 }.joined(separator: "\n"))
                spec:
                  restartPolicy: Never
                  containers:
            \(container(script: shardScript, cpus: cpus, mounts: mounts))
                  volumes:
            \(volumes.joined(separator: "\n"))

            """
    }

    /// The merge Job, to apply once the Indexed Job has completed.
    public func mergeManifest() -> String {
        """
        # Written by `spotsim export kubernetes` (spotsim \(SpotSimVersion.current)): the merge Job of Indexed Job \(name).
        # Apply it once that Job has completed (Kubernetes has no dependency between Jobs):
        #   kubectl \(namespaceFlag)wait --for=condition=complete job/\(name) --timeout=24h
        #   kubectl \(namespaceFlag)apply -f THIS-FILE
        # It merges the \(shards) shard \(shards == 1 ? "file" : "files") in directory \(workDirectory) of claim \(claim), writes the
        # \(format.rawValue) report there as \(resultFileName), and prints it to its log:
        #   kubectl \(namespaceFlag)wait --for=condition=complete job/\(mergeJobName) --timeout=1h
        #   kubectl \(namespaceFlag)logs job/\(mergeJobName)
        apiVersion: batch/v1
        kind: Job
        \(metadata(mergeJobName, component: "merge", indent: 0))
        spec:
          completions: 1
          parallelism: 1
          backoffLimit: 2
          template:
            metadata:
              labels:
        \(labels(component: "merge").map { "        " + $0 }.joined(separator: "\n"))
            spec:
              restartPolicy: Never
              containers:
        \(container(script: mergeScript, cpus: 1, mounts: [shardsMount]))
              volumes:
        \(shardsVolume)

        """
    }
}
