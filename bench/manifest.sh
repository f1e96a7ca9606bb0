#!/usr/bin/env bash
# Input manifest checking, the streaming scanner against the obvious loop:
#   1. throughput: BenchmarkManifest/gtctl vs BenchmarkManifest/bufio+encoding-json
#      over the same generated 1,000,000-line manifest (a few bad lines that
#      both must find), MB/s of each and the ratio (target: at least 4);
#   2. peak RSS (VmHWM) of checking a 1,000,000-line manifest in one process:
#      the scanner alone, and the manifest rules as the linter runs them
#      (target: below 100 MB); then the whole linter, for information.
# Usage: bench/manifest.sh   (from anywhere in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3)"
echo
echo "== throughput (go test -bench BenchmarkManifest -benchtime 3x ./pkg/artifacts)"
out=$(go test -run '^$' -bench BenchmarkManifest -benchtime 3x ./pkg/artifacts)
echo "$out" | grep -E '^Benchmark'
echo "$out" | awk '
  function mbs(   i) { for (i = 1; i <= NF; i++) if ($i == "MB/s") return $(i-1) }
  /^BenchmarkManifest\/gtctl/                { g = mbs() }
  /^BenchmarkManifest\/bufio\+encoding-json/ { b = mbs() }
  END {
    if (g == "" || b == "" || b == 0) { print "benchmark output not understood"; exit 1 }
    printf "gtctl:               %8.1f MB/s\n", g
    printf "bufio+encoding/json: %8.1f MB/s\n", b
    printf "ratio:               %8.1fx (target >= 4)\n", g / b
    if (g / b < 4) exit 1
  }'
echo
echo "== peak RSS, 1,000,000-line manifest (go run ./bench/cmd/manifestrss)"
go run ./bench/cmd/manifestrss -mode scan
go run ./bench/cmd/manifestrss -mode checks
# The whole linter includes every other check that reads the manifest;
# reported for information, not held to the target here.
go run ./bench/cmd/manifestrss -mode lint -max-mb 1e9
