#!/usr/bin/env bash
# CPU time and allocation per refresh of each host collector (metrics module), JIT-warm, on this
# machine's /proc and /sys: bench/host-collector-cost/HostCollectorCost.java in a fresh JVM.
#
# Usage: bench/host-collector-cost.sh [refreshes]
# Env:   METRICS_CLASSES=<dir> (another build, e.g. main before a change)  JAVA_HOME=<jdk>
#        SKIP_BUILD=1  JFR=<file.jfr> (also record thrown exceptions, summed per refresh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
refreshes=${1:-400}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl metrics -am compile
fi
metrics_classes=${METRICS_CLASSES:-$root/metrics/target/classes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl metrics dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/metrics.cp" >/dev/null
cp="$metrics_classes:$(cat "$work/metrics.cp")"
"$javac" -nowarn -cp "$cp" -d "$work/bench" bench/host-collector-cost/HostCollectorCost.java 2>/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); refreshes=$refreshes (second half measured)"
flags=()
if [ -n "${JFR:-}" ]; then
  cat >"$work/exceptions.jfc" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.JavaExceptionThrow"><setting name="enabled">true</setting></event>
</configuration>
XML
  flags=(-XX:StartFlightRecording:filename="$JFR",settings="$work/exceptions.jfc")
fi
"$java" "${flags[@]}" -cp "$cp:$work/bench" dev.vigil.metrics.host.HostCollectorCost "$refreshes" \
  | grep -v '^\[' | column -t -s $'\t'
if [ -n "${JFR:-}" ]; then
  # Each NoSuchFileException also throws the JDK's internal UnixException first: both counted.
  n=$(jfr print --events jdk.JavaExceptionThrow "$JFR" | grep -c 'thrownClass' || true)
  echo "exceptions thrown in the whole run (startup included): $n, i.e. $(python3 -c "print(round($n / $refreshes, 1))") per refresh"
fi
