#!/usr/bin/env bash
# Checks that notebooks-output/ is exactly what `make reports` produces from the current code:
# runs `make reports` with the given spotsim binary in a scratch copy of the repository's
# Makefile and scenarios/, then compares the two trees file by file. Only the screenshots
# (`make screenshots`, *.png) and notebooks-output/README.md are not generated.
#
# Usage: Tests/Integration/reports-current.sh SPOTSIM_BINARY
# Traces come from $SPOTSIM_DATA, else ../shared/data/traces (as `make reports`).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ $# -eq 1 ] || { echo "usage: $0 SPOTSIM_BINARY" >&2; exit 2; }
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$binary" ] || { echo "$0: $1 is not an executable" >&2; exit 2; }
data=${SPOTSIM_DATA:-../shared/data/traces}
[ -d "$data" ] || { echo "$0: no trace folder at $data (set SPOTSIM_DATA)" >&2; exit 2; }
data=$(cd "$data" && pwd)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp Makefile "$scratch/"
cp -R scenarios "$scratch/"
mkdir "$scratch/notebooks-output"

start=$(date +%s)
make -s -C "$scratch" reports SPOTSIM="$binary" DATA_DIR="$data" >"$scratch/make.log" 2>&1 \
    || { cat "$scratch/make.log" >&2; echo "$0: make reports failed" >&2; exit 1; }

if diff -r --brief --exclude='*.png' --exclude=README.md "$scratch/notebooks-output" notebooks-output; then
    echo "notebooks-output/ is what make reports produces ($(find notebooks-output -type f ! -name '*.png' ! -name README.md | wc -l) files, $(( $(date +%s) - start )) s)"
else
    echo "notebooks-output/ is not what make reports produces from this code: run make reports and commit" >&2
    exit 1
fi
