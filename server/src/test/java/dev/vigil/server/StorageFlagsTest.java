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
}
