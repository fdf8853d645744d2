#!/usr/bin/env bash
# Reproduces the dashboard coverage counts in docs/compatibility.md: starts the Spring Boot demo
# (starter: JVM + host metrics) and a real node_exporter on loopback ports, then reports which
# panels of each reference dashboard their expositions can fill.
#
# Usage: bench/dashboard-coverage.sh            (from anywhere; builds what it needs)
# Env:   SHARED=<dir with reference/dashboards> (default: ../shared next to the repo)
#        NODE_EXPORTER=<binary>                 (default: installed by shared/tools/install-anchors.sh)
#        SKIP_BUILD=1                           (reuse the jars and classes already built)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$(cd "$root/.." && pwd)/shared}
node_exporter=${NODE_EXPORTER:-/opt/anchors/root/usr/bin/prometheus-node-exporter}
dashboards=$shared/reference/dashboards
[ -d "$dashboards" ] || { echo "no dashboards at $dashboards (set SHARED)" >&2; exit 2; }
cd "$root"

if [ -z "${SKIP_BUILD:-}" ]; then
  # package compiles the smoke-tests' test classes (the tool) and the demo jar; no tests run.
  # The jar plugin keeps an existing jar whose own classes did not change, and repackaging then
  # keeps stale starter/metrics jars inside it: remove it so it is rebuilt from the current ones.
  rm -f sample-apps/spring-boot-demo/target/spring-boot-demo.jar*
  mvn -B -q -pl sample-apps/spring-boot-demo,smoke-tests -am package -DskipTests
fi
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mvn -B -q -pl server dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/server.cp" >/dev/null
cp="smoke-tests/target/test-classes:server/target/classes:$(cat "$work/server.cp")"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await() { # url: waits up to 90 s for HTTP 200
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "timed out waiting for $1" >&2
  return 1
}

coverage() { # dashboard exposition-url
  echo "== $1 vs $2"
  java -cp "$cp" dev.vigil.smoke.coverage.DashboardCoverage "$dashboards/$1.queries.tsv" "$2"
  echo
}

boot_port=$(free_port)
java -jar sample-apps/spring-boot-demo/target/spring-boot-demo.jar \
  --server.port="$boot_port" --server.address=127.0.0.1 >"$work/boot.log" 2>&1 &
pids+=($!)
boot="http://127.0.0.1:$boot_port/actuator/prometheus"
await "$boot"
# Let the demo's load generator produce requests, errors and GC before scraping.
sleep "${WARMUP_SECONDS:-15}"

coverage jvm-micrometer-4701-rev10 "$boot"
coverage spring-boot-statistics-6756-rev2 "$boot"
coverage node-exporter-full "$boot"

if [ -x "$node_exporter" ]; then
  node_port=$(free_port)
  "$node_exporter" --web.listen-address="127.0.0.1:$node_port" >"$work/node.log" 2>&1 &
  pids+=($!)
  await "http://127.0.0.1:$node_port/metrics"
  "$node_exporter" --version 2>&1 | head -1
  coverage node-exporter-full "http://127.0.0.1:$node_port/metrics"
  # The same two opt-in collectors the demo enables, for a like-for-like comparison.
  node_port2=$(free_port)
  "$node_exporter" --web.listen-address="127.0.0.1:$node_port2" --collector.processes \
    --collector.tcpstat >"$work/node2.log" 2>&1 &
  pids+=($!)
  await "http://127.0.0.1:$node_port2/metrics"
  echo "node_exporter with --collector.processes --collector.tcpstat"
  coverage node-exporter-full "http://127.0.0.1:$node_port2/metrics"
else
  echo "node_exporter not found at $node_exporter: run shared/tools/install-anchors.sh" >&2
fi
