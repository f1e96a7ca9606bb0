#!/usr/bin/env bash
# gtctl next to cfn-lint, the usual AWS linter, where cfn-lint is installed.
# A different workload (a CloudFormation template of similar size, checked
# against CloudFormation's specs): the figures show what a user of each
# pays per file, not the same work.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
RUNS=${RUNS:-5}
N=${N:-100}
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint: not installed, skipped"
  exit 0
fi
mkdir -p "$OUT/bin"
go build -o "$OUT/bin/gtctl" ./cmd/gtctl
tpl=bench/testdata/cfn-template.yaml
cfn-lint "$tpl" >/dev/null
now() { date +%s%N; }
rm -rf "$OUT/specs-cfn" "$OUT/cfn" && mkdir -p "$OUT/cfn"
go run ./bench/cmd/genspecs -n "$N" -invalid 0 -dir "$OUT/specs-cfn" >/dev/null
for i in $(seq "$N"); do cp "$tpl" "$OUT/cfn/t$i.yaml"; done
one="$OUT/specs-cfn/job-000000.yaml"
t0=$(now); for _ in $(seq "$RUNS"); do "$OUT/bin/gtctl" lint "$one" >/dev/null; done; t1=$(now)
for _ in $(seq "$RUNS"); do cfn-lint "$tpl" >/dev/null; done; t2=$(now)
g=$(awk -v a="$t0" -v b="$t1" -v n="$RUNS" 'BEGIN{printf "%.1f", (b-a)/1e6/n}')
c=$(awk -v a="$t1" -v b="$t2" -v n="$RUNS" 'BEGIN{printf "%.1f", (b-a)/1e6/n}')
printf "1 file, cold process (mean of %d)   gtctl %8s ms   cfn-lint %9s ms   (different workloads)\n" "$RUNS" "$g" "$c"
t0=$(now); "$OUT/bin/gtctl" lint "$OUT/specs-cfn" >/dev/null; t1=$(now)
cfn-lint "$OUT"/cfn/*.yaml >/dev/null; t2=$(now)
g=$(awk -v a="$t0" -v b="$t1" -v n="$N" 'BEGIN{printf "%.2f", (b-a)/1e6/n}')
c=$(awk -v a="$t1" -v b="$t2" -v n="$N" 'BEGIN{printf "%.2f", (b-a)/1e6/n}')
printf "%d files in one process, per file    gtctl %8s ms   cfn-lint %9s ms   (different workloads)\n" "$N" "$g" "$c"
