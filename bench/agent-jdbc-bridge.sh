#!/usr/bin/env bash
# CPU and allocation per request of the JDBC bridge's work for the plain Java demo's /api/order
# (bench/agent-hot-path/JdbcBridgeLoop.java), for each agent jar given (default: the built one):
# compares the bridge of two builds, e.g. main's and a branch's.
#
# Usage: bench/agent-jdbc-bridge.sh [vigil-agent.jar ...]    Env: SECONDS_PER_ROUND=10
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work/loop" "$root/bench/agent-hot-path/JdbcBridgeLoop.java"
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=("$root/agent/target/vigil-agent.jar")
for jar in "${jars[@]}"; do
  # The bootstrap bridge classes sit at their normal paths in the jar (agent/README.md).
  classes=$work/classes-$(basename "$jar" .jar)-$RANDOM
  mkdir -p "$classes"
  (cd "$classes" && unzip -qo "$jar" 'dev/vigil/agent/bootstrap/*')
  echo "== $jar"
  java -cp "$classes:$work/loop" JdbcBridgeLoop "${SECONDS_PER_ROUND:-10}"
done
