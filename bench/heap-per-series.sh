#!/usr/bin/env bash
# Live heap of a running vigil-server per active series, by class: one `jcmd GC.class_histogram`
# (a full collection first, so only live objects count; it pauses the server for that collection)
# and the head's series count from its /metrics, then the classes with the most bytes per series.
# Run it on two servers (or one at two sizes) and compare: what grows with the series count is the
# per-series cost, what does not is fixed.
#
# Usage: bench/heap-per-series.sh VIGIL_PID [TOP]   (TOP classes, default 25)
# Start it beside a bench run, e.g.
#   bench/heap-per-series.sh "$(pgrep -f 'vigil-server.jar --config.file=/tmp/tsdb-vs-prom')"
# Output: live bytes, series, bytes per series in total; per class: bytes per series, instances
# per series, share of the live heap.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 VIGIL_PID [TOP]" >&2; exit 2; }
pid=$1
top=${2:-25}

listen=$(tr '\0' '\n' < "/proc/$pid/cmdline" | sed -n 's/^--web.listen-address=//p')
listen=${listen:-127.0.0.1:9090}
case $listen in :*) listen=127.0.0.1$listen ;; esac
series=$(curl -s --max-time 10 "http://$listen/metrics" \
  | awk '$1 == "vigil_tsdb_head_series" {printf "%d", $2}')
[ -n "$series" ] && [ "$series" -gt 0 ] || { echo "no vigil_tsdb_head_series on $listen" >&2; exit 1; }

jcmd "$pid" GC.class_histogram | awk -v n="$series" -v top="$top" '
  $1 ~ /^[0-9]+:$/ && NF >= 4 {cls[++k] = $4; inst[k] = $2; bytes[k] = $3}
  $1 == "Total" {total = $3}
  END {
    printf "live heap %.1f MiB, %d series, %.0f bytes per series (fixed costs included)\n",
      total / 1048576, n, total / n
    printf "%10s %10s %6s  %s\n", "B/series", "obj/series", "share", "class"
    for (i = 1; i <= k && i <= top; i++)
      printf "%10.1f %10.2f %5.1f%%  %s\n", bytes[i] / n, inst[i] / n, 100 * bytes[i] / total, cls[i]
  }'

# With -XX:NativeMemoryTracking=summary: the JVM's committed memory by category (the heap is
# "Java Heap"; G1's remembered sets and card tables are "GC"), per series as well.
jcmd "$pid" VM.native_memory summary 2>/dev/null | awk -v n="$series" '
  /^Total:/ || /^-/ {
    match($0, /committed=[0-9]+KB/); kb = substr($0, RSTART + 10, RLENGTH - 12)
    name = $0; sub(/^- */, "", name); sub(/ *\(.*/, "", name); sub(/: .*/, "", name)
    if (kb > 1024) printf "NMT %-24s %8.1f MiB %8.1f B/series\n", name, kb / 1024, kb * 1024 / n
  }' || true
