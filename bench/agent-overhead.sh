#!/usr/bin/env bash
# Overhead of Vigil's agent vs no agent vs the OpenTelemetry javaagent (metrics only, through its
# Prometheus exporter) on the same app under the same load; results go to docs/performance.md.
#
# Each round starts sample-apps/plain-java-demo once per configuration (the order rotates per
# round), measures the time from launch to the first 200 from $STARTUP_PATH, drives load
# (bench/agent-overhead/LoadGenerator.java) against GET $REQUEST_PATH, scrapes the agent endpoint
# every $SCRAPE_INTERVAL s as Prometheus would, and then reads the process's CPU time and thread
# count from /proc and its heap from `jcmd GC.heap_info`. Allocation is summed from -Xlog:gc
# (heap before each collection minus heap after the previous one, plus the heap at the end).
# Prints the medians per configuration, the deltas vs no agent and the Vigil/OTel delta ratio.
#
# The default request, /api/order?id={id} ({id} cycles 1..1000), is short and crosses several
# instrumented calls: two server requests (order and the /api/stock it calls), an HttpClient call,
# three JDBC statements through HikariCP and a worker-pool task. It runs as an open loop at $RATE
# requests/s spread over $CONCURRENCY senders, latency counted from when each request was due:
# below saturation this measures latency, where a saturating closed loop on 2 cores would measure
# throughput. RATE=0 gives the closed loop of earlier sessions (CONCURRENCY clients back to back).
#
# The default warm-up is 3 minutes (WARMUP=180) and the window 30 s (DURATION=30): at 20-90 s after
# launch this app is still being compiled, the JIT's CPU and its extra compilations for the
# agents' advice dominate the window, and the deltas measure warm-up rather than the agents. So a
# configuration takes about 3.5 minutes and ROUNDS=3 with a BASELINE_JAR about 45 minutes; use
# WARMUP=20 for a quick look. "without the JIT compiler threads" is the CPU row to compare when in
# doubt whether the app was warm.
#
# Every configuration runs with -Dsun.net.httpserver.nodelay=true: without it the JDK HttpServer
# sends the response head and body in two segments and Nagle's algorithm holds the body until the
# client's delayed ACK (~40 ms), a stall that dwarfs everything an agent does per request.
#
# Usage: bench/agent-overhead.sh
# Env:   ROUNDS=5 WARMUP=180 DURATION=30 RATE=100 CONCURRENCY=8 REQUEST_PATH='/api/order?id={id}'
#        STARTUP_PATH=/health SCRAPE_INTERVAL=5 NODELAY=true JAVA_HOME=<jdk> (default: java on
#        PATH) SKIP_BUILD=1
#        BASELINE_JAR=<another vigil-agent.jar> adds a fourth configuration, "before", run with
#        that jar like Vigil's, and two columns: to compare a change to the agent in one run.
#        Session 5's run: REQUEST_PATH='/api/primes?limit=10000' RATE=0 CONCURRENCY=4 NODELAY=false
#        STARTUP_PATH='/api/primes?limit=10000' WARMUP=20
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-5}
warmup=${WARMUP:-180}
duration=${DURATION:-30}
rate=${RATE:-100}
concurrency=${CONCURRENCY:-8}
request_path=${REQUEST_PATH:-/api/order?id=\{id\}}
startup_path=${STARTUP_PATH:-/health}
nodelay=${NODELAY:-true}
scrape_interval=${SCRAPE_INTERVAL:-5}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
jcmd=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
cd "$root"

otel_version=$(sed -n 's:.*<opentelemetry-javaagent.version>\(.*\)</opentelemetry-javaagent.version>.*:\1:p' pom.xml)
otel_jar=agent/target/it-libs/opentelemetry/opentelemetry-javaagent.jar
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl agent,sample-apps/plain-java-demo -am package -DskipTests
fi
if [ ! -f "$otel_jar" ]; then
  mvn -B -q -pl agent dependency:copy \
    -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version" \
    -DoutputDirectory="$root/$(dirname "$otel_jar")" -Dmdep.stripVersion=true
fi
vigil_jar=agent/target/vigil-agent.jar
app_jar=sample-apps/plain-java-demo/target/plain-java-demo.jar
for f in "$vigil_jar" "$app_jar" "$otel_jar"; do
  [ -f "$f" ] || { echo "missing $f" >&2; exit 2; }
done

work=$(mktemp -d)
app_pid=
scraper_pid=
cleanup() {
  [ -n "$scraper_pid" ] && kill "$scraper_pid" 2>/dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$javac" -d "$work/load" bench/agent-overhead/LoadGenerator.java

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Prints "key value" lines for one run of configuration $1 (none|vigil|otel).
run_once() {
  local config=$1 app_port agent_port gc_log launched agent_args=()
  app_port=$(free_port)
  agent_port=$(free_port)
  gc_log=$work/gc-$config.log
  case $config in
    none) ;;
    vigil) agent_args=(-javaagent:"$vigil_jar" -Dvigil.agent.host=127.0.0.1 -Dvigil.agent.port="$agent_port") ;;
    before) agent_args=(-javaagent:"$BASELINE_JAR" -Dvigil.agent.host=127.0.0.1
              -Dvigil.agent.port="$agent_port") ;;
    otel) agent_args=(-javaagent:"$otel_jar" -Dotel.metrics.exporter=prometheus
            -Dotel.exporter.prometheus.host=127.0.0.1 -Dotel.exporter.prometheus.port="$agent_port"
            -Dotel.traces.exporter=none -Dotel.logs.exporter=none) ;;
  esac
  launched=$(date +%s%3N)
  "$java" "${agent_args[@]}" -Xlog:gc:file="$gc_log" -Ddemo.load.enabled=false \
    -Dsun.net.httpserver.nodelay="$nodelay" -jar "$app_jar" "$app_port" \
    >"$work/app-$config.log" 2>&1 &
  app_pid=$!
  if [ "$config" != none ]; then
    (while sleep "$scrape_interval"; do
       curl -s -o /dev/null "http://127.0.0.1:$agent_port/metrics" || true
     done) &
    scraper_pid=$!
  fi
  "$java" -cp "$work/load" LoadGenerator "http://127.0.0.1:$app_port$request_path" "$launched" \
    "$warmup" "$duration" "$concurrency" "$rate" "$app_pid" \
    "http://127.0.0.1:$app_port$startup_path"
  local ended ticks
  ended=$(date +%s%3N)
  # Threads and CPU before jcmd attaches (attaching starts the JVM's Attach Listener thread).
  echo "threads $(awk '/^Threads:/ {print $2}' "/proc/$app_pid/status")"
  ticks=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
  echo "cpu_s $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}')"
  local heap_kb
  heap_kb=$("$jcmd" "$app_pid" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
  echo "heap_used_mb $(awk -v k="$heap_kb" 'BEGIN {printf "%.1f", k / 1024}')"
  # Allocated MB = sum of (before GC n - after GC n-1) + (heap now - after the last GC).
  awk -v now_kb="$heap_kb" -v secs="$(( (ended - launched) ))" '
    match($0, /[0-9]+M->[0-9]+M/) {
      split(substr($0, RSTART, RLENGTH), m, /M->|M/); alloc += m[1] - after; after = m[2]
    }
    END {
      alloc += now_kb / 1024 - after; printf "alloc_mb_per_s %.1f\n", alloc / (secs / 1000)
      # "used at end" includes whatever the young generation holds at that moment; the heap
      # after the last collection is what the app (and agent) actually retain.
      printf "heap_after_gc_mb %.1f\n", after
    }
  ' "$gc_log"
  if [ -n "$scraper_pid" ]; then kill "$scraper_pid" 2>/dev/null || true; wait "$scraper_pid" 2>/dev/null || true; scraper_pid=; fi
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
}

configs=(none vigil otel)
if [ -n "${BASELINE_JAR:-}" ]; then
  [ -f "$BASELINE_JAR" ] || { echo "missing $BASELINE_JAR" >&2; exit 2; }
  configs+=(before)
fi
results=$work/results.txt
: >"$results"
# The box is often shared: the load average says how much the wall-clock rows can be trusted.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 0; round < rounds; round++)); do
  for ((i = 0; i < ${#configs[@]}; i++)); do
    config=${configs[$(( (round + i) % ${#configs[@]} ))]}
    echo "round $((round + 1))/$rounds: $config" >&2
    run_once "$config" | sed "s/^/$round $config /" >>"$results"
  done
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$results" "$rounds" "$warmup" "$duration" "$concurrency" "$request_path" "$otel_version" \
  "$rate" "$nodelay" "$load_start" "$load_end" <<'PY'
import os, statistics, sys
path, rounds, warmup, duration, conc, req, otel, rate, nodelay, load_start, load_end = sys.argv[1:]
hz = os.sysconf("SC_CLK_TCK")
runs = {}
for line in open(path):
    rnd, config, key, value = line.split()
    runs.setdefault(config, {}).setdefault(key, []).append(float(value))
    if key == "cpu_ticks_per_1000_requests":
        # ticks per 1000 requests = ticks/hz ms per request; printed in microseconds.
        runs[config].setdefault("cpu_us_per_request", []).append(float(value) / hz * 1000)
    if key == "cpu_ticks_no_jit_per_1000_requests":
        runs[config].setdefault("cpu_no_jit_us_per_request", []).append(float(value) / hz * 1000)
rows = [("startup_ms", "startup to first 200 (ms)"), ("p50_ms", "request p50 (ms)"),
        ("p95_ms", "request p95 (ms)"), ("p99_ms", "request p99 (ms)"),
        ("throughput_rps", "throughput (req/s)"),
        ("cpu_us_per_request", "app CPU per request, measured window (µs)"),
        ("cpu_no_jit_us_per_request", "same, without the JIT compiler threads (µs)"),
        ("cpu_s", "CPU, whole run (s)"),
        ("alloc_mb_per_s", "allocation (MB/s)"), ("heap_used_mb", "heap used at end (MB)"),
        ("heap_after_gc_mb", "heap after the last GC (MB)"),
        ("threads", "threads at end"), ("errors", "failed requests")]
med = {c: {k: statistics.median(v) for k, v in runs[c].items()} for c in runs}
def delta(c, k):
    d = med[c][k] - med["none"][k]
    pct = f" ({d / med['none'][k] * 100:+.1f}%)" if med["none"][k] else ""
    return f"{d:+.2f}{pct}"
load = (f"open loop {rate} req/s over {conc} senders" if float(rate) > 0
        else f"closed loop, {conc} clients")
print(f"medians of {rounds} rounds; warm-up {warmup} s, measured {duration} s, {load}, "
      f"GET {req}, httpserver.nodelay={nodelay}; OpenTelemetry javaagent {otel}; "
      f"load average {load_start} at the start, {load_end} at the end\n")
before = "before" in med
print("| measure | no agent | Vigil | OTel | Vigil delta | OTel delta | Vigil/OTel delta |"
      + (" Vigil before | before delta |" if before else ""))
print("|---|---|---|---|---|---|---|" + ("---|---|" if before else ""))
for k, label in rows:
    if k not in med["none"]:
        continue
    dv = med["vigil"][k] - med["none"][k]
    do = med["otel"][k] - med["none"][k]
    ratio = f"{dv / do:.2f}" if do else "-"
    extra = f" {med['before'][k]:.2f} | {delta('before', k)} |" if before else ""
    print(f"| {label} | {med['none'][k]:.2f} | {med['vigil'][k]:.2f} | {med['otel'][k]:.2f} "
          f"| {delta('vigil', k)} | {delta('otel', k)} | {ratio} |" + extra)
PY
