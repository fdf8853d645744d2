package dev.vigil.server;

import java.time.Duration;

/**
 * Decides at each of {@link HeapTrimmer}'s checks whether to return malloc's free memory to the OS:
 * at every check while the JIT compilers are busy, right after a heap trim, and otherwise every
 * {@link #QUIET_EVERY}. Not thread-safe: the trimmer's one thread owns it.
 *
 * <p>Why the JIT decides: the C1 and C2 compilers build each method in malloc'd arenas and free
 * them afterwards, and glibc keeps the freed pages resident (measured: 12 MiB of an 84 MiB RSS at
 * 2,000 series after 90 s). While they keep compiling the pages come back within seconds, so one
 * trim early is not enough; once compilation settles, little is freed between trims. A trim costs
 * well under a millisecond when there is nothing to free, so the quiet cadence is for the other
 * malloc users (G1's remembered sets after young collections, zlib for gzip scrapes).
 */
final class NativeTrimCadence {

  /**
   * Compilation time (as the JVM counts it, summed over compiler threads) since the last trim
   * above which the JIT counts as busy: more than a few small methods' worth.
   */
  static final long BUSY_COMPILE_MILLIS = 20;

  /** Spacing of trims once the JIT is quiet. */
  static final Duration QUIET_EVERY = Duration.ofMinutes(1);

  private long lastTrimNanos;
  private long lastCompileMillis;

  /**
   * Starts counting at {@code nowNanos}, with the JVM's total compilation time then ({@code -1}
   * when the JVM does not report it).
   */
  NativeTrimCadence(long nowNanos, long compileMillis) {
    this.lastTrimNanos = nowNanos;
    this.lastCompileMillis = compileMillis;
  }

  /**
   * Whether to trim now, given the JVM's total compilation time ({@code -1}: unknown, then only
   * the quiet cadence and heap trims count) and whether a heap trim just ran (a full collection
   * frees G1's malloc'd remembered sets).
   */
  boolean due(long nowNanos, long compileMillis, boolean heapTrimmed) {
    if (heapTrimmed) {
      return true;
    }
    if (compileMillis >= 0
        && lastCompileMillis >= 0
        && compileMillis - lastCompileMillis >= BUSY_COMPILE_MILLIS) {
      return true;
    }
    return nowNanos - lastTrimNanos >= QUIET_EVERY.toNanos();
  }

  /** Records a trim done at {@code nowNanos} with the JVM's total compilation time then. */
  void trimmed(long nowNanos, long compileMillis) {
    lastTrimNanos = nowNanos;
    lastCompileMillis = compileMillis;
  }
}
