package dev.vigil.server.storage.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkCutRuleTest {

  private final ChunkCutRule rule = new ChunkCutRule(120, 7_200_000);

  @ParameterizedTest(name = "{0} samples, chunk from {1}, next at {2} -> cut {3}")
  @CsvSource({
    "119, 0, 7199999, false",
    "120, 0, 1000, true",
    "1, 0, 7200000, true",
    "1, 7199999, 7200000, true",
    "1, 7200000, 14399999, false",
    "1, -1, 0, true",
    "1, -7200000, -1, false",
    "1, 9223372036854775000, 9223372036854775807, false",
  })
  void cutsWhenFullOrPastTheRangeOfTheChunkStart(int samples, long chunkMin, long t, boolean cut) {
    assertThat(rule.shouldCut(samples, chunkMin, t)).isEqualTo(cut);
  }
}
