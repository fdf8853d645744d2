package dev.vigil.server.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.testing.FileDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vigil_tsdb_*} counters an operator alerts on move when the event happens in the real
 * store: each rejection reason, and a WAL repair at start.
 */
class TsdbSelfMetricsTest {

  private static final Labels CPU = Labels.of("__name__", "cpu", "job", "a");
  private static final Labels LATE = Labels.of("__name__", "late", "job", "a");

  @TempDir Path dir;

  /** Three-second retention, so one maintenance pass makes old timestamps too old. */
  private static TsdbOptions shortRetention() {
    return TsdbTestData.seconds().withRetention(Duration.ofSeconds(3));
  }

  private static void append(Tsdb tsdb, Labels labels, long t, double v) {
    Appender app = tsdb.appender();
    app.append(labels, t, v);
    app.commit();
  }

  private static void assertRejected(Tsdb tsdb, Labels labels, long t, double v, Reason reason) {
    assertThatThrownBy(() -> append(tsdb, labels, t, v))
        .isInstanceOfSatisfying(SampleRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void countsEachRejectedSampleUnderItsReason() throws IOException {
    TelemetryRegistry registry = new TelemetryRegistry();
    try (Tsdb tsdb = Tsdb.open(dir.resolve("data"), shortRetention(), HeadCompactionHook.NONE,
        registry)) {
      for (long t = 0; t <= 10_000; t += 1000) {
        append(tsdb, CPU, t, t);
      }
      tsdb.maintainNow(); // retention: the head now refuses anything before 7 s

      assertRejected(tsdb, CPU, 10_000, 1, Reason.DUPLICATE_TIMESTAMP);
      assertRejected(tsdb, CPU, 9_500, 1, Reason.OUT_OF_ORDER);
      assertRejected(tsdb, CPU, 9_600, 1, Reason.OUT_OF_ORDER);
      assertRejected(tsdb, LATE, 1_000, 1, Reason.TOO_OLD);
      append(tsdb, CPU, 10_000, 10_000); // the same value again is no duplicate: accepted

      assertThat(registry.exposition())
          .contains("vigil_tsdb_rejected_samples_total{reason=\"duplicate_timestamp\"} 1\n")
          .contains("vigil_tsdb_rejected_samples_total{reason=\"out_of_order\"} 2\n")
          .contains("vigil_tsdb_rejected_samples_total{reason=\"too_old\"} 1\n")
          .contains("vigil_tsdb_head_samples_appended_total 11\n");
    }
  }

  @Test
  void countsTheRepairOfATornWalTailAtStart() throws IOException {
    Path data = dir.resolve("data");
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults())) {
      for (long t = 1000; t <= 5000; t += 1000) {
        append(tsdb, CPU, t, t);
      }
    }
    Path segment = lastSegment(data.resolve("wal"));
    FileDamage.tear(segment, 3); // the last record torn, as by a crash mid-write

    TelemetryRegistry registry = new TelemetryRegistry();
    try (Tsdb tsdb = Tsdb.open(data, TsdbOptions.defaults(), HeadCompactionHook.NONE, registry)) {
      assertThat(registry.exposition())
          .contains("vigil_tsdb_wal_repairs_total 1\n")
          .contains("vigil_tsdb_wal_corruptions_total 0\n");
      assertThat(tsdb.head().maxTime()).as("all but the torn commit replayed").isEqualTo(4000);
    }
  }

  /** The newest non-empty WAL segment file (names are numbers; checkpoints are directories). */
  private static Path lastSegment(Path wal) throws IOException {
    try (Stream<Path> s = Files.list(wal)) {
      List<Path> segments = s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> p.toFile().length() > 0)
          .sorted().toList();
      assertThat(segments).isNotEmpty();
      return segments.get(segments.size() - 1);
    }
  }
}
