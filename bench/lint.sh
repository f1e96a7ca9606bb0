#!/usr/bin/env bash
# Lint speed, side by side with `cue vet` on the same files and schema:
#   1. one spec, cold process (what a pre-commit hook pays), mean of $RUNS runs;
#   2. 10,000 generated specs (30% invalid) in one process, both cores;
#      cue vet over the same valid specs;
#   3. peak RSS at 10,000 and 100,000 specs.
# Usage: bench/lint.sh            (from the repository root; needs Go and
# network access to the Go module proxy the first time, to build cue)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
RUNS=${RUNS:-40}
mkdir -p "$OUT/bin"

CUE_VERSION=$(awk '$1=="cuelang.org/go"{print $2}' go.mod)
go build -o "$OUT/bin/gtctl" ./cmd/gtctl
if [[ ! -x "$OUT/bin/cue" ]] || ! "$OUT/bin/cue" version 2>/dev/null | grep -q "$CUE_VERSION"; then
  GOBIN="$PWD/$OUT/bin" go install "cuelang.org/go/cmd/cue@$CUE_VERSION"
fi
GTCTL=$OUT/bin/gtctl
CUE=$OUT/bin/cue
SCHEMA=(schema/*.cue)
DEF='#CreateLabelingJobRequest'

now() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" -v n="${3:-1}" 'BEGIN{printf "%.1f", (b-a)/1e6/n}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), cue $CUE_VERSION"
echo

# 1. One spec, cold process.
rm -rf "$OUT/specs1" && mkdir -p "$OUT/specs1"
go run ./bench/cmd/genspecs -n 1 -invalid 0 -dir "$OUT/specs1" >/dev/null
one="$OUT/specs1/job-000000.yaml"
"$GTCTL" lint "$one" >/dev/null
"$CUE" vet -d "$DEF" "${SCHEMA[@]}" "$one"
# Alternate the two, so that both see the same machine (a background job
# or a frequency change hits both alike).
gt=0; ct=0
for _ in $(seq "$RUNS"); do
  t0=$(now); "$GTCTL" lint "$one" >/dev/null; t1=$(now)
  "$CUE" vet -d "$DEF" "${SCHEMA[@]}" "$one"; t2=$(now)
  gt=$((gt + t1 - t0)); ct=$((ct + t2 - t1))
done
g1=$(ms 0 "$gt" "$RUNS"); c1=$(ms 0 "$ct" "$RUNS")
printf "1 spec, cold process (mean of %d, alternating)   gtctl %8s ms   cue vet %8s ms   cue/gtctl %.2fx\n" "$RUNS" "$g1" "$c1" "$(awk -v a="$c1" -v b="$g1" 'BEGIN{print a/b}')"

# 2. 10,000 specs.
rm -rf "$OUT/specs10k" "$OUT/valid10k"
bad=$(go run ./bench/cmd/genspecs -n 10000 -dir "$OUT/specs10k" -valid-dir "$OUT/valid10k")
t0=$(now)
/usr/bin/time -f "%M" -o "$OUT/rss10k" "$GTCTL" lint --format json "$OUT/specs10k" >"$OUT/lint10k.json" || true
t1=$(now)
reported=$( (grep -o '"file":"[^"]*"' "$OUT/lint10k.json" || true) | sort -u | wc -l)
findings=$(grep -c '"rule":' "$OUT/lint10k.json" || true)
gs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", 10000/((b-a)/1e9)}')
nvalid=$(ls "$OUT/valid10k" | wc -l)
t0=$(now)
(cd "$OUT/valid10k" && find . -name '*.yaml' -print0 | xargs -0 "$PWD/../bin/cue" vet -d "$DEF" $(printf ' ../../../%s' "${SCHEMA[@]}"))
t1=$(now)
cs=$(awk -v a="$t0" -v b="$t1" -v n="$nvalid" 'BEGIN{printf "%.0f", n/((b-a)/1e9)}')
printf "10,000 specs (%d invalid)             gtctl %8s specs/s   cue vet (%d valid) %6s specs/s   gtctl/cue %.2fx\n" "$bad" "$gs" "$nvalid" "$cs" "$(awk -v a="$gs" -v b="$cs" 'BEGIN{print a/b}')"
printf "  findings: %d in %d files; invalid files generated: %d -> %s\n" "$findings" "$reported" "$bad" "$([[ $reported -eq $bad ]] && echo 'every invalid file reported, no valid file flagged' || echo 'MISMATCH')"

# 3. Peak RSS at 10,000 and 100,000 specs.
rm -rf "$OUT/specs100k"
go run ./bench/cmd/genspecs -n 100000 -dir "$OUT/specs100k" >/dev/null
t0=$(now)
/usr/bin/time -f "%M" -o "$OUT/rss100k" "$GTCTL" lint --format json "$OUT/specs100k" >/dev/null || true
t1=$(now)
r10=$(( $(tail -1 "$OUT/rss10k") / 1024 )); r100=$(( $(tail -1 "$OUT/rss100k") / 1024 ))
printf "peak RSS                              10,000 specs %4d MB   100,000 specs %4d MB (%.0f specs/s)\n" "$r10" "$r100" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print 100000/((b-a)/1e9)}')"
rm -rf "$OUT/specs100k"
