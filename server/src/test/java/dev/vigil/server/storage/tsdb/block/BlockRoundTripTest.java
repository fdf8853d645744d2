package dev.vigil.server.storage.tsdb.block;

import static dev.vigil.server.storage.tsdb.block.BlockTestData.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.tsdb.head.Head;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockRoundTripTest {

  @TempDir Path dir;

  @Test
  void readsBackEverySampleAndLabelOfManySeriesIncludingUtf8() {
    Head head = new Head();
    BlockTestData.fill(head, new Random(42), 300, 0, 2 * HOUR);

    BlockMeta meta = new BlockWriter().write(dir, head.querier(0, 2 * HOUR - 1), 0, 2 * HOUR);
    Block block = Block.open(dir.resolve(meta.id()));

    try (Querier expected = head.querier(Long.MIN_VALUE, Long.MAX_VALUE);
        Querier actual = block.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      var want = BlockTestData.dumpAll(expected);
      assertThat(BlockTestData.dumpAll(actual)).containsExactlyEntriesOf(want);
      assertThat(actual.labelValues("job", List.of()))
          .containsExactly("api", "cache", "db", "wörker", "計算");
      assertThat(actual.labelNames(List.of()))
          .containsExactly("__name__", "code", "instance", "job");
      assertThat(meta.numSeries()).isEqualTo(300);
      assertThat(meta.numSamples())
          .isEqualTo(want.values().stream().mapToLong(List::size).sum());
    }
  }

  @Test
  void keepsOnlySamplesInTheBlockRangeHalfOpen() {
    Head head = new Head();
    Labels up = Labels.of("__name__", "up");
    Appender app = head.appender();
    for (long t = 0; t <= 10_000; t += 1000) {
      app.append(up, t, t / 1000.0);
    }
    app.commit();

    BlockMeta meta =
        new BlockWriter().write(dir, head.querier(Long.MIN_VALUE, Long.MAX_VALUE), 2000, 5000);

    try (Querier q = Block.open(dir.resolve(meta.id())).querier(0, 100_000)) {
      assertThat(BlockTestData.dumpAll(q).get(up))
          .containsExactly("2000:4000000000000000", "3000:4008000000000000", "4000:4010000000000000");
    }
    assertThat(meta.minTime()).isEqualTo(2000);
    assertThat(meta.maxTime()).isEqualTo(5000);
  }

  @Test
  void refusesToWriteAnEmptyBlockAndLeavesNothingBehind() throws IOException {
    Head head = new Head();
    Appender app = head.appender();
    app.append(Labels.of("__name__", "up"), 10 * HOUR, 1);
    app.commit();

    assertThatThrownBy(
            () -> new BlockWriter().write(dir, head.querier(0, Long.MAX_VALUE), 0, 2 * HOUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty block");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void publishesTheBlockUnderItsIdWithMetaStatsAndNoTemporaryDirectory() throws IOException {
    Head head = new Head();
    BlockTestData.fill(head, new Random(7), 10, 0, HOUR);

    BlockMeta meta = new BlockWriter(50).write(dir, head.querier(0, HOUR), 0, HOUR);

    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(meta.id());
    }
    assertThat(BlockId.isValid(meta.id())).isTrue();
    Path blockDir = dir.resolve(meta.id());
    assertThat(blockDir.resolve("index")).isRegularFile();
    assertThat(blockDir.resolve("chunks/000001")).isRegularFile();
    BlockMeta reread = Block.open(blockDir).meta();
    assertThat(reread).isEqualTo(meta);
    assertThat(reread.level()).isEqualTo(1);
    assertThat(reread.sources()).containsExactly(meta.id());
    // 240 scrapes minus misses, cut every 50 samples: 5 chunks per series.
    assertThat(meta.numChunks()).isEqualTo(10 * ((meta.numSamples() / 10 + 49) / 50));
  }

  @Test
  void answersPostingsForAllMatcherKinds() {
    Head head = new Head();
    BlockTestData.fill(head, new Random(3), 50, 0, HOUR);
    BlockMeta meta = new BlockWriter().write(dir, head.querier(0, HOUR), 0, HOUR);
    Block block = Block.open(dir.resolve(meta.id()));

    for (List<LabelMatcher> matchers :
        List.of(
            List.of(LabelMatcher.equal("job", "wörker")),
            List.of(LabelMatcher.of(LabelMatcher.Type.NOT_EQUAL, "code", "200"), eqName("metric_1")),
            List.of(LabelMatcher.of(LabelMatcher.Type.REGEX, "instance", "host-[13].*")),
            List.of(LabelMatcher.of(LabelMatcher.Type.NOT_REGEX, "code", "|5.."), eqName("metric_0")),
            List.of(LabelMatcher.equal("job", "nope")))) {
      try (Querier h = head.querier(0, HOUR);
          Querier b = block.querier(0, HOUR)) {
        assertThat(BlockTestData.dump(b, matchers))
            .as("%s", matchers)
            .containsExactlyEntriesOf(BlockTestData.dump(h, matchers));
      }
    }
  }

  @Test
  void idsSortByCreationTime() {
    String earlier = BlockId.next(1_000_000);
    String later = BlockId.next(1_000_001);

    assertThat(earlier).hasSize(26).isLessThan(later);
    assertThat(BlockId.isValid(earlier)).isTrue();
    assertThat(BlockId.isValid("01ARZ3NDEKTSV4RRFFQ69G5FAI")).isFalse(); // I is not Crockford
  }

  private static LabelMatcher eqName(String name) {
    return LabelMatcher.equal("__name__", name);
  }
}
