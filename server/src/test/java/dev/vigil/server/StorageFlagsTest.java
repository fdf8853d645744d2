package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.storage.tsdb.TsdbOptions;
import dev.vigil.server.storage.tsdb.wal.WalSyncPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageFlagsTest {

  @Test
  void defaultsMatchPrometheus() {
    TsdbOptions o = StorageFlags.options("15d", "0", "commit");
    assertThat(o.retention()).isEqualTo(Duration.ofDays(15));
    assertThat(o.retentionBytes()).isZero();
    assertThat(o.wal().syncPolicy()).isEqualTo(WalSyncPolicy.COMMIT);
  }

  @Test
  void readsEveryFlag() {
    TsdbOptions o = StorageFlags.options("2h30m", "10GB", "interval");
    assertThat(o.retention()).isEqualTo(Duration.ofMinutes(150));
    assertThat(o.retentionBytes()).isEqualTo(10L << 30);
    assertThat(o.wal().syncPolicy()).isEqualTo(WalSyncPolicy.INTERVAL);
  }

  @Test
  void namesTheFlagWhoseValueIsBad() {
    assertThatThrownBy(() -> StorageFlags.options("15x", "0", "commit"))
        .hasMessageStartingWith("invalid --storage.tsdb.retention.time \"15x\": ");
    assertThatThrownBy(() -> StorageFlags.options("0s", "0", "commit"))
        .hasMessage("invalid --storage.tsdb.retention.time \"0s\": must be positive");
    assertThatThrownBy(() -> StorageFlags.options("15d", "10", "commit"))
        .hasMessageStartingWith("invalid --storage.tsdb.retention.size: invalid size \"10\"");
    assertThatThrownBy(() -> StorageFlags.options("15d", "0", "always"))
        .hasMessage("invalid --storage.tsdb.wal-sync: unknown WAL sync policy 'always',"
            + " expected one of commit, interval, none");
  }

  @Test
  void blockDurationsDefaultToTwoHoursAndTenPercentOfRetention() {
    TsdbOptions o = StorageFlags.options("15d", "0", "commit");
    assertThat(o.blockRange()).isEqualTo(Duration.ofHours(2));
    assertThat(o.head().chunkRangeMillis()).isEqualTo(Duration.ofHours(2).toMillis());
    assertThat(o.maintenanceInterval()).isEqualTo(Duration.ofMinutes(1));
    // 2h, 6h, 18h, 54h; 162h would pass 10 % of 15d (36h).
    assertThat(o.compactionRanges()).containsExactly(
        Duration.ofHours(2).toMillis(), Duration.ofHours(6).toMillis(),
        Duration.ofHours(18).toMillis());
  }

  @Test
  void readsTheBlockDurationFlags() {
    TsdbOptions o = StorageFlags.options("1d", "0", "commit", "2s", "18s");
    assertThat(o.blockRange()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.head().chunkRangeMillis()).isEqualTo(2000);
    assertThat(o.maintenanceInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.compactionRanges()).containsExactly(2000L, 6000L, 18_000L);
  }

  @Test
  void namesTheBlockDurationFlagWhoseValueIsBad() {
    assertThatThrownBy(() -> StorageFlags.options("1d", "0", "commit", "0s", null))
        .hasMessage("invalid --storage.tsdb.min-block-duration \"0s\": must be positive");
    assertThatThrownBy(() -> StorageFlags.options("1d", "0", "commit", "2h", "2x"))
        .hasMessageStartingWith("invalid --storage.tsdb.max-block-duration \"2x\": ");
    assertThatThrownBy(() -> StorageFlags.options("1d", "0", "commit", "2h", "1h"))
        .hasMessage("invalid --storage.tsdb.max-block-duration \"1h\":"
            + " below --storage.tsdb.min-block-duration 2h");
  }
}
