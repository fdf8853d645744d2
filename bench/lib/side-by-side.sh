# Sourced by the side-by-side ingest benches (tsdb-vs-prometheus.sh, ingest-default-jvm.sh): the
# setup both share. Expects root, TARGETS, SERIES and INTERVAL and sets shared, anchors, prom and
# jar (ANCHORS and VIGIL_JAR override the last two's defaults); after
# `side_by_side_setup NAME` there are $work (a temp dir, removed on exit unless KEEP=1), one
# SynthExporter per system on $exp_prom / $exp_vigil (each system must see only its own scrapes
# advance the counters), $work/prom.yml and $work/vigil.yml, and the pids to stop in $pids.

shared=$root/../shared
anchors=${ANCHORS:-/opt/anchors}
prom=$anchors/root/usr/bin/prometheus
jar=${VIGIL_JAR:-$root/server/target/vigil-server.jar}

die() { echo "error: $*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}

scrape_config() { # exporter port; targets are loopback addresses 127.0.x.y
  echo "global: {scrape_interval: $INTERVAL, scrape_timeout: $INTERVAL}"
  echo "scrape_configs:"
  echo "- job_name: synth"
  echo "  static_configs:"
  echo "  - targets:"
  for i in $(seq 1 "$TARGETS"); do echo "    - 127.0.$((i / 250)).$((i % 250 + 2)):$1"; done
}

side_by_side_setup() { # temp dir name
  [ -f "$shared/bench/SynthExporter.java" ] || die "no $shared/bench/SynthExporter.java"
  if [ ! -x "$prom" ]; then
    echo "Prometheus not found at $prom: installing with $shared/tools/install-anchors.sh" >&2
    ANCHORS=$anchors "$shared/tools/install-anchors.sh" >&2
  fi
  if [ ! -f "$jar" ]; then
    echo "building $jar" >&2
    (cd "$root" && mvn -B -q -pl server -am package -DskipTests) >&2
  fi
  work=$(mktemp -d "/tmp/$1.XXXX")
  pids=()
  trap cleanup EXIT
  exp_prom=$(free_port); exp_vigil=$(free_port)
  java "$shared/bench/SynthExporter.java" "$exp_prom" "$SERIES" > "$work/exporter-prom.log" 2>&1 &
  pids+=($!)
  java "$shared/bench/SynthExporter.java" "$exp_vigil" "$SERIES" > "$work/exporter-vigil.log" 2>&1 &
  pids+=($!)
  scrape_config "$exp_prom" > "$work/prom.yml"
  scrape_config "$exp_vigil" > "$work/vigil.yml"
  local port
  for port in $exp_prom $exp_vigil; do
    for _ in $(seq 1 100); do
      curl -sf "127.0.0.2:$port/metrics" > /dev/null && break
      sleep 0.3
    done
    curl -sf "127.0.0.2:$port/metrics" > /dev/null || die "synthetic exporter on :$port did not start"
  done
}
