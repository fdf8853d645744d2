#!/usr/bin/env bash
# Runs the Vigil demo: builds what it needs, starts the server with demo/prometheus.yml,
# the Spring Boot demo (with the starter) and the plain Java demo (with the agent), waits
# until the server scrapes all three, prints the URLs to open, then runs until Ctrl-C.
#
#   ./demo.sh            build, start, print URLs, keep running
#   ./demo.sh --check    same, but exit 0 once every target is up (used by tests), 1 otherwise
#   ./demo.sh --no-build skip the Maven build (jars must exist)
#
# Ports: VIGIL_PORT (9090), BOOT_PORT (8080), PLAIN_PORT (8081), AGENT_PORT (9404).
# Logs and data go to .demo/ (DEMO_DIR).
set -euo pipefail
cd "$(dirname "$0")"

check=false build=true
for arg in "$@"; do
  case $arg in
    --check) check=true ;;
    --no-build) build=false ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "demo.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

VIGIL_PORT=${VIGIL_PORT:-9090} BOOT_PORT=${BOOT_PORT:-8080} PLAIN_PORT=${PLAIN_PORT:-8081} AGENT_PORT=${AGENT_PORT:-9404}
DEMO_DIR=${DEMO_DIR:-.demo}
server_jar=server/target/vigil-server.jar
agent_jar=agent/target/vigil-agent.jar
boot_jar=sample-apps/spring-boot-demo/target/spring-boot-demo.jar
plain_jar=sample-apps/plain-java-demo/target/plain-java-demo.jar

command -v java >/dev/null || { echo "demo.sh: java (17 or newer) is not on PATH" >&2; exit 1; }
if $build; then
  command -v mvn >/dev/null || { echo "demo.sh: mvn is not on PATH" >&2; exit 1; }
  echo "==> Building (mvn package, tests skipped; the first run downloads dependencies)..."
  mvn -B -q -DskipTests package
fi
for jar in "$server_jar" "$agent_jar" "$boot_jar" "$plain_jar"; do
  [ -f "$jar" ] || { echo "demo.sh: $jar is missing; run without --no-build" >&2; exit 1; }
done

for port in "$VIGIL_PORT" "$BOOT_PORT" "$PLAIN_PORT" "$AGENT_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo.sh: port $port is already in use; set VIGIL_PORT/BOOT_PORT/PLAIN_PORT/AGENT_PORT" >&2
    exit 1
  fi
done

mkdir -p "$DEMO_DIR/logs"
config=demo/prometheus.yml
if [ "$VIGIL_PORT$BOOT_PORT$AGENT_PORT" != "909080809404" ]; then
  config=$DEMO_DIR/prometheus.yml
  sed -e "s/localhost:9090/localhost:$VIGIL_PORT/" -e "s/localhost:8080/localhost:$BOOT_PORT/" \
      -e "s/localhost:9404/localhost:$AGENT_PORT/" demo/prometheus.yml > "$config"
fi

pids=()
stop() {
  trap - EXIT INT TERM
  echo "==> Stopping the demo..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "==> Starting the Spring Boot demo on :$BOOT_PORT, the plain Java demo on :$PLAIN_PORT (agent :$AGENT_PORT), Vigil on :$VIGIL_PORT"
java -jar "$boot_jar" --server.port="$BOOT_PORT" > "$DEMO_DIR/logs/spring-boot-demo.log" 2>&1 & pids+=($!)
# nodelay: the JDK HttpServer otherwise stalls each response ~40 ms (Nagle vs delayed ACK).
java -javaagent:"$agent_jar" -Dvigil.agent.port="$AGENT_PORT" -Dvigil.application=plain-java-demo \
  -Dsun.net.httpserver.nodelay=true -jar "$plain_jar" "$PLAIN_PORT" > "$DEMO_DIR/logs/plain-java-demo.log" 2>&1 & pids+=($!)
java -jar "$server_jar" --config.file="$config" --storage.tsdb.path="$DEMO_DIR/data" \
  --web.listen-address="0.0.0.0:$VIGIL_PORT" > "$DEMO_DIR/logs/vigil-server.log" 2>&1 & pids+=($!)

# Wait until the server reports every target up (at most 120 s).
api="http://localhost:$VIGIL_PORT"
ups=0
for ((i = 0; i < 240; i++)); do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "demo.sh: a process exited early; logs in $DEMO_DIR/logs:" >&2; tail -n 20 "$DEMO_DIR"/logs/*.log >&2; exit 1; }
  done
  ups=$(curl -s "$api/api/v1/query?query=up" | grep -o '"1"\]' | wc -l || true)
  [ "$ups" -ge 3 ] && break
  (( i % 20 == 19 )) && echo "    waiting for the first scrapes ($ups of 3 targets up)..."
  sleep 0.5
done
if [ "$ups" -lt 3 ]; then
  echo "demo.sh: only $ups of 3 targets came up within 120 s; logs in $DEMO_DIR/logs" >&2
  exit 1
fi

cat <<MSG

Vigil demo is running: all 3 targets are up.

  Vigil server (Prometheus API)  $api/api/v1/query?query=up
                                 $api/api/v1/query?query=jvm_memory_used_bytes
  Vigil's own metrics            $api/metrics
  Spring Boot demo (starter)     http://localhost:$BOOT_PORT/api/orders
                                 http://localhost:$BOOT_PORT/actuator/prometheus
  Plain Java demo                http://localhost:$PLAIN_PORT/
  ... its agent's metrics        http://localhost:$AGENT_PORT/metrics

  Grafana: add a Prometheus data source with URL $api, then import dashboards/*.json
  (see dashboards/README.md). Logs: $DEMO_DIR/logs/. Stop with Ctrl-C.
MSG
$check && exit 0
wait
