#!/usr/bin/env bash
# Builds the scenario fuzz target and runs libFuzzer over it for a bounded time.
#
#   Fuzz/run.sh [SECONDS]        # default 300
#
# The corpus grows in Fuzz/corpus/ (kept between runs, not committed), seeded on every run
# with scenarios/*.yaml; findings are written to Fuzz/artifacts/ (crash-*, timeout-*, oom-*).
# Exits 0 when the run found nothing, 1 when it wrote a finding, 2 on a usage or build error.
#
# Environment: SWIFT (default swift); SANITIZERS ("fuzzer address", the default, or "fuzzer"
# for a faster build without AddressSanitizer); FUZZ_FLAGS, more libFuzzer flags (e.g.
# -seed=1); SPOTSIM_DATA, the trace directory the shipped trace scenarios read (default
# ../shared/data/traces beside the repository, when it exists).
set -euo pipefail

seconds=${1:-300}
case "$seconds" in
    ''|*[!0-9]*) echo "usage: Fuzz/run.sh [SECONDS]" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$here"

swift=${SWIFT:-swift}
# `--sanitize fuzzer` tells SwiftPM that libFuzzer supplies `main` and instruments the C of
# libyaml; Swift takes one -sanitize list (of two -sanitize options the last wins), so the
# whole list is given to swiftc after it, and the other sanitizers to clang.
sanitizers=${SANITIZERS:-fuzzer address}
list=$(echo $sanitizers | tr ' ' ',')
scratch=.build-fuzz
build_flags=(--sanitize fuzzer -Xswiftc "-sanitize=$list" -Xswiftc -parse-as-library)
for sanitizer in $sanitizers; do
    [ "$sanitizer" = fuzzer ] && continue
    scratch="$scratch-$sanitizer"
    build_flags+=(-Xcc "-fsanitize=$sanitizer")
done
echo "building ($sanitizers) in Fuzz/$scratch"
# SwiftPM keeps the build plan of a path dependency between builds and does not notice files
# added to it: plan again when the main package's list of sources changed.
sources=$(cd "$root" && find Sources -type f | LC_ALL=C sort | cksum)
if [ "$(cat "$scratch/sources.cksum" 2>/dev/null)" != "$sources" ]; then
    rm -f "$scratch/release.yaml" "$scratch/release/description.json"
fi
"$swift" build -c release --scratch-path "$scratch" "${build_flags[@]}" \
    || { echo "fuzz: build failed" >&2; exit 2; }
echo "$sources" >"$scratch/sources.cksum"
binary="$scratch/release/spotsim-fuzz"

# The corpus: what earlier runs kept, plus the shipped scenarios as seeds (libFuzzer names
# corpus files by their hash, so a copied seed is simply one more file).
mkdir -p corpus artifacts
cp "$root"/scenarios/*.yaml corpus/

if [ -z "${SPOTSIM_DATA:-}" ] && [ -d "$root/../shared/data/traces" ]; then
    SPOTSIM_DATA=$(cd "$root/../shared/data/traces" && pwd)
fi
export SPOTSIM_DATA=${SPOTSIM_DATA:-}
echo "traces: ${SPOTSIM_DATA:-none (trace scenarios are rejected for want of a data directory)}"

before=$(ls artifacts | sort)
# The target writes each input to a scratch file under TMPDIR: give it a folder of its own,
# removed with the log when the run ends.
scratch_tmp=$(mktemp -d "${TMPDIR:-/tmp}/spotsim-fuzz.XXXXXX")
log="$scratch_tmp/libfuzzer.log"
trap 'rm -rf "$scratch_tmp"' EXIT
export TMPDIR="$scratch_tmp"

echo "fuzzing for ${seconds}s: $binary corpus/ -dict=scenario.dict"
# stdin is /dev/null: a scenario naming /dev/stdin as a file must not wait for a terminal.
set +e
# shellcheck disable=SC2086
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$binary" corpus/ \
    -dict=scenario.dict -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
    -artifact_prefix=artifacts/ -print_final_stats=1 ${FUZZ_FLAGS:-} \
    </dev/null >"$log" 2>&1
status=$?
set -e

# The last status line (cov, ft, corp, exec/s) and the final stats.
grep -E '^#[0-9]+' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")

new=$(comm -13 <(printf '%s\n' "$before") <(ls artifacts | sort) | grep -E '^(crash|timeout|oom|leak|slow-unit)-' || true)
if [ -n "$new" ]; then
    echo "fuzz: FOUND after ${executions:-?} inputs (libFuzzer exit status $status):"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*Fatal error|.*Precondition failed|ALARM|==[0-9]+== ERROR)' "$log" | head -n 5 || true
    printf '  Fuzz/artifacts/%s\n' $new
    echo "reproduce: Fuzz/$binary Fuzz/artifacts/<file>; minimise: add -minimize_crash=1 -runs=10000"
    cp "$log" artifacts/last-run.log
    echo "log: Fuzz/artifacts/last-run.log"
    exit 1
fi
if [ "$status" -ne 0 ]; then
    tail -n 20 "$log" >&2
    echo "fuzz: libFuzzer exited with status $status without a finding" >&2
    exit 2
fi
echo "fuzz: nothing found in ${executions:-?} inputs over ${seconds}s; corpus: $(ls corpus | wc -l) files"
