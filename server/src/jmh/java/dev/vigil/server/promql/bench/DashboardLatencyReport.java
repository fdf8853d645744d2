package dev.vigil.server.promql.bench;

import dev.vigil.server.api.v1.ApiV1;
import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.engine.GrafanaVariables;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.telemetry.BuildInfo;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.web.WebServer;
import java.io.BufferedWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Query latency of the reference dashboards: loads {@link DashboardData} (1,000 series, one day
 * of 15 s samples) into a TSDB head behind Vigil's HTTP API, then runs every panel query of
 * {@code ../shared/reference/dashboards/*.queries.tsv} as a range query over the last 1 h (step
 * 15 s) and the last 24 h (step 2 m), with Grafana's variables filled in as Grafana would for
 * those windows, after one untimed pass (JIT warm-up). Each query runs three times (GET); its
 * latency is the median, measured at the HTTP client. Prints p50/p95/max per dashboard and window and the ten slowest queries.
 *
 * <p>{@code --prometheus=URL} runs the same queries against a Prometheus holding the same data
 * (see {@code bench/dashboard-latency.sh}), alternating the two per run, prints both and the
 * ratio, and counts the answers that are byte-identical; {@code
 * --openmetrics=FILE} only writes the data as OpenMetrics text for {@code promtool tsdb
 * create-blocks-from openmetrics} and exits.
 */
public final class DashboardLatencyReport {

  private static final int RUNS = 3;

  /** A dashboard query with its variables filled in for one window. */
  private record Query(String dashboard, int line, String text) {}

  /** A window a dashboard shows, with the step and intervals Grafana would use. */
  private record Window(String name, long rangeMs, long stepMs, String rateInterval) {}

  private static final List<Window> WINDOWS =
      List.of(new Window("1h", 3_600_000, 15_000, "1m"), new Window("24h", 86_400_000, 120_000,
          "2m15s"));

  /** Template variables by name, chosen to select the generated data. */
  private static final Map<String, String> LABEL_VARIABLES =
      Map.ofEntries(
          Map.entry("job", "node"),
          Map.entry("node", DashboardData.HOSTS.get(0)),
          Map.entry("nodename", "host-0"),
          Map.entry("application", "demo"),
          Map.entry("instance", DashboardData.APPS.get(0)),
          Map.entry("hikaricp", "HikariPool-1"),
          Map.entry("memory_pool_heap", "G1 Eden Space"),
          Map.entry("memory_pool_nonheap", "Metaspace"),
          Map.entry("jvm_memory_pool_heap", "G1 Eden Space"),
          Map.entry("jvm_memory_pool_nonheap", "Metaspace"),
          Map.entry("jvm_buffer_pool", "direct"));

  private DashboardLatencyReport() {}

  public static void main(String[] args) throws Exception {
    Path dashboards = sharedDashboards();
    Map<String, List<String>> raw = readDashboards(dashboards);
    List<String> all =
        raw.values().stream().flatMap(List::stream).filter(q -> q != null).toList();
    DashboardData data = new DashboardData(all.stream().map(GrafanaVariables::substitute).toList());
    String prometheus = null;
    for (String a : args) {
      if (a.startsWith("--openmetrics=")) {
        writeOpenMetrics(data, Path.of(a.substring("--openmetrics=".length())));
        return;
      }
      if (a.startsWith("--prometheus=")) {
        prometheus = a.substring("--prometheus=".length());
      }
    }
    TelemetryRegistry registry = new TelemetryRegistry();
    try (Head head = new Head();
        WebServer web = new WebServer(new InetSocketAddress("127.0.0.1", 0), registry)) {
      long t0 = System.nanoTime();
      load(head, data);
      System.out.printf(
          "loaded %d series, %d samples each, in %.1f s%n",
          data.seriesCount(), DashboardData.DAY_MS / DashboardData.STEP_MS + 1,
          (System.nanoTime() - t0) / 1e9);
      ApiV1.routes(head, List::of, new BuildInfo("bench", "", "", ""), Clock.systemUTC())
          .forEach(web::route);
      web.start();
      web.markReady();
      String vigil = "http://127.0.0.1:" + web.address().getPort();
      HttpClient client = HttpClient.newHttpClient();
      List<String> targets = prometheus == null ? List.of(vigil) : List.of(vigil, prometheus);
      // One untimed pass, so the JIT has compiled the engine before anything is measured.
      for (Query q : queries(raw, WINDOWS.get(0))) {
        get(client, vigil, q, WINDOWS.get(0));
      }
      for (Window w : WINDOWS) {
        List<Query> queries = queries(raw, w);
        List<Map<Query, Double>> times = measure(client, targets, queries, w);
        report(w, queries, times.get(0), times.size() > 1 ? times.get(1) : null);
      }
    }
  }

  /** Median latency per query and target; targets alternate per run so load drifts hit both. */
  private static List<Map<Query, Double>> measure(
      HttpClient client, List<String> targets, List<Query> queries, Window w) throws Exception {
    List<Map<Query, Double>> out = new ArrayList<>();
    targets.forEach(t -> out.add(new LinkedHashMap<>()));
    int[] errors = new int[targets.size()];
    int differing = 0;
    for (Query q : queries) {
      double[][] ms = new double[targets.size()][RUNS];
      String[] bodies = new String[targets.size()];
      for (int r = 0; r < RUNS; r++) {
        for (int k = 0; k < targets.size(); k++) {
          long t0 = System.nanoTime();
          HttpResponse<String> response = get(client, targets.get(k), q, w);
          ms[k][r] = (System.nanoTime() - t0) / 1e6;
          if (r == 0) {
            bodies[k] = response.body();
            if (response.statusCode() != 200) {
              errors[k]++;
              System.out.printf(
                  "  %s error %d for %s:%d %s: %s%n", targets.get(k), response.statusCode(),
                  q.dashboard(), q.line(), q.text(), response.body());
            }
          }
        }
      }
      for (int k = 0; k < targets.size(); k++) {
        Arrays.sort(ms[k]);
        out.get(k).put(q, ms[k][RUNS / 2]);
      }
      if (targets.size() > 1 && !bodies[0].equals(bodies[1])) {
        differing++;
        if (differing <= 5) {
          int at = 0;
          while (at < Math.min(bodies[0].length(), bodies[1].length())
              && bodies[0].charAt(at) == bodies[1].charAt(at)) {
            at++;
          }
          int from = Math.max(0, at - 150);
          System.out.printf(
              "  answers differ for %s:%d %s (from byte %d)%n    vigil: %.300s%n    prom:  %.300s%n",
              q.dashboard(), q.line(), q.text(), at, bodies[0].substring(from),
              bodies[1].substring(from));
        }
      }
    }
    for (int k = 0; k < targets.size(); k++) {
      System.out.printf(
          "%s %s: %d queries, %d errors%n", targets.get(k), w.name(), queries.size(), errors[k]);
    }
    if (targets.size() > 1) {
      System.out.printf(
          "%s: %d of %d answers byte-identical to Prometheus's%n", w.name(),
          queries.size() - differing, queries.size());
    }
    return out;
  }

  private static HttpResponse<String> get(HttpClient client, String base, Query q, Window w)
      throws Exception {
    long start = DashboardData.END_MS - w.rangeMs();
    String params =
        "query=" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8)
            + "&start=" + start / 1000 + "&end=" + DashboardData.END_MS / 1000
            + "&step=" + w.stepMs() / 1000;
    // GET, not a form POST: the JDK client writes a POST's headers and body separately, and
    // Nagle's algorithm plus delayed ACKs then add ~40 ms to every request on loopback.
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range?" + params)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void report(
      Window w, List<Query> queries, Map<Query, Double> ours, Map<Query, Double> theirs) {
    System.out.printf("%n== last %s, step %d s (median of %d runs, ms)%n", w.name(),
        w.stepMs() / 1000, RUNS);
    System.out.printf("%-40s %6s %8s %8s %8s%s%n", "dashboard", "n", "p50", "p95", "max",
        theirs == null ? "" : "   prom p50 p95 max   ratio p50");
    Map<String, List<Query>> byDashboard = new LinkedHashMap<>();
    queries.forEach(q -> byDashboard.computeIfAbsent(q.dashboard(), k -> new ArrayList<>()).add(q));
    byDashboard.put("all", queries);
    for (Map.Entry<String, List<Query>> e : byDashboard.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(ours::get).sorted().toArray();
      String line =
          String.format("%-40s %6d %8.1f %8.1f %8.1f", e.getKey(), v.length, pct(v, 0.5),
              pct(v, 0.95), v[v.length - 1]);
      if (theirs != null) {
        double[] p = e.getValue().stream().mapToDouble(theirs::get).sorted().toArray();
        line +=
            String.format("   %6.1f %6.1f %6.1f   %5.2f", pct(p, 0.5), pct(p, 0.95),
                p[p.length - 1], pct(v, 0.5) / pct(p, 0.5));
      }
      System.out.println(line);
    }
    System.out.println("slowest 10:");
    queries.stream()
        .sorted(Comparator.comparingDouble((Query q) -> ours.get(q)).reversed())
        .limit(10)
        .forEach(
            q ->
                System.out.printf(
                    "  %8.1f ms%s  %s:%d  %s%n", ours.get(q),
                    theirs == null ? "" : String.format(" (prom %.1f)", theirs.get(q)),
                    q.dashboard(), q.line(), q.text().replaceAll("\\s+", " ")));
  }

  private static double pct(double[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static List<Query> queries(Map<String, List<String>> raw, Window w) {
    Map<String, String> builtIns = new HashMap<>();
    builtIns.put("__rate_interval", w.rateInterval());
    builtIns.put("__interval", w.stepMs() / 1000 + "s");
    builtIns.put("__interval_ms", "" + w.stepMs());
    builtIns.put("__range", w.name());
    builtIns.put("__range_s", "" + w.rangeMs() / 1000);
    builtIns.put("__range_ms", "" + w.rangeMs());
    List<Query> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      List<String> lines = e.getValue();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i) == null) {
          continue;
        }
        String text =
            GrafanaVariables.substitute(
                lines.get(i), builtIns, name -> LABEL_VARIABLES.getOrDefault(name, name));
        out.add(new Query(e.getKey(), i + 2, text));
      }
    }
    return out;
  }

  /** Panel queries per dashboard file (template variable rows excluded), in file order. */
  private static Map<String, List<String>> readDashboards(Path dir) throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".queries.tsv")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        int expr = List.of(lines.get(0).split("\t", -1)).indexOf("expr");
        List<String> queries = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
          String[] cells = line.split("\t", -1);
          // Null keeps positions, so printed line numbers match the file; skipped when querying.
          queries.add(
              cells[0].startsWith("var:") || cells.length <= expr || cells[expr].isBlank()
                  ? null
                  : cells[expr].replace("\\n", "\n").replace("\\t", "\t"));
        }
        String name = f.getFileName().toString().replace(".queries.tsv", "");
        out.put(name, queries);
      }
    }
    return out;
  }

  private static void load(Head head, DashboardData data) throws Exception {
    Appender[] app = {head.appender()};
    long[] n = {0};
    data.generate(
        (labels, t, v) -> {
          app[0].append(labels, t, v);
          if (++n[0] % 100_000 == 0) {
            app[0].commit();
            app[0] = head.appender();
          }
        });
    app[0].commit();
  }

  private static void writeOpenMetrics(DashboardData data, Path file) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      data.generate(
          (labels, t, v) -> {
            w.write(series(labels));
            w.write(' ');
            w.write(GoFloat.formatG(v));
            w.write(' ');
            w.write(Long.toString(t / 1000));
            w.write('\n');
          });
      w.write("# EOF\n");
    }
    System.out.printf("wrote %s%n", file);
  }

  private static final Map<Labels, String> SERIES_TEXT = new HashMap<>();

  private static String series(Labels labels) {
    return SERIES_TEXT.computeIfAbsent(
        labels,
        l -> {
          StringBuilder sb = new StringBuilder(l.metricName()).append('{');
          boolean first = true;
          for (var label : l) {
            if (label.name().equals("__name__")) {
              continue;
            }
            sb.append(first ? "" : ",").append(label.name()).append("=\"")
                .append(label.value().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            first = false;
          }
          return sb.append('}').toString();
        });
  }

  private static Path sharedDashboards() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".git"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the repository");
    }
    Path d = dir.resolveSibling("shared").resolve("reference/dashboards");
    if (!Files.isDirectory(d)) {
      throw new IllegalStateException("no dashboards at " + d);
    }
    return d;
  }
}
