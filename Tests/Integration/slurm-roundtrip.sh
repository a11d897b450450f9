#!/usr/bin/env bash
# A real Slurm round trip on this machine: brings up munged, slurmctld and slurmd on loopback
# under a private temporary root (free ports found now, PID files there), exports the Slurm
# script of a small scenario with `spotsim export slurm`, submits it with bash, waits for the
# merge job and compares the merged JSON byte for byte with one `spotsim run`. The daemons
# are stopped on exit, by PID file, after checking /proc/PID/comm.
#
#   Tests/Integration/slurm-roundtrip.sh [SPOTSIM]     (default: .build/release/spotsim)
#
# Needs root (slurmd runs jobs as their owner), slurm-wlm, munge and python3 (`make test-deps`).
# Builds nothing. Environment: SHARDS (default 4), REPLICATIONS (64), TIMEOUT seconds (300),
# KEEP=1 keeps the temporary root.
set -euo pipefail

repository=$(cd "$(dirname "$0")/../.." && pwd)
spotsim=${1:-$repository/.build/release/spotsim}
shards=${SHARDS:-4}
replications=${REPLICATIONS:-64}
timeout=${TIMEOUT:-300}
started=$SECONDS

say() { printf 'slurm-roundtrip: %s\n' "$*"; }
fail() { printf 'slurm-roundtrip: FAILED: %s\n' "$*" >&2; exit 1; }

[[ $spotsim == /* ]] || spotsim=$PWD/$spotsim
[[ -x $spotsim ]] || fail "no spotsim binary at $spotsim (build it: swift build -c release --product spotsim)"
[[ $(id -u) == 0 ]] || fail "run as root: slurmd runs each job as its owner"
for tool in munged mungekey slurmctld slurmd sbatch scontrol sinfo python3; do
    command -v "$tool" >/dev/null || fail "$tool not found: install slurm-wlm and munge (make test-deps)"
done

root=$(mktemp -d /tmp/spotsim-slurm.XXXXXX)
chmod 755 "$root"
export SLURM_CONF=$root/slurm/slurm.conf

# Stops one daemon by its PID file when /proc/PID/comm says it is that daemon.
stop_daemon() {
    local name=$1 pidfile=$2 pid comm
    [[ -s $pidfile ]] || return 0
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
    if [[ $comm != "$name" ]]; then
        [[ -z $comm ]] || say "not stopping pid $pid: it is '$comm', not $name"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        [[ -e /proc/$pid ]] || return 0
        sleep 0.2
    done
    say "$name (pid $pid) did not stop in 10 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    set +e
    local stop_started=$SECONDS
    stop_daemon slurmd "$root/run/slurmd.pid"
    stop_daemon slurmctld "$root/run/slurmctld.pid"
    stop_daemon munged "$root/run/munged.pid"
    say "daemons stopped in $((SECONDS - stop_started)) s"
    if [[ ${KEEP:-0} == 1 || $status != 0 ]]; then
        say "kept $root"
    else
        rm -rf "$root"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints what a failed run leaves behind: job records, Slurm's output files, daemon logs.
diagnose() {
    local job
    for job in "$@"; do
        say "scontrol -o show job $job:"
        scontrol -o show job "$job" 2>&1 || true
    done
    local file
    for file in "$work"/*.out; do
        [[ -e $file ]] || continue
        say "--- $file"
        cat "$file"
    done
    for file in "$root"/log/*.log; do
        say "--- last lines of $file"
        tail -n 20 "$file"
    done
}

# Two TCP ports nobody listens on now, so that a leftover daemon of an earlier run, or a
# system Slurm, cannot answer instead of ours.
read -r ctld_port slurmd_port < <(python3 - <<'EOF'
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))
EOF
)

say "private root $root, slurmctld port $ctld_port, slurmd port $slurmd_port"
mkdir -p "$root"/{munge/etc,munge/lib,run,log,slurm/state,slurm/spool}
chmod 700 "$root/munge/etc"
chmod 755 "$root/run"
mungekey --create --keyfile="$root/munge/etc/munge.key" --force
chmod 600 "$root/munge/etc/munge.key"
socket=$root/run/munge.socket

cat >"$SLURM_CONF" <<EOF
ClusterName=spotsimtest
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$root/slurm/state
SlurmdSpoolDir=$root/slurm/spool
SlurmctldPidFile=$root/run/slurmctld.pid
SlurmdPidFile=$root/run/slurmd.pid
SlurmctldLogFile=$root/log/slurmctld.log
SlurmdLogFile=$root/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
MailProg=/bin/true
MinJobAge=3600
ReturnToService=2
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
NodeName=localhost CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

say "starting munged, slurmctld, slurmd"
daemons_started=$SECONDS
munged --socket="$socket" --key-file="$root/munge/etc/munge.key" --pid-file="$root/run/munged.pid" \
    --log-file="$root/log/munged.log" --seed-file="$root/munge/lib/munged.seed" </dev/null
slurmctld -f "$SLURM_CONF" </dev/null
slurmd -f "$SLURM_CONF" -N localhost </dev/null

deadline=$((SECONDS + 60))
until [[ $(sinfo -h -n localhost -o %T 2>/dev/null) == idle ]]; do
    if ((SECONDS > deadline)); then
        sinfo 2>&1 || true
        diagnose
        fail "the node did not become idle in 60 s"
    fi
    sleep 0.5
done
say "daemons up in $((SECONDS - daemons_started)) s: $(sinfo -h -o '%P %D %T %C')"

# The scenario and the work directory have spaces in their paths: the script must quote them.
scenario="$root/my scenario.yaml"
cp "$repository/scenarios/quickstart.yaml" "$scenario"
work="$root/work dir"
script=$root/submit.sh

say "spotsim export slurm ... --shards $shards --replications $replications"
"$spotsim" export slurm "$scenario" --shards "$shards" --replications "$replications" \
    --cpus-per-task 1 --work-dir "$work" --result "$work/merged.json" --format json \
    --spotsim "$spotsim" --partition test --time 10:00 --job-name spotsim-roundtrip --output "$script"
bash -n "$script" || fail "the exported script is not valid bash"

say "bash $script"
submitted=$SECONDS
submission=$(bash "$script" </dev/null)
printf '%s\n' "$submission" | sed 's/^/  /'
array_job=$(sed -n 's/^array job \([0-9][0-9]*\):.*/\1/p' <<<"$submission")
merge_job=$(sed -n 's/^merge job \([0-9][0-9]*\):.*/\1/p' <<<"$submission")
[[ -n $array_job && -n $merge_job ]] || fail "the script did not print an array job id and a merge job id"
# While the merge job waits, its record names the dependency (once met, Slurm clears it).
record=$(scontrol -o show job "$merge_job")
if [[ $record == *JobState=PENDING* && $record != *"Dependency=afterok:${array_job}"* ]]; then
    diagnose "$merge_job"
    fail "merge job $merge_job does not depend on afterok:$array_job"
fi
say "merge job $merge_job: $(grep -o 'JobState=[A-Z]*' <<<"$record") $(grep -o 'Dependency=[^ ]*' <<<"$record")"

say "waiting for merge job $merge_job (timeout $timeout s)"
deadline=$((SECONDS + timeout))
last=""
while :; do
    state=$(scontrol -o show job "$merge_job" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
    [[ $state == "$last" ]] || say "  merge job $merge_job: ${state:-unknown} after $((SECONDS - submitted)) s"
    last=$state
    case $state in
        COMPLETED) break ;;
        PENDING | CONFIGURING | RUNNING | COMPLETING | "") ;;
        *) diagnose "$array_job" "$merge_job"; fail "merge job $merge_job ended $state" ;;
    esac
    if ((SECONDS > deadline)); then
        diagnose "$array_job" "$merge_job"
        fail "merge job $merge_job not done after $timeout s"
    fi
    sleep 0.5
done
round_trip=$((SECONDS - submitted))

mapfile -t shard_files < <(cd "$work" && ls shard-*.spotsim-shard)
say "shard files: ${shard_files[*]}"
((${#shard_files[@]} == shards)) || { diagnose "$array_job" "$merge_job"; fail "expected $shards shard files"; }
[[ -s $work/merged.json ]] || { diagnose "$array_job" "$merge_job"; fail "the merge job wrote no $work/merged.json"; }

say "spotsim run (one process) --format json"
"$spotsim" run "$scenario" --replications "$replications" --format json --output "$root/single.json"
if ! cmp "$work/merged.json" "$root/single.json"; then
    diff <(head -c 4000 "$work/merged.json") <(head -c 4000 "$root/single.json") | head -40 || true
    fail "the merged report differs from one process's"
fi
say "round trip OK in $round_trip s"

# A shard that fails must cancel the merge job (--kill-on-invalid-dep=yes), not leave it
# pending forever: the same export with a spotsim that always fails.
say "a failing shard: spotsim export slurm ... --spotsim /bin/false"
"$spotsim" export slurm "$scenario" --shards 2 --replications "$replications" --cpus-per-task 1 \
    --work-dir "$root/failing" --spotsim /bin/false --job-name spotsim-failing --output "$root/failing.sh" 2>/dev/null
submission=$(bash "$root/failing.sh" </dev/null)
failing_array=$(sed -n 's/^array job \([0-9][0-9]*\):.*/\1/p' <<<"$submission")
failing_merge=$(sed -n 's/^merge job \([0-9][0-9]*\):.*/\1/p' <<<"$submission")
[[ -n $failing_array && -n $failing_merge ]] || fail "the failing script did not print its job ids"
deadline=$((SECONDS + 60))
while :; do
    state=$(scontrol -o show job "$failing_merge" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
    [[ $state == CANCELLED ]] && break
    [[ $state == COMPLETED || $state == RUNNING ]] && { diagnose "$failing_array" "$failing_merge"; fail "merge job $failing_merge ran after failed shards"; }
    ((SECONDS <= deadline)) || { diagnose "$failing_array" "$failing_merge"; fail "merge job $failing_merge still ${state:-unknown} 60 s after its shards failed"; }
    sleep 0.5
done
say "failing shards: merge job $failing_merge was cancelled ($(scontrol -o show job "$failing_merge" | sed -n 's/.*\(Reason=[^ ]*\).*/\1/p'))"

say "OK: $shards Slurm array tasks merged are byte-identical to one process ($(wc -c <"$root/single.json") bytes); submit to merged in $round_trip s, $((SECONDS - started)) s in all"
