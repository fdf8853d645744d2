package dev.vigil.server;

import dev.vigil.server.telemetry.Counter;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives heap the JVM grew but no longer needs back to the OS: every 10 seconds, when the
 * committed heap is more than twice the live data the last full collection found (and 8 MiB
 * more), runs one full collection, which shrinks the heap by {@code MaxHeapFreeRatio}. Trims that
 * G1 undoes at once are spaced ever further apart. At the same checks it returns malloc's free
 * memory ({@link NativeHeapTrim}) when {@link NativeTrimCadence} says so. Only started when {@link
 * HeapFootprint} tuned the JVM.
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

  /**
   * Below this much excess over twice the live data a trim is not worth a pause: two regions of
   * young generation at the 4 MiB G1 picks for a few-GB maximum heap. Session 6 lowered it from
   * 32 MiB: with ~16 MiB live at 2,000 series, 32 MiB meant no trim before the heap reached 64 MiB,
   * while promoted garbage grew it from 32 to 44 MiB over 20 minutes (and RSS with it) without G1
   * starting a concurrent cycle.
   */
  static final long MIN_EXCESS_BYTES = 8L << 20;

  /**
   * Trim pauses may take at most 1/200 (0.5 %) of wall time: after a trim that paused for P, the
   * next waits at least 200 P, so a large heap (whose full collection is long) is trimmed rarely.
   */
  static final int PAUSE_BUDGET_FACTOR = 200;

  /**
   * Longest spacing between trims. When G1 grows the heap straight back after a trim (it does
   * when young collections take a large share of wall time, as on an overloaded machine), each
   * further trim waits twice as long as the one before, up to this: we stop fighting its sizing
   * instead of paying a full collection every check. Session 6 lowered it from 32 minutes: with
   * the 8 MiB slack G1's own young sizing makes almost every trim look undone, so the spacing
   * reached the cap within 11 minutes, and between trims promoted garbage grew the heap from 44
   * to 60 MiB (RSS 95 -> 104 MiB). A trim at 2,000 series pauses ~30-60 ms, so one every 4 minutes
   * is ~0.02 % of wall time; a heap whose trim pauses longer is spaced by the pause budget.
   */
  static final Duration MAX_SPACING = Duration.ofMinutes(4);

  private final ScheduledExecutorService timer;
  private final Counter heapTrims;
  private final NativeHeapTrim nativeTrim;
  private final NativeTrimCadence nativeCadence;
  private final long[] startTrim;
  private long nextAllowedNanos = System.nanoTime();
  private long spacingNanos = CHECK_EVERY.toNanos();
  private long lastTrimNanos;
  private boolean trimmed;
  /** Heap used right after the last full collection (ours): the live data, garbage excluded. */
  private long liveAfterFull;

  private HeapTrimmer(
      ScheduledExecutorService timer, TelemetryRegistry registry, long[] startTrim) {
    this.timer = timer;
    this.startTrim = startTrim;
    this.liveAfterFull = startTrim[2];
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
    return new long[] {startTrim[0], startTrim[1]};
  }

  /**
   * Whether a heap of {@code committed} bytes should be trimmed when the last full collection
   * left {@code live} bytes (negative: unknown): when it exceeds twice that by more than {@link
   * #MIN_EXCESS_BYTES}.
   *
   * <p>The live data is what a full collection left, not the old generation's current use: that
   * also holds the garbage young collections promoted since, which grows over a long run (short-
   * lived chunk buffers that outlive a few young collections) until G1 starts a concurrent cycle,
   * which at this heap size it may not do for half an hour; judged against it, a heap that grew
   * with that garbage never looked worth trimming. A live set that really grew is measured again
   * by the trim itself.
   */
  static boolean worthTrimming(long committed, long live) {
    if (live < 0) {
      return false;
    }
    return committed - 2 * live > MIN_EXCESS_BYTES;
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
    long live = liveAfterFull;
    if (!worthTrimming(committed, live)) {
      return false;
    }
    spacingNanos = nextSpacing(trimmed ? now - lastTrimNanos : -1, spacingNanos);
    long start = System.nanoTime();
    long[] result = collect();
    liveAfterFull = result[2];
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
                + (result[2] >> 20)
                + " MiB live (was "
                + (live >> 20)
                + "); next trim in "
                + (spacingNanos / 1_000_000_000L)
                + " s at the earliest");
    return true;
  }

  /**
   * One full collection, shrinking the heap by {@code MaxHeapFreeRatio}; returns the committed
   * heap in bytes before and after, and the heap used after (the live data). At start this is all
   * we do: the native trim waits for the first check, off the start-up path (finding the
   * diagnostic command loads ~200 classes).
   */
  private static long[] collect() {
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    // Deliberate: G1 gives memory back only at a full collection or a Remark, and nothing
    // else starts either while the live data is small (see the class comment).
    System.gc();
    MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new long[] {before, after.getCommitted(), after.getUsed()};
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

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
