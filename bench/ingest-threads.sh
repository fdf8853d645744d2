#!/usr/bin/env bash
# Per-thread CPU of a lone Vigil ingesting a synthetic load: what each thread (scrape workers, JIT
# compilers, HTTP client, GC...) costs per million samples between a mark after warm-up and the
# end, from /proc/<pid>/task/*/stat (utime + stime). CPU time, not wall time, so it is usable on a
# shared machine; run two jars at once to compare them under the same load.
#
# Usage: bench/ingest-threads.sh [JAR]   (default server/target/vigil-server.jar)
# Env:   TARGETS (4), SERIES per target (500), INTERVAL (1s), DURATION seconds (240), WARMUP (90),
#        VIGIL_JAVA_OPTS ('-XX:+UseSerialGC -Xms16m'), VIGIL_FLAGS (extra server flags, e.g.
#        --storage.tsdb.wal-sync=none), JFR=1 records a profile (settings=profile) into the
#        work dir, KEEP=1 keeps the work dir.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
jar=${1:-$root/server/target/vigil-server.jar}
TARGETS=${TARGETS:-4}
SERIES=${SERIES:-500}
DURATION=${DURATION:-240}
WARMUP=${WARMUP:-90}
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:--XX:+UseSerialGC -Xms16m}

[ "$WARMUP" -lt "$DURATION" ] || { echo "WARMUP must be below DURATION" >&2; exit 1; }
# shellcheck source=lib/lone-server.sh
. "$root/bench/lib/lone-server.sh"
lone_server_setup ingest-threads

jfr=()
[ "${JFR:-0}" = 1 ] && jfr=("-XX:StartFlightRecording=settings=profile,filename=$work/vigil.jfr,dumponexit=true")
# shellcheck disable=SC2086
java $VIGIL_JAVA_OPTS "${jfr[@]}" -jar "$jar" --config.file="$work/vigil.yml" \
  --storage.tsdb.path="$work/data" --web.listen-address="127.0.0.1:$vigil_port" ${VIGIL_FLAGS:-} \
  > "$work/vigil.log" 2>&1 &
pid=$!; pids+=($pid)

hz=$(getconf CLK_TCK)
samples() {
  # %d: past a million the exposition writes 1.2e+06, which shell arithmetic refuses.
  curl -s "127.0.0.1:$vigil_port/metrics" \
    | awk '$1 == "vigil_tsdb_head_samples_appended_total" {printf "%d\n", $2}'
}
ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
# Per thread: id, name (digits dropped, so pools add up in the report) and ticks.
threads() {
  for t in /proc/"$pid"/task/*; do
    echo "${t##*/} $(tr ' ' '_' < "$t/comm" | tr -d '0-9') $(ticks "$t/stat" 2>/dev/null || echo 0)"
  done | sort
}

sleep "$WARMUP"
s0=$(samples); c0=$(ticks "/proc/$pid/stat"); threads > "$work/t0"
sleep $((DURATION - WARMUP))
s1=$(samples); c1=$(ticks "/proc/$pid/stat"); threads > "$work/t1"

n=$((s1 - s0))
echo "jar=$jar targets=$TARGETS series/target=$SERIES window=${WARMUP}s..${DURATION}s" \
  "java_opts='$VIGIL_JAVA_OPTS' flags='${VIGIL_FLAGS:-}' $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v c=$((c1 - c0)) -v s="$n" -v hz="$hz" \
  'BEGIN {printf "%-28s %8d ticks %8.3f s per million samples (%d samples)\n", "whole process", c, c / hz * 1e6 / s, s}'
# Joined by thread id, so pool threads that come and go are not mixed up: a thread born in the
# window counts whole; one that exited in it is listed apart, since its last ticks went with it
# (the whole-process line above still has them).
join -a1 -a2 -e- -o 0,1.2,1.3,2.2,2.3 "$work/t0" "$work/t1" \
  | awk -v hz="$hz" -v s="$n" '
      $4 == "-" {gone++; next}
      {name = $4; d = $5 - ($3 == "-" ? 0 : $3); a[name] += d}
      END {
        for (k in a) if (a[k] > 0) printf "%-28s %8d ticks %8.3f\n", k, a[k], a[k] / hz * 1e6 / s
        if (gone) printf "%-28s %8d threads exited in the window (their ticks are in the whole-process line only)\n", "(exited)", gone
      }' \
  | sort -k2 -nr
