#!/usr/bin/env bash
# Runs every fuzz target of the module (each func FuzzXxx in a _test.go
# file under pkg/ and cmd/) for the given time, one after the other, and
# fails on the first target that finds a crasher or does not build.
#
# Usage: bench/fuzz.sh [SECONDS]      (default 20 per target)
#
# A crasher is written by go test to <package>/testdata/fuzz/<Target>/; add
# it to the repository as a regression input (plain `go test` runs it) once
# the bug is fixed. Targets run with the default number of workers
# (GOMAXPROCS); set GTCTL_FUZZ_PARALLEL to change it.
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-20}"
case "$secs" in
'' | *[!0-9]*)
	echo "usage: bench/fuzz.sh [SECONDS]" >&2
	exit 2
	;;
esac
parallel=()
if [[ -n "${GTCTL_FUZZ_PARALLEL:-}" ]]; then
	parallel=(-parallel "$GTCTL_FUZZ_PARALLEL")
fi

# "package target" pairs, found in the sources so new targets are included.
targets=$(grep -rE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' pkg cmd |
	sed -E 's#^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#./\1 \2#' | sort -u)
if [[ -z "$targets" ]]; then
	echo "bench/fuzz.sh: no fuzz targets found" >&2
	exit 1
fi

echo "fuzzing $(echo "$targets" | wc -l) targets, ${secs}s each ($(nproc) cores, $(go version | cut -d' ' -f3))"
failed=0
while read -r pkg target; do
	echo
	echo "== $target ($pkg)"
	start=$(date +%s)
	log=$(mktemp)
	if go test -run '^$' -fuzz "^${target}\$" -fuzztime "${secs}s" "${parallel[@]}" "$pkg" >"$log" 2>&1; then
		# The last progress line: execs and new interesting inputs.
		grep -E '^fuzz: elapsed' "$log" | tail -1 || true
		echo "ok ($(($(date +%s) - start))s)"
	else
		cat "$log"
		echo "FAIL: $target ($pkg): see the failing input above (under $pkg/testdata/fuzz/$target/)"
		failed=1
	fi
	rm -f "$log"
	[[ $failed -eq 0 ]] || break
done <<<"$targets"
exit $failed
