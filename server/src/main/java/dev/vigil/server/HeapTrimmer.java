package dev.vigil.server;

import com.sun.management.GcInfo;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Gives heap the JVM grew but no longer needs back to the OS: every half minute, when the
 * committed heap is more than twice what the last collection left (and 32 MiB more), runs one
 * full collection, which shrinks the heap by {@code MaxHeapFreeRatio}, then returns freed native
 * memory (malloc's free lists) too. Only started when {@link HeapFootprint} tuned the JVM.
 *
 * <p>Why: G1 (JDK 17) grows the heap after young collections whenever their share of wall time
 * is high, which on a busy 2-core machine happens during warm-up, but shrinks it only at a full
 * collection or a concurrent cycle's Remark, and a server whose live data is far below the
 * heap's occupancy threshold never starts one. Twice the live data is the heap Go's default
 * {@code GOGC=100} gives Prometheus.
 */
final class HeapTrimmer implements AutoCloseable {

  private static final Logger logger = System.getLogger(HeapTrimmer.class.getName());

  static final Duration CHECK_EVERY = Duration.ofSeconds(30);

  /** Below this much excess a trim is not worth a pause: a few regions of young generation. */
  static final long MIN_EXCESS_BYTES = 32L << 20;

  /**
   * Trim pauses may take at most 1/200 (0.5 %) of wall time: after a trim that paused for P, the
   * next waits at least 200 P, so a large heap (whose full collection is long) is trimmed rarely.
   */
  static final int PAUSE_BUDGET_FACTOR = 200;

  private final ScheduledExecutorService timer;
  private long nextAllowedNanos = Long.MIN_VALUE;

  private HeapTrimmer(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts the periodic check on a daemon thread of its own. */
  static HeapTrimmer start() {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-heap-trim");
              t.setDaemon(true);
              return t;
            });
    HeapTrimmer trimmer = new HeapTrimmer(timer);
    long every = CHECK_EVERY.toMillis();
    timer.scheduleWithFixedDelay(trimmer::checkSafely, every, every, TimeUnit.MILLISECONDS);
    return trimmer;
  }

  /**
   * Whether a heap of {@code committed} bytes holding {@code live} bytes after the last
   * collection (negative: unknown) should be trimmed.
   */
  static boolean worthTrimming(long committed, long live) {
    if (live < 0) {
      return false;
    }
    long excess = committed - live;
    return excess > MIN_EXCESS_BYTES && excess > live;
  }

  /** The earliest time (nanoTime) of the next trim, after one that ended at {@code now}. */
  static long nextAllowed(long now, long pauseNanos) {
    return now + Math.max(CHECK_EVERY.toNanos(), pauseNanos * PAUSE_BUDGET_FACTOR);
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
    long now = System.nanoTime();
    if (now - nextAllowedNanos < 0) {
      return;
    }
    long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    long live = liveAfterLastCollection();
    if (!worthTrimming(committed, live)) {
      return;
    }
    long[] result = trimNow();
    long end = System.nanoTime();
    nextAllowedNanos = nextAllowed(end, end - now);
    logger.log(
        Level.DEBUG,
        () ->
            "heap trimmed: committed "
                + (result[0] >> 20)
                + " -> "
                + (result[1] >> 20)
                + " MiB, "
                + (live >> 20)
                + " MiB live after the previous collection");
  }

  /**
   * One full collection (shrinking the heap by {@code MaxHeapFreeRatio}), then malloc's free
   * memory back to the OS; returns the committed heap in bytes before and after.
   */
  static long[] trimNow() {
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    // Deliberate: G1 gives memory back only at a full collection or a Remark, and nothing
    // else starts either while the live data is small (see the class comment).
    System.gc();
    long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    trimNativeHeap();
    return new long[] {before, after};
  }

  /**
   * {@code jcmd System.trim_native_heap} from inside: glibc keeps memory the JIT compilers freed;
   * on a JVM or libc without the command this does nothing.
   */
  private static void trimNativeHeap() {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "systemTrimNativeHeap",
              new Object[] {new String[0]},
              new String[] {String[].class.getName()});
    } catch (Exception e) {
      logger.log(Level.DEBUG, "System.trim_native_heap unavailable", e);
    }
  }

  /**
   * Heap bytes in use right after the most recent collection (survivors and old generation, so
   * live data plus old garbage not yet collected); -1 before the first collection.
   */
  private static long liveAfterLastCollection() {
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heapPools.add(p.getName());
      }
    }
    GcInfo last = null;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
        GcInfo info = sun.getLastGcInfo();
        if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
          last = info;
        }
      }
    }
    if (last == null) {
      return -1;
    }
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : last.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    return used;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
