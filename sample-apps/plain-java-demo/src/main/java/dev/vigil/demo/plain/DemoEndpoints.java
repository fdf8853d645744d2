package dev.vigil.demo.plain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * bounded worker pool, an outgoing {@link HttpClient} call, latency and failures.
 */
final class DemoEndpoints implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Supplier<URI> self;
  private final ThreadPoolExecutor workers;
  private final HttpClient client;

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
        new Route("GET", "/api/fail", "fail with 500 at probability ?rate=", this::fail));
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

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
