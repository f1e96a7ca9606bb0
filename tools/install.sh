#!/usr/bin/env bash
# Installs the third-party tools the tests run against, so they do not skip:
#   - ajv, ajv-formats and yaml (pinned in tools/jsonschema/package-lock.json)
#     for pkg/jsonschema's JSON Schema tests: npm ci, needs Node 20+ and npm;
#   - pre-commit for cmd/gtctl's hook test: from Debian/Ubuntu packages when
#     run as root with apt-get (--apt), otherwise checked and reported.
# Run the tests with GTCTL_REQUIRE_TOOLS=1 to make a missing tool a failure.
#
#   tools/install.sh [--apt]
set -euo pipefail
cd "$(dirname "$0")/.."

apt=false
[ "${1:-}" = --apt ] && apt=true

command -v node >/dev/null && command -v npm >/dev/null || { echo "tools/install.sh: node and npm are needed (Node 20 or later)" >&2; exit 1; }
npm ci --prefix tools/jsonschema --ignore-scripts --no-audit --no-fund

if ! command -v pre-commit >/dev/null; then
	if $apt; then
		apt-get update
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pre-commit
	else
		echo "tools/install.sh: pre-commit is not installed; install it with: apt-get install pre-commit (or rerun with --apt as root)" >&2
		exit 1
	fi
fi
echo "tools/install.sh: node $(node --version), pre-commit $(pre-commit --version | awk '{print $2}')"
