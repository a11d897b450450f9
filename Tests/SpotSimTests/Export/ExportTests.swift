import Foundation
@testable import SpotSim
import SpotSimTestSupport
import Testing

/// The cluster exports' renderers: the Slurm submit script and the Kubernetes manifests.
@Suite struct ExportTests {
    static func slurm(
        scenario: String = "/home/ana/sweeps/spot.yaml", shards: Int = 8, work: String = "/scratch/ana/spot",
        result: String? = nil, parallelism: Int? = nil
    ) -> SlurmExport {
        SlurmExport(
            scenarioPath: scenario, shards: shards, workDirectory: work, resultPath: result ?? work + "/spot.json",
            jobName: "spotsim-spot", replications: 500, seed: 9, format: .json, partition: "cpu", time: "1:00:00",
            cpusPerTask: 4, parallelism: parallelism
        )
    }

    static func kubernetes(shards: Int = 8, parallelism: Int? = nil, dataClaim: String? = nil, namespace: String? = nil) -> KubernetesExport {
        KubernetesExport(
            scenarioText: ScenarioFixtures.dalyCheck,
            companions: [.init(path: "prices/spot.csv", text: "time,price\n0h,0.97\n")],
            shards: shards, name: "spotsim-daly", image: "registry.example/spotsim:1.0", claim: "spotsim-shards",
            workDirectory: "sweeps/daly", resultFileName: "daly-check.json", namespace: namespace,
            parallelism: parallelism, dataClaim: dataClaim, replications: 200, cpus: 3
        )
    }

    /// `lines`, each indented by `indent` spaces, joined by line breaks.
    static func indented(_ indent: Int, _ lines: [String]) -> String {
        lines.map { String(repeating: " ", count: indent) + $0 }.joined(separator: "\n")
    }

    /// Lines of `text` that start, after indentation, with `prefix`.
    static func lines(_ text: String, startingWith prefix: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix(prefix) }
    }

    // MARK: Shard file names

    /// Shard files are `shard-IIII-of-NNNN.spotsim-shard`, zero-padded to the same width (at
    /// least 4 digits), so sorting the names sorts the indexes, and the glob and the printf
    /// format name the same files.
    @Test func shardNamesArePaddedAndSortInIndexOrder() {
        #expect(ShardFiles.name(index: 3, of: 8) == "shard-0003-of-0008.spotsim-shard")
        #expect(ShardFiles.name(index: 0, of: 1) == "shard-0000-of-0001.spotsim-shard")
        #expect(ShardFiles.name(index: 9_999, of: 10_000) == "shard-09999-of-10000.spotsim-shard")
        #expect(ShardFiles.printfFormat(of: 8) == "shard-%04d-of-0008.spotsim-shard")
        #expect(ShardFiles.printfFormat(of: 10_000) == "shard-%05d-of-10000.spotsim-shard")
        #expect(ShardFiles.glob(of: 8) == "shard-*-of-0008.spotsim-shard")
        #expect(String(format: ShardFiles.printfFormat(of: 120), 7) == ShardFiles.name(index: 7, of: 120))
        let names = (0..<1_200).map { ShardFiles.name(index: $0, of: 1_200) }
        #expect(names.sorted() == names)
    }

    // MARK: Slurm

    /// The array job covers shards 0 to N−1 (`--array=0-7`), with `%P` when parallelism is
    /// limited, and N = 1 is the one-task array `0-0`.
    @Test func slurmArrayRange() {
        #expect(Self.lines(Self.slurm().script(), startingWith: "--array=") == ["--array=0-7 \\"])
        #expect(Self.lines(Self.slurm(parallelism: 3).script(), startingWith: "--array=") == ["--array=0-7%3 \\"])
        let one = Self.slurm(shards: 1).script()
        #expect(Self.lines(one, startingWith: "--array=") == ["--array=0-0 \\"])
        #expect(one.contains(#"--shard "$SLURM_ARRAY_TASK_ID/1""#))
        #expect(one.contains("shard-*-of-0001.spotsim-shard"))
    }

    /// Both jobs are submitted with `--parsable` (the id before any `;cluster` is kept); the
    /// merge job waits for every task with `afterok` and is killed, not left pending, when one
    /// fails (`--kill-on-invalid-dep=yes`).
    @Test func slurmMergeDependsOnTheArray() {
        let script = Self.slurm().script()
        #expect(script.components(separatedBy: "--parsable").count == 3)
        #expect(script.contains(#"--dependency="afterok:$array_job""#))
        #expect(script.contains("--kill-on-invalid-dep=yes"))
        #expect(script.contains("array_job=${array_job%%;*}"))
        #expect(script.contains("exec spotsim merge /scratch/ana/spot/shard-*-of-0008.spotsim-shard --format json --output /scratch/ana/spot/spot.json"))
        #expect(script.contains(#"--output /scratch/ana/spot/"$shard_file""#))
        #expect(script.contains("--threads 4 --replications 500 --seed 9"))
        #expect(script.contains("--cpus-per-task=4"))
        #expect(script.contains("--partition=cpu"))
        #expect(script.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(script.contains("set -euo pipefail"))
    }

    /// In Slurm's log file names `%` is a pattern character: a `%` of the work directory is
    /// doubled there, and only there.
    @Test func slurmLogNamesEscapePercent() {
        let script = Self.slurm(work: "/scratch/100%").script()
        #expect(script.contains("--output=/scratch/100%%/spotsim-spot-%A_%a.out"))
        #expect(script.contains("--output=/scratch/100%%/spotsim-spot-merge-%j.out"))
        #expect(script.contains(#"--output /scratch/100%/"$shard_file""#))
    }

    /// Single quotes, words bare only when every character is safe: spaces, quotes, `$` and
    /// globs are quoted; a `'` becomes `'\''`.
    @Test func shellQuoting() {
        #expect(ShellText.quoted("/scratch/run-1/a.yaml") == "/scratch/run-1/a.yaml")
        #expect(ShellText.quoted("/home/a b/s.yaml") == "'/home/a b/s.yaml'")
        #expect(ShellText.quoted("it's") == #"'it'\''s'"#)
        #expect(ShellText.quoted("$HOME") == "'$HOME'")
        #expect(ShellText.quoted("*.yaml") == "'*.yaml'")
        #expect(ShellText.quoted("~/x") == "'~/x'")
        #expect(ShellText.quoted("") == "''")
    }

    /// Paths with spaces and quotes reach sbatch and spotsim as single arguments: the script
    /// runs under bash with a fake `sbatch` on the PATH that records its arguments and the
    /// job script it reads, and each recorded job script runs with a fake spotsim.
    @Test func slurmScriptQuotesPathsWithSpaces() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotsim-export-\(UUID().uuidString)/it's a dir")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // sbatch N: arguments one per line in sbatch-N.args, the job script in sbatch-N.sh.
        let sbatch = """
            #!/usr/bin/env bash
            n=$(ls "$RECORD"/sbatch-*.args 2>/dev/null | wc -l)
            printf '%s\\n' "$@" >"$RECORD/sbatch-$n.args"
            cat >"$RECORD/sbatch-$n.sh"
            echo "$((41 + n));cluster"

            """
        let fakeSpotsim = "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" >\"$RECORD/spotsim-$SLURM_ARRAY_TASK_ID.args\"\n"
        let spotsimPath = directory.appendingPathComponent("my spotsim").path
        try sbatch.write(to: bin.appendingPathComponent("sbatch"), atomically: true, encoding: .utf8)
        try fakeSpotsim.write(toFile: spotsimPath, atomically: true, encoding: .utf8)
        chmod(bin.appendingPathComponent("sbatch").path, 0o755)
        chmod(spotsimPath, 0o755)

        let scenario = directory.appendingPathComponent("my scenario.yaml").path
        let work = directory.appendingPathComponent("work dir").path
        var export = Self.slurm(scenario: scenario, shards: 3, work: work, result: work + "/out put.json")
        export.spotsim = spotsimPath
        export.dataDirectory = directory.appendingPathComponent("data $dir").path
        let script = directory.appendingPathComponent("submit.sh")
        try export.script().write(to: script, atomically: true, encoding: .utf8)

        func bash(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["bash"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let (status, printed) = try bash([script.path], environment: ["PATH": path, "RECORD": directory.path])
        #expect(status == 0)
        #expect(printed == "array job 41: 3 shards into \(work)\nmerge job 42: \(work)/out put.json once every shard has succeeded\n")
        #expect(FileManager.default.fileExists(atPath: work))

        func lines(_ name: String) throws -> [String] {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
        }
        let arrayArguments = try lines("sbatch-0.args")
        #expect(arrayArguments.contains("--chdir=\(work)"))
        #expect(arrayArguments.contains("--array=0-2"))
        #expect(arrayArguments.contains("--output=\(work)/spotsim-spot-%A_%a.out"))
        let mergeArguments = try lines("sbatch-1.args")
        #expect(mergeArguments.contains("--dependency=afterok:41"))
        #expect(mergeArguments.contains("--kill-on-invalid-dep=yes"))

        // Task 2 of the array, with the fake spotsim.
        let task = directory.appendingPathComponent("sbatch-0.sh").path
        let (taskStatus, _) = try bash([task], environment: ["RECORD": directory.path, "SLURM_ARRAY_TASK_ID": "2"])
        #expect(taskStatus == 0)
        #expect(try lines("spotsim-2.args") == [
            "run", scenario, "--shard", "2/3", "--threads", "4", "--replications", "500", "--seed", "9",
            "--data-dir", directory.appendingPathComponent("data $dir").path,
            "--output", work + "/shard-0002-of-0003.spotsim-shard",
        ])
        // The merge job's glob finds the shard files in the work directory, in order.
        for index in 0..<3 {
            _ = FileManager.default.createFile(atPath: work + "/" + ShardFiles.name(index: index, of: 3), contents: Data())
        }
        _ = FileManager.default.createFile(atPath: work + "/shard-0000-of-0004.spotsim-shard", contents: Data())
        let merge = directory.appendingPathComponent("sbatch-1.sh").path
        let (mergeStatus, _) = try bash([merge], environment: ["RECORD": directory.path, "SLURM_ARRAY_TASK_ID": "merge"])
        #expect(mergeStatus == 0)
        #expect(try lines("spotsim-merge.args") == ["merge"] + (0..<3).map { work + "/" + ShardFiles.name(index: $0, of: 3) }
            + ["--format", "json", "--output", work + "/out put.json"])
    }

    // MARK: Kubernetes

    /// The shard Job is Indexed, with completions N and parallelism P (default N),
    /// `restartPolicy: Never`, the backoff limit and the resource requests; its pod runs
    /// `--shard auto/N` and writes the padded shard name computed from JOB_COMPLETION_INDEX.
    @Test func kubernetesIndexedJob() {
        let manifest = Self.kubernetes().shardManifest()
        #expect(manifest.contains("\n---\napiVersion: batch/v1\nkind: Job\n"))
        #expect(manifest.hasPrefix("#"))
        #expect(manifest.contains("apiVersion: v1\nkind: ConfigMap\n"))
        #expect(manifest.contains("  completionMode: Indexed\n  completions: 8\n  parallelism: 8\n  backoffLimit: 6\n"))
        #expect(Self.kubernetes(parallelism: 3).shardManifest().contains("  completions: 8\n  parallelism: 3\n"))
        #expect(manifest.contains("      restartPolicy: Never\n"))
        #expect(manifest.contains("              cpu: '3'\n              memory: '1Gi'\n"))
        #expect(manifest.contains("            - sh\n            - -c\n"))
        #expect(manifest.contains(
            #"exec "$1" run /scenario/scenario.yaml --shard auto/8 --threads 3 --replications 200 --output "/shards/$(printf shard-%04d-of-0008.spotsim-shard "$JOB_COMPLETION_INDEX")""#
        ))
        let one = Self.kubernetes(shards: 1).shardManifest()
        #expect(one.contains("  completions: 1\n  parallelism: 1\n"))
        #expect(one.contains("--shard auto/1 "))
        #expect(one.contains("printf shard-%04d-of-0001.spotsim-shard"))
    }

    /// Volumes: the ConfigMap (scenario and companion files at their relative paths, read
    /// only) at /scenario, the shard claim's work directory (`subPath`) at /shards, and the
    /// data claim read-only at /data, passed as `--data-dir /data`, only when given.
    @Test func kubernetesVolumes() {
        let manifest = Self.kubernetes(dataClaim: "spot-traces").shardManifest()
        #expect(manifest.contains(Self.indented(12, [
            "- name: scenario",
            "  mountPath: /scenario",
            "  readOnly: true",
            "- name: shards",
            "  mountPath: /shards",
            "  subPath: 'sweeps/daly'",
            "- name: data",
            "  mountPath: /data",
            "  readOnly: true",
        ])))
        #expect(manifest.contains(Self.indented(6, [
            "volumes:",
            "  - name: scenario",
            "    configMap:",
            "      name: 'spotsim-daly-scenario'",
            "      items:",
            "        - key: scenario.yaml",
            "          path: scenario.yaml",
            "        - key: file-1",
            "          path: 'prices/spot.csv'",
            "  - name: shards",
            "    persistentVolumeClaim:",
            "      claimName: 'spotsim-shards'",
            "  - name: data",
            "    persistentVolumeClaim:",
            "      claimName: 'spot-traces'",
            "      readOnly: true",
        ])))
        #expect(manifest.contains("--data-dir /data --output"))
        let withoutData = Self.kubernetes().shardManifest()
        #expect(!withoutData.contains("/data"))
        #expect(!withoutData.contains("name: data"))
    }

    /// The ConfigMap carries the scenario text exactly: a literal block of the text
    /// indented, and the companion file under its own key.
    @Test func kubernetesConfigMapCarriesTheScenario() {
        let manifest = Self.kubernetes().shardManifest()
        let indented = ScenarioFixtures.dalyCheck.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        #expect(manifest.contains("data:\n  scenario.yaml: |\n" + indented + "\n  file-1: |\n    time,price\n    0h,0.97\n---\n"))
    }

    /// The merge Job is a separate document: `NAME-merge`, not Indexed, mounting the same
    /// claim directory, merging the glob of the N shards in the chosen format.
    @Test func kubernetesMergeJob() {
        let merge = Self.kubernetes(namespace: "sims").mergeManifest()
        #expect(merge.contains("kind: Job\nmetadata:\n  name: 'spotsim-daly-merge'\n  namespace: 'sims'\n"))
        #expect(!merge.contains("completionMode"))
        #expect(!merge.contains("---"))
        #expect(merge.contains("subPath: 'sweeps/daly'"))
        #expect(merge.contains("claimName: 'spotsim-shards'"))
        #expect(merge.contains(#""$1" merge /shards/shard-*-of-0008.spotsim-shard --format json --output /shards/daly-check.json; cat /shards/daly-check.json"#))
        #expect(merge.contains("kubectl -n sims wait --for=condition=complete job/spotsim-daly --timeout=24h"))
        let shards = Self.kubernetes(namespace: "sims").shardManifest()
        #expect(Self.lines(shards, startingWith: "namespace:") == ["namespace: 'sims'", "namespace: 'sims'"])
    }

    /// A literal block keeps the text exactly: `|` for one final line break, `|-` for none,
    /// `|+` for several; text a literal block would change (a first line starting with a
    /// space, a carriage return, a line of only spaces) is double-quoted instead.
    @Test func yamlBlocks() {
        #expect(YAMLText.block("a: 1\n  b\n", indent: 4) == " |\n    a: 1\n      b")
        #expect(YAMLText.block("a\n\nb", indent: 2) == " |-\n  a\n\n  b")
        #expect(YAMLText.block("a\n\n\n", indent: 2) == " |+\n  a\n\n")
        #expect(YAMLText.block(" a\n", indent: 2) == #" " a\n""#)
        #expect(YAMLText.block("a\r\n", indent: 2) == #" "a\r\n""#)
        #expect(YAMLText.block("a\n   \nb\n", indent: 2) == #" "a\n   \nb\n""#)
        #expect(YAMLText.quoted("it's") == "'it''s'")
        #expect(YAMLText.quoted("123") == "'123'")
    }

    /// Default names are DNS-1123 labels made of the scenario's name; Kubernetes names are
    /// checked as labels and subdomains.
    @Test func kubernetesNames() {
        #expect(ExportNames.label("GCP H100 zones") == "gcp-h100-zones")
        #expect(ExportNames.label("--Daly_check--") == "daly-check")
        #expect(ExportNames.label("日本") == nil)
        #expect(ExportNames.label(String(repeating: "ab-", count: 30))!.count <= 40)
        #expect(ExportNames.isLabel("spotsim-daly"))
        #expect(!ExportNames.isLabel("Spotsim"))
        #expect(!ExportNames.isLabel("-a"))
        #expect(!ExportNames.isLabel(String(repeating: "a", count: 53), limit: 52))
        #expect(ExportNames.isSubdomain("shards.team-a"))
        #expect(!ExportNames.isSubdomain("shards..a"))
    }

    /// The files a scenario reads beside itself are the `file`s of its price series, once
    /// each; constant prices name none.
    @Test func priceSeriesCompanions() {
        let series = ScenarioFixtures.dalyCheck(replacing: "price: 0.97/h", with: "price: { process: series, file: prices/spot.csv }")
        #expect(ScenarioCompanions.priceSeriesFiles(inYAML: series) == ["prices/spot.csv"])
        #expect(ScenarioCompanions.priceSeriesFiles(inYAML: ScenarioFixtures.dalyCheck) == [])
        #expect(ScenarioCompanions.priceSeriesFiles(inYAML: "not: [valid") == [])
    }
}
