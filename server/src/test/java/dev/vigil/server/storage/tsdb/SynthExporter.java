package dev.vigil.server.storage.tsdb;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small text-format exporter for process-level tests: a few counters and gauges whose values
 * change on every scrape, so every scrape stores new, distinguishable samples.
 */
final class SynthExporter implements AutoCloseable {

  static final int SERIES = 20;

  private final HttpServer server;
  private final AtomicLong scrapes = new AtomicLong();

  SynthExporter() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = body(scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** {@code host:port} for a static_configs target. */
  String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Writes {@code file}: a prometheus.yml whose job {@code synth} scrapes this every second. */
  Path writeConfig(Path file) throws IOException {
    Files.writeString(file, """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: synth
            static_configs:
              - targets: ["%s"]
        """.formatted(target()));
    return file;
  }

  private static String body(long n) {
    StringBuilder sb = new StringBuilder();
    sb.append("# TYPE synth_requests_total counter\n");
    for (int i = 0; i < SERIES / 2; i++) {
      sb.append("synth_requests_total{path=\"/p").append(i).append("\"} ")
          .append(n * (i + 1)).append('\n');
    }
    sb.append("# TYPE synth_temperature gauge\n");
    for (int i = 0; i < SERIES / 2; i++) {
      // Fractions with many significant bits, so the WAL's raw-bits value form is exercised too.
      sb.append("synth_temperature{room=\"r").append(i).append("\"} ")
          .append(20 + Math.sin(n * 0.1 + i) * 5).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
