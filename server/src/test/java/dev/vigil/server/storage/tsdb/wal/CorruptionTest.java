package dev.vigil.server.storage.tsdb.wal;

import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.copyTree;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.decodeAll;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.flipBit;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.frames;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.payload;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.replay;
import static dev.vigil.server.storage.tsdb.wal.WalTestSupport.writeWal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.storage.tsdb.wal.record.WalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage a crash cannot cause (bit rot, lost files): replay stops at the last good record. */
class CorruptionTest {

  @TempDir Path tmp;
  private Path fixture;
  private List<WalRecord> written;
  private List<WalTestSupport.FrameLocation> frames;

  @BeforeEach
  void writeFixture() throws Exception {
    fixture = tmp.resolve("fixture");
    written = decodeAll(writeWal(fixture, WalOptions.defaults().withSegmentSize(1024), 240));
    frames = frames(fixture);
    assertThat(Segment.list(fixture)).hasSizeGreaterThan(4);
  }

  @Test
  void stopsBeforeTheLastRecordWhenOneOfItsBitsFlips() throws Exception {
    WalTestSupport.FrameLocation last = frames.get(frames.size() - 1);
    Random random = new Random(20260101);
    for (int round = 0; round < 200; round++) {
      Path dir = tmp.resolve("round-" + round);
      copyTree(fixture, dir);
      long bit = last.offset() * 8 + random.nextInt(last.length() * 8);
      flipBit(dir.resolve(last.file().getFileName()), bit);
      WalStats stats = new WalStats();

      WalTestSupport.Replayed replayed = replay(dir, stats);

      assertThat(replayed.records()).as("bit %d", bit).isEqualTo(written.subList(0, 239));
      assertThat(replayed.result().repairs()).singleElement()
          .satisfies(r -> assertThat(r.offset()).isEqualTo(last.offset()))
          .satisfies(r -> assertThat(r.quarantined()).isEmpty());
      assertThat(stats.repairs()).isEqualTo(1);
    }
  }

  @Test
  void stopsAtACorruptRecordInAnOlderSegmentAndQuarantinesTheRest() throws Exception {
    Random random = new Random(77);
    int lastSegment = Segment.list(fixture).get(Segment.list(fixture).size() - 1).index();
    for (int round = 0; round < 40; round++) {
      Path dir = tmp.resolve("round-" + round);
      copyTree(fixture, dir);
      // A record inside segment 1 (of several), so whole later segments are affected.
      List<WalTestSupport.FrameLocation> inSegment1 = frames.stream()
          .filter(f -> f.file().getFileName().toString().equals("00000001")).toList();
      WalTestSupport.FrameLocation victim = inSegment1.get(random.nextInt(inSegment1.size()));
      flipBit(dir.resolve("00000001"), victim.offset() * 8 + random.nextInt(victim.length() * 8));
      WalStats stats = new WalStats();

      WalTestSupport.Replayed replayed = replay(dir, stats);

      List<WalRecord> prefix = written.subList(0, victim.recordIndex());
      assertThat(replayed.records()).isEqualTo(prefix);
      Repair repair = replayed.result().repairs().get(0);
      assertThat(repair.corruption()).isTrue();
      assertThat(repair.offset()).isEqualTo(victim.offset());
      assertThat(Files.size(dir.resolve("00000001"))).isEqualTo(victim.offset());
      assertThat(stats.corruptions()).isEqualTo(1);
      // The later segments and the cut bytes are kept aside, out of the log.
      assertThat(repair.quarantined()).hasSize(lastSegment - 1 + 1);
      assertThat(repair.quarantined()).allSatisfy(p -> assertThat(p).exists());
      assertThat(Segment.list(dir)).extracting(Segment::index).containsExactly(0, 1);

      // The repaired log replays the same prefix cleanly and accepts new records.
      assertThat(replay(dir).result().clean()).isTrue();
      try (WalWriter w = WalWriter.open(dir, WalOptions.defaults())) {
        w.commit(List.of(payload(1000)));
      }
      List<WalRecord> expected = new ArrayList<>(prefix);
      expected.addAll(decodeAll(List.of(payload(1000))));
      assertThat(replay(dir).records()).isEqualTo(expected);
    }
  }

  @Test
  void stopsAtAMissingSegmentAndQuarantinesTheSegmentsAfterIt() throws Exception {
    Files.delete(fixture.resolve("00000002"));
    int firstOfSegment2 = (int) frames.stream()
        .filter(f -> f.file().getFileName().toString().compareTo("00000002") < 0).count();

    WalTestSupport.Replayed replayed = replay(fixture);

    assertThat(replayed.records()).isEqualTo(written.subList(0, firstOfSegment2));
    assertThat(replayed.result().repairs()).singleElement()
        .satisfies(r -> assertThat(r.file().getFileName().toString()).isEqualTo("00000002"))
        .satisfies(r -> assertThat(r.reason()).isEqualTo("missing segment after this one"));
    assertThat(Segment.list(fixture)).extracting(Segment::index).containsExactly(0, 1);
  }

  @Test
  void replaysOnlyAnIntactPrefixWhateverIsDamaged() throws Exception {
    Random random = new Random(4242);
    for (int round = 0; round < 100; round++) {
      Path dir = tmp.resolve("round-" + round);
      copyTree(fixture, dir);
      List<Segment> segments = Segment.list(dir);
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        Segment s = segments.get(random.nextInt(segments.size()));
        long size = Files.size(s.path());
        flipBit(s.path(), (long) (random.nextDouble() * size * 8));
      }

      // Decoding inside replay throws if a damaged record ever got through the checksum.
      WalTestSupport.Replayed replayed = replay(dir);

      assertThat(replayed.records()).isEqualTo(written.subList(0, replayed.records().size()));
      assertThat(replayed.result().clean()).isFalse();
    }
  }
}
