package dev.vigil.metrics.jvm;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Binds the meters of Micrometer's {@code JvmThreadMetrics} ({@code jvm.threads.peak}, {@code
 * .daemon}, {@code .live}, {@code .started} and {@code jvm.threads.states} per {@link
 * Thread.State}) under the same ids, descriptions and units, with the thread states counted from
 * one thread snapshot per scrape.
 *
 * <p>Why: Micrometer's gauge of each state asks the JVM for the {@code ThreadInfo} of every live
 * thread, so a scrape took six snapshots of all threads: a {@code ThreadInfo}, its lock info and
 * strings per thread per state, the largest single share of the agent's garbage per scrape. Here
 * the first state read counts all six states from one snapshot and the others reuse it for up to
 * {@link #MAX_AGE}. The whole binder is replaced rather than registered in front of Micrometer's,
 * whose second registration of the same ids would log a warning.
 */
final class JvmThreadGauges implements MeterBinder {

  /** Shorter than any sensible scrape interval, long enough that one scrape takes one snapshot. */
  static final Duration MAX_AGE = Duration.ofSeconds(1);

  private static final Thread.State[] STATES = Thread.State.values();

  private static final String THREADS = "threads";

  private final ThreadMXBean threads;
  private final LongSupplier nanoClock;
  private final long[] counts = new long[STATES.length];
  private long countedAt;
  private boolean counted;

  JvmThreadGauges() {
    this(ManagementFactory.getThreadMXBean(), System::nanoTime);
  }

  JvmThreadGauges(ThreadMXBean threads, LongSupplier nanoClock) {
    this.threads = threads;
    this.nanoClock = nanoClock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    // Descriptions and units exactly as JvmThreadMetrics (Micrometer 1.17) registers them.
    Gauge.builder("jvm.threads.peak", threads, ThreadMXBean::getPeakThreadCount)
        .description(
            "The peak live thread count since the Java virtual machine started or peak was reset")
        .baseUnit(THREADS)
        .register(registry);
    Gauge.builder("jvm.threads.daemon", threads, ThreadMXBean::getDaemonThreadCount)
        .description("The current number of live daemon threads")
        .baseUnit(THREADS)
        .register(registry);
    Gauge.builder("jvm.threads.live", threads, ThreadMXBean::getThreadCount)
        .description(
            "The current number of live threads including both daemon and non-daemon threads")
        .baseUnit(THREADS)
        .register(registry);
    FunctionCounter.builder("jvm.threads.started", threads, ThreadMXBean::getTotalStartedThreadCount)
        .description("The total number of application threads started in the JVM")
        .baseUnit(THREADS)
        .register(registry);
    for (Thread.State state : STATES) {
      // Micrometer's tag value: TIMED_WAITING is "timed-waiting".
      String tag = state.name().toLowerCase(Locale.ROOT).replace('_', '-');
      Gauge.builder("jvm.threads.states", this, gauges -> gauges.count(state))
          .tags("state", tag)
          .description("The current number of threads")
          .baseUnit(THREADS)
          .strongReference(true)
          .register(registry);
    }
  }

  /** Threads in {@code state} as of a snapshot no older than {@link #MAX_AGE}. */
  synchronized double count(Thread.State state) {
    long now = nanoClock.getAsLong();
    if (!counted || now - countedAt >= MAX_AGE.toNanos()) {
      Arrays.fill(counts, 0);
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        // Null for a thread that ended between the two calls, as Micrometer skips it.
        if (info != null) {
          counts[info.getThreadState().ordinal()]++;
        }
      }
      countedAt = now;
      counted = true;
    }
    return counts[state.ordinal()];
  }
}
