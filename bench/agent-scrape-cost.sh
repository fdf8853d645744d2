#!/usr/bin/env bash
# CPU and allocation per scrape of the agent's endpoint, cold (first scrapes, interpreted) and warm.
#
# Runs bench/agent-scrape-cost/ScrapeCost.java in fresh JVMs against the agent's compiled classes
# (agent/target/classes, or AGENT_CLASSES=<dir> for another build, e.g. main before a change) and
# prints, per run, the first 5 scrapes and the median of the last 20, then the median over runs.
#
# Usage: bench/agent-scrape-cost.sh
# Env:   RUNS=3 SCRAPES=30 GAP_MS=1100 FORMAT=openmetrics|text ENCODING=gzip|identity AGENT_CLASSES=<dir>
#        METRICS_CLASSES=<dir> JAVA_HOME=<jdk>  SKIP_BUILD=1
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
scrapes=${SCRAPES:-30}
gap=${GAP_MS:-1100}
format=${FORMAT:-openmetrics}
encoding=${ENCODING:-gzip}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl agent -am compile
fi
agent_classes=${AGENT_CLASSES:-$root/agent/target/classes}
metrics_classes=${METRICS_CLASSES:-$root/metrics/target/classes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl metrics dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/metrics.cp" >/dev/null
m2=${HOME}/.m2/repository
prom=$(ls "$m2"/io/micrometer/micrometer-registry-prometheus/*/micrometer-registry-prometheus-*.jar | grep -v sources | sort -V | tail -1)
prom_version=$(sed -n 's:.*<prometheus-metrics.version>\(.*\)</prometheus-metrics.version>.*:\1:p' pom.xml)
mm_version=$(sed -n 's:.*<micrometer.version>\(.*\)</micrometer.version>.*:\1:p' pom.xml)
prom=$m2/io/micrometer/micrometer-registry-prometheus/$mm_version/micrometer-registry-prometheus-$mm_version.jar
cp="$agent_classes:$metrics_classes:$(cat "$work/metrics.cp"):$prom"
for a in core model config tracer-common exposition-formats exposition-textformats; do
  cp="$cp:$m2/io/prometheus/prometheus-metrics-$a/$prom_version/prometheus-metrics-$a-$prom_version.jar"
done
"$javac" -cp "$cp" -d "$work/bench" bench/agent-scrape-cost/ScrapeCost.java
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); format=$format encoding=$encoding; $("$java" -version 2>&1 | head -1)"
for run in $(seq 1 "$runs"); do
  "$java" -cp "$cp:$work/bench" ScrapeCost "$scrapes" "$format" "$encoding" "$gap" >"$work/run-$run.tsv"
done
# Per scrape index: median over runs; then the warm median over the last 20 scrapes.
python3 - "$work" "$runs" "$scrapes" <<'PY'
import statistics, sys
work, runs, scrapes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
for r in range(1, runs + 1):
    lines = open(f"{work}/run-{r}.tsv").read().split("\n")[1:]
    rows.append([list(map(float, l.split("\t"))) for l in lines if l])
cols = ["bytes", "endpoint CPU ms", "process CPU ms", "endpoint alloc KB"]
print("scrape | " + " | ".join(cols))
def med(i, c):
    return statistics.median(run[i][c] for run in rows)
for i in range(5):
    print(f"{i + 1} | " + " | ".join(f"{med(i, c):.1f}" for c in range(1, 5)))
warm = range(max(5, scrapes - 15), scrapes)
print(f"warm (median of scrapes {warm.start + 1}-{scrapes}) | " + " | ".join(
    f"{statistics.median(run[i][c] for run in rows for i in warm):.1f}" for c in range(1, 5)))
print(f"first 5 total | - | " + " | ".join(
    f"{sum(med(i, c) for i in range(5)):.1f}" for c in range(2, 5)))
PY
