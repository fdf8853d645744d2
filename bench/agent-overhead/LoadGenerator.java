import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load for bench/agent-overhead.sh: waits for the app's first successful answer (startup time,
 * measured from the launch instant the script passes in), then sends requests for warm-up plus
 * measured time, discards the warm-up and prints latency percentiles of the rest.
 *
 * <p>Two shapes. Closed loop ({@code rate} 0): {@code concurrency} clients, each sending its next
 * request when the previous answer arrives; on a saturated box that measures throughput more than
 * latency. Open loop ({@code rate} > 0): requests are due at a fixed rate, slot i at start + i /
 * rate, spread over {@code concurrency} senders (sender k takes slots k, k + concurrency, ...); a
 * request's latency runs from when it was due, not from when it was sent, so a sender that falls
 * behind counts its waiting too (no coordinated omission).
 *
 * <p>{@code {id}} in the URL becomes 1..1000, cycling with the slot, so requests spread over rows.
 * With the app's pid, the app's CPU time (from /proc, in clock ticks) over the measured window is
 * printed per request, once in all and once without the JIT compiler threads: an app still being
 * compiled spends much of its CPU there, which says more about warm-up than about the request.
 *
 * <p>Usage: {@code LoadGenerator <url> <launchEpochMillis> <warmupSeconds> <seconds>
 * <concurrency> [<ratePerSecond> [<appPid> [<startupUrl>]]]}; prints {@code name value} lines.
 * Startup is timed to the first 200 from {@code startupUrl} (default: the first request).
 */
public final class LoadGenerator {

  private static final int IDS = 1000;

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    long launchedAt = Long.parseLong(args[1]);
    Duration warmup = Duration.ofSeconds(Long.parseLong(args[2]));
    Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
    int concurrency = Integer.parseInt(args[4]);
    double rate = args.length > 5 ? Double.parseDouble(args[5]) : 0;
    long pid = args.length > 6 ? Long.parseLong(args[6]) : -1;
    List<HttpRequest> requests = requests(url);
    URI startupUri = args.length > 7 ? URI.create(args[7]) : requests.get(0).uri();

    System.out.println("startup_ms " + (awaitFirstAnswer(startupUri) - launchedAt));
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    AtomicLong errors = new AtomicLong();
    long[][] perThread = new long[concurrency][];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      int index = i;
      Sender sender =
          rate > 0
              ? new Sender(requests, start, (long) (1e9 / rate), index, concurrency)
              : new Sender(requests, 0, 0, index, 1);
      Thread thread =
          new Thread(() -> perThread[index] = sender.run(measureFrom, measureUntil, errors));
      // Daemon: a sender stuck on an app that stopped answering must not keep the bench waiting.
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    long ticksBefore = -1;
    long jitBefore = -1;
    if (pid > 0) {
      LockSupport.parkNanos(measureFrom - System.nanoTime());
      ticksBefore = cpuTicks(pid);
      jitBefore = compilerTicks(pid);
    }
    long ticksAfter = -1;
    long jitAfter = -1;
    if (pid > 0) {
      // The app's CPU over the measured window; requests still in flight after it are not counted.
      LockSupport.parkNanos(measureUntil - System.nanoTime());
      ticksAfter = cpuTicks(pid);
      jitAfter = compilerTicks(pid);
    }
    long giveUpAt = measureUntil + Duration.ofSeconds(30).toNanos();
    for (int i = 0; i < concurrency; i++) {
      threads.get(i).join(Math.max(1, (giveUpAt - System.nanoTime()) / 1_000_000));
      if (threads.get(i).isAlive()) {
        // Its latencies are lost; the run is reported as failed rather than hanging the bench.
        System.err.println("sender " + i + " got no answer within 30 s of the end");
        errors.incrementAndGet();
        perThread[i] = new long[0];
      }
    }
    long[] all = Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.println("requests " + all.length);
    System.out.println("errors " + errors.get());
    System.out.println("throughput_rps " + all.length / (double) measured.toSeconds());
    System.out.println("p50_ms " + percentile(all, 0.50));
    System.out.println("p95_ms " + percentile(all, 0.95));
    System.out.println("p99_ms " + percentile(all, 0.99));
    if (ticksBefore >= 0 && all.length > 0) {
      double ticks = ticksAfter - ticksBefore;
      System.out.println("cpu_ticks_per_1000_requests " + ticks * 1000 / all.length);
      double jit = jitAfter - jitBefore;
      System.out.println("cpu_ticks_no_jit_per_1000_requests " + (ticks - jit) * 1000 / all.length);
    }
  }

  /** The request for each id (one if the URL has no {@code {id}}), built once. */
  private static List<HttpRequest> requests(String url) {
    List<HttpRequest> requests = new ArrayList<>();
    int ids = url.contains("{id}") ? IDS : 1;
    for (int id = 1; id <= ids; id++) {
      URI uri = URI.create(url.replace("{id}", Integer.toString(id)));
      requests.add(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build());
    }
    return requests;
  }

  /** utime + stime of process {@code pid}, in clock ticks. */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * utime + stime of the JIT compiler threads of process {@code pid} ("C1 CompilerThre", "C2
   * CompilerThre": the kernel keeps 15 characters of a thread's name). On a small box the JVM
   * keeps a fixed pair of them; where it adds and ends compiler threads dynamically, one that ends
   * within the window takes its ticks with it, so this is a lower bound there.
   */
  private static long compilerTicks(long pid) throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended between the listing and the read
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    }
    return ticks;
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
      } catch (IOException notUpYet) {
        // Not listening yet.
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no 200 from " + uri + " within 120 s");
  }

  /** One client: its own connection, slots first, first + step, ... (open loop) or back to back. */
  private static final class Sender {
    private final List<HttpRequest> requests;
    private final long start;
    private final long intervalNanos;
    private final int first;
    private final int step;

    Sender(List<HttpRequest> requests, long start, long intervalNanos, int first, int step) {
      this.requests = requests;
      this.start = start;
      this.intervalNanos = intervalNanos;
      this.first = first;
      this.step = step;
    }

    /** Latencies in microseconds of the requests due in [measureFrom, measureUntil). */
    long[] run(long measureFrom, long measureUntil, AtomicLong errors) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      long[] latencies = new long[1 << 14];
      int count = 0;
      for (long slot = first; ; slot += step) {
        long due;
        if (intervalNanos > 0) {
          due = start + slot * intervalNanos;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        } else {
          due = System.nanoTime();
        }
        if (due >= measureUntil) {
          break;
        }
        try {
          HttpRequest request = requests.get((int) (slot % requests.size()));
          int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          long micros = (System.nanoTime() - due) / 1_000;
          if (status != 200) {
            errors.incrementAndGet();
          } else if (due >= measureFrom) {
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
  }

  private static String percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return "NaN";
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return String.format("%.3f", sorted[Math.max(0, index)] / 1000.0);
  }
}
