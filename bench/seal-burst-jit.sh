#!/usr/bin/env bash
# JIT compile CPU of the head's seal path in bursts (bench/seal-burst-jit/SealBurst.java): what a
# chunk cut costs the compilers, for comparing builds (the CPU of the C1/C2 threads, not wall time).
#
# Usage: bench/seal-burst-jit.sh [SERIES (2000)] [BURSTS (4)]
# Env:   SERVER_JAR=<vigil-server.jar> (another build, e.g. /tmp/vigil-s8-final.jar; default: this
#        tree's server/target/classes after a compile), LOGCOMP=1 adds HotSpot's LogCompilation
#        summary (bench/lib/logcompilation.py), SKIP_BUILD=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
series=${1:-2000}
bursts=${2:-4}
cd "$root"
if [ -z "${SERVER_JAR:-}" ] && [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl server -am compile
fi
cp=${SERVER_JAR:-$root/server/target/classes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -nowarn -cp "$cp" -d "$work" bench/seal-burst-jit/SealBurst.java
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $cp; $series series, $bursts bursts"
flags=()
if [ "${LOGCOMP:-0}" = 1 ]; then
  flags=(-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation "-XX:LogFile=$work/comp.log")
fi
java "${flags[@]}" -cp "$cp:$work" SealBurst "$series" "$bursts"
if [ "${LOGCOMP:-0}" = 1 ]; then
  python3 bench/lib/logcompilation.py "$work/comp.log" 20
fi
