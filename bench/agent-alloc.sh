#!/usr/bin/env bash
# Bytes the agent allocates per request and per scrape, exactly, on the plain Java demo under the
# overhead bench's load: the demo runs without the agent and with it (and with BASELINE_JAR, a
# third time with another agent jar), side by side by default, each with a JFR recording of its
# steady state. bench/agent-alloc/AllocReport.java then prints:
#   - exact bytes per request per thread group (jdk.ThreadAllocationStatistics, every 100 ms:
#     the threads' own allocation counters, no sampling), and their difference to no agent;
#   - exact KB per scrape on the agent's endpoint threads, and thread starts per scrape;
#   - the allocation sites in agent code (jdk.ObjectAllocationSample with stack traces: sampled
#     estimates) per request on app threads and per scrape on agent threads;
#   - the sites outside agent code whose bytes per request moved most against no agent.
# Bytes and counts do not depend on how busy the box is, so this works on a shared machine where
# wall and CPU times do not.
#
# Usage: bench/agent-alloc.sh
# Env:   WARMUP=150 DURATION=60 RATE=100 CONCURRENCY=8 SCRAPE_INTERVAL=5 TOP=15
#        REQUEST_PATH='/api/order?id={id}' AGENT_JAR=agent/target/vigil-agent.jar TLAB=8k
#        APP_JAR=sample-apps/plain-java-demo/target/plain-java-demo.jar
#        BASELINE_JAR=<another vigil-agent.jar> (adds a "before" run)  SEQUENTIAL=1 (one JVM at a
#        time; the default runs them side by side, which halves the time and changes no byte
#        count)  KEEP=<dir> (keep the recordings and logs there)  JAVA_HOME=<jdk>  SKIP_BUILD=1
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
warmup=${WARMUP:-150}
duration=${DURATION:-60}
rate=${RATE:-100}
concurrency=${CONCURRENCY:-8}
scrape_interval=${SCRAPE_INTERVAL:-5}
top=${TOP:-15}
request_path=${REQUEST_PATH:-/api/order?id=\{id\}}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl agent,sample-apps/plain-java-demo -am package -DskipTests
fi
# Not VIGIL_*: the agent reads every VIGIL_* environment variable as a setting.
vigil_jar=${AGENT_JAR:-agent/target/vigil-agent.jar}
app_jar=${APP_JAR:-sample-apps/plain-java-demo/target/plain-java-demo.jar}
for f in "$vigil_jar" "$app_jar" ${BASELINE_JAR:+"$BASELINE_JAR"}; do
  [ -f "$f" ] || { echo "missing $f" >&2; exit 2; }
done

work=$(mktemp -d)
cleanup() {
  if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp -r "$work"/. "$KEEP"/; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$javac" -d "$work/load" bench/agent-overhead/LoadGenerator.java
"$javac" -d "$work/report" bench/agent-alloc/AllocReport.java

# Only what the report reads: per-thread allocation counters every 100 ms (the endpoint's
# threads live at least 200 ms, so every one is sampled after its scrape), allocation samples
# with stacks, thread starts, and JIT compilations (how warm the app was in the window: a method
# compiled late can allocate what escape analysis later removes, on either side).
cat >"$work/alloc.jfc" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadAllocationStatistics">
    <setting name="enabled">true</setting><setting name="period">100 ms</setting>
  </event>
  <event name="jdk.ObjectAllocationSample">
    <setting name="enabled">true</setting><setting name="throttle">2000/s</setting>
    <setting name="stackTrace">true</setting>
  </event>
  <event name="jdk.ThreadStart"><setting name="enabled">true</setting></event>
  <event name="jdk.Compilation">
    <setting name="enabled">true</setting><setting name="threshold">0 ms</setting>
  </event>
</configuration>
XML

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Runs configuration $1 (none|vigil|before) with agent jar $2 (empty for none); writes
# $work/$1.jfr, $work/$1.scrapes (epoch ms of each scrape) and $work/$1.load (LoadGenerator).
# Always called in a subshell, whose trap stops what it started (app_pid and scraper_pid are not
# local: the trap runs after the function has returned).
run_one() {
  local config=$1 jar=$2 app_port agent_port launched agent_args=()
  app_pid=
  scraper_pid=
  trap 'if [ -n "$scraper_pid" ]; then kill "$scraper_pid" 2>/dev/null; fi; if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; fi; true' EXIT
  app_port=$(free_port)
  agent_port=$(free_port)
  : >"$work/$config.scrapes"
  if [ -n "$jar" ]; then
    agent_args=(-javaagent:"$jar" -Dvigil.agent.host=127.0.0.1 -Dvigil.agent.port="$agent_port")
  fi
  launched=$(date +%s%3N)
  # The recording starts after the warm-up and covers the measured window only. Small fixed TLABs:
  # the JVM takes an allocation sample only when a thread refills its TLAB, and each sample then
  # weighs the whole TLAB, so with the default (adaptive, ~100s of KB) TLABs a minute of this app
  # gives ~30 samples a second and site estimates that swing by tens of KB per request. Byte
  # counts do not depend on the TLAB size.
  "$java" "${agent_args[@]}" -XX:-ResizeTLAB -XX:TLABSize="${TLAB:-8k}" \
    -Ddemo.load.enabled=false -Dsun.net.httpserver.nodelay=true \
    -XX:StartFlightRecording=delay="${warmup}s",duration="${duration}s",settings="$work/alloc.jfc",filename="$work/$config.jfr" \
    -jar "$app_jar" "$app_port" >"$work/app-$config.log" 2>&1 &
  app_pid=$!
  if [ -n "$jar" ]; then
    (while sleep "$scrape_interval"; do
       date +%s%3N >>"$work/$config.scrapes"
       curl -s -o /dev/null -H 'Accept: application/openmetrics-text;version=1.0.0,text/plain;q=0.5' \
         -H 'Accept-Encoding: gzip' "http://127.0.0.1:$agent_port/metrics" || true
     done) &
    scraper_pid=$!
  fi
  # Load runs from the first answer until past the recording's end (the JVM's clock started
  # earlier, so the recording ends before the load does).
  "$java" -cp "$work/load" LoadGenerator "http://127.0.0.1:$app_port$request_path" "$launched" \
    "$warmup" "$((duration + 5))" "$concurrency" "$rate" "$app_pid" \
    "http://127.0.0.1:$app_port/health" >"$work/$config.load"
  # The JVM writes the recording when its duration ends (before the load ends); wait until the
  # file is there and no longer growing.
  local size=-1
  for _ in $(seq 1 60); do
    if [ -s "$work/$config.jfr" ] && [ "$(stat -c %s "$work/$config.jfr")" = "$size" ]; then break; fi
    size=$(stat -c %s "$work/$config.jfr" 2>/dev/null || echo -1)
    sleep 1
  done
  if [ -n "$scraper_pid" ]; then kill "$scraper_pid" 2>/dev/null || true; fi
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=
  scraper_pid=
  [ -s "$work/$config.jfr" ] || { echo "$config: no recording (see $work/app-$config.log)" >&2; exit 1; }
  if grep -q '^errors [1-9]' "$work/$config.load"; then
    echo "$config: failed requests: $(grep '^errors' "$work/$config.load")" >&2
  fi
}

configs=("none:" "vigil:$vigil_jar")
[ -n "${BASELINE_JAR:-}" ] && configs+=("before:$BASELINE_JAR")
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average at the start: $load_start; $("$java" -version 2>&1 | head -1)" >&2
if [ -n "${SEQUENTIAL:-}" ]; then
  for c in "${configs[@]}"; do (run_one "${c%%:*}" "${c#*:}"); done
else
  runners=()
  for c in "${configs[@]}"; do
    (run_one "${c%%:*}" "${c#*:}") &
    runners+=($!)
  done
  for r in "${runners[@]}"; do wait "$r"; done
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up ${warmup} s, window ${duration} s, open loop ${rate} req/s over ${concurrency} senders, GET ${request_path}, scrape every ${scrape_interval} s (OpenMetrics, gzip)"
report_args=()
for c in "${configs[@]}"; do
  name=${c%%:*}
  report_args+=("$name=$work/$name.jfr,$work/$name.scrapes")
done
"$java" -cp "$work/report" AllocReport "$rate" "$top" "${report_args[@]}"
