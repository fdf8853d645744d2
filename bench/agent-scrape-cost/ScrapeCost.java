import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.vigil.agent.config.EndpointSecurity;
import dev.vigil.agent.exporter.MetricsHttpEndpoint;
import dev.vigil.agent.metrics.AgentMeterRegistry;
import dev.vigil.agent.metrics.HttpServerRequestMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cost of one scrape of the agent's endpoint, in a fresh JVM: builds the agent's registry (JVM,
 * process and host binders, some HTTP timers), starts the real endpoint on a free port and scrapes
 * it N times over a raw socket, 1.1 s apart (past the host metrics' 1 s cache, so every scrape
 * re-reads /proc and /sys as a real 5-15 s scrape interval does). Per scrape it
 * prints the CPU and allocated bytes of the endpoint's threads (ThreadMXBean) and the CPU of the
 * whole process (JIT compilation and GC included, plus this small client).
 *
 * <p>Usage: java -cp <agent classes and deps>:<this> ScrapeCost [scrapes] [text|openmetrics]
 * [gzip|identity] [gap ms]
 */
public final class ScrapeCost {

  public static void main(String[] args) throws Exception {
    int scrapes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    String format = args.length > 1 ? args[1] : "openmetrics";
    boolean gzip = args.length > 2 && args[2].equals("gzip");
    long gapMillis = args.length > 3 ? Long.parseLong(args[3]) : 1100;
    PrometheusMeterRegistry registry = AgentMeterRegistry.create("scrape-cost", null, true);
    HttpServerRequestMetrics http = new HttpServerRequestMetrics(registry);
    for (int i = 0; i < 200; i++) {
      http.record("GET", "/api/" + (i % 8), i % 13 == 0 ? 500 : 200, null, 1_000_000L + i * 7919L);
    }
    MetricsHttpEndpoint endpoint = startAsTheAgentDoes(registry);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String accept =
        format.equals("text")
            ? "text/plain"
            : "application/openmetrics-text;version=1.0.0,text/plain;q=0.5";
    System.out.println("scrape\tbytes\tendpoint_cpu_ms\tprocess_cpu_ms\tendpoint_alloc_kb");
    for (int i = 1; i <= scrapes; i++) {
      Map<Long, long[]> before = endpointThreads(threads);
      long processBefore = os.getProcessCpuTime();
      int bytes = scrape(endpoint.port(), accept, gzip);
      long processAfter = os.getProcessCpuTime();
      Map<Long, long[]> after = endpointThreads(threads);
      long cpu = 0;
      long alloc = 0;
      for (Map.Entry<Long, long[]> e : after.entrySet()) {
        long[] was = before.getOrDefault(e.getKey(), new long[2]);
        cpu += e.getValue()[0] - was[0];
        alloc += e.getValue()[1] - was[1];
      }
      System.out.printf(
          "%d\t%d\t%.2f\t%.2f\t%.1f%n",
          i, bytes, cpu / 1e6, (processAfter - processBefore) / 1e6, alloc / 1024.0);
      Thread.sleep(gapMillis);
    }
    endpoint.close();
  }

  /**
   * The endpoint as BackgroundStartup starts it: from the registry where this build has that
   * overload, else (builds before the direct writer) from the registry's client_java snapshots.
   */
  private static MetricsHttpEndpoint startAsTheAgentDoes(PrometheusMeterRegistry registry)
      throws Exception {
    try {
      return (MetricsHttpEndpoint)
          MetricsHttpEndpoint.class
              .getMethod(
                  "start", String.class, int.class, EndpointSecurity.class,
                  PrometheusMeterRegistry.class)
              .invoke(null, "127.0.0.1", 0, EndpointSecurity.none(), registry);
    } catch (NoSuchMethodException before) {
      Supplier<MetricSnapshots> snapshots = registry.getPrometheusRegistry()::scrape;
      return MetricsHttpEndpoint.start("127.0.0.1", 0, snapshots);
    }
  }

  /** CPU ns and allocated bytes of the endpoint's request threads and the server dispatcher. */
  private static Map<Long, long[]> endpointThreads(ThreadMXBean threads) {
    Map<Long, long[]> out = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (name.startsWith("vigil-agent-http-") || name.startsWith("HTTP-Dispatcher")) {
        long id = t.getId();
        out.put(id, new long[] {threads.getThreadCpuTime(id), threads.getThreadAllocatedBytes(id)});
      }
    }
    return out;
  }

  private static int scrape(int port, String accept, boolean gzip) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      String request =
          "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: "
              + accept
              + "\r\n"
              + (gzip ? "Accept-Encoding: gzip\r\n" : "")
              + "Connection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream(256 * 1024);
      in.transferTo(response);
      String head = response.toString(StandardCharsets.ISO_8859_1);
      if (!head.startsWith("HTTP/1.1 200")) {
        throw new IllegalStateException("scrape failed: " + head.lines().findFirst().orElse(""));
      }
      return response.size();
    }
  }
}
