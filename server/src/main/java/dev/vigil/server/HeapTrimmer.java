package dev.vigil.server;

import dev.vigil.server.telemetry.Counter;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives heap the JVM grew but no longer needs back to the OS: every 10 seconds, when the
 * committed heap is more than twice its part outside eden (and 32 MiB more), runs one full
 * collection, which shrinks the heap by {@code MaxHeapFreeRatio}. Trims that G1 undoes at once
 * are spaced ever further apart. At the same checks it returns malloc's free memory ({@link
 * NativeHeapTrim}) when {@link NativeTrimCadence} says so. Only started when {@link HeapFootprint}
 * tuned the JVM.
 *
 * <p>Why: G1 (JDK 17) grows the heap after young collections whenever their share of wall time
 * is high, which on a busy 2-core machine happens during warm-up, but shrinks it only at a full
 * collection or a concurrent cycle's Remark, and a server whose live data is far below the
 * heap's occupancy threshold never starts one. Twice the live data is the heap Go's default
 * {@code GOGC=100} gives Prometheus.
 */
final class HeapTrimmer implements AutoCloseable {

  private static final Logger logger = System.getLogger(HeapTrimmer.class.getName());

  /**
   * How often the committed heap is compared with the data. A check reads the heap pools (a few
   * microseconds); 10 s rather than 30 s because G1 grows the heap during warm-up and RSS stays
   * at that peak until the next check (at 20k series the peak was 2.4x Prometheus's RSS).
   */
  static final Duration CHECK_EVERY = Duration.ofSeconds(10);

  /** Below this much excess a trim is not worth a pause: a few regions of young generation. */
  static final long MIN_EXCESS_BYTES = 32L << 20;

  /**
   * Trim pauses may take at most 1/200 (0.5 %) of wall time: after a trim that paused for P, the
   * next waits at least 200 P, so a large heap (whose full collection is long) is trimmed rarely.
   */
  static final int PAUSE_BUDGET_FACTOR = 200;

  /**
   * Longest spacing between trims. When G1 grows the heap straight back after a trim (it does
   * when young collections take a large share of wall time, as on an overloaded machine), each
   * further trim waits twice as long as the one before, up to this: we stop fighting its sizing
   * instead of paying a full collection every check.
   */
  static final Duration MAX_SPACING = Duration.ofMinutes(32);

  private final ScheduledExecutorService timer;
  private final Counter heapTrims;
  private final NativeHeapTrim nativeTrim;
  private final NativeTrimCadence nativeCadence;
  private final long[] startTrim;
  private long nextAllowedNanos = System.nanoTime();
  private long spacingNanos = CHECK_EVERY.toNanos();
  private long lastTrimNanos;
  private boolean trimmed;

  private HeapTrimmer(
      ScheduledExecutorService timer, TelemetryRegistry registry, long[] startTrim) {
    this.timer = timer;
    this.startTrim = startTrim;
    heapTrims =
        registry.counter(
            "vigil_jvm_heap_trims_total",
            "Full collections the heap trimmer ran to give heap the JVM no longer needs back to"
                + " the OS (the one at start included).");
    heapTrims.inc();
    nativeTrim = new NativeHeapTrim(registry);
    // Compilation time counts from zero at JVM start, so the first check sees the start-up's
    // compilations as a busy JIT and trims; reading the compilation bean here would cost the
    // start-up path its classes.
    nativeCadence = new NativeTrimCadence(System.nanoTime(), 0);
  }

  /**
   * Trims the heap the JVM committed at start down to what the opened store needs (one full
   * collection, on the caller's thread) and starts the periodic check on a daemon thread of its
   * own, reporting into {@code registry}.
   */
  static HeapTrimmer start(TelemetryRegistry registry) {
    long[] committed = collect();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-heap-trim");
              t.setDaemon(true);
              return t;
            });
    HeapTrimmer trimmer = new HeapTrimmer(timer, registry, committed);
    long every = CHECK_EVERY.toMillis();
    timer.scheduleWithFixedDelay(trimmer::checkSafely, every, every, TimeUnit.MILLISECONDS);
    return trimmer;
  }

  /** The committed heap in bytes before and after the trim at start. */
  long[] startTrim() {
    return startTrim.clone();
  }

  /**
   * Whether a heap of {@code committed} bytes holding {@code live} bytes outside eden (negative:
   * unknown) should be trimmed.
   */
  static boolean worthTrimming(long committed, long live) {
    if (live < 0) {
      return false;
    }
    long excess = committed - live;
    return excess > MIN_EXCESS_BYTES && excess > live;
  }

  /**
   * The spacing after a trim that came {@code sinceLastTrim} after the previous one (negative: the
   * first): doubled (up to {@link #MAX_SPACING}) when the heap was back to a trimmable size within
   * twice the current {@code spacing}, else back to {@link #CHECK_EVERY}.
   */
  static long nextSpacing(long sinceLastTrim, long spacing) {
    if (sinceLastTrim >= 0 && sinceLastTrim <= 2 * spacing) {
      return Math.min(2 * spacing, MAX_SPACING.toNanos());
    }
    return CHECK_EVERY.toNanos();
  }

  /**
   * The earliest time (nanoTime) of the next trim, after one that ended at {@code now} and
   * paused for {@code pauseNanos}, with the current {@code spacing}.
   */
  static long nextAllowed(long now, long pauseNanos, long spacing) {
    return now + Math.max(spacing, pauseNanos * PAUSE_BUDGET_FACTOR);
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      // A monitoring bean we cannot read must not kill the timer; the next check tries again.
      logger.log(Level.DEBUG, "heap trim check failed", e);
    }
  }

  private void check() {
    boolean heapTrimmed = trimHeapIfWorthIt();
    long compileMillis = compileMillis();
    if (nativeCadence.due(System.nanoTime(), compileMillis, heapTrimmed) && nativeTrim.trim()) {
      nativeCadence.trimmed(System.nanoTime(), compileMillis);
    }
  }

  /** One full collection when the heap outgrew the data and the spacing allows; true if run. */
  private boolean trimHeapIfWorthIt() {
    long now = System.nanoTime();
    if (now - nextAllowedNanos < 0) {
      return false;
    }
    long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    long live = liveEstimate();
    if (!worthTrimming(committed, live)) {
      return false;
    }
    spacingNanos = nextSpacing(trimmed ? now - lastTrimNanos : -1, spacingNanos);
    long start = System.nanoTime();
    long[] result = collect();
    heapTrims.inc();
    long end = System.nanoTime();
    // Only the collection counts against the pause budget: the native trim that follows does not
    // stop the application.
    long pause = end - start;
    trimmed = true;
    lastTrimNanos = end;
    nextAllowedNanos = nextAllowed(end, pause, spacingNanos);
    logger.log(
        Level.DEBUG,
        () ->
            "heap trimmed: committed "
                + (result[0] >> 20)
                + " -> "
                + (result[1] >> 20)
                + " MiB, "
                + (live >> 20)
                + " MiB outside eden; next trim in "
                + (spacingNanos / 1_000_000_000L)
                + " s at the earliest");
    return true;
  }

  /**
   * One full collection, shrinking the heap by {@code MaxHeapFreeRatio}; returns the committed
   * heap in bytes before and after. At start this is all we do: the native trim waits for the
   * first check, off the start-up path (finding the diagnostic command loads ~200 classes).
   */
  private static long[] collect() {
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    // Deliberate: G1 gives memory back only at a full collection or a Remark, and nothing
    // else starts either while the live data is small (see the class comment).
    System.gc();
    long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    return new long[] {before, after};
  }

  /**
   * The JVM's total compilation time in milliseconds (summed over compiler threads), or {@code -1}
   * when it does not report it.
   */
  private static long compileMillis() {
    CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported()
        ? c.getTotalCompilationTime()
        : -1;
  }

  /**
   * Heap bytes outside eden: survivors and old generation (so live data plus old garbage not yet
   * collected), which is what a young collection leaves. Read from the pools' current usage
   * rather than {@code GcInfo}, whose open-type machinery costs ~150 classes and 100 ms of CPU to
   * load, and rather than the pools' collection usage, which G1 does not update for the old
   * generation after young collections.
   */
  private static long liveEstimate() {
    long used = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && !p.getName().contains("Eden")) {
        used += p.getUsage().getUsed();
      }
    }
    return used;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
