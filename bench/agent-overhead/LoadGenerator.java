import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for bench/agent-overhead.sh: waits for the app's first successful answer (startup time,
 * measured from the launch instant the script passes in), then runs a closed loop of {@code
 * concurrency} clients, discards the warm-up and prints latency percentiles of the rest.
 *
 * <p>Usage: {@code LoadGenerator <url> <launchEpochMillis> <warmupSeconds> <seconds>
 * <concurrency>}; prints {@code name value} lines.
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    long launchedAt = Long.parseLong(args[1]);
    Duration warmup = Duration.ofSeconds(Long.parseLong(args[2]));
    Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
    int concurrency = Integer.parseInt(args[4]);

    System.out.println("startup_ms " + (awaitFirstAnswer(uri) - launchedAt));
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    AtomicLong errors = new AtomicLong();
    List<long[]> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      perThread.add(null);
      int index = i;
      Thread thread =
          new Thread(
              () -> {
                long[] latencies = run(uri, measureFrom, measureUntil, errors);
                synchronized (perThread) {
                  perThread.set(index, latencies);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.println("requests " + all.length);
    System.out.println("errors " + errors.get());
    System.out.println("throughput_rps " + all.length / (double) measured.toSeconds());
    System.out.println("p50_ms " + percentile(all, 0.50));
    System.out.println("p95_ms " + percentile(all, 0.95));
    System.out.println("p99_ms " + percentile(all, 0.99));
  }

  /** Polls every 5 ms until the app answers 200; returns that moment in epoch millis. */
  private static long awaitFirstAnswer(URI uri) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    long giveUpAt = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < giveUpAt) {
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return System.currentTimeMillis();
        }
      } catch (java.io.IOException notUpYet) {
        // Not listening yet.
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no 200 from " + uri + " within 120 s");
  }

  /** One closed-loop client: latencies in microseconds of requests started in the window. */
  private static long[] run(URI uri, long measureFrom, long measureUntil, AtomicLong errors) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    long[] latencies = new long[1 << 16];
    int count = 0;
    long now;
    while ((now = System.nanoTime()) < measureUntil) {
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        long micros = (System.nanoTime() - now) / 1_000;
        if (status != 200) {
          errors.incrementAndGet();
        } else if (now >= measureFrom) {
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = micros;
        }
      } catch (Exception e) {
        errors.incrementAndGet();
      }
    }
    return Arrays.copyOf(latencies, count);
  }

  private static String percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return "NaN";
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return String.format("%.3f", sorted[Math.max(0, index)] / 1000.0);
  }
}
