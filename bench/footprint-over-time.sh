#!/usr/bin/env bash
# Samples a running vigil-server (and optionally a Prometheus beside it) every EVERY seconds and
# prints one table row per process per sample, to find what grows in RSS over a long run:
#   RSS, its anonymous and file-backed parts (/proc/<pid>/smaps_rollup: file-backed pages, e.g.
#   Prometheus's mmapped head chunks and both binaries' code, are reclaimable under pressure),
#   for a JVM: heap used/committed (young = eden + survivors, old) from `jstat -gc`, metaspace
#   used, and, when it runs with -XX:NativeMemoryTracking=summary, NMT's committed total and its
#   biggest categories (malloc'd "Other"/"Internal"/"Compiler"/"Arena Chunk" are where glibc
#   arenas sit), and the head's own accounting from /metrics (head chunks, series).
#
# Usage: bench/footprint-over-time.sh VIGIL_PID [PROM_PID]
# Env:   EVERY (30) seconds between samples, COUNT (0 = until the processes exit).
# Start it beside a long bench run, e.g. (KEEP=1 is not needed, the pids are found by name of
# the temp dir):
#   BLOCK_MIN=2h BLOCK_MAX=2h VIGIL_JAVA_OPTS=" " DURATION=1800 WARMUP=300 \
#     bench/tsdb-vs-prometheus.sh &
#   sleep 5; bench/footprint-over-time.sh "$(pgrep -f 'vigil-server.jar --config.file=/tmp/tsdb-vs-prom')" \
#     "$(pgrep -f 'prometheus --config.file=/tmp/tsdb-vs-prom')"
# The time column is the vigil process's age in seconds. MiB throughout; "-" where a source is unavailable (no jstat, NMT off, process gone).
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 VIGIL_PID [PROM_PID]" >&2; exit 2; }
vigil=$1
prom=${2:-}
EVERY=${EVERY:-30}
COUNT=${COUNT:-0}

mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; } # kB -> MiB

# The vigil server's /metrics address, from its --web.listen-address flag (default :9090).
listen=$(tr '\0' '\n' < "/proc/$vigil/cmdline" | sed -n 's/^--web.listen-address=//p')
listen=${listen:-127.0.0.1:9090}
case $listen in :*) listen=127.0.0.1$listen ;; esac

rollup() { # pid -> "rss anon file" in kB
  awk '/^Rss:/ {r = $2} /^Anonymous:/ {a = $2} END {printf "%d %d %d\n", r, a, r - a}' \
    "/proc/$1/smaps_rollup"
}

jstat_gc() { # pid -> "young_used young_committed old_used old_committed meta_used" in kB
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
    NR == 2 {printf "%d %d %d %d %d\n",
      $col["S0U"] + $col["S1U"] + $col["EU"], $col["S0C"] + $col["S1C"] + $col["EC"],
      $col["OU"], $col["OC"], $col["MU"]}' || true
}

# NMT summary -> "total class thread code gc compiler internal other symbol arena" committed kB.
nmt() {
  jcmd "$1" VM.native_memory summary 2>/dev/null | awk '
    /^Total:/ {match($0, /committed=[0-9]+KB/); t = substr($0, RSTART + 10, RLENGTH - 12)}
    /^-/ {name = $0; sub(/^- */, "", name); sub(/ *\(.*/, "", name)
          match($0, /committed=[0-9]+KB/); v[name] = substr($0, RSTART + 10, RLENGTH - 12)}
    END {if (t == "") exit 1
         printf "%d %d %d %d %d %d %d %d %d %d\n", t, v["Class"], v["Thread"], v["Code"], v["GC"],
           v["Compiler"], v["Internal"], v["Other"], v["Symbol"], v["Arena Chunk"]}' || true
}

# Resident kB of the Java heap's reserved range (from `jcmd GC.heap_info`) and of the rest of the
# anonymous memory: touched heap pages stay resident until G1 uncommits their region, so the
# heap's share of RSS can grow while "committed" stays level.
heap_rss() { # pid -> "heap_rss_kb"
  local range lo hi
  range=$(jcmd "$1" GC.heap_info 2>/dev/null | grep -o '\[0x[0-9a-f]*, 0x[0-9a-f]*)' | head -1) || true
  [ -n "$range" ] || return 0
  lo=$(echo "$range" | sed 's/\[0x\([0-9a-f]*\),.*/\1/'); hi=$(echo "$range" | sed 's/.*0x\([0-9a-f]*\))/\1/')
  awk -v lo="$lo" -v hi="$hi" '
    function hex(h,   i, c, v) {v = 0; h = tolower(h)
      for (i = 1; i <= length(h); i++) {c = index("0123456789abcdef", substr(h, i, 1)) - 1; v = v * 16 + c}
      return v}
    BEGIN {l = hex(lo); u = hex(hi)}
    /^[0-9a-f]+-[0-9a-f]+ / {split($1, a, "-"); s = hex(a[1]); e = hex(a[2]); in_heap = (s >= l && e <= u)}
    /^Rss:/ && in_heap {r += $2}
    END {printf "%d\n", r}' "/proc/$1/smaps"
}

metric() { # name -> value summed over its series on the vigil server's /metrics
  curl -s --max-time 5 "http://$listen/metrics" 2>/dev/null \
    | awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $2; f = 1} END {if (f) printf "%d", s; else printf "-"}'
}

printf '%-8s %-5s %7s %7s %7s %7s | %7s %7s %7s %7s %6s | %7s %6s %6s %6s %6s %6s %6s %6s | %7s %6s %5s\n' \
  time proc rss anon file heapRss yngU yngC oldU oldC meta nmtTot class thread code gc compil intern other \
  chunks series trims
n=0
start=$(date +%s)
while :; do
  t=$(ps -o etimes= -p "$vigil" 2>/dev/null | tr -d " ") || t=$(( $(date +%s) - start ))
  alive=0
  for pid in $vigil $prom; do
    [ -r "/proc/$pid/smaps_rollup" ] || continue
    alive=1
    read -r rss anon file < <(rollup "$pid")
    name=prom; [ "$pid" = "$vigil" ] && name=vigil
    heap="-       -       -       -       -"
    natv="-      -      -      -      -      -      -      -"
    head="-       -      -"
    hrss=-
    if [ "$name" = vigil ]; then
      yu=; read -r yu yc ou oc mu < <(jstat_gc "$pid") || true
      h=$(heap_rss "$pid"); [ -n "$h" ] && hrss=$(mib "$h")
      [ -n "${yu:-}" ] && heap="$(mib "$yu") $(mib "$yc") $(mib "$ou") $(mib "$oc") $(mib "$mu")"
      tot=; read -r tot cls thr code gc comp intern other _sym arena < <(nmt "$pid") || true
      [ -n "${tot:-}" ] && natv="$(mib "$tot") $(mib "$cls") $(mib "$thr") $(mib "$code") $(mib "$gc") \
$(mib "$comp") $(mib "$intern") $(mib $((other + arena)))"
      head="$(metric vigil_tsdb_head_chunks) $(metric vigil_tsdb_head_series) $(metric vigil_jvm_heap_trims_total)"
    fi
    # shellcheck disable=SC2086
    printf '%-8s %-5s %7s %7s %7s %7s | %7s %7s %7s %7s %6s | %7s %6s %6s %6s %6s %6s %6s %6s | %7s %6s %5s\n' \
      "${t}s" "$name" "$(mib "$rss")" "$(mib "$anon")" "$(mib "$file")" "$hrss" $heap $natv $head
  done
  [ "$alive" = 1 ] || break
  n=$((n + 1))
  [ "$COUNT" -gt 0 ] && [ "$n" -ge "$COUNT" ] && break
  sleep "$EVERY"
done
