package dev.vigil.server.scrape;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/** A real HTTP endpoint on 127.0.0.1 that serves whatever exposition a test sets. */
final class TestTarget implements AutoCloseable {

  /** What the next scrape gets. */
  record Reply(int status, String contentType, String body, boolean gzip, CountDownLatch block) {}

  private final HttpServer server;
  private final AtomicReference<Reply> reply =
      new AtomicReference<>(new Reply(200, "text/plain; version=0.0.4", "", false, null));
  private final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
  private final AtomicReference<String> lastUri = new AtomicReference<>();

  TestTarget() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          lastHeaders.set(exchange.getRequestHeaders());
          lastUri.set(exchange.getRequestURI().toString());
          Reply r = reply.get();
          try {
            if (r.block() != null) {
              r.block().await();
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            if (r.gzip()) {
              ByteArrayOutputStream buf = new ByteArrayOutputStream();
              try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
                gz.write(body);
              }
              body = buf.toByteArray();
              exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // The scraper gave up (timeout); nothing to do.
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  void serve(String body) {
    reply.set(new Reply(200, "text/plain; version=0.0.4; charset=utf-8", body, false, null));
  }

  void serve(Reply r) {
    reply.set(r);
  }

  Headers lastHeaders() {
    return lastHeaders.get();
  }

  String lastUri() {
    return lastUri.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
