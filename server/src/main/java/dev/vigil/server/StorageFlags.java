package dev.vigil.server;

import dev.vigil.server.format.ByteSize;
import dev.vigil.server.format.PromDuration;
import dev.vigil.server.storage.tsdb.TsdbOptions;
import dev.vigil.server.storage.tsdb.head.HeadOptions;
import dev.vigil.server.storage.tsdb.wal.WalSyncPolicy;
import java.time.Duration;

/** Turns the {@code --storage.tsdb.*} flag values into {@link TsdbOptions}, naming bad flags. */
final class StorageFlags {

  private StorageFlags() {}

  /**
   * The options these flag values describe.
   *
   * @throws IllegalArgumentException naming the flag and what is wrong with its value
   */
  static TsdbOptions options(String retentionTime, String retentionSize, String walSync) {
    return options(retentionTime, retentionSize, walSync, "2h", null);
  }

  /**
   * Like {@link #options(String, String, String)} with the block range flags; a null {@code
   * maxBlockDuration} means Prometheus's default, 10 % of the retention capped at 31 days.
   *
   * @throws IllegalArgumentException naming the flag and what is wrong with its value
   */
  static TsdbOptions options(String retentionTime, String retentionSize, String walSync,
      String minBlockDuration, String maxBlockDuration) {
    Duration retention;
    try {
      retention = PromDuration.parse(retentionTime);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid --storage.tsdb.retention.time \"" + retentionTime + "\": " + e.getMessage(), e);
    }
    if (retention.isZero()) {
      throw new IllegalArgumentException(
          "invalid --storage.tsdb.retention.time \"" + retentionTime + "\": must be positive");
    }
    long bytes;
    try {
      // Prometheus's default "0" has no unit; accept it as "no limit".
      bytes = retentionSize.trim().equals("0") ? 0 : ByteSize.parse(retentionSize);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid --storage.tsdb.retention.size: " + e.getMessage(), e);
    }
    WalSyncPolicy policy;
    try {
      policy = WalSyncPolicy.fromFlag(walSync);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid --storage.tsdb.wal-sync: " + e.getMessage(), e);
    }
    Duration minBlock = positiveDuration("--storage.tsdb.min-block-duration", minBlockDuration);
    Duration maxBlock = maxBlockDuration == null
        ? Duration.ZERO
        : positiveDuration("--storage.tsdb.max-block-duration", maxBlockDuration);
    if (!maxBlock.isZero() && maxBlock.compareTo(minBlock) < 0) {
      throw new IllegalArgumentException("invalid --storage.tsdb.max-block-duration \""
          + maxBlockDuration + "\": below --storage.tsdb.min-block-duration " + minBlockDuration);
    }
    TsdbOptions defaults = TsdbOptions.defaults();
    return defaults
        .withRetention(retention)
        .withRetentionBytes(bytes)
        .withWal(defaults.wal().withSyncPolicy(policy))
        .withBlockRange(minBlock)
        .withMaxBlockDuration(maxBlock)
        // Head chunks never straddle a block boundary, so truncation frees whole chunks.
        .withHead(HeadOptions.builder().chunkRangeMillis(minBlock.toMillis()).build())
        .withMaintenanceInterval(maintenanceInterval(minBlock));
  }

  /**
   * A quarter of the block range, between 250 ms and Prometheus's one minute: with the default
   * 2 h blocks this is the minute Prometheus waits between compaction checks; with the seconds-
   * long blocks of tests and benchmarks the head is flushed about as often as blocks are due.
   */
  private static Duration maintenanceInterval(Duration blockRange) {
    long quarter = blockRange.toMillis() / 4;
    return Duration.ofMillis(Math.max(250, Math.min(Duration.ofMinutes(1).toMillis(), quarter)));
  }

  /** A positive Prometheus duration, or an error naming the flag (shared with QueryFlags). */
  static Duration positiveDuration(String flag, String value) {
    Duration d;
    try {
      d = PromDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid " + flag + " \"" + value + "\": " + e.getMessage(), e);
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(
          "invalid " + flag + " \"" + value + "\": must be positive");
    }
    return d;
  }
}
