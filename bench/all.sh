#!/usr/bin/env bash
# Every published figure, side by side in one run (docs/performance.md
# quotes its output): lint vs cue vet, manifest checking vs an
# encoding/json loop, peak RSS, gtctl vs cfn-lint where installed, and
# apply / plan against the local test endpoints (needs moto_server).
# Usage: bench/all.sh   (from anywhere; takes about 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "gtctl benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -m), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3)"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "## Lint: gtctl vs cue vet (same files, same schema)"
bench/lint.sh
echo
echo "## Manifest checking"
bench/manifest.sh
echo
echo "## gtctl vs cfn-lint (different workloads)"
bench/cfnlint.sh
echo
echo "## Plan and apply against the test endpoints"
bench/apply.sh
