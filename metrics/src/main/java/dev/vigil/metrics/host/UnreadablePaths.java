package dev.vigil.metrics.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Files and directories whose last read failed, not touched again until a re-check time: a file
 * absent on this host (no cpufreq, no hwmon, no pressure) then costs a map lookup per refresh
 * instead of a failed open and an exception.
 *
 * <p>node_exporter retries every path on every scrape; we trade freshness of a path's appearance
 * (at most one re-check interval late) for a scrape that throws nothing at steady state. Only
 * failures are remembered, so a file that can be read is read on every refresh as before. Not
 * thread-safe: one binding's refreshes hold its lock.
 */
final class UnreadablePaths {

  /**
   * An absent path rarely appears while the process runs (hot-plugged hardware, a module loaded),
   * so it is re-checked seldom.
   */
  static final Duration ABSENT_RECHECK = Duration.ofMinutes(5);

  /**
   * A path that exists but fails to read (EINVAL from a driver for {@code speed} or {@code
   * carrier} of a link that is down, EACCES) depends on state that does change, so it is
   * re-checked sooner: a link coming up shows its speed within a minute.
   */
  static final Duration ERROR_RECHECK = Duration.ofMinutes(1);

  private final LongSupplier nanoClock;
  private final long absentNanos;
  private final long errorNanos;
  private final Map<Path, Long> retryAt = new HashMap<>();

  UnreadablePaths(LongSupplier nanoClock) {
    this(nanoClock, ABSENT_RECHECK, ERROR_RECHECK);
  }

  UnreadablePaths(LongSupplier nanoClock, Duration absentRecheck, Duration errorRecheck) {
    this.nanoClock = nanoClock;
    this.absentNanos = absentRecheck.toNanos();
    this.errorNanos = errorRecheck.toNanos();
  }

  /** True while {@code path} failed recently enough that it is not worth trying again. */
  boolean skip(Path path) {
    Long at = retryAt.get(path);
    if (at == null) {
      return false;
    }
    if (nanoClock.getAsLong() - at < 0) {
      return true;
    }
    retryAt.remove(path);
    return false;
  }

  /** Remembers that {@code path} failed; {@code absent} when it does not exist at all. */
  void failed(Path path, boolean absent) {
    retryAt.put(path, nanoClock.getAsLong() + (absent ? absentNanos : errorNanos));
  }

  /** How many paths are being skipped (for tests and debugging). */
  int size() {
    return retryAt.size();
  }
}
