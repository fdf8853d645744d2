#!/usr/bin/env bash
# Where a lone Vigil's steady-state ingest CPU goes: per-thread CPU grouped by cause (scrape I/O,
# timer, WAL syncer, maintenance, GC, JIT, JVM background), young collections, and bytes allocated
# per ingested sample (per thread), all over one window after warm-up. CPU time and byte counts,
# not wall time, so the figures hold on a shared machine; run two jars at once to compare them.
#
# Usage: bench/server-cpu-breakdown.sh [JAR]   (default server/target/vigil-server.jar)
# Env:   TARGETS (4), SERIES per target (500), INTERVAL (1s, the scrape interval and timeout),
#        DURATION seconds (540), WARMUP seconds (240),
#        VIGIL_JAVA_OPTS (" ": plain java -jar), VIGIL_FLAGS (extra server flags),
#        ALLOC_TOP=1 also samples allocations (jdk.ObjectAllocationSample, 150/s) in the window and
#        prints the largest allocation sites, HEAP_HISTO=1 also prints the live heap per series
#        by class (bench/heap-per-series.sh, after the window: its full collection is not
#        counted), KEEP=1 keeps the work dir, POLL seconds between per-thread readings (10).
# Allocation comes from JFR's jdk.ThreadAllocationStatistics (the JVM's exact per-thread
# allocated-bytes counters, read every 10 s), started with jcmd at the window's start so that
# start-up and warm-up are left out; young collections from jstat.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
jar=${1:-$root/server/target/vigil-server.jar}
TARGETS=${TARGETS:-4}
SERIES=${SERIES:-500}
INTERVAL=${INTERVAL:-1s}
DURATION=${DURATION:-540}
WARMUP=${WARMUP:-240}
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:- }

[ "$WARMUP" -lt "$DURATION" ] || { echo "WARMUP must be below DURATION" >&2; exit 1; }
# shellcheck source=lib/lone-server.sh
. "$root/bench/lib/lone-server.sh"
lone_server_setup cpu-breakdown

# shellcheck disable=SC2086
java $VIGIL_JAVA_OPTS -jar "$jar" --config.file="$work/vigil.yml" \
  --storage.tsdb.path="$work/data" --web.listen-address="127.0.0.1:$vigil_port" ${VIGIL_FLAGS:-} \
  > "$work/vigil.log" 2>&1 &
pid=$!; pids+=($pid)

{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<configuration version="2.0">'
  echo '  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">10 s</setting></event>'
  if [ "${ALLOC_TOP:-0}" = 1 ]; then
    echo '  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">150/s</setting><setting name="stackTrace">true</setting></event>'
  fi
  echo '</configuration>'
} > "$work/alloc.jfc"

hz=$(getconf CLK_TCK)
samples() {
  curl -s "127.0.0.1:$vigil_port/metrics" \
    | awk '$1 == "vigil_tsdb_head_samples_appended_total" {printf "%d\n", $2}'
}
ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
threads() {
  for t in /proc/"$pid"/task/*; do
    # A thread that exits meanwhile has no comm or stat any more: it is left out of this reading.
    if n=$(tr ' ' '_' < "$t/comm" 2>/dev/null) && c=$(ticks "$t/stat" 2>/dev/null) && [ -n "$c" ]; then
      echo "${t##*/} $n $c"
    fi
  done | sort
}
gcs() { jstat -gc "$pid" | awk 'NR == 2 {print $(NF-6), $(NF-4)}'; }  # YGC FGC (JDK 17 columns)

# The recording starts well before the window: starting JFR loads and compiles its own code, which
# would otherwise show up as the window's JIT and allocation. Only its readings inside the window count.
jfr_at=$((WARMUP / 2 < 60 ? WARMUP / 2 : 60))
sleep "$jfr_at"
jcmd "$pid" JFR.start name=alloc settings="$work/alloc.jfc" > /dev/null
sleep $((WARMUP - jfr_at))
s0=$(samples); c0=$(ticks "/proc/$pid/stat"); threads > "$work/t0"; g0=$(gcs); t_start=$(date +%s)
# Threads are read every POLL seconds through the window, so that a scrape I/O thread that idles
# out and exits in it (IoThreads, 60 s keep-alive) is still counted, up to its last reading:
# its last CPU was spent at least a keep-alive before it exited, so nothing of it is lost.
: > "$work/polls"
end_at=$((t_start + DURATION - WARMUP))
while [ "$(date +%s)" -lt $((end_at - ${POLL:-10})) ]; do
  sleep "${POLL:-10}"; threads >> "$work/polls"
done
sleep $((end_at - $(date +%s) > 0 ? end_at - $(date +%s) : 0))
s1=$(samples); c1=$(ticks "/proc/$pid/stat"); threads > "$work/t1"; g1=$(gcs); t_end=$(date +%s)
# Per thread id, its last reading (the window's end, or its last poll before it exited).
awk 'NF == 3 {name[$1] = $2; if ($3 + 0 >= last[$1] + 0) last[$1] = $3}
     END {for (t in last) print t, name[t], last[t]}' "$work/polls" "$work/t1" | sort > "$work/t1max"
exited=$(join -v1 "$work/t1max" "$work/t1" | wc -l)
jcmd "$pid" JFR.stop name=alloc filename="$work/alloc.jfr" > /dev/null
[ "${HEAP_HISTO:-0}" = 1 ] && "$root/bench/heap-per-series.sh" "$pid" > "$work/heap.txt" 2>&1

n=$((s1 - s0)); secs=$((t_end - t_start))
echo "jar=$jar targets=$TARGETS series/target=$SERIES interval=$INTERVAL window=${WARMUP}s..${DURATION}s" \
  "java_opts='$VIGIL_JAVA_OPTS' flags='${VIGIL_FLAGS:-}' $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
read -r y0 f0 <<< "$g0"; read -r y1 f1 <<< "$g1"
awk -v c=$((c1 - c0)) -v s="$n" -v hz="$hz" -v y=$((y1 - y0)) -v f=$((f1 - f0)) -v t="$secs" 'BEGIN {
  printf "%-30s %8d ticks %8.3f s per million samples (%d samples in %d s)\n", "whole process", c, c / hz * 1e6 / s, s, t
  printf "%-30s %8d young, %d full; %.2f young per minute\n", "collections", y, f, y * 60 / t }'
# Per thread, joined by thread id (a thread born in the window counts whole; one that exited in it
# counts up to its last reading), then grouped by cause: the names are the server's own thread
# names and HotSpot's.
join -a1 -a2 -e- -o 0,1.2,1.3,2.2,2.3 "$work/t0" "$work/t1max" \
  | awk -v hz="$hz" -v s="$n" -v exited="$exited" -v poll="${POLL:-10}" '
      function cause(n) {
        if (n ~ /^vigil-scrape-io/) return "scrape I/O (fetch, parse, append, WAL write)"
        if (n ~ /^vigil-scrape-sc/) return "scrape timer"  # comm keeps 15 characters of a name
        if (n ~ /^vigil-wal-sync/) return "WAL syncer (fsync)"
        if (n ~ /^vigil-/) return "other vigil threads (" n ")"
        if (n ~ /^C[12]_CompilerThre/) return "JIT compilers (C1/C2)"
        if (n ~ /^G1_Young|^G1_Main|^G1_Conc|^G1_Refine|^G1_Service|^GC_Thread|^VM_Thread/) return "GC and VM thread (" n ")"
        if (n ~ /^VM_Periodic/) return "VM Periodic Task (perf data sampler)"
        return "other JVM threads (" n ")"
      }
      $4 == "-" {gone++; next}
      {d = $5 - ($3 == "-" ? 0 : $3); name = $4; gsub(/[0-9#]+$/, "", name); a[cause(name)] += d}
      END {
        for (k in a) if (a[k] > 0) printf "%8d ticks %8.3f  %s\n", a[k], a[k] / hz * 1e6 / s, k
        if (gone) printf "%8d threads exited in the window before any reading (in the whole-process line only)\n", gone
        if (exited) printf "%8d threads exited in the window, counted up to their last %s s reading\n", exited, poll
      }' \
  | sort -k1 -nr

# Allocation per sample: per-thread deltas of the JVM's allocated-bytes counters between the first
# and last reading in the window, over the samples appended in the window scaled to that span.
jfr print --json --events jdk.ThreadAllocationStatistics "$work/alloc.jfr" > "$work/alloc.json"
python3 - "$work/alloc.json" "$n" "$secs" "$t_start" <<'PY'
import json, sys, re, collections
from datetime import datetime, timezone
def ts(s):  # JFR's ISO times carry up to 9 fraction digits; Python takes 6
    m = re.match(r"([^.Z+]+)(?:\.(\d+))?", s)
    return datetime.fromisoformat(m.group(1) + "." + (m.group(2) or "").ljust(6, "0")[:6] + "+00:00")
samples, secs, t0 = int(sys.argv[2]), int(sys.argv[3]), datetime.fromtimestamp(int(sys.argv[4]), timezone.utc)
events = [e for e in json.load(open(sys.argv[1]))["recording"]["events"] if ts(e["values"]["startTime"]) >= t0]
first, last, name = {}, {}, {}
for e in events:
    v = e["values"]; t = v["thread"]
    if t is None: continue
    tid = t.get("javaThreadId") or t.get("osThreadId"); at = e["values"]["startTime"]
    name[tid] = re.sub(r"[-#]?\d+$", "", t.get("javaName") or t.get("osName") or "?")
    if tid not in first or at < first[tid][0]: first[tid] = (at, v["allocated"])
    if tid not in last or at > last[tid][0]: last[tid] = (at, v["allocated"])
times = sorted({e["values"]["startTime"] for e in events})
# The readings span less than the window (every 10 s); scale the samples to that span.
span = (ts(times[-1]) - ts(times[0])).total_seconds() if len(times) > 1 else secs
n = samples * span / secs
by = collections.Counter()
for tid in last:
    by[name[tid]] += last[tid][1] - first[tid][1]
total = sum(by.values())
print(f"{'allocated bytes per sample':30s} {total / n:8.1f} B  ({total / span / 1e6:.2f} MB/s over {span:.0f} s)")
for k, b in by.most_common():
    if b > 0 and b / n >= 0.05: print(f"  {b / n:8.1f} B  {k}")
PY

if [ "${ALLOC_TOP:-0}" = 1 ]; then
  jfr print --json --events jdk.ObjectAllocationSample "$work/alloc.jfr" > "$work/samples.json"
  python3 - "$work/samples.json" "$t_start" <<'PY'
import json, sys, collections, re
from datetime import datetime, timezone
def ts(s):  # JFR's ISO times carry up to 9 fraction digits; Python takes 6
    m = re.match(r"([^.Z+]+)(?:\.(\d+))?", s)
    return datetime.fromisoformat(m.group(1) + "." + (m.group(2) or "").ljust(6, "0")[:6] + "+00:00")
t0 = datetime.fromtimestamp(int(sys.argv[2]), timezone.utc)
events = json.load(open(sys.argv[1]))["recording"]["events"]
site = collections.Counter(); total = 0
for e in events:
    v = e["values"]; w = v["weight"]
    if ts(v["startTime"]) < t0: continue
    # The server's own threads only: jcmd's and JFR's threads allocate too while they record.
    if not ((v.get("eventThread") or {}).get("javaName") or "").startswith("vigil-"): continue
    total += w
    frames = (v.get("stackTrace") or {}).get("frames") or []
    own = [f for f in frames if f["method"]["type"]["name"].replace("/", ".").startswith("dev.vigil")]
    top = frames[0] if frames else None
    where = own[0] if own else top
    label = v["objectClass"]["name"] + " @ " + (
        (where["method"]["type"]["name"].rsplit(".", 1)[-1] + "." + where["method"]["name"] + ":" + str(where["lineNumber"])) if where else "?")
    site[label] += w
print(f"largest sampled allocation sites (class @ first dev.vigil frame), share of {total / 1e6:.0f} MB sampled on vigil-* threads:")
for k, w in site.most_common(25): print(f"  {100 * w / total:5.1f} %  {k}")
PY
fi

if [ "${HEAP_HISTO:-0}" = 1 ]; then cat "$work/heap.txt"; fi
