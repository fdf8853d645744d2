package dev.vigil.server.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.wal.WalSyncPolicy;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.testing.StorageContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbTest {

  private static final Labels CPU = Labels.of("__name__", "cpu", "job", "a");
  private static final Labels MEM = Labels.of("__name__", "mem", "job", "a");

  @TempDir Path dir;

  /** Tiny blocks and retention so maintenance acts on a few seconds of samples. */
  private static TsdbOptions smallRanges() {
    return TsdbTestData.seconds().withRetention(Duration.ofSeconds(3));
  }

  private static void append(Tsdb tsdb, Labels labels, long from, long to, long step) {
    Appender app = tsdb.appender();
    for (long t = from; t <= to; t += step) {
      app.append(labels, t, t / 100.0);
    }
    app.commit();
  }

  @Test
  void createsTheDataDirectoryWithLockAndWal() throws IOException {
    Path data = dir.resolve("a/b/data");
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults())) {
      assertThat(data.resolve("lock")).isRegularFile();
      assertThat(data.resolve("wal")).isDirectory();
      assertThat(tsdb.dir()).isEqualTo(data);
    }
  }

  @Test
  void restoresEveryCommittedSampleAfterReopening() throws IOException {
    Path data = dir.resolve("data");
    Map<String, List<String>> cpu;
    Map<String, List<String>> mem;
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults())) {
      for (long t = 0; t < 50_000; t += 1000) {
        Appender app = tsdb.appender();
        app.append(CPU, t, t * 0.5);
        app.append(MEM, t, -t);
        app.commit();
      }
      cpu = StorageContents.series(tsdb, "cpu");
      mem = StorageContents.series(tsdb, "mem");
    }
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults())) {
      assertThat(StorageContents.series(tsdb, "cpu")).isEqualTo(cpu).isNotEmpty();
      assertThat(StorageContents.series(tsdb, "mem")).isEqualTo(mem);
      assertThat(cpu.values().iterator().next()).hasSize(50);
    }
  }

  @Test
  void keepsTheStaleMarkerBitsAcrossReplay() throws IOException {
    Path data = dir.resolve("data");
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults())) {
      Appender app = tsdb.appender();
      app.append(CPU, 1000, 1);
      app.append(CPU, 2000, StaleNaN.VALUE);
      app.commit();
    }
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults())) {
      assertThat(StorageContents.series(tsdb, "cpu"))
          .containsValue(List.of("1000=1.0", "2000=stale"));
    }
  }

  @Test
  void refusesASecondOpenOfTheSameDirectoryNamingTheLockFile() throws IOException {
    Path data = dir.resolve("data");
    try (Tsdb first = Tsdb.open(data, TsdbOptions.defaults())) {
      assertThatThrownBy(() -> Tsdb.open(data, TsdbOptions.defaults()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(data.resolve("lock").toString())
          .hasMessageContaining("in use by another process");
      append(first, CPU, 1000, 1000, 1);
    }
    // Released at close: the directory opens again.
    try (Tsdb again = Tsdb.open(data, TsdbOptions.defaults())) {
      assertThat(StorageContents.series(again, "cpu")).hasSize(1);
    }
  }

  @Test
  void retentionTruncatesTheHeadAndCheckpointsTheWal() throws IOException {
    Path data = dir.resolve("data");
    Map<String, List<String>> kept;
    try (Tsdb tsdb = Tsdb.open(data, smallRanges())) {
      append(tsdb, CPU, 0, 10_000, 100);
      append(tsdb, MEM, 0, 2_000, 100); // ends before the cutoff: the series goes away
      tsdb.maintainNow();

      Head head = tsdb.head();
      // Newest sample 10000, retention 3s: everything before 7000 is gone.
      assertThat(head.minTime()).isGreaterThanOrEqualTo(7000);
      assertThat(StorageContents.series(tsdb, "mem")).isEmpty();
      kept = StorageContents.series(tsdb, "cpu");
      assertThat(kept.values().iterator().next())
          .first()
          .satisfies(s -> assertThat(Long.parseLong(s.split("=")[0])).isGreaterThanOrEqualTo(7000));
      assertThat(checkpoints(data)).hasSize(1);
      assertThatThrownBy(() -> append(tsdb, CPU, 6000, 6000, 1))
          .isInstanceOf(SampleRejectedException.class);
    }
    try (Tsdb tsdb = Tsdb.open(data, smallRanges())) {
      assertThat(StorageContents.series(tsdb, "cpu")).isEqualTo(kept);
      assertThat(StorageContents.series(tsdb, "mem")).isEmpty();
      // Appending continues after the restored samples, and survives another restart.
      append(tsdb, CPU, 10_100, 10_500, 100);
    }
    try (Tsdb tsdb = Tsdb.open(data, smallRanges())) {
      List<String> samples = StorageContents.series(tsdb, "cpu").values().iterator().next();
      assertThat(samples).endsWith("10500=105.0");
      assertThat(samples).hasSize(kept.values().iterator().next().size() + 5);
    }
  }

  @Test
  void keepsEverythingWithinRetentionWhenNoBlockWriterPersistsIt() throws IOException {
    List<long[]> offered = new ArrayList<>();
    TsdbOptions options = smallRanges().withRetention(Duration.ofDays(1));
    try (Tsdb tsdb =
        Tsdb.open(dir.resolve("data"), options, (head, mint, maxt) -> {
          offered.add(new long[] {mint, maxt});
          return false;
        }, new TelemetryRegistry())) {
      append(tsdb, CPU, 500, 10_000, 100);
      tsdb.maintainNow();

      assertThat(offered).hasSize(1);
      assertThat(offered.get(0)).containsExactly(0, 1000);
      assertThat(tsdb.head().minTime()).isEqualTo(500);
    }
  }

  @Test
  void truncatesWhatTheBlockWriterPersisted() throws IOException {
    List<long[]> offered = new ArrayList<>();
    TsdbOptions options = smallRanges().withRetention(Duration.ofDays(1));
    try (Tsdb tsdb =
        Tsdb.open(dir.resolve("data"), options, (head, mint, maxt) -> {
          offered.add(new long[] {mint, maxt});
          return true;
        }, new TelemetryRegistry())) {
      append(tsdb, CPU, 500, 10_000, 100);
      tsdb.maintainNow();

      // Ranges are offered oldest first until the head spans at most 1.5 ranges.
      assertThat(offered).extracting(r -> r[0]).containsExactly(0L, 1000L, 2000L, 3000L, 4000L,
          5000L, 6000L, 7000L, 8000L);
      assertThat(tsdb.head().minTime()).isEqualTo(9000);
    }
  }

  @Test
  void exposesSelfMetricsUnderVigilTsdbNames() throws IOException {
    TelemetryRegistry registry = new TelemetryRegistry();
    try (Tsdb tsdb =
        Tsdb.open(dir.resolve("data"), TsdbOptions.defaults(), HeadCompactionHook.NONE,
            registry)) {
      append(tsdb, CPU, 1000, 5000, 1000);
      append(tsdb, MEM, 1000, 1000, 1000);
      assertThatThrownBy(() -> append(tsdb, CPU, 2000, 2000, 1))
          .isInstanceOf(SampleRejectedException.class);

      String text = registry.exposition();
      assertThat(text)
          .contains("vigil_tsdb_head_series 2\n")
          .contains("vigil_tsdb_head_samples_appended_total 6\n")
          .contains("vigil_tsdb_rejected_samples_total{reason=\"out_of_order\"} 1\n")
          .contains("vigil_tsdb_head_chunks 2\n")
          .contains("vigil_tsdb_wal_segment_current 0\n")
          .contains("vigil_tsdb_wal_corruptions_total 0\n")
          .contains("# TYPE vigil_tsdb_data_replay_duration_seconds gauge\n");
      assertThat(text)
          .contains("# TYPE vigil_tsdb_wal_fsync_duration_seconds summary\n")
          .containsPattern("vigil_tsdb_wal_fsync_duration_seconds_count [1-9]");
    }
  }

  @Test
  void survivesWithEveryWalSyncPolicy() throws IOException {
    for (WalSyncPolicy policy : WalSyncPolicy.values()) {
      Path data = dir.resolve(policy.flag());
      TsdbOptions options =
          TsdbOptions.defaults().withWal(TsdbOptions.defaults().wal().withSyncPolicy(policy));
      try (Tsdb tsdb = Tsdb.open(data, options)) {
        append(tsdb, CPU, 1000, 3000, 1000);
      }
      try (Tsdb tsdb = Tsdb.open(data, options)) {
        assertThat(StorageContents.series(tsdb, "cpu").values())
            .as(policy.flag())
            .containsExactly(List.of("1000=10.0", "2000=20.0", "3000=30.0"));
      }
    }
  }

  private static List<Path> checkpoints(Path data) throws IOException {
    try (Stream<Path> s = Files.list(data.resolve("wal"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("checkpoint.")).toList();
    }
  }
}
