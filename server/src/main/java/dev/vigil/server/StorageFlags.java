package dev.vigil.server;

import dev.vigil.server.format.PromDuration;
import dev.vigil.server.storage.tsdb.ByteSize;
import dev.vigil.server.storage.tsdb.TsdbOptions;
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
    TsdbOptions defaults = TsdbOptions.defaults();
    return defaults
        .withRetention(retention)
        .withRetentionBytes(bytes)
        .withWal(defaults.wal().withSyncPolicy(policy));
  }
}
