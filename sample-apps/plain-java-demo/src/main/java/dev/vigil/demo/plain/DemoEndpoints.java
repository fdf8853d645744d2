package dev.vigil.demo.plain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The demo's endpoints, each doing real work of the kind an agent instruments: CPU, allocation, a
 * bounded worker pool, an outgoing {@link HttpClient} call, JDBC through a connection pool, latency
 * and failures.
 */
final class DemoEndpoints implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Supplier<URI> self;
  private final ThreadPoolExecutor workers;
  private final HttpClient client;

  /**
   * Opened by the first request that needs it, so that the database's start (H2 and HikariCP
   * class loading, seeding) is not on the demo's startup path, which the agent startup benchmarks
   * time.
   */
  private volatile OrderStore store;

  private boolean closed; // guarded by this

  /**
   * @param self the server's own base URI, known only once it is bound (port 0)
   */
  DemoEndpoints(Supplier<URI> self) {
    this.self = self;
    // Bounded on purpose: a full queue is answered with 503, so pool saturation is observable.
    AtomicInteger ids = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            2,
            4,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64),
            r -> {
              Thread t = new Thread(r, "demo-worker-" + ids.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The routing table: adding an endpoint adds a row. */
  List<Route> routes() {
    return List.of(
        new Route("GET", "/health", "liveness", q -> Response.ok("{\"status\":\"UP\"}")),
        new Route("GET", "/api/primes", "count primes up to ?limit= (CPU)", this::primes),
        new Route("GET", "/api/allocate", "allocate and checksum ?kb= KiB", this::allocate),
        new Route("GET", "/api/batch", "?tasks= prime counts on the worker pool", this::batch),
        new Route("GET", "/api/proxy", "call /api/primes on itself via HttpClient", this::proxy),
        new Route("GET", "/api/slow", "sleep a random time up to ?maxMillis=", this::slow),
        new Route("GET", "/api/fail", "fail with 500 at probability ?rate=", this::fail),
        new Route(
            "GET",
            "/api/order",
            "order ?id= (1-" + OrderStore.ORDERS + "): JDBC, /api/stock via HttpClient, pool",
            this::order),
        new Route("GET", "/api/stock", "stock of ?product= (one JDBC query)", this::stock));
  }

  private Response primes(Query query) {
    int limit = query.intParam("limit", 100_000, 0, 5_000_000);
    return Response.ok(
        String.format(Locale.ROOT, "{\"limit\":%d,\"primes\":%d}", limit, Primes.countUpTo(limit)));
  }

  private Response allocate(Query query) {
    int kb = query.intParam("kb", 1024, 1, 65_536);
    byte[][] blocks = new byte[kb][1024];
    CRC32 crc = new CRC32();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (byte[] block : blocks) {
      random.nextBytes(block);
      crc.update(block);
    }
    return Response.ok(
        String.format(
            Locale.ROOT, "{\"bytes\":%d,\"crc32\":%d}", (long) kb * 1024, crc.getValue()));
  }

  private Response batch(Query query) throws Exception {
    int tasks = query.intParam("tasks", 4, 1, 64);
    int limit = query.intParam("limit", 50_000, 0, 1_000_000);
    List<Future<Integer>> futures = new ArrayList<>(tasks);
    try {
      for (int i = 0; i < tasks; i++) {
        futures.add(workers.submit(() -> Primes.countUpTo(limit)));
      }
    } catch (RejectedExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      return Response.error(503, "worker pool is saturated, try again");
    }
    long total = 0;
    try {
      for (Future<Integer> future : futures) {
        total += future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException | ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    return Response.ok(
        String.format(
            Locale.ROOT, "{\"tasks\":%d,\"limit\":%d,\"primes\":%d}", tasks, limit, total));
  }

  /**
   * Calls this server's own /api/primes. This needs a second server thread while the first waits,
   * which is why the server's pool has several threads.
   */
  private Response proxy(Query query) throws Exception {
    int limit = query.intParam("limit", 10_000, 0, 5_000_000);
    HttpRequest request =
        HttpRequest.newBuilder(self.get().resolve("/api/primes?limit=" + limit))
            .timeout(CALL_TIMEOUT)
            .build();
    HttpResponse<String> upstream = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (upstream.statusCode() != 200) {
      return Response.error(502, "upstream /api/primes answered " + upstream.statusCode());
    }
    return Response.ok(
        "{\"upstreamStatus\":" + upstream.statusCode() + ",\"upstream\":" + upstream.body() + "}");
  }

  private Response slow(Query query) throws InterruptedException {
    int maxMillis = query.intParam("maxMillis", 300, 0, 5000);
    int slept = ThreadLocalRandom.current().nextInt(maxMillis + 1);
    Thread.sleep(slept);
    return Response.ok("{\"sleptMillis\":" + slept + "}");
  }

  private Response fail(Query query) {
    double rate = query.rateParam("rate", 0.3);
    if (ThreadLocalRandom.current().nextDouble() < rate) {
      return Response.error(500, "simulated failure (rate " + rate + ")");
    }
    return Response.ok("{\"ok\":true}");
  }

  /**
   * A short request through several instrumented calls, like a typical service's: counts a view of
   * the order and reads it (two JDBC statements on a pooled connection), asks this server's own
   * /api/stock for the product's stock (an outgoing HTTP call, and a second server request with a
   * third statement), and prices the order on the worker pool.
   */
  private Response order(Query query) throws Exception {
    int id = query.intParam("id", 1, OrderStore.ORDERS);
    Optional<Order> found;
    try {
      found = store().view(id);
    } catch (SQLTransientConnectionException e) {
      return Response.error(503, "database pool is saturated, try again");
    }
    if (found.isEmpty()) {
      return Response.error(404, "no order " + id);
    }
    Order order = found.get();
    HttpRequest request =
        HttpRequest.newBuilder(self.get().resolve("/api/stock?product=" + order.productId()))
            .timeout(CALL_TIMEOUT)
            .build();
    HttpResponse<String> upstream = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (upstream.statusCode() != 200) {
      return Response.error(502, "upstream /api/stock answered " + upstream.statusCode());
    }
    int stock = stockIn(upstream.body());
    Future<Long> total;
    try {
      total = workers.submit(order::totalCents);
    } catch (RejectedExecutionException e) {
      return Response.error(503, "worker pool is saturated, try again");
    }
    long totalCents = total.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return Response.ok(
        String.format(
            Locale.ROOT,
            "{\"id\":%d,\"product\":\"%s\",\"quantity\":%d,\"totalCents\":%d,"
                + "\"inStock\":%b,\"views\":%d}",
            order.id(),
            Json.escape(order.productName()),
            order.quantity(),
            totalCents,
            stock >= order.quantity(),
            order.views()));
  }

  private Response stock(Query query) throws SQLException {
    int product = query.intParam("product", 1, Integer.MAX_VALUE);
    OptionalInt stock;
    try {
      stock = store().stockOf(product);
    } catch (SQLTransientConnectionException e) {
      return Response.error(503, "database pool is saturated, try again");
    }
    if (stock.isEmpty()) {
      return Response.error(404, "no product " + product);
    }
    return Response.ok("{\"product\":" + product + ",\"stock\":" + stock.getAsInt() + "}");
  }

  /** The {@code stock} number of /api/stock's answer, which this class itself writes. */
  private static int stockIn(String json) {
    String key = "\"stock\":";
    int from = json.indexOf(key);
    if (from < 0) {
      throw new IllegalStateException("no stock in /api/stock's answer: " + json);
    }
    from += key.length();
    int to = from;
    while (to < json.length() && Character.isDigit(json.charAt(to))) {
      to++;
    }
    return Integer.parseInt(json.substring(from, to));
  }

  private OrderStore store() throws SQLException {
    OrderStore opened = store;
    if (opened != null) {
      return opened;
    }
    synchronized (this) {
      if (closed) {
        throw new SQLException("the demo is shutting down");
      }
      if (store == null) {
        store = OrderStore.open();
      }
      return store;
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    synchronized (this) {
      closed = true;
      if (store != null) {
        store.close();
      }
    }
  }
}
