#!/usr/bin/env bash
# The Kubernetes export, offline (no API server can run here): exports the manifests of shipped
# scenarios with `spotsim export kubernetes`, validates them with
# `kubernetes-validate --strict -k 1.29.0` (types, unknown and missing fields), checks the
# Indexed Job's key fields, then plays the Indexed Job on this machine: the ConfigMap's files
# are written out as the pod would see them, the pod's own `sh -c` command runs once per index
# with JOB_COMPLETION_INDEX=k (and `--shard auto/N`), the merge Job's command merges, and the
# report must be byte for byte one `spotsim run`'s.
#
#   Tests/Integration/kubernetes-validate.sh [SPOTSIM]     (default: .build/release/spotsim)
#
# Needs kubernetes-validate (pip) and python3 with PyYAML (`make test-deps`). Builds nothing.
# Environment: SHARDS (default 4), REPLICATIONS (64), KEEP=1 keeps the temporary directory.
set -euo pipefail

repository=$(cd "$(dirname "$0")/../.." && pwd)
spotsim=${1:-$repository/.build/release/spotsim}
shards=${SHARDS:-4}
replications=${REPLICATIONS:-64}
kubernetes_version=1.29.0

say() { printf 'kubernetes-validate: %s\n' "$*"; }
fail() { printf 'kubernetes-validate: FAILED: %s\n' "$*" >&2; exit 1; }

[[ $spotsim == /* ]] || spotsim=$PWD/$spotsim
[[ -x $spotsim ]] || fail "no spotsim binary at $spotsim (build it: swift build -c release --product spotsim)"
command -v kubernetes-validate >/dev/null || fail "kubernetes-validate not found: python3 -m pip install kubernetes-validate (make test-deps)"
python3 -c 'import yaml' 2>/dev/null || fail "python3 cannot import yaml (PyYAML; kubernetes-validate installs it)"

root=$(mktemp -d /tmp/spotsim-kubernetes.XXXXXX)
cleanup() {
    local status=$?
    if [[ ${KEEP:-0} == 1 || $status != 0 ]]; then say "kept $root"; else rm -rf "$root"; fi
    exit "$status"
}
trap cleanup EXIT

validate() {
    say "kubernetes-validate --strict -k $kubernetes_version $*"
    kubernetes-validate --strict -k "$kubernetes_version" "$@" </dev/null || fail "kubernetes-validate rejected $*"
}

# 1. Shipped scenarios, with every optional part (namespace, data claim, parallelism, CSV).
"$spotsim" export kubernetes "$repository/scenarios/daly-check.yaml" --shards 1 --format csv \
    --image registry.example/spotsim:test --claim spotsim-shards --output "$root/daly.yaml" 2>/dev/null
validate "$root/daly.yaml" "$root/daly-merge.yaml"
"$spotsim" export kubernetes "$repository/scenarios/quickstart.yaml" --shards 100 --parallelism 10 \
    --image registry.example/spotsim:test --claim spotsim-shards --data-claim spotsim-data \
    --namespace spotsim-test --work-dir sweeps/quickstart --cpus 4 --memory 2Gi --backoff-limit 20 \
    --output "$root/quickstart.yaml" --merge-output "$root/quickstart-merge.yaml" 2>/dev/null
validate "$root/quickstart.yaml" "$root/quickstart-merge.yaml"

# 2. A scenario whose spot price is a series read from a CSV file beside it (in a
#    sub-directory): the ConfigMap must carry that file too, at the same relative path.
mkdir -p "$root/scenario/prices"
sed 's|^      price: 0.97/h$|      price: { process: series, file: prices/spot.csv }|' \
    "$repository/scenarios/daly-check.yaml" >"$root/scenario/series.yaml"
grep -q 'process: series' "$root/scenario/series.yaml" || fail "could not make the price-series scenario"
printf 'time,price\n0h,0.97\n30h,1.40\n60h,0.80\n' >"$root/scenario/prices/spot.csv"

say "spotsim export kubernetes series.yaml --shards $shards --replications $replications"
"$spotsim" export kubernetes "$root/scenario/series.yaml" --shards "$shards" --replications "$replications" \
    --image registry.example/spotsim:test --claim spotsim-shards --data-claim spotsim-data \
    --output "$root/series.yaml"
validate "$root/series.yaml" "$root/series-merge.yaml"

# 3. Read the manifests as the cluster would, check the Indexed Job's fields, and write out
#    what the pods would see: the ConfigMap's files under sim/scenario, the pods' commands
#    with /scenario, /shards and /data moved under sim/.
sim=$root/sim
mkdir -p "$sim/scenario" "$sim/shards" "$sim/data"
python3 - "$root/series.yaml" "$root/series-merge.yaml" "$sim" "$shards" <<'EOF'
import os, re, sys, yaml

shard_file, merge_file, sim, shards = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
documents = list(yaml.safe_load_all(open(shard_file)))
merge_documents = list(yaml.safe_load_all(open(merge_file)))

def check(condition, message):
    if not condition:
        sys.exit("kubernetes-validate: FAILED: " + message)

check([d["kind"] for d in documents] == ["ConfigMap", "Job"], "the shard manifest is a ConfigMap and a Job")
check([d["kind"] for d in merge_documents] == ["Job"], "the merge manifest is one Job")
config_map, job = documents
merge_job = merge_documents[0]
spec = job["spec"]
check(spec["completionMode"] == "Indexed", "completionMode: Indexed")
check(spec["completions"] == shards and spec["parallelism"] == shards, "completions and parallelism are N")
pod = spec["template"]["spec"]
check(pod["restartPolicy"] == "Never", "restartPolicy: Never")
check(merge_job["metadata"]["name"] == job["metadata"]["name"] + "-merge", "the merge Job is NAME-merge")

volumes = {v["name"]: v for v in pod["volumes"]}
check(volumes["shards"]["persistentVolumeClaim"]["claimName"] == "spotsim-shards", "the shard claim")
check(volumes["data"]["persistentVolumeClaim"]["readOnly"] is True, "the data claim is read-only")
check(volumes["scenario"]["configMap"]["name"] == config_map["metadata"]["name"], "the scenario volume is the ConfigMap")
container = pod["containers"][0]
mounts = {m["name"]: m for m in container["volumeMounts"]}
check(mounts["scenario"]["mountPath"] == "/scenario" and mounts["shards"]["mountPath"] == "/shards"
      and mounts["data"]["mountPath"] == "/data", "mount paths")
check(mounts["shards"]["subPath"] == job["metadata"]["name"], "shards go to the job's directory in the claim")
merge_mounts = merge_job["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]
check(merge_mounts == [mounts["shards"]], "the merge Job mounts the same shard directory")

# The ConfigMap's files, where the items put them.
for item in volumes["scenario"]["configMap"]["items"]:
    path = os.path.join(sim, "scenario", item["path"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(config_map["data"][item["key"]])
print("kubernetes-validate: ConfigMap files:", ", ".join(i["path"] for i in volumes["scenario"]["configMap"]["items"]))

def local(script):
    return re.sub(r"(?<![\w/])/(scenario|shards|data)(?=/|\s|$)", lambda m: sim + "/" + m.group(1), script)

for name, document in [("shard", job), ("merge", merge_job)]:
    command = document["spec"]["template"]["spec"]["containers"][0]["command"]
    check(command[:2] == ["sh", "-c"] and len(command) == 5, name + ": command is sh -c SCRIPT sh SPOTSIM")
    with open(os.path.join(sim, name + ".sh"), "w") as out:
        out.write(local(command[2]))
    print("kubernetes-validate: %s pod runs: %s" % (name, command[2]))
EOF

cmp "$sim/scenario/scenario.yaml" "$root/scenario/series.yaml" || fail "the ConfigMap's scenario.yaml differs from the scenario file"
cmp "$sim/scenario/prices/spot.csv" "$root/scenario/prices/spot.csv" || fail "the ConfigMap's prices/spot.csv differs from the file"

# 4. Each pod of the Indexed Job, then the merge Job, as their own sh -c commands.
for ((k = 0; k < shards; k++)); do
    say "pod $k: JOB_COMPLETION_INDEX=$k sh -c \"\$(cat sim/shard.sh)\" sh spotsim"
    env -u SLURM_ARRAY_TASK_ID JOB_COMPLETION_INDEX=$k sh -c "$(cat "$sim/shard.sh")" sh "$spotsim" </dev/null \
        || fail "pod $k failed"
done
ls "$sim/shards"
mapfile -t shard_files < <(cd "$sim/shards" && ls shard-*.spotsim-shard)
((${#shard_files[@]} == shards)) || fail "expected $shards shard files, found ${#shard_files[@]}"
say "merge pod: sh -c \"\$(cat sim/merge.sh)\" sh spotsim"
sh -c "$(cat "$sim/merge.sh")" sh "$spotsim" </dev/null >"$root/merge-log.json" || fail "the merge pod failed"

say "spotsim run (one process) --format json"
"$spotsim" run "$root/scenario/series.yaml" --replications "$replications" --format json --output "$root/single.json"
result=("$sim"/shards/*.json)
cmp "${result[0]}" "$root/single.json" || fail "the merged report ${result[0]} differs from one process's"
cmp "$root/merge-log.json" "$root/single.json" || fail "the merge pod's log differs from one process's report"
say "OK: manifests valid for Kubernetes $kubernetes_version; $shards Indexed Job pods merged are byte-identical to one process ($(wc -c <"$root/single.json") bytes)"
