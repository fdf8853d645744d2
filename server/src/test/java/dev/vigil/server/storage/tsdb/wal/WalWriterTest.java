package dev.vigil.server.storage.tsdb.wal;

import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.decodeAll;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.names;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.payload;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.payloads;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.replay;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.writeWal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalWriterTest {

  @TempDir Path tmp;

  @Test
  void replaysEveryRecordInOrderAfterClose() throws Exception {
    Path dir = tmp.resolve("wal");
    List<byte[]> written = writeWal(dir, WalOptions.defaults(), 100);

    WalTestSupport.Replayed replayed = replay(dir);

    assertThat(replayed.records()).isEqualTo(decodeAll(written));
    assertThat(replayed.result().clean()).isTrue();
    assertThat(replayed.result().records()).isEqualTo(100);
    assertThat(replayed.result().checkpoint()).isEqualTo(-1);
    assertThat(replayed.result().firstSegment()).isZero();
    assertThat(replayed.result().lastSegment()).isZero();
    assertThat(names(dir)).containsExactly("00000000");
  }

  @Test
  void replaysNothingWhenTheDirectoryDoesNotExist() throws Exception {
    WalTestSupport.Replayed replayed = replay(tmp.resolve("absent"));

    assertThat(replayed.records()).isEmpty();
    assertThat(replayed.result().lastSegment()).isEqualTo(-1);
    assertThat(Files.exists(tmp.resolve("absent"))).isFalse();
  }

  @Test
  void rollsOverBeforeARecordWouldNotFitTheSegment() throws Exception {
    Path dir = tmp.resolve("wal");
    List<byte[]> written = writeWal(dir, WalOptions.defaults().withSegmentSize(1024), 300);

    List<Segment> segments = Segment.list(dir);

    assertThat(segments).hasSizeGreaterThan(5);
    for (int i = 0; i < segments.size(); i++) {
      assertThat(segments.get(i).index()).isEqualTo(i);
      assertThat(Files.size(segments.get(i).path())).isBetween(1L, 1024L);
    }
    assertThat(replay(dir).records()).isEqualTo(decodeAll(written));
  }

  @Test
  void givesARecordLargerThanASegmentASegmentOfItsOwn() throws Exception {
    Path dir = tmp.resolve("wal");
    byte[] big = new byte[3000];
    big[0] = 2; // a SAMPLES type byte; the framing layer does not care about the rest
    try (WalWriter w = WalWriter.open(dir, WalOptions.defaults().withSegmentSize(1024))) {
      w.commit(List.of(payload(1)));
      w.commit(List.of(big));
      w.commit(List.of(payload(2)));
    }

    List<byte[]> replayed = new ArrayList<>();
    WalReader.replay(dir, replayed::add);

    assertThat(replayed).hasSize(3);
    assertThat(replayed.get(1)).isEqualTo(big);
    assertThat(Segment.list(dir)).extracting(s -> Files.size(s.path()))
        .containsExactly((long) Frame.HEADER_BYTES + payload(1).length,
            (long) Frame.HEADER_BYTES + big.length, (long) Frame.HEADER_BYTES + payload(2).length);
  }

  @Test
  void startsANewSegmentOnEveryOpenAndReplaysAcrossSessions() throws Exception {
    Path dir = tmp.resolve("wal");
    List<byte[]> all = new ArrayList<>();
    for (int session = 0; session < 3; session++) {
      try (WalWriter w = WalWriter.open(dir, WalOptions.defaults())) {
        assertThat(w.currentSegment()).isEqualTo(session);
        List<byte[]> batch = payloads(session * 10, 10);
        w.commit(batch);
        all.addAll(batch);
      }
    }

    assertThat(replay(dir).records()).isEqualTo(decodeAll(all));
    assertThat(names(dir)).containsExactly("00000000", "00000001", "00000002");
  }

  @Test
  void rejectsEmptyAndOversizedRecords() throws Exception {
    try (WalWriter w = WalWriter.open(tmp.resolve("wal"), WalOptions.defaults())) {
      assertThatThrownBy(() -> w.log(new byte[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WAL record 0 has 0 bytes");
      assertThatThrownBy(() -> w.log(List.of(payload(1), new byte[Frame.MAX_PAYLOAD_BYTES + 1])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WAL record 1 has 67108865 bytes");
      assertThat(w.stats().recordsWritten()).isZero();
    }
  }

  @Test
  void refusesWritesAfterClose() throws Exception {
    WalWriter w = WalWriter.open(tmp.resolve("wal"), WalOptions.defaults());
    w.close();
    w.close();

    assertThatThrownBy(() -> w.log(payload(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void countsRecordsBytesAndOneFsyncPerSoloCommit() throws Exception {
    WalStats stats = new WalStats();
    List<byte[]> batch = payloads(0, 3);
    long bytes = batch.stream().mapToLong(p -> Frame.HEADER_BYTES + p.length).sum();
    try (WalWriter w = WalWriter.open(tmp.resolve("wal"), WalOptions.defaults(), stats)) {
      w.commit(batch);
      w.commit(List.of(payload(3)));
      w.commit(List.of(payload(4)));

      assertThat(stats.fsyncs()).isEqualTo(3);
      assertThat(stats.recordsWritten()).isEqualTo(5);
      assertThat(stats.bytesWritten())
          .isEqualTo(bytes + 2L * Frame.HEADER_BYTES + payload(3).length + payload(4).length);
      assertThat(stats.segmentsCreated()).isEqualTo(1);
      assertThat(stats.fsyncNanosTotal()).isGreaterThanOrEqualTo(stats.fsyncNanosMax());
    }
  }

  @Test
  void skipsTheFsyncWhenNothingNewWasLogged() throws Exception {
    try (WalWriter w = WalWriter.open(tmp.resolve("wal"), WalOptions.defaults())) {
      w.log(payload(1));
      w.sync();
      w.sync();

      assertThat(w.stats().fsyncs()).isEqualTo(1);
    }
  }

  @Test
  void noneSyncPolicyLeavesFsyncsToRolloverAndClose() throws Exception {
    WalStats stats = new WalStats();
    WalOptions options =
        WalOptions.defaults().withSyncPolicy(WalSyncPolicy.NONE).withSegmentSize(1024);
    try (WalWriter w = WalWriter.open(tmp.resolve("wal"), options, stats)) {
      w.commit(List.of(payload(1)));
      assertThat(stats.fsyncs()).isZero();

      w.nextSegment();
      assertThat(stats.fsyncs()).isEqualTo(1);
    }
    assertThat(stats.fsyncs()).isEqualTo(2);
  }

  @Test
  void intervalSyncPolicyFsyncsInTheBackground() throws Exception {
    WalStats stats = new WalStats();
    WalOptions options = WalOptions.defaults()
        .withSyncPolicy(WalSyncPolicy.INTERVAL)
        .withSyncInterval(Duration.ofMillis(10));
    try (WalWriter w = WalWriter.open(tmp.resolve("wal"), options, stats)) {
      w.commit(List.of(payload(1)));
      // Wait for the background thread; the bound only guards against a hang.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (stats.fsyncs() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(stats.fsyncs()).isEqualTo(1);
    }
  }

  @Test
  void closingAnIntervalWriterEndsItsSyncThread() throws Exception {
    WalOptions options = WalOptions.defaults()
        .withSyncPolicy(WalSyncPolicy.INTERVAL)
        .withSyncInterval(Duration.ofMillis(10));
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    WalWriter w = WalWriter.open(tmp.resolve("wal"), options);
    Thread syncer = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("vigil-wal-sync") && !before.contains(t))
        .findFirst().orElseThrow();

    w.close();

    syncer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(syncer.isAlive()).isFalse();
  }

  @Test
  void nextSegmentStartsAFreshFileAndKeepsTheRecords() throws Exception {
    Path dir = tmp.resolve("wal");
    try (WalWriter w = WalWriter.open(dir, WalOptions.defaults())) {
      w.commit(List.of(payload(1)));
      assertThat(w.nextSegment()).isEqualTo(1);
      w.commit(List.of(payload(2)));
      assertThat(w.currentSegment()).isEqualTo(1);
    }

    assertThat(replay(dir).records()).isEqualTo(decodeAll(List.of(payload(1), payload(2))));
  }

  @Test
  void validatesOptionsAndPolicyNames() {
    assertThatThrownBy(() -> WalOptions.defaults().withSegmentSize(100))
        .hasMessage("WAL segment size 100 outside [1024, 1073741824]");
    assertThatThrownBy(() -> WalOptions.defaults().withSyncInterval(Duration.ZERO))
        .hasMessageContaining("must be positive");
    assertThat(WalSyncPolicy.fromFlag("Interval")).isEqualTo(WalSyncPolicy.INTERVAL);
    assertThatThrownBy(() -> WalSyncPolicy.fromFlag("always"))
        .hasMessage("unknown WAL sync policy 'always', expected one of commit, interval, none");
  }
}
