package dev.vigil.demo.plain;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Calls the demo's own endpoints over HTTP, one round per interval, so that an attached agent has
 * moving HTTP server, HTTP client, executor and JVM metrics to show without outside traffic.
 */
final class LoadGenerator implements AutoCloseable {

  private static final System.Logger logger = System.getLogger(LoadGenerator.class.getName());

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "demo-load-generator");
            t.setDaemon(true);
            return t;
          });
  private long round;

  private LoadGenerator(URI base) {
    this.base = base;
  }

  /** Starts calling {@code base} every {@code interval}. */
  static LoadGenerator start(URI base, Duration interval) {
    LoadGenerator generator = new LoadGenerator(base);
    generator.scheduler.scheduleWithFixedDelay(
        generator::runRound, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return generator;
  }

  private void runRound() {
    try {
      round++;
      ThreadLocalRandom random = ThreadLocalRandom.current();
      List<String> paths =
          List.of(
              "/api/primes?limit=" + (10_000 + random.nextInt(200_000)),
              "/api/allocate?kb=" + (64 + random.nextInt(4096)),
              "/api/batch?tasks=4&limit=" + (10_000 + random.nextInt(40_000)),
              "/api/proxy?limit=" + (1_000 + random.nextInt(20_000)),
              "/api/slow?maxMillis=300",
              "/api/fail?rate=0.2",
              "/api/order?id=" + (1 + random.nextInt(OrderStore.ORDERS)),
              // Every tenth round a bad request and an unknown path, so 400 and 404 show too.
              round % 10 == 0 ? "/api/primes?limit=many" : "/health",
              round % 10 == 5 ? "/api/nothing-here" : "/health");
      for (String path : paths) {
        HttpRequest request =
            HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build();
        client.send(request, HttpResponse.BodyHandlers.discarding());
      }
    } catch (IOException e) {
      // The server may be stopping, or one call timed out: the next round tries again.
      logger.log(Level.DEBUG, "Load generator round failed: {0}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // An exception escaping would silently cancel the schedule; keep generating load.
      logger.log(Level.WARNING, "Load generator round failed", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
