#!/usr/bin/env bash
# Runs every test of every module: unit tests (*Test) and process-level tests (*IT).
# Tests that need ../shared (conformance data) skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")"
command -v java >/dev/null || { echo "test.sh: java (17 or newer) is not on PATH" >&2; exit 1; }
command -v mvn >/dev/null || { echo "test.sh: mvn is not on PATH" >&2; exit 1; }
exec mvn -B verify "$@"
