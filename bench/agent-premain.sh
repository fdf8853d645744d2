#!/usr/bin/env bash
# What the agent's premain costs the application's path to main: starts
# sample-apps/plain-java-demo with -Xlog:class+load (uptime decoration) with and without the agent
# and reads when the JVM loaded the agent's AgentMain and the demo's main class. "to main ms" is JVM
# start until the main class loads; "premain ms" is AgentMain until then (premain and what the
# launcher does after it); rounds alternate the configurations; medians are printed.
#
# Usage: bench/agent-premain.sh [label=extra-jvm-args ...]
# Env:   ROUNDS=9 JAVA_HOME=<jdk> VIGIL_JAR=<jar> (default agent/target/vigil-agent.jar)
#        JARS='label=<jar> ...': one more configuration per agent jar
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-9}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cd "$root"
vigil_jar=${VIGIL_JAR:-agent/target/vigil-agent.jar}
app_jar=sample-apps/plain-java-demo/target/plain-java-demo.jar
main_class=dev.vigil.demo.plain.PlainJavaDemo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

configs=("none=" "vigil=")
declare -A jars=()
for j in ${JARS:-}; do
  jars[${j%%=*}]=${j#*=}
  configs+=("${j%%=*}=")
done
configs+=("$@")

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Seconds of uptime at which the class-load log shows class $2, or empty.
loaded_at() {
  grep -m1 " $2 source" "$1" | sed -E 's/^\[([0-9.]+)s\].*/\1/' || true
}

run_once() {
  local label=$1 extra=$2 args=() log="$work/$1.log" pid main agent
  if [ -n "${jars[$label]:-}" ]; then
    args=(-javaagent:"${jars[$label]}")
  elif [ "$label" != none ]; then
    args=(-javaagent:"$vigil_jar")
  fi
  args+=(-Dvigil.agent.host=127.0.0.1 -Dvigil.agent.port="$(free_port)")
  # shellcheck disable=SC2206 # extra JVM args are split on spaces on purpose
  [ -n "$extra" ] && args+=($extra)
  rm -f "$log"
  "$java" "-Xlog:class+load=info:file=$log:uptime" "${args[@]}" -Ddemo.load.enabled=false \
    -jar "$app_jar" "$(free_port)" >/dev/null 2>&1 &
  pid=$!
  main=""
  for _ in $(seq 1 600); do
    [ -f "$log" ] && main=$(loaded_at "$log" "$main_class")
    [ -n "$main" ] && break
    sleep 0.02
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  agent=$(loaded_at "$log" dev.vigil.agent.AgentMain)
  awk -v l="$label" -v m="${main:-0}" -v a="${agent:-$main}" \
    'BEGIN { printf "%s %.0f %.0f\n", l, m * 1000, (m - a) * 1000 }'
}

results="$work/results"
for ((r = 1; r <= rounds; r++)); do
  for c in "${configs[@]}"; do
    run_once "${c%%=*}" "${c#*=}" | tee -a "$results" >&2
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians of $rounds rounds"
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    rows.setdefault(f[0], []).append([float(x) for x in f[1:]])
print("| config | to main ms | premain ms |")
print("|---|---|---|")
for label, runs in rows.items():
    med = [statistics.median(r[i] for r in runs) for i in range(2)]
    print(f"| {label} | {med[0]:.0f} | {med[1]:.0f} |")
PY
