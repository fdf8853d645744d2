#!/usr/bin/env bash
# Runs every test of every module: unit tests (*Test) and process-level tests (*IT).
# Tests that need ../shared (conformance data) skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")"
command -v java >/dev/null || { echo "test.sh: java (17 or newer) is not on PATH" >&2; exit 1; }
command -v mvn >/dev/null || { echo "test.sh: mvn is not on PATH" >&2; exit 1; }
mvn -B verify "$@"
# The starter supports Boot 4.0 as well as 4.1: run its tests again on Boot 4.0's BOM
# (profile boot-4.0 in spring-boot-starter/pom.xml swaps in Boot 4.0's Micrometer and friends).
mvn -B -pl spring-boot-starter -am -Pboot-4.0 verify "$@"
