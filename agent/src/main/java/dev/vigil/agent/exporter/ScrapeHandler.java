package dev.vigil.agent.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Answers {@code GET /metrics} with the current snapshot in the negotiated format, and {@code /}
 * with a pointer to it; everything else is 404 or 405.
 *
 * <p>The body is rendered into memory before the status line is sent, so a failure while collecting
 * becomes a 500 instead of a truncated 200 that a scraper would half-ingest.
 */
final class ScrapeHandler implements HttpHandler {

  static final String METRICS_PATH = "/metrics";

  private final Supplier<MetricSnapshots> snapshots;

  ScrapeHandler(Supplier<MetricSnapshots> snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(METRICS_PATH) && !path.equals("/")) {
        sendText(exchange, 404, "Not found. Metrics are at " + METRICS_PATH + "\n");
      } else if (!isGetOrHead(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        sendText(exchange, 405, "Method not allowed\n");
      } else if (path.equals("/")) {
        sendText(exchange, 200, "Vigil agent. Metrics are at " + METRICS_PATH + "\n");
      } else {
        scrape(exchange);
      }
    }
  }

  private void scrape(HttpExchange exchange) throws IOException {
    ExpositionFormatWriter writer =
        ExpositionNegotiation.writerFor(exchange.getRequestHeaders().getFirst("Accept"));
    boolean gzip =
        ExpositionNegotiation.acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
    byte[] body;
    try {
      body = render(writer, gzip);
    } catch (RuntimeException | IOException e) {
      sendText(exchange, 500, "Collecting metrics failed: " + e + "\n");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
    exchange.getResponseHeaders().set("Vary", "Accept, Accept-Encoding");
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    send(exchange, 200, body);
  }

  private byte[] render(ExpositionFormatWriter writer, boolean gzip) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
    if (gzip) {
      try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
        writer.write(out, snapshots.get());
      }
    } else {
      writer.write(buffer, snapshots.get());
    }
    return buffer.toByteArray();
  }

  private static boolean isGetOrHead(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (exchange.getRequestMethod().equals("HEAD")) {
      // -1: no body follows; the JDK server then leaves Content-Length out.
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
