package dev.vigil.server.promql.bench;

import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 1,000 series shaped like what the reference dashboards query, with one day of 15 s samples:
 * node_exporter metrics of two hosts (CPU per core and mode, filesystems, network and disk
 * devices), Micrometer metrics of two Spring Boot instances (memory pools, GC, and {@code
 * http_server_requests} histograms, which take whatever series are left of the budget), and one
 * series per instance for every other metric name the dashboards select.
 */
final class DashboardData {

  static final long STEP_MS = 15_000;
  static final long DAY_MS = 86_400_000;
  /** The last sample's time: 2026-01-01T00:00:00Z, so runs are reproducible. */
  static final long END_MS = 1_767_225_600_000L;
  static final int SERIES = 1_000;

  static final List<String> HOSTS = List.of("host-0:9100", "host-1:9100");
  static final List<String> APPS = List.of("app-0:8080", "app-1:8080");

  /** Receives one sample. */
  interface Sink {
    void accept(Labels labels, long t, double v) throws Exception;
  }

  /** How a series' value moves: a counter's rate, or a gauge around a level. */
  private record Shape(Labels labels, boolean counter, double scale) {}

  private final List<Shape> shapes = new ArrayList<>();

  DashboardData(List<String> dashboardQueries) {
    Set<String> names = selectedNames(dashboardQueries);
    for (String host : HOSTS) {
      Labels node = Labels.of("job", "node", "instance", host);
      for (int cpu = 0; cpu < 4; cpu++) {
        for (String mode :
            List.of("idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice")) {
          add(node, "node_cpu_seconds_total", true, mode.equals("idle") ? 0.9 : 0.02,
              "cpu", "" + cpu, "mode", mode);
        }
      }
      for (String mount : List.of("/", "/boot", "/data")) {
        for (String m :
            List.of("node_filesystem_avail_bytes", "node_filesystem_size_bytes",
                "node_filesystem_free_bytes", "node_filesystem_files",
                "node_filesystem_files_free", "node_filesystem_readonly")) {
          add(node, m, false, 1e10, "device", "/dev/sd" + mount.length(), "fstype", "ext4",
              "mountpoint", mount);
        }
      }
      for (String dev : List.of("eth0", "lo")) {
        for (String m :
            List.of("node_network_receive_bytes_total", "node_network_transmit_bytes_total",
                "node_network_receive_packets_total", "node_network_transmit_packets_total",
                "node_network_receive_errs_total", "node_network_transmit_errs_total",
                "node_network_receive_drop_total", "node_network_transmit_drop_total")) {
          add(node, m, true, 1e5, "device", dev);
        }
      }
      for (String dev : List.of("sda", "sdb")) {
        for (String m :
            List.of("node_disk_read_bytes_total", "node_disk_written_bytes_total",
                "node_disk_reads_completed_total", "node_disk_writes_completed_total",
                "node_disk_io_time_seconds_total", "node_disk_read_time_seconds_total",
                "node_disk_write_time_seconds_total")) {
          add(node, m, true, 1e4, "device", dev);
        }
      }
      add(node, "node_uname_info", false, 0, "nodename", host.substring(0, 6));
    }
    for (String app : APPS) {
      Labels jvm = Labels.of("job", "demo", "application", "demo", "instance", app);
      for (String[] pool :
          new String[][] {
            {"heap", "G1 Eden Space"}, {"heap", "G1 Old Gen"}, {"heap", "G1 Survivor Space"},
            {"nonheap", "Metaspace"}, {"nonheap", "CodeCache"},
            {"nonheap", "Compressed Class Space"}
          }) {
        for (String m :
            List.of("jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_max_bytes")) {
          add(jvm, m, false, 1e8, "area", pool[0], "id", pool[1]);
        }
      }
      for (String cause : List.of("G1 Evacuation Pause", "Metadata GC Threshold")) {
        add(jvm, "jvm_gc_pause_seconds_count", true, 0.1, "action", "end of minor GC", "cause",
            cause);
        add(jvm, "jvm_gc_pause_seconds_sum", true, 0.002, "action", "end of minor GC", "cause",
            cause);
        add(jvm, "jvm_gc_pause_seconds_max", false, 0.02, "action", "end of minor GC", "cause",
            cause);
      }
    }
    // Every other selected name: one series per instance of its side.
    for (String name : names) {
      if (shapes.stream().anyMatch(s -> name.equals(s.labels().metricName()))
          || name.startsWith("http_server_requests_seconds")) {
        continue;
      }
      boolean counter = name.endsWith("_total") || name.endsWith("_count")
          || name.endsWith("_sum") || name.endsWith("_seconds");
      List<String> instances = name.startsWith("node_") ? HOSTS : APPS;
      for (String instance : instances) {
        Labels base =
            name.startsWith("node_")
                ? Labels.of("job", "node", "instance", instance)
                : Labels.of("job", "demo", "application", "demo", "instance", instance, "pool",
                    "HikariPool-1", "id", "direct", "level", "info");
        add(base, name, counter, counter ? 1 : 100);
      }
    }
    // http_server_requests histograms fill the rest: count, sum, max and 10 buckets per route.
    String[] les = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    int route = 0;
    while (shapes.size() + 13 <= SERIES) {
      String app = APPS.get(route % APPS.size());
      Labels http =
          Labels.of("job", "demo", "application", "demo", "instance", app, "method",
              route % 5 == 0 ? "POST" : "GET", "uri", "/api/r" + (route / 2), "status",
              route % 7 == 0 ? "500" : "200", "outcome", route % 7 == 0 ? "SERVER_ERROR" : "SUCCESS",
              "exception", "None");
      add(http, "http_server_requests_seconds_count", true, 5);
      add(http, "http_server_requests_seconds_sum", true, 0.4);
      add(http, "http_server_requests_seconds_max", false, 0.2);
      for (int b = 0; b < les.length; b++) {
        add(http, "http_server_requests_seconds_bucket", true, 5.0 * (b + 1) / les.length,
            "le", les[b]);
      }
      route++;
    }
    while (shapes.size() < SERIES) {
      add(Labels.of("job", "node", "instance", HOSTS.get(0)), "node_filler_" + shapes.size(), false,
          1);
    }
  }

  int seriesCount() {
    return shapes.size();
  }

  /** Writes every sample in time order, the same values on every run. */
  void generate(Sink sink) throws Exception {
    Random random = new Random(42);
    double[] state = new double[shapes.size()];
    for (long t = END_MS - DAY_MS; t <= END_MS; t += STEP_MS) {
      for (int i = 0; i < shapes.size(); i++) {
        Shape s = shapes.get(i);
        if (s.counter()) {
          state[i] += s.scale() * 15 * random.nextDouble() * 2;
        } else {
          state[i] = s.scale() * (1 + 0.1 * Math.sin(t / 3.6e6 + i)) + random.nextInt(100);
        }
        sink.accept(s.labels(), t, Math.rint(state[i] * 1000) / 1000);
      }
    }
  }

  private void add(Labels base, String name, boolean counter, double scale, String... labels) {
    Labels.Builder b = base.toBuilder().set("__name__", name);
    for (int i = 0; i < labels.length; i += 2) {
      b.set(labels[i], labels[i + 1]);
    }
    shapes.add(new Shape(b.build(), counter, scale));
  }

  /** Metric names written before a selector's braces or range in the dashboards' queries. */
  static Set<String> selectedNames(List<String> queries) {
    Pattern p = Pattern.compile("(?<![A-Za-z0-9_:\"$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    Set<String> keywords = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    Set<String> out = new LinkedHashSet<>();
    for (String q : queries) {
      Matcher m = p.matcher(q);
      while (m.find()) {
        if (!keywords.contains(m.group(1))) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }
}
