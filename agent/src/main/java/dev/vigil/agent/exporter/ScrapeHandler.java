package dev.vigil.agent.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Answers {@code GET /metrics} with the current metrics in the negotiated format, and {@code /}
 * with a pointer to it; everything else is 404 or 405.
 *
 * <p>The body is rendered into memory before the status line is sent, so a failure while collecting
 * becomes a 500 instead of a truncated 200 that a scraper would half-ingest. The memory is a few
 * buffers (and gzip encoders) kept from scrape to scrape, one set per concurrent scrape.
 */
final class ScrapeHandler implements HttpHandler, AutoCloseable {

  static final String METRICS_PATH = "/metrics";

  /** As many as scrapes can run at once: the endpoint's two request threads. */
  private static final int KEPT_BUFFERS = 2;

  private static final int BODY_CAPACITY = 64 * 1024;
  private static final int GZIP_CAPACITY = 16 * 1024;

  private final ExpositionSource source;
  private final ArrayDeque<ScrapeBuffers> idle = new ArrayDeque<>();
  private boolean closed;

  ScrapeHandler(ExpositionSource source) {
    this.source = source;
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
        ScrapeBuffers buffers = take();
        try {
          scrape(exchange, buffers);
        } finally {
          give(buffers);
        }
      }
    }
  }

  /** Ends the kept gzip encoders; scrapes still running end theirs when they finish. */
  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
      for (ScrapeBuffers buffers : idle) {
        buffers.gzip.close();
      }
      idle.clear();
    }
  }

  private void scrape(HttpExchange exchange, ScrapeBuffers buffers) throws IOException {
    ExpositionFormatWriter writer =
        ExpositionNegotiation.writerFor(exchange.getRequestHeaders().getFirst("Accept"));
    boolean gzip =
        ExpositionNegotiation.acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
    ExpositionBuffer body;
    try {
      body = render(writer, gzip, buffers);
    } catch (RuntimeException | IOException e) {
      sendText(exchange, 500, "Collecting metrics failed: " + e + "\n");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
    exchange.getResponseHeaders().set("Vary", "Accept, Accept-Encoding");
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    send(exchange, 200, body.array(), body.length());
  }

  private ExpositionBuffer render(
      ExpositionFormatWriter writer, boolean gzip, ScrapeBuffers buffers) throws IOException {
    ExpositionBuffer body = buffers.body;
    body.reset();
    source.render(writer, body);
    if (!gzip) {
      return body;
    }
    buffers.gzipped.reset();
    buffers.gzip.encode(body.array(), body.length(), buffers.gzipped);
    return buffers.gzipped;
  }

  private ScrapeBuffers take() {
    synchronized (idle) {
      ScrapeBuffers kept = idle.pollFirst();
      return kept != null ? kept : new ScrapeBuffers();
    }
  }

  private void give(ScrapeBuffers buffers) {
    synchronized (idle) {
      if (!closed && idle.size() < KEPT_BUFFERS) {
        idle.addFirst(buffers);
        return;
      }
    }
    buffers.gzip.close();
  }

  private static boolean isGetOrHead(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    send(exchange, status, body, body.length);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, int length)
      throws IOException {
    if (exchange.getRequestMethod().equals("HEAD")) {
      // -1: no body follows; the JDK server then leaves Content-Length out.
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body, 0, length);
    }
  }

  /** What one scrape renders into; kept for the next. */
  private static final class ScrapeBuffers {
    final ExpositionBuffer body = new ExpositionBuffer(BODY_CAPACITY);
    final ExpositionBuffer gzipped = new ExpositionBuffer(GZIP_CAPACITY);
    final GzipEncoder gzip = new GzipEncoder();
  }
}
