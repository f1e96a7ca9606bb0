#!/usr/bin/env bash
# Installs the tools the tests drive for real: pre-commit (Debian) and the
# JSON Schema validator used for the editor schema (npm, pinned by
# tools/jsonschema/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "ci: installing pre-commit"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pre-commit >/dev/null
fi
if [ -f tools/jsonschema/package-lock.json ]; then
  echo "ci: installing the JSON Schema validator"
  npm ci --prefix tools/jsonschema --no-audit --no-fund --loglevel=error
fi
