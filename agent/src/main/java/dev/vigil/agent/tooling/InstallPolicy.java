package dev.vigil.agent.tooling;

/**
 * Decides, from successive samples of the CPU time the rest of the process has used, when the
 * application's start-up burst has passed so that the agent can install its instrumentation
 * without competing with it for cores.
 *
 * <p>The rule: install once the rest of the process used less than half of the available
 * processors over the last window and the machine had at least half a processor's worth of idle
 * time in it (where that is known), or once the wait reaches its cap. The second half is for a
 * machine that other processes keep busy: there the application, starved rather than done, uses
 * little CPU although its start is far from over, and the agent's work would take a processor from
 * it. The window is long enough that half the processors over it is 200 ms of CPU, i.e. 20 clock
 * ticks of {@code /proc}'s 10 ms resolution, and never shorter than one sample or longer than 250
 * ms: 200 ms on 2 processors, 50 ms from 8 on. So on a machine with idle cores to spare the first
 * window already decides, while on 2 cores an app that keeps one core busy (its {@code main} plus
 * the JIT) is waited for.
 *
 * <p>A pure function of the samples offered (no clock, no {@code /proc}), so the rule is tested as
 * such; {@link StartupBurstWait} feeds it.
 */
final class InstallPolicy {

  /** What to do after a sample. */
  enum Decision {
    /** The application is still busy: sample again. */
    WAIT,
    /**
     * The rest of the process used less than half of the processors over the last window, and the
     * machine had half a processor to spare in it.
     */
    IDLE,
    /** The wait reached its cap with the application still busy. */
    CAP
  }

  /** The CPU time that half of the processors spend in one window. */
  private static final long HALF_WINDOW_CPU_NANOS = 200_000_000L;

  private static final long MIN_WINDOW_NANOS = 50_000_000L;
  private static final long MAX_WINDOW_NANOS = 250_000_000L;

  private final int processors;
  private final long windowNanos;
  private final long capNanos;

  // The samples within the current window plus the newest one older than it, oldest first.
  private long[] times = new long[8];
  private long[] cpu = new long[8];
  private long[] idle = new long[8];
  private int size;

  private long lastCpuNanos;
  private long lastSpanNanos;
  private long lastIdleNanos = -1;

  /**
   * A policy for {@code processors} available processors that never waits past {@code capNanos}
   * after the first sample.
   */
  InstallPolicy(int processors, long capNanos) {
    if (processors < 1) {
      throw new IllegalArgumentException("processors must be positive: " + processors);
    }
    this.processors = processors;
    this.capNanos = capNanos;
    long window = 2 * HALF_WINDOW_CPU_NANOS / processors;
    this.windowNanos = Math.max(MIN_WINDOW_NANOS, Math.min(MAX_WINDOW_NANOS, window));
  }

  /** The length of the window the rule looks at. */
  long windowNanos() {
    return windowNanos;
  }

  /**
   * Takes one sample: {@code elapsedNanos} since the wait began (the first sample is taken at 0)
   * and the cumulative CPU time of the rest of the process at that moment.
   */
  Decision offer(long elapsedNanos, long otherCpuNanos) {
    return offer(elapsedNanos, otherCpuNanos, -1);
  }

  /**
   * Like {@link #offer(long, long)}, with the cumulative idle time of all the machine's processors
   * at that moment; negative where it is unknown, and then only the process's CPU decides.
   */
  Decision offer(long elapsedNanos, long otherCpuNanos, long machineIdleNanos) {
    append(elapsedNanos, otherCpuNanos, machineIdleNanos);
    long windowStart = elapsedNanos - windowNanos;
    while (size >= 2 && times[1] <= windowStart) {
      dropOldest();
    }
    if (size >= 2 && times[0] <= windowStart) {
      lastSpanNanos = elapsedNanos - times[0];
      lastCpuNanos = otherCpuNanos - cpu[0];
      boolean idleKnown = machineIdleNanos >= 0 && idle[0] >= 0;
      lastIdleNanos = idleKnown ? machineIdleNanos - idle[0] : -1;
      // used / (span * processors) < 1/2, without division; and idle / span >= 1/2: half a
      // processor rather than a whole one, so that a quiet 1-processor machine, whose idle time
      // falls a tick short of the span now and then, is not taken for a busy one.
      if (2 * lastCpuNanos < lastSpanNanos * processors
          && (!idleKnown || 2 * lastIdleNanos >= lastSpanNanos)) {
        return Decision.IDLE;
      }
    }
    return elapsedNanos >= capNanos ? Decision.CAP : Decision.WAIT;
  }

  /** CPU time the rest of the process used in the last full window looked at; 0 before one. */
  long lastWindowCpuNanos() {
    return lastCpuNanos;
  }

  /**
   * Idle time of the machine's processors together in the last full window looked at; -1 before
   * one or where unknown.
   */
  long lastWindowMachineIdleNanos() {
    return lastIdleNanos;
  }

  /** Length of the last full window looked at (at least {@link #windowNanos()}); 0 before one. */
  long lastWindowNanos() {
    return lastSpanNanos;
  }

  private void append(long time, long cpuNanos, long idleNanos) {
    if (size == times.length) {
      times = grow(times);
      cpu = grow(cpu);
      idle = grow(idle);
    }
    times[size] = time;
    cpu[size] = cpuNanos;
    idle[size] = idleNanos;
    size++;
  }

  private long[] grow(long[] values) {
    long[] grown = new long[size * 2];
    System.arraycopy(values, 0, grown, 0, size);
    return grown;
  }

  private void dropOldest() {
    System.arraycopy(times, 1, times, 0, size - 1);
    System.arraycopy(cpu, 1, cpu, 0, size - 1);
    System.arraycopy(idle, 1, idle, 0, size - 1);
    size--;
  }
}
