package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.head.HeadOptions;
import dev.vigil.server.storage.tsdb.wal.WalOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link Tsdb}: retention, WAL and head tuning, and how often maintenance runs.
 *
 * @param retention how long samples are kept, measured back from the newest sample in the head
 * @param retentionBytes the size budget of blocks plus WAL, 0 for none; the oldest blocks are
 *     deleted to meet it (see {@code docs/format/block.md}, "Lifecycle")
 * @param wal segment size and fsync policy of the write-ahead log
 * @param head chunk and striping settings of the head
 * @param blockRange the span of one block; the head becomes compactable once it holds 1.5 of these
 *     (set the head's chunk range to match, so chunks never straddle a block)
 * @param maintenanceInterval how often the head is checked for compaction and retention
 * @param maxBlockDuration the largest block compaction builds; zero for the default, 10 % of the
 *     retention capped at 31 days (Prometheus's {@code --storage.tsdb.max-block-duration})
 */
public record TsdbOptions(
    Duration retention,
    long retentionBytes,
    WalOptions wal,
    HeadOptions head,
    Duration blockRange,
    Duration maintenanceInterval,
    Duration maxBlockDuration) {

  /** Prometheus's default retention. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(15);

  /** Prometheus's smallest block, which is also the head's chunk range. */
  public static final Duration DEFAULT_BLOCK_RANGE =
      Duration.ofMillis(HeadOptions.DEFAULT_CHUNK_RANGE_MILLIS);

  public TsdbOptions {
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(wal, "wal");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(blockRange, "blockRange");
    Objects.requireNonNull(maintenanceInterval, "maintenanceInterval");
    Objects.requireNonNull(maxBlockDuration, "maxBlockDuration");
    if (maxBlockDuration.isNegative()) {
      throw new IllegalArgumentException(
          "max block duration must not be negative, got " + maxBlockDuration);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention time must be positive, got " + retention);
    }
    if (retentionBytes < 0) {
      throw new IllegalArgumentException("retention size must not be negative: " + retentionBytes);
    }
    if (blockRange.toMillis() < 1) {
      throw new IllegalArgumentException("block range must be positive, got " + blockRange);
    }
    if (maintenanceInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "maintenance interval must be positive, got " + maintenanceInterval);
    }
  }

  /** 15 days, no size limit, default WAL (fsync per commit) and head, maintenance every minute. */
  public static TsdbOptions defaults() {
    return new TsdbOptions(
        DEFAULT_RETENTION,
        0,
        WalOptions.defaults(),
        HeadOptions.defaults(),
        DEFAULT_BLOCK_RANGE,
        Duration.ofMinutes(1),
        Duration.ZERO);
  }

  /** Longest block compaction may build when no explicit maximum is set. */
  private static final long MAX_BLOCK_CAP_MILLIS = Duration.ofDays(31).toMillis();

  /**
   * The compaction ranges: the block range times 3^k, up to the maximum block duration (at least
   * the block range itself, so a maximum below it just disables compaction).
   */
  public long[] compactionRanges() {
    long base = blockRange.toMillis();
    long cap = maxBlockDuration.isZero()
        ? Math.min(MAX_BLOCK_CAP_MILLIS, retention.toMillis() / 10)
        : maxBlockDuration.toMillis();
    List<Long> out = new ArrayList<>();
    out.add(base);
    for (long r = base * 3; r <= cap && r > 0; r *= 3) {
      out.add(r);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  public TsdbOptions withRetention(Duration d) {
    return new TsdbOptions(d, retentionBytes, wal, head, blockRange, maintenanceInterval,
        maxBlockDuration);
  }

  public TsdbOptions withRetentionBytes(long bytes) {
    return new TsdbOptions(retention, bytes, wal, head, blockRange, maintenanceInterval,
        maxBlockDuration);
  }

  public TsdbOptions withWal(WalOptions w) {
    return new TsdbOptions(retention, retentionBytes, w, head, blockRange, maintenanceInterval,
        maxBlockDuration);
  }

  public TsdbOptions withHead(HeadOptions h) {
    return new TsdbOptions(retention, retentionBytes, wal, h, blockRange, maintenanceInterval,
        maxBlockDuration);
  }

  public TsdbOptions withBlockRange(Duration d) {
    return new TsdbOptions(retention, retentionBytes, wal, head, d, maintenanceInterval,
        maxBlockDuration);
  }

  public TsdbOptions withMaintenanceInterval(Duration d) {
    return new TsdbOptions(retention, retentionBytes, wal, head, blockRange, d,
        maxBlockDuration);
  }

  public TsdbOptions withMaxBlockDuration(Duration d) {
    return new TsdbOptions(retention, retentionBytes, wal, head, blockRange, maintenanceInterval,
        d);
  }
}
