package dev.vigil.server.storage.tsdb.block;

import static dev.vigil.server.storage.tsdb.block.BlockTestData.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.StaleNaN;
import dev.vigil.server.storage.tsdb.head.Head;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactorTest {

  private static final long H2 = 2 * HOUR;
  private static final long DAY = 24 * HOUR;

  @TempDir Path dir;

  private final Compactor compactor = new Compactor(Compactor.rangesFor(15 * DAY), new BlockWriter());

  @Test
  void growsRangesByThreeUpToTenPercentOfRetention() {
    assertThat(Compactor.rangesFor(15 * DAY)).containsExactly(H2, 3 * H2, 9 * H2);
    assertThat(Compactor.rangesFor(365 * DAY))
        .containsExactly(H2, 3 * H2, 9 * H2, 27 * H2, 81 * H2, 243 * H2); // 20.25 d; 60.75 d > 31 d
    assertThat(Compactor.rangesFor(HOUR)).containsExactly(H2);
  }

  @Test
  void plansThreeAdjacentTwoHourBlocksIntoSixHoursOnlyOnceTheWindowIsFull() {
    List<BlockMeta> blocks = new ArrayList<>(List.of(meta("A", 0, H2), meta("B", H2, 2 * H2)));
    assertThat(compactor.plan(blocks)).isEmpty(); // B is the newest block and held back

    blocks.add(meta("C", 2 * H2, 3 * H2));
    assertThat(compactor.plan(blocks)).isEmpty(); // C is held back, so the 6 h window is not full

    blocks.add(meta("D", 3 * H2, 4 * H2));
    assertThat(compactor.plan(blocks)).extracting(BlockMeta::id).containsExactly("A", "B", "C");
  }

  @Test
  void plansAWindowWithGapsOnceTimeHasMovedPastIt() {
    List<BlockMeta> blocks = List.of(meta("A", 0, H2), meta("C", 2 * H2, 3 * H2), meta("Z", 9 * H2, 10 * H2));

    assertThat(compactor.plan(blocks)).extracting(BlockMeta::id).containsExactly("A", "C");
  }

  @Test
  void plansOverlappingBlocksFirst() {
    List<BlockMeta> blocks =
        List.of(meta("A", 0, H2), meta("B", H2, 2 * H2), meta("C", 2 * H2, 3 * H2),
            meta("X", 5 * H2, 6 * H2), meta("Y", 5 * H2 + HOUR, 6 * H2 + HOUR), meta("N", 9 * H2, 10 * H2));

    assertThat(compactor.plan(blocks)).extracting(BlockMeta::id).containsExactly("X", "Y");
  }

  @Test
  void neverPlansAWindowHoldingABlockWhoseCompactionFailed() {
    List<BlockMeta> blocks = List.of(meta("A", 0, H2), failed("B", H2, 2 * H2),
        meta("C", 2 * H2, 3 * H2), meta("D", 3 * H2, 4 * H2), meta("E", 4 * H2, 5 * H2),
        meta("F", 5 * H2, 6 * H2), meta("N", 9 * H2, 10 * H2));

    // [0, 6 h) and the 18 h window around it hold B; [6 h, 12 h) is free of it.
    assertThat(compactor.plan(blocks)).extracting(BlockMeta::id).containsExactly("D", "E", "F");
    assertThat(compactor.plan(blocks.subList(0, 3))).isEmpty();
  }

  @Test
  void leavesABlockWhoseCompactionFailedOutOfOverlapMerges() {
    List<BlockMeta> blocks = List.of(meta("A", 0, H2), failed("B", HOUR, H2 + HOUR),
        meta("X", 5 * H2, 6 * H2), meta("Y", 5 * H2 + HOUR, 6 * H2 + HOUR));

    assertThat(compactor.plan(blocks)).extracting(BlockMeta::id).containsExactly("X", "Y");
  }

  @Test
  void compactionPreservesEverySampleExactlyAndRecordsLevelAndSources() {
    Head head = new Head();
    BlockTestData.fill(head, new Random(5), 60, 0, 3 * H2);
    List<Block> parts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      BlockMeta m = new BlockWriter(120).write(dir, head.querier(0, Long.MAX_VALUE), i * H2, (i + 1) * H2);
      parts.add(Block.open(dir.resolve(m.id())));
    }

    BlockMeta out = compactor.compact(dir, parts);

    Block merged = Block.open(dir.resolve(out.id()));
    try (Querier want = head.querier(Long.MIN_VALUE, Long.MAX_VALUE);
        Querier got = merged.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      var expected = BlockTestData.dumpAll(want);
      assertThat(BlockTestData.dumpAll(got)).containsExactlyEntriesOf(expected);
      assertThat(expected.values().stream().flatMap(List::stream))
          .as("the data holds stale markers, whose bits must survive")
          .anyMatch(s -> s.endsWith(":" + Long.toHexString(StaleNaN.BITS)));
    }
    assertThat(out.minTime()).isEqualTo(0);
    assertThat(out.maxTime()).isEqualTo(3 * H2);
    assertThat(out.level()).isEqualTo(2);
    assertThat(out.sources())
        .containsExactlyInAnyOrderElementsOf(parts.stream().map(b -> b.meta().id()).toList());
    assertThat(out.numSamples())
        .isEqualTo(parts.stream().mapToLong(b -> b.meta().numSamples()).sum());
    assertThat(out.numChunks()).isLessThan(parts.stream().mapToLong(b -> b.meta().numChunks()).sum());
  }

  @Test
  void compactingOverlappingBlocksKeepsEachTimestampOnceNewestBlockWinning() {
    Labels up = Labels.of("__name__", "up");
    Labels only = Labels.of("__name__", "only_old");
    Head old = new Head();
    append(old, up, 1000, 1, 2000, 2, 3000, 3);
    append(old, only, 1000, StaleNaN.VALUE);
    Head fresh = new Head();
    append(fresh, up, 2000, 2, 3000, 30, 4000, 4);
    Block a = Block.open(dir.resolve(new BlockWriter().write(dir, old.querier(0, 10_000), 0, 10_000).id()));
    Block b = Block.open(dir.resolve(new BlockWriter().write(dir, fresh.querier(0, 10_000), 0, 10_000).id()));

    BlockMeta out = compactor.compact(dir, List.of(a, b));

    try (Querier q = Block.open(dir.resolve(out.id())).querier(0, 10_000)) {
      assertThat(BlockTestData.dumpAll(q))
          .containsExactly(
              Map.entry(only, List.of("1000:" + Long.toHexString(StaleNaN.BITS))),
              Map.entry(up, List.of(
                  "1000:" + hex(1), "2000:" + hex(2), "3000:" + hex(30), "4000:" + hex(4))));
    }
    assertThat(out.numSamples()).isEqualTo(5);
  }

  private static String hex(double v) {
    return Long.toHexString(Double.doubleToRawLongBits(v));
  }

  private static void append(Head h, Labels l, double... tv) {
    Appender app = h.appender();
    for (int i = 0; i < tv.length; i += 2) {
      app.append(l, (long) tv[i], tv[i + 1]);
    }
    app.commit();
  }

  private static BlockMeta meta(String id, long min, long max) {
    return new BlockMeta(id, min, max, 1, 1, 1, 1, List.of(id));
  }

  private static BlockMeta failed(String id, long min, long max) {
    return new BlockMeta(id, min, max, 1, 1, 1, 1, List.of(id), true);
  }
}
