#!/usr/bin/env bash
# Startup CPU of Vigil's agent: runs sample-apps/plain-java-demo (no load) with and without the
# agent, waits for the first 200 of GET /health and for the agent's vigil-agent-startup thread to
# end (the "installed ms" column: launch until then, i.e. until the instrumentation is installed,
# which by default waits for the app's start-up burst to pass; "CPU at 200": the process's CPU
# seconds at the first 200, what competed with the app's own start), lets it settle for $SETTLE s
# and then reads
# CPU time (utime+stime) from /proc: the whole process, and per thread the JIT compiler threads,
# the agent's threads (vigil-*) and everything else. Threads that already exited (the agent's
# vigil-agent-startup thread ends once the instrumentation is installed) show up as "exited":
# process CPU minus the sum over the live threads. CPU time is far more stable than wall time on
# a shared machine; wall time to the first 200 is printed too.
#
# Usage: bench/agent-startup-cpu.sh [label=extra-jvm-args ...]
#   e.g. bench/agent-startup-cpu.sh 'c1=-XX:TieredStopAtLevel=1' \
#          'noannotations=-Dvigil.instrumentation.micrometer-annotations.enabled=false'
#   Without arguments compares "none" (no agent) and "vigil" (the agent, default settings).
# Env:   ROUNDS=5 SETTLE=4 JAVA_HOME=<jdk> SKIP_BUILD=1
#        BASE_JAR=<another agent jar, e.g. built from main>: adds a configuration "base" with it
#        (A/B of two agent builds in the same rounds); VIGIL_JAR=<jar> instead of agent/target/
#        JARS='label=<jar> ...': one more configuration per agent jar (A/B/C of several builds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-5}
settle=${SETTLE:-4}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl agent,sample-apps/plain-java-demo -am package -DskipTests
fi
vigil_jar=${VIGIL_JAR:-agent/target/vigil-agent.jar}
app_jar=sample-apps/plain-java-demo/target/plain-java-demo.jar
hz=$(getconf CLK_TCK)

configs=("none=" "vigil=")
[ -n "${BASE_JAR:-}" ] && configs+=("base=")
declare -A jars=()
for j in ${JARS:-}; do
  jars[${j%%=*}]=${j#*=}
  configs+=("${j%%=*}=")
done
configs+=("$@")

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Whether the agent's startup thread (comm truncated to 15 characters) is alive in process $1;
# bash builtins only, so that polling every 10-20 ms forks nothing beside the app.
startup_thread_alive() {
  local f n
  for f in /proc/"$1"/task/*/comm; do
    { read -r n <"$f"; } 2>/dev/null || continue
    [ "$n" = vigil-agent-sta ] && return 0
  done
  return 1
}

# Prints one line: label startup_ms installed_ms cpu_at_first_200_s process_cpu_s compiler_s agent_s
# exited_s other_s
# (installed_ms: launch until the agent's startup thread ended, i.e. the instrumentation was
# installed; 0 without an agent or when it ended before the first poll, e.g. with
# -Dvigil.instrumentation.install=immediate, where it ends before main runs)
run_once() {
  local label=$1 extra=$2 app_port agent_port launched first pid args=() seen=0 ended=0 now
  app_port=$(free_port)
  agent_port=$(free_port)
  if [ "$label" = base ]; then
    args=(-javaagent:"$BASE_JAR" -Dvigil.agent.host=127.0.0.1 -Dvigil.agent.port="$agent_port")
  elif [ -n "${jars[$label]:-}" ]; then
    args=(-javaagent:"${jars[$label]}" -Dvigil.agent.host=127.0.0.1 -Dvigil.agent.port="$agent_port")
  elif [ "$label" != none ]; then
    args=(-javaagent:"$vigil_jar" -Dvigil.agent.host=127.0.0.1 -Dvigil.agent.port="$agent_port")
  fi
  # shellcheck disable=SC2206 # extra JVM args are split on spaces on purpose
  [ -n "$extra" ] && args+=($extra)
  launched=$(date +%s%3N)
  "$java" "${args[@]}" -Ddemo.load.enabled=false -jar "$app_jar" "$app_port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$app_port/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: the app exited before serving" >&2; exit 1; }
    if startup_thread_alive "$pid"; then
      seen=1
    elif [ $seen = 1 ] && [ $ended = 0 ]; then
      ended=$(date +%s%3N)
    fi
    sleep 0.01
  done
  first=$(date +%s%3N)
  local at_first
  at_first=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  # The agent's startup thread may still be waiting or installing: wait for it to end so that
  # its whole CPU is counted (the thread ends once the instrumentation is in), at most 60 s.
  if [ "$label" != none ] && [ $ended = 0 ] && startup_thread_alive "$pid"; then
    while startup_thread_alive "$pid" && [ $(($(date +%s%3N) - first)) -lt 60000 ]; do
      sleep 0.02
    done
    ended=$(date +%s%3N)
  fi
  local installed=0
  [ $ended != 0 ] && installed=$((ended - launched))
  sleep "$settle"
  local total compiler=0 agent=0 other=0 t name ticks
  total=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  for t in /proc/"$pid"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    ticks=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) || continue
    case $name in
      C1\ Compiler* | C2\ Compiler*) compiler=$((compiler + ticks)) ;;
      vigil-*) agent=$((agent + ticks)) ;;
      *) other=$((other + ticks)) ;;
    esac
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  awk -v l="$label" -v s=$((first - launched)) -v i="$installed" -v T="$total" -v c="$compiler" \
    -v a="$agent" -v o="$other" -v f="$at_first" -v hz="$hz" 'BEGIN {
      printf "%s %d %d %.2f %.2f %.2f %.2f %.2f %.2f\n", l, s, i, f/hz, T/hz, c/hz, a/hz, (T-c-a-o)/hz,
        o/hz }'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for c in "${configs[@]}"; do
    run_once "${c%%=*}" "${c#*=}" | tee -a "$results" >&2
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians of $rounds rounds, CPU seconds at first 200 (and end of the agent's startup) + ${settle} s"
python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    rows.setdefault(f[0], []).append([float(x) for x in f[1:]])
cols = ["startup ms", "installed ms", "CPU at 200", "process", "C1+C2", "vigil-* live", "exited",
        "other"]
print("| config | " + " | ".join(cols) + " |")
print("|---" * (len(cols) + 1) + "|")
for label, runs in rows.items():
    med = [statistics.median(r[i] for r in runs) for i in range(len(cols))]
    print(f"| {label} | " + " | ".join(f"{m:.0f}" if i < 2 else f"{m:.2f}" for i, m in enumerate(med)) + " |")
EOF
