# Sourced by the benches that measure one Vigil on its own (server-cpu-breakdown.sh,
# warmup-cpu.sh, ingest-threads.sh): the setup they share. Expects shared, jar, TARGETS, SERIES
# and INTERVAL (default 1s); checks the exporter source and the jar; after `lone_server_setup
# NAME` there are $work (a temp dir, removed on exit unless KEEP=1), a running SynthExporter on
# $exp_port behind TARGETS loopback addresses, $work/vigil.yml scraping them every INTERVAL
# (timeout the same), a free $vigil_port for the server, and $pids, the processes stopped on exit.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}

lone_server_setup() {
  local interval=${INTERVAL:-1s}
  [ -f "$shared/bench/SynthExporter.java" ] || { echo "no $shared/bench/SynthExporter.java" >&2; exit 1; }
  [ -f "$jar" ] || { echo "no $jar (mvn -B -q -pl server -am package -DskipTests)" >&2; exit 1; }
  work=$(mktemp -d "/tmp/$1.XXXX")
  pids=()
  trap cleanup EXIT
  exp_port=$(free_port); vigil_port=$(free_port)
  java "$shared/bench/SynthExporter.java" "$exp_port" "$SERIES" > "$work/exporter.log" 2>&1 &
  pids+=($!)
  {
    echo "global: {scrape_interval: $interval, scrape_timeout: $interval}"
    echo "scrape_configs:"
    echo "- job_name: synth"
    echo "  static_configs:"
    echo "  - targets:"
    for i in $(seq 1 "$TARGETS"); do echo "    - 127.0.$((i / 250)).$((i % 250 + 2)):$exp_port"; done
  } > "$work/vigil.yml"
  for _ in $(seq 1 100); do curl -sf "127.0.0.3:$exp_port/metrics" > /dev/null && break; sleep 0.3; done
}
