package dev.vigil.server.storage.tsdb.block;

import static dev.vigil.server.storage.tsdb.block.BlockTestData.HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.LabelMatcher.Type;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.head.Head;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block querier answers exactly as the head holding the same data, for random selectors,
 * ranges and seeks (deterministic seed). The head is the reference because it already passes the
 * storage contract; a block is read-only, so the contract's append tests do not apply.
 */
class BlockQuerierTest {

  private static final long SEED = 20261124L;
  private static final String[] NAMES = {"__name__", "job", "instance", "code", "absent"};
  private static final String[] VALUES = {
    "metric_1", "metric_4", "api", "wörker", "計算", "host-3:9100", "200", "500", "", "x"
  };
  private static final String[] REGEXES = {".*", ".+", "metric_[0-3]", "host-1.*", "2..|5..", "a.*|"};

  @TempDir static Path dir;
  private static Head head;
  private static Block block;

  @BeforeAll
  static void writeBlock() {
    head = new Head();
    BlockTestData.fill(head, new Random(SEED), 120, 0, 2 * HOUR);
    // Short chunks so ranges and seeks cross chunk boundaries often.
    BlockMeta meta = new BlockWriter(37).write(dir, head.querier(0, 2 * HOUR), 0, 2 * HOUR);
    block = Block.open(dir.resolve(meta.id()));
  }

  @Test
  void selectsTheSameSeriesAndSamplesAsTheHeadForRandomSelectorsAndRanges() {
    Random rnd = new Random(SEED);
    for (int round = 0; round < 200; round++) {
      List<LabelMatcher> matchers = randomMatchers(rnd);
      long min = rnd.nextInt((int) (2 * HOUR + 60_000)) - 30_000;
      long max = min + rnd.nextInt((int) HOUR);
      try (Querier h = head.querier(min, max);
          Querier b = block.querier(min, max)) {
        assertThat(BlockTestData.dump(b, matchers))
            .as("round %d: %s over [%d, %d]", round, matchers, min, max)
            .containsExactlyEntriesOf(BlockTestData.dump(h, matchers));
        assertThat(b.labelNames(matchers)).as("names %s", matchers).isEqualTo(h.labelNames(matchers));
        assertThat(b.labelValues("instance", matchers)).isEqualTo(h.labelValues("instance", matchers));
      }
    }
  }

  @Test
  void seeksLikeTheHead() {
    Random rnd = new Random(SEED + 1);
    List<LabelMatcher> all = List.of(BlockTestData.ALL);
    try (Querier h = head.querier(HOUR / 2, HOUR + HOUR / 3);
        Querier b = block.querier(HOUR / 2, HOUR + HOUR / 3)) {
      SeriesSet hs = h.select(true, all);
      SeriesSet bs = b.select(true, all);
      while (hs.next()) {
        assertThat(bs.next()).isTrue();
        SampleIterator hi = hs.at().iterator();
        SampleIterator bi = bs.at().iterator();
        List<String> want = new ArrayList<>();
        List<String> got = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 20; i++) {
          t += rnd.nextInt(600_000);
          boolean hv = hi.seek(t);
          assertThat(bi.seek(t)).isEqualTo(hv);
          if (!hv) {
            break;
          }
          want.add(hi.timestamp() + ":" + Double.doubleToRawLongBits(hi.value()));
          got.add(bi.timestamp() + ":" + Double.doubleToRawLongBits(bi.value()));
          if (rnd.nextBoolean() && hi.next()) {
            assertThat(bi.next()).isTrue();
            want.add(hi.timestamp() + "");
            got.add(bi.timestamp() + "");
          }
        }
        assertThat(got).isEqualTo(want);
      }
      assertThat(bs.next()).isFalse();
    }
  }

  @Test
  void refusesUseAfterClose() {
    Querier q = block.querier(0, HOUR);
    q.close();

    assertThatThrownBy(() -> q.select(true, List.of(BlockTestData.ALL)))
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<LabelMatcher> randomMatchers(Random rnd) {
    List<LabelMatcher> out = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      String name = NAMES[rnd.nextInt(NAMES.length)];
      Type type = Type.values()[rnd.nextInt(Type.values().length)];
      boolean regex = type == Type.REGEX || type == Type.NOT_REGEX;
      String value = regex ? REGEXES[rnd.nextInt(REGEXES.length)] : VALUES[rnd.nextInt(VALUES.length)];
      out.add(LabelMatcher.of(type, name, value));
    }
    // As PromQL requires, at least one matcher must not match the empty string.
    out.add(LabelMatcher.of(Type.REGEX, "__name__", "metric_.*"));
    return out;
  }
}
