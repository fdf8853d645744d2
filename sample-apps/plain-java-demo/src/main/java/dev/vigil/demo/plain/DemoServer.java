package dev.vigil.demo.plain;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The demo's HTTP server: the JDK's {@link HttpServer}, a bounded growing pool, the routes. */
final class DemoServer implements AutoCloseable {

  /** Threads kept for the usual load. */
  private static final int CORE_THREADS = 8;

  /**
   * Threads at most. /api/proxy and /api/order call back into this server and hold their thread
   * while they wait, so a fixed pool deadlocks once every thread is such a caller (seen with 8
   * threads and 8 concurrent /api/order clients); the pool grows instead, up to this many requests
   * in flight, and the extra threads go after a minute idle.
   */
  private static final int MAX_THREADS = 64;

  private final HttpServer server;
  private final ExecutorService executor;
  private final DemoEndpoints endpoints;
  private final URI uri;

  private DemoServer(
      HttpServer server, ExecutorService executor, DemoEndpoints endpoints, URI uri) {
    this.server = server;
    this.executor = executor;
    this.endpoints = endpoints;
    this.uri = uri;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @throws IOException when the address cannot be bound; the message names it
   */
  static DemoServer start(String host, int port) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    String authority = host.contains(":") ? "[" + host + "]" : host;
    URI uri = URI.create("http://" + authority + ":" + server.getAddress().getPort());
    DemoEndpoints endpoints = new DemoEndpoints(() -> uri);
    AtomicInteger ids = new AtomicInteger();
    ExecutorService executor =
        new ThreadPoolExecutor(
            CORE_THREADS,
            MAX_THREADS,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> new Thread(r, "demo-http-" + ids.incrementAndGet()));
    server.createContext("/", new Router(endpoints.routes()));
    server.setExecutor(executor);
    server.start();
    return new DemoServer(server, executor, endpoints, uri);
  }

  /** The base URI clients use, with the actually bound port. */
  URI uri() {
    return uri;
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    endpoints.close();
  }
}
