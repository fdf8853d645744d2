#!/usr/bin/env bash
# Dashboard query latency: Vigil, and Prometheus 3 on the same data when it is installed.
#
# Generates one day of 15 s samples for 1,000 dashboard-shaped series (DashboardData), loads it
# into Vigil's TSDB head behind the HTTP API, and runs every panel query of
# ../shared/reference/dashboards/*.queries.tsv as 1 h and 24 h range queries
# (DashboardLatencyReport). With Prometheus (PROM_BIN, default /opt/anchors/root/usr/bin; see
# ../shared/tools/install-anchors.sh), the same data is written as OpenMetrics, turned into blocks
# with `promtool tsdb create-blocks-from openmetrics`, served by a Prometheus on a free loopback
# port, and queried the same way; the report then prints both and the ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROM_BIN=${PROM_BIN:-/opt/anchors/root/usr/bin}
cd "$ROOT"
mvn -B -q -Pjmh -pl server -am test-compile
CP="server/target/test-classes:server/target/classes:$(cat server/target/jmh-classpath.txt)"
MAIN=dev.vigil.server.promql.bench.DashboardLatencyReport
JAVA=(java -Xmx2g -cp "$CP")

if [[ ! -x "$PROM_BIN/prometheus" || ! -x "$PROM_BIN/promtool" ]]; then
  echo "no Prometheus in $PROM_BIN: measuring Vigil only"
  exec "${JAVA[@]}" "$MAIN"
fi

WORK=$(mktemp -d)
PID=
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"${JAVA[@]}" "$MAIN" --openmetrics="$WORK/data.om"
"$PROM_BIN/promtool" tsdb create-blocks-from openmetrics "$WORK/data.om" "$WORK/tsdb" >/dev/null
rm -f "$WORK/data.om"
echo "global: {}" >"$WORK/prometheus.yml"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The data is from 2026-01-01: keep it whatever today's date.
"$PROM_BIN/prometheus" --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --storage.tsdb.retention.time=100y --web.listen-address="127.0.0.1:$PORT" \
  >"$WORK/prometheus.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1; then break; fi
  sleep 1
done
"$PROM_BIN/prometheus" --version | head -1
"${JAVA[@]}" "$MAIN" --prometheus="http://127.0.0.1:$PORT"
