#!/usr/bin/env bash
# Deploy speed against local endpoints (no AWS account; moto_server needed):
#   1. BenchmarkApplyThrottled: plan + apply of 200 specs against a fake
#      SageMaker that accepts 10 requests/s (ThrottlingException beyond),
#      with gtctl's default --rate-limit and --concurrency, at 50 ms and
#      300 ms of service latency, and with no client-side limit for
#      comparison. wall-s is the time taken; bound-s the least time the
#      throttle allows for the SageMaker requests that got through
#      (accepted/10); target wall/bound <= 1.25 and failed-jobs 0.
#   2. BenchmarkPlanLargeAccount: plan of 1,000 specs against an account of
#      10,000 jobs; api-calls/op is what the plan cost (target: far below
#      one per job), s-at-10rps the time those calls take at 10 requests/s.
# Usage: bench/apply.sh    (from anywhere; COUNT=n repeats each benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1}
OUT=bench/out
mkdir -p "$OUT"
export GTCTL_REQUIRE_MOTO=1

echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), moto $(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo '?')"
echo
go test ./pkg/apply -run '^$' -bench '^BenchmarkApplyThrottled$' -benchtime 1x -count "$COUNT" -timeout 30m | tee "$OUT/apply-throttled.txt"
echo
go test ./pkg/plan -run '^$' -bench '^BenchmarkPlanLargeAccount$' -benchtime 3x -count "$COUNT" -timeout 30m | tee "$OUT/plan-large-account.txt"

metric() { # metric NAME LINE -> the value before NAME
  awk -v m="$1" '{for (i = 2; i <= NF; i++) if ($i == m) print $(i-1)}' <<<"$2"
}
echo
echo "Summary"
grep '^BenchmarkApplyThrottled' "$OUT/apply-throttled.txt" | while read -r line; do
  printf '  apply 200 jobs at 10 req/s, %-36s wall %6ss  bound %6ss  wall/bound %6s  failed %s  throttled %s\n' \
    "$(awk '{sub(/^BenchmarkApplyThrottled\//, "", $1); sub(/-[0-9]+$/, "", $1); print $1}' <<<"$line")" \
    "$(metric wall-s "$line")" "$(metric bound-s "$line")" "$(metric wall/bound "$line")" \
    "$(metric failed-jobs "$line")" "$(metric throttled "$line")"
done
grep '^BenchmarkPlanLargeAccount' "$OUT/plan-large-account.txt" | while read -r line; do
  printf '  plan 1,000 specs / 10,000 jobs: %s API calls (%s list pages, %s describes, %s ListTags) = %s per account job; %ss at 10 req/s\n' \
    "$(metric api-calls/op "$line")" "$(metric list-pages/op "$line")" "$(metric describes/op "$line")" \
    "$(metric listtags/op "$line")" "$(metric calls/account-job "$line")" "$(metric s-at-10rps "$line")"
done
