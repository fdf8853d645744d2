#!/usr/bin/env bash
# Where a lone Vigil's warm-up CPU goes: per-thread CPU grouped by cause at fixed marks after the
# JVM started (10/30/60/120/300 s by default), cumulative, with the samples appended so far, and
# the JIT's own counters (compiled methods, invalidated, compile time, loaded classes) from the
# JVM's perf data (jstat reads the hsperfdata file, so it does not attach to or wake the server).
# JFR=1 adds a recording from the first instant (jdk.Compilation, jdk.Deoptimization,
# jdk.CompilerStatistics) and prints compiles by tier, the largest and most-recompiled methods and
# the deoptimizations by reason; JFR's own start-up then shows in the CPU (~1-2 s), so compare the
# CPU marks of runs without it. Run two jars 15-20 s apart to compare them on a shared machine.
#
# Usage: bench/warmup-cpu.sh [JAR]   (default server/target/vigil-server.jar)
# Env:   TARGETS (4), SERIES per target (500), INTERVAL (1s), MARKS ("10 30 60 120 300" seconds
#        after the JVM's start), VIGIL_JAVA_OPTS (" ": plain java -jar), VIGIL_FLAGS, JFR=1,
#        LOGCOMP=1 (HotSpot's -XX:+LogCompilation instead: no Java code of its own to compile, so
#        the compiles it lists are the server's; printed after the server stopped at the last
#        mark: compile time per package and method, recompiles, uncommon traps by reason),
#        TOP (15, rows of the tables), KEEP=1 keeps the work dir.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
jar=${1:-$root/server/target/vigil-server.jar}
TARGETS=${TARGETS:-4}
SERIES=${SERIES:-500}
INTERVAL=${INTERVAL:-1s}
MARKS=${MARKS:-10 30 60 120 300}
VIGIL_JAVA_OPTS=${VIGIL_JAVA_OPTS:- }
TOP=${TOP:-15}

# shellcheck source=lib/lone-server.sh
. "$root/bench/lib/lone-server.sh"
lone_server_setup warmup-cpu

jfr_opts=""
if [ "${LOGCOMP:-0}" = 1 ]; then
  jfr_opts="-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$work/comp.log"
fi
if [ "${JFR:-0}" = 1 ]; then
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<configuration version="2.0">'
    echo '  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>'
    echo '  <event name="jdk.Deoptimization"><setting name="enabled">true</setting><setting name="stackTrace">false</setting></event>'
    echo '  <event name="jdk.CompilerStatistics"><setting name="enabled">true</setting><setting name="period">10 s</setting></event>'
    echo '</configuration>'
  } > "$work/jit.jfc"
  jfr_opts="-XX:StartFlightRecording=settings=$work/jit.jfc,filename=$work/jit.jfr,dumponexit=true"
fi

# shellcheck disable=SC2086
java $VIGIL_JAVA_OPTS $jfr_opts -jar "$jar" --config.file="$work/vigil.yml" \
  --storage.tsdb.path="$work/data" --web.listen-address="127.0.0.1:$vigil_port" ${VIGIL_FLAGS:-} \
  > "$work/vigil.log" 2>&1 &
pid=$!; pids+=($pid)
started=$(date +%s.%N)

hz=$(getconf CLK_TCK)
ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
# Cumulative ticks per cause over all live threads (a thread that exited took its ticks along; the
# whole-process line, from /proc/<pid>/stat, still has them).
by_cause() {
  for t in /proc/"$pid"/task/*; do
    # A thread can exit between listing and reading; it then counts nowhere but in proc=.
    { echo "$(tr ' ' '_' < "$t/comm") $(ticks "$t/stat" || echo 0)"; } 2>/dev/null
  done | awk '
      function cause(n) {
        if (n ~ /^vigil-scrape-io/) return "scrape_io"
        if (n ~ /^vigil-scrape-sc/) return "timer"
        if (n ~ /^vigil-wal-sync/) return "wal_sync"
        if (n ~ /^vigil-/) return "other_vigil"
        if (n ~ /^C2_CompilerThre/) return "C2"
        if (n ~ /^C1_CompilerThre/) return "C1"
        if (n ~ /^G1_|^GC_Thread|^VM_Thread/) return "gc_vm"
        if (n ~ /^VM_Periodic/) return "periodic"
        if (n ~ /^main$/) return "main"
        return "other_jvm"
      }
      {a[cause($1)] += $2}
      END {for (k in a) printf "%s=%d ", k, a[k]}'
}
samples() {
  curl -s "127.0.0.1:$vigil_port/metrics" \
    | awk '$1 == "vigil_tsdb_head_samples_appended_total" {printf "%d\n", $2}'
}
# jstat -compiler: Compiled Failed Invalid Time ...; -class: Loaded ... (JDK 17 columns)
jit() { jstat -compiler "$pid" | awk 'NR == 2 {printf "compiled=%d invalid=%d jit_s=%.2f", $1, $3, $4}'; }
classes() { jstat -class "$pid" | awk 'NR == 2 {printf "classes=%d", $1}'; }
# jstat -gc (JDK 17): ... YGC YGCT FGC FGCT CGC CGCT GCT; full ones include the heap trimmer's
gcs() { jstat -gc "$pid" | awk 'NR == 2 {printf "ygc=%d fgc=%d cgc=%d", $(NF-6), $(NF-4), $(NF-2)}'; }

echo "jar=$jar targets=$TARGETS series/target=$SERIES interval=$INTERVAL java_opts='$VIGIL_JAVA_OPTS'" \
  "flags='${VIGIL_FLAGS:-}' jfr=${JFR:-0} $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%5s %9s %7s %6s %6s %7s %6s %6s %6s %6s %6s %6s %9s %7s %7s %8s %11s\n" \
  mark samples process C1 C2 scrape timer wal gc_vm period vigil jvm compiled invalid jit_s classes "gc y/f/c"
for m in $MARKS; do
  now=$(date +%s.%N)
  wait_s=$(awk -v m="$m" -v s="$started" -v n="$now" 'BEGIN {w = s + m - n; print (w > 0 ? w : 0)}')
  sleep "$wait_s"
  kill -0 "$pid" 2>/dev/null || { echo "server exited; log:" >&2; tail -20 "$work/vigil.log" >&2; exit 1; }
  line="proc=$(ticks /proc/$pid/stat) $(by_cause)"
  n=$(samples || echo 0); j=$(jit); c=$(classes); g=$(gcs)
  echo "$m ${n:-0} $line $j $c $g" | awk -v hz="$hz" '
      {for (i = 3; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}}
      END {
        f = "%5s %9d %7.2f %6.2f %6.2f %7.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %9d %7d %7.2f %8d %11s\n"
        printf f, $1 "s", $2, v["proc"] / hz, v["C1"] / hz, v["C2"] / hz,
          v["scrape_io"] / hz, v["timer"] / hz, v["wal_sync"] / hz, v["gc_vm"] / hz,
          v["periodic"] / hz, v["other_vigil"] / hz, v["other_jvm"] / hz + v["main"] / hz,
          v["compiled"], v["invalid"], v["jit_s"], v["classes"], v["ygc"] "/" v["fgc"] "/" v["cgc"]
      }'
done
echo "(CPU columns: cumulative seconds since the JVM's start; vigil = other vigil-* threads," \
  "jvm = other JVM threads, the launcher's main thread (start-up) included; jit_s = the JVM's" \
  "total compile time; gc = young/full/concurrent collections; load now" \
  "$(cut -d' ' -f1-3 /proc/loadavg))"

if [ "${JFR:-0}" = 1 ]; then
  jcmd "$pid" JFR.dump filename="$work/jit.jfr" > /dev/null
  jfr print --json --events jdk.Compilation,jdk.Deoptimization "$work/jit.jfr" > "$work/jit.json"
  python3 - "$work/jit.json" "$TOP" <<'PY'
import json, sys, collections
events = json.load(open(sys.argv[1]))["recording"]["events"]
top = int(sys.argv[2])
def sig(m):
    return m["type"]["name"].replace("/", ".") + "." + m["name"]
def ms(d):  # JFR durations print as ISO-8601, e.g. "PT0.012345S"
    return float(d[2:-1]) * 1000 if d.startswith("PT") and d.endswith("S") else 0.0
comp = [e["values"] for e in events if e["type"] == "jdk.Compilation"]
deopt = [e["values"] for e in events if e["type"] == "jdk.Deoptimization"]
tier = collections.defaultdict(lambda: [0, 0.0, 0])
per = collections.defaultdict(lambda: [0, 0.0, 0, set()])
for c in comp:
    t = tier[c["compileLevel"]]; d = ms(c["duration"])
    t[0] += 1; t[1] += d; t[2] += c.get("inlinedBytes", 0) + c.get("codeSize", 0) * 0
    p = per[sig(c["method"])]; p[0] += 1; p[1] += d; p[2] = max(p[2], c.get("codeSize", 0)); p[3].add(c["compileLevel"])
print(f"compilations: {len(comp)}, {sum(ms(c['duration']) for c in comp) / 1000:.2f} s in the compiler threads")
for lvl in sorted(tier):
    n, d, _ = tier[lvl]; print(f"  tier {lvl}: {n:6d} compiles {d / 1000:7.2f} s")
own = lambda k: k.startswith("dev.vigil")
print(f"longest compiles (ms total, count, largest code bytes, tiers):")
for k, v in sorted(per.items(), key=lambda kv: -kv[1][1])[:top]:
    print(f"  {v[1]:8.1f} ms {v[0]:3d}x {v[2]:7d} B  {sorted(v[3])}  {k}")
print(f"most-compiled methods (more than one compile at the same tier counts as a recompile):")
re = collections.Counter()
for c in comp: re[(sig(c["method"]), c["compileLevel"])] += 1
for (k, lvl), n in re.most_common(top):
    if n < 2: break
    print(f"  {n:3d}x tier {lvl}  {k}")
print(f"deoptimizations: {len(deopt)}")
reasons = collections.Counter((d.get("reason"), d.get("action")) for d in deopt)
for (r, a), n in reasons.most_common(top): print(f"  {n:5d}  {r} / {a}")
where = collections.Counter((sig(d["method"]), d.get("reason"), d.get("lineNumber")) for d in deopt)
print("deoptimized methods (method, reason, line):")
for (k, r, l), n in where.most_common(top): print(f"  {n:4d}  {k}:{l}  {r}")
PY
fi

if [ "${LOGCOMP:-0}" = 1 ]; then
  # HotSpot merges the compiler threads' logs into the file only when the JVM exits.
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 "$root/bench/lib/logcompilation.py" "$work/comp.log" "$TOP"
fi
