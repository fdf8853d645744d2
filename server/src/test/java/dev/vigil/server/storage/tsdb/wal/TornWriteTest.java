package dev.vigil.server.storage.tsdb.wal;

import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.copyTree;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.decodeAll;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.frames;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.payload;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.replay;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.truncate;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.writeWal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.storage.tsdb.wal.record.WalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash in the middle of writing the last record leaves, and how replay repairs it. */
class TornWriteTest {

  @TempDir Path tmp;
  private Path fixture;
  private List<WalRecord> written;
  private WalTestSupport.FrameLocation last;

  @BeforeEach
  void writeFixture() throws Exception {
    fixture = tmp.resolve("fixture");
    written = decodeAll(writeWal(fixture, WalOptions.defaults(), 6));
    List<WalTestSupport.FrameLocation> frames = frames(fixture);
    last = frames.get(frames.size() - 1);
  }

  @Test
  void cutsATornLastRecordAtEveryByteOffsetAndStaysWritable() throws Exception {
    for (int cut = 1; cut < last.length(); cut++) {
      Path dir = tmp.resolve("cut-" + cut);
      copyTree(fixture, dir);
      Path segment = dir.resolve(last.file().getFileName());
      truncate(segment, last.offset() + cut);
      WalStats stats = new WalStats();

      WalTestSupport.Replayed replayed = replay(dir, stats);

      assertThat(replayed.records()).as("cut %d", cut).isEqualTo(written.subList(0, 5));
      Repair repair = replayed.result().repairs().get(0);
      assertThat(repair.offset()).isEqualTo(last.offset());
      assertThat(repair.droppedBytes()).isEqualTo(cut);
      assertThat(repair.corruption()).isFalse();
      assertThat(repair.quarantined()).isEmpty();
      assertThat(Files.size(segment)).isEqualTo(last.offset());
      assertThat(stats.repairs()).isEqualTo(1);
      assertThat(stats.corruptions()).isZero();

      try (WalWriter w = WalWriter.open(dir, WalOptions.defaults())) {
        w.commit(List.of(payload(100)));
      }
      WalTestSupport.Replayed after = replay(dir);
      List<WalRecord> expected = new ArrayList<>(written.subList(0, 5));
      expected.addAll(decodeAll(List.of(payload(100))));
      assertThat(after.records()).isEqualTo(expected);
      assertThat(after.result().clean()).isTrue();
    }
  }

  @Test
  void replaysEverythingWhenTheCutFallsOnARecordBoundary() throws Exception {
    truncate(last.file(), last.offset());

    WalTestSupport.Replayed replayed = replay(fixture);

    assertThat(replayed.records()).isEqualTo(written.subList(0, 5));
    assertThat(replayed.result().clean()).isTrue();
  }

  @Test
  void cutsAZeroFilledTail() throws Exception {
    // What a file system may show after a power loss: the size grew, the data never landed.
    Files.write(last.file(), new byte[4096], StandardOpenOption.APPEND);
    WalStats stats = new WalStats();

    WalTestSupport.Replayed replayed = replay(fixture, stats);

    assertThat(replayed.records()).isEqualTo(written);
    assertThat(replayed.result().repairs()).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("zero-filled tail"))
        .satisfies(r -> assertThat(r.droppedBytes()).isEqualTo(4096))
        .satisfies(r -> assertThat(r.corruption()).isFalse());
    assertThat(Files.size(last.file())).isEqualTo(last.offset() + last.length());
  }

  @Test
  void writerCutsATornTailEvenWhenNobodyReplayedFirst() throws Exception {
    truncate(last.file(), last.offset() + 3);
    WalStats stats = new WalStats();

    try (WalWriter w = WalWriter.open(fixture, WalOptions.defaults(), stats)) {
      w.commit(List.of(payload(100)));
    }

    assertThat(stats.repairs()).isEqualTo(1);
    WalTestSupport.Replayed replayed = replay(fixture);
    List<WalRecord> expected = new ArrayList<>(written.subList(0, 5));
    expected.addAll(decodeAll(List.of(payload(100))));
    assertThat(replayed.records()).isEqualTo(expected);
    assertThat(replayed.result().clean()).isTrue();
  }
}
