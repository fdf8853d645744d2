package dev.vigil.server.storage.tsdb.wal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When {@link WalWriter#commit} fsyncs, which decides what survives a power loss or OS crash.
 *
 * <p>Whatever the policy, a record whose {@code commit} returned is in the operating system's
 * page cache and survives {@code kill -9} of our process; the policy only matters when the
 * machine itself goes down. See {@code docs/format/wal.md} for the exact promise.
 */
public enum WalSyncPolicy {
  /**
   * Commit returns only after an fsync that covers its records. Concurrent commits share one
   * fsync (group commit), so the cost is about one fsync per batch of waiting committers.
   */
  COMMIT("commit"),
  /**
   * Commit returns once its records are written to the OS; a background thread fsyncs every
   * {@link WalOptions#syncInterval()}, so at most that much acknowledged data is at risk on power
   * loss.
   */
  INTERVAL("interval"),
  /** Commit never fsyncs; segments are fsynced only at rollover and close. */
  NONE("none");

  private final String flag;

  WalSyncPolicy(String flag) {
    this.flag = flag;
  }

  /** The name used on the command line, e.g. {@code --storage.tsdb.wal-sync=commit}. */
  public String flag() {
    return flag;
  }

  /** Parses a command-line name; the error lists the valid ones. */
  public static WalSyncPolicy fromFlag(String s) {
    for (WalSyncPolicy p : values()) {
      if (p.flag.equals(s.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown WAL sync policy '" + s + "', expected one of "
        + Arrays.stream(values()).map(WalSyncPolicy::flag).collect(Collectors.joining(", ")));
  }
}
