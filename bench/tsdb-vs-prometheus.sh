#!/usr/bin/env bash
# Side by side: Vigil and Prometheus 3.x scrape the same synthetic load at the same time on this
# machine, with short block durations so both cut and compact blocks within the run; then one table:
# CPU seconds per million samples, RSS per active series, disk bytes per sample (block dirs, and
# the whole data dir), and the Vigil/Prometheus ratio of each.
#
# Env: TARGETS (4), SERIES per target (500), INTERVAL (1s), DURATION seconds (420),
#      WARMUP seconds (60): the steady-state CPU line counts only from this mark to the end,
#      after JIT warm-up (which Prometheus, compiled ahead of time, does not pay),
#      BLOCK_MIN (1m), BLOCK_MAX (3m), KEEP=1 keeps the temp dir, VIGIL_JAR (an older build,
#      for a before/after pair run side by side),
#      VIGIL_JAVA_OPTS (the JVM flags server/README.md recommends; set it to " " for the JVM's
#      defaults, which the server then tunes itself (server/README.md, JVM section); for a
#      side-by-side of plain `java -jar` see bench/ingest-default-jvm.sh).
# Each system scrapes its own SynthExporter (../shared/bench/SynthExporter.java), so neither sees
# the other's scrapes advance the counters; targets are loopback addresses 127.0.x.y.
set -euo pipefail

TARGETS=${TARGETS:-4}
SERIES=${SERIES:-500}
INTERVAL=${INTERVAL:-1s}
DURATION=${DURATION:-420}
WARMUP=${WARMUP:-60}
BLOCK_MIN=${BLOCK_MIN:-1m}
BLOCK_MAX=${BLOCK_MAX:-3m}
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:--XX:+UseSerialGC -Xms16m}

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/side-by-side.sh
. "$root/bench/lib/side-by-side.sh"
side_by_side_setup tsdb-vs-prom

block_flags=(--storage.tsdb.min-block-duration="$BLOCK_MIN" --storage.tsdb.max-block-duration="$BLOCK_MAX")
vigil_flags=("${block_flags[@]}")

prom_port=$(free_port); vigil_port=$(free_port)
"$prom" --config.file="$work/prom.yml" --storage.tsdb.path="$work/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn "${block_flags[@]}" \
  > "$work/prom.log" 2>&1 &
prom_pid=$!; pids+=($prom_pid)
# shellcheck disable=SC2086
java $VIGIL_JAVA_OPTS -jar "$jar" --config.file="$work/vigil.yml" \
  --storage.tsdb.path="$work/vigil-data" --web.listen-address="127.0.0.1:$vigil_port" \
  "${vigil_flags[@]}" > "$work/vigil.log" 2>&1 &
vigil_pid=$!; pids+=($vigil_pid)

metric_sum() { # url metric-name-prefix: sum of all samples of that metric, 0 if none
  curl -s "$1" | awk -v m="$2" '$1 == m || index($1, m "{") == 1 {s += $2} END {printf "%d", s}'
}
samples_of() {
  case $1 in
    prom) metric_sum "127.0.0.1:$prom_port/metrics" prometheus_tsdb_head_samples_appended_total ;;
    vigil) metric_sum "127.0.0.1:$vigil_port/metrics" vigil_tsdb_head_samples_appended_total ;;
  esac
}
alive() { kill -0 "$1" 2>/dev/null || { echo >&2; die "$2 exited early; log: $(tail -5 "$3")"; }; }
hz=$(getconf CLK_TCK)
# utime + stime of a process (all its threads, live and exited) in clock ticks.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
declare -A mark_cpu mark_samples

start=$(date +%s)
while :; do
  elapsed=$(( $(date +%s) - start ))
  alive "$prom_pid" prometheus "$work/prom.log"
  alive "$vigil_pid" vigil "$work/vigil.log"
  printf '\r[%4d/%d s] samples appended: prometheus %s, vigil %s   ' "$elapsed" "$DURATION" \
    "$(samples_of prom)" "$(samples_of vigil)" >&2
  if [ "$elapsed" -ge "$WARMUP" ] && [ -z "${mark_cpu[prom]:-}" ]; then
    for sys in prom vigil; do
      pid=$prom_pid; [ $sys = vigil ] && pid=$vigil_pid
      mark_samples[$sys]=$(samples_of $sys); mark_cpu[$sys]=$(cpu_ticks "$pid")
    done
    mark_at=$elapsed
  fi
  [ "$elapsed" -ge "$DURATION" ] && break
  sleep $(( elapsed < WARMUP && WARMUP - elapsed < 10 ? WARMUP - elapsed : 10 ))
done
echo >&2

cpu_s() { awk -v t="$(cpu_ticks "$1")" -v hz="$hz" 'BEGIN {printf "%.2f", t / hz}'; }
rss_bytes() { awk '/VmRSS/ {print $2 * 1024}' "/proc/$1/status"; }
# Block dirs: every direct subdirectory holding a meta.json; prints "bytes samples".
blocks() {
  local bytes=0 samples=0 d n
  for d in "$1"/*/; do
    [ -f "$d/meta.json" ] || continue
    bytes=$((bytes + $(du -sb "$d" | cut -f1)))
    n=$(grep -o '"numSamples" *: *[0-9]*' "$d/meta.json" | grep -o '[0-9]*$' || echo 0)
    samples=$((samples + n))
  done
  echo "$bytes $samples"
}

declare -A cpu rss series samples bbytes bsamples total steady
for sys in prom vigil; do
  if [ $sys = prom ]; then pid=$prom_pid; url=127.0.0.1:$prom_port/metrics; name=prometheus
  else pid=$vigil_pid; url=127.0.0.1:$vigil_port/metrics; name=vigil; fi
  end_ticks=$(cpu_ticks "$pid")
  cpu[$sys]=$(cpu_s "$pid")
  rss[$sys]=$(rss_bytes "$pid")
  series[$sys]=$(metric_sum "$url" "${name}_tsdb_head_series")
  samples[$sys]=$(samples_of $sys)
  steady[$sys]=n/a
  if [ -n "${mark_cpu[$sys]:-}" ]; then
    steady[$sys]=$(awk -v c=$((end_ticks - mark_cpu[$sys])) -v s=$((samples[$sys] - mark_samples[$sys])) \
      -v hz="$hz" 'BEGIN {if (s <= 0) print "n/a"; else printf "%.3f", c / hz * 1e6 / s}')
  fi
  read -r bbytes[$sys] bsamples[$sys] < <(blocks "$work/$sys-data")
  total[$sys]=$(du -sb "$work/$sys-data" | cut -f1)
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b}'; }
per() { awk -v a="$1" -v b="$2" -v k="$3" -v f="$4" 'BEGIN {if (b == 0) print "n/a"; else printf f, a * k / b}'; }

echo "targets=$TARGETS series/target=$SERIES interval=$INTERVAL duration=${DURATION}s warmup=${WARMUP}s blocks=$BLOCK_MIN..$BLOCK_MAX" \
  "vigil_flags='${vigil_flags[*]:-none}' vigil_java_opts='$VIGIL_JAVA_OPTS' $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-36s %14s %14s %8s\n' metric prometheus vigil ratio
row() { printf '%-36s %14s %14s %8s\n' "$1" "$2" "$3" "$(ratio "$3" "$2")"; }
declare -A c r b t
for sys in prom vigil; do
  c[$sys]=$(per "${cpu[$sys]}" "${samples[$sys]}" 1000000 %.3f)
  r[$sys]=$(per "${rss[$sys]}" "${series[$sys]}" 1 %.0f)
  b[$sys]=$(per "${bbytes[$sys]}" "${bsamples[$sys]}" 1 %.3f)
  t[$sys]=$(per "${total[$sys]}" "${samples[$sys]}" 1 %.3f)
done
row "samples appended" "${samples[prom]}" "${samples[vigil]}"
row "active series" "${series[prom]}" "${series[vigil]}"
row "CPU seconds per million samples" "${c[prom]}" "${c[vigil]}"
row "  same, steady state (${mark_at:-?}s..end)" "${steady[prom]}" "${steady[vigil]}"
row "RSS per active series (bytes)" "${r[prom]}" "${r[vigil]}"
row "samples in blocks" "${bsamples[prom]}" "${bsamples[vigil]}"
row "disk bytes/sample, block dirs" "${b[prom]}" "${b[vigil]}"
row "disk bytes/sample, whole data dir" "${t[prom]}" "${t[vigil]}"
