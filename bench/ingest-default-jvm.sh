#!/usr/bin/env bash
# Side by side, as users run them: `prometheus` and plain `java -jar vigil-server.jar` (no JVM
# flags, default server flags) scrape the same synthetic load at the same time; then one table:
# CPU seconds per million samples (whole run, and before /-/ready), RSS per active series (peak
# and final), and the Vigil/Prometheus ratio of each. Vigil's per-thread CPU (JIT compilers, GC,
# scrape workers) and loaded class count follow, for telling warm-up from steady state.
#
# Env: TARGETS (4), SERIES per target (500), INTERVAL (1s), DURATION seconds (300),
#      VIGIL_JAVA_OPTS (empty: the JVM's defaults, as `java -jar`), KEEP=1 keeps the temp dir,
#      VIGIL_JAR (server/target/vigil-server.jar; e.g. a copy of an older build to compare).
# Each system scrapes its own SynthExporter (../shared/bench/SynthExporter.java), so neither sees
# the other's scrapes advance the counters; targets are loopback addresses 127.0.x.y. RSS is
# sampled every 5 s (peak) and at the end (final).
set -euo pipefail

TARGETS=${TARGETS:-4}
SERIES=${SERIES:-500}
INTERVAL=${INTERVAL:-1s}
DURATION=${DURATION:-300}
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:-}

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/side-by-side.sh
. "$root/bench/lib/side-by-side.sh"
side_by_side_setup ingest-default-jvm
hz=$(getconf CLK_TCK)
cpu_s() { awk -v hz="$hz" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
await_ready() { # pid port: prints the process CPU seconds when /-/ready first answers 200
  for _ in $(seq 1 600); do
    kill -0 "$1" 2>/dev/null || die "process $1 exited while starting"
    if curl -sf "127.0.0.1:$2/-/ready" > /dev/null 2>&1; then cpu_s "$1"; return; fi
    sleep 0.05
  done
  die "process $1 not ready on :$2 in 30 s"
}

prom_port=$(free_port); vigil_port=$(free_port)
"$prom" --config.file="$work/prom.yml" --storage.tsdb.path="$work/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn > "$work/prom.log" 2>&1 &
prom_pid=$!; pids+=($prom_pid)
# shellcheck disable=SC2086
java $VIGIL_JAVA_OPTS -jar "$jar" --config.file="$work/vigil.yml" \
  --storage.tsdb.path="$work/vigil-data" --web.listen-address="127.0.0.1:$vigil_port" \
  > "$work/vigil.log" 2>&1 &
vigil_pid=$!; pids+=($vigil_pid)

declare -A ready
ready[prom]=$(await_ready "$prom_pid" "$prom_port")
ready[vigil]=$(await_ready "$vigil_pid" "$vigil_port")

metric_sum() { # url metric-name: sum of all samples of that metric, 0 if none
  curl -s "$1" | awk -v m="$2" '$1 == m || index($1, m "{") == 1 {s += $2} END {printf "%d", s}'
}
declare -A peak=([prom]=0 [vigil]=0) pid_of=([prom]=$prom_pid [vigil]=$vigil_pid)
start=$(date +%s)
while :; do
  elapsed=$(( $(date +%s) - start ))
  for sys in prom vigil; do
    kill -0 "${pid_of[$sys]}" 2>/dev/null || die "$sys exited early; log: $(tail -5 "$work/$sys.log")"
    r=$(rss_kib "${pid_of[$sys]}")
    (( r > peak[$sys] )) && peak[$sys]=$r
  done
  printf '\r[%4d/%d s] RSS MiB: prometheus %d, vigil %d   ' "$elapsed" "$DURATION" \
    $(( $(rss_kib "$prom_pid") / 1024 )) $(( $(rss_kib "$vigil_pid") / 1024 )) >&2
  [ "$elapsed" -ge "$DURATION" ] && break
  sleep 5
done
echo >&2

# Vigil's threads by name (numbers folded: "C2 CompilerThread0" -> "C2 CompilerThreadN").
threads=$(for t in /proc/"$vigil_pid"/task/*; do
  printf '%s|%s\n' "$(sed -E 's/[0-9]+$/N/' "$t/comm")" "$(awk '{print $14 + $15}' "$t/stat")"
done | awk -F'|' -v hz="$hz" '{c[$1] += $2; n[$1]++}
  END {for (g in c) if (c[g] > 0) printf "  %8.2f s  %-24s %2d thread(s)\n", c[g] / hz, g, n[g]}' | sort -rn)
classes=$(jcmd "$vigil_pid" PerfCounter.print 2>/dev/null \
  | awk -F= '/^java.cls.loadedClasses=/ {print $2}')

declare -A cpu rss series samples
for sys in prom vigil; do
  if [ $sys = prom ]; then url=127.0.0.1:$prom_port/metrics; name=prometheus
  else url=127.0.0.1:$vigil_port/metrics; name=vigil; fi
  cpu[$sys]=$(cpu_s "${pid_of[$sys]}")
  rss[$sys]=$(rss_kib "${pid_of[$sys]}")
  (( rss[$sys] > peak[$sys] )) && peak[$sys]=${rss[$sys]}
  series[$sys]=$(metric_sum "$url" "${name}_tsdb_head_series")
  samples[$sys]=$(metric_sum "$url" "${name}_tsdb_head_samples_appended_total")
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b == 0) print "n/a"; else printf "%.2f", a / b}'; }
per() { awk -v a="$1" -v b="$2" -v k="$3" -v f="$4" 'BEGIN {if (b == 0) print "n/a"; else printf f, a * k / b}'; }

echo "targets=$TARGETS series/target=$SERIES interval=$INTERVAL duration=${DURATION}s" \
  "vigil_java_opts='$VIGIL_JAVA_OPTS' $(java -version 2>&1 | head -1 | tr -d '"')," \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-36s %14s %14s %8s\n' metric prometheus vigil ratio
row() { printf '%-36s %14s %14s %8s\n' "$1" "$2" "$3" "$(ratio "$3" "$2")"; }
row "samples appended" "${samples[prom]}" "${samples[vigil]}"
row "active series" "${series[prom]}" "${series[vigil]}"
row "CPU seconds until /-/ready" "${ready[prom]}" "${ready[vigil]}"
row "CPU seconds, whole run" "${cpu[prom]}" "${cpu[vigil]}"
row "CPU seconds per million samples" "$(per "${cpu[prom]}" "${samples[prom]}" 1000000 %.3f)" \
  "$(per "${cpu[vigil]}" "${samples[vigil]}" 1000000 %.3f)"
row "peak RSS (MiB)" "$((peak[prom] / 1024))" "$((peak[vigil] / 1024))"
row "final RSS (MiB)" "$((rss[prom] / 1024))" "$((rss[vigil] / 1024))"
row "peak RSS per active series (bytes)" "$(per "${peak[prom]}" "${series[prom]}" 1024 %.0f)" \
  "$(per "${peak[vigil]}" "${series[vigil]}" 1024 %.0f)"
row "final RSS per active series (bytes)" "$(per "${rss[prom]}" "${series[prom]}" 1024 %.0f)" \
  "$(per "${rss[vigil]}" "${series[vigil]}" 1024 %.0f)"
echo "vigil: ${classes:-?} classes loaded; CPU by thread:"
echo "$threads"
grep -E "heap|Heap" "$work/vigil.log" | head -2 | sed 's/^/vigil log: /' || true
