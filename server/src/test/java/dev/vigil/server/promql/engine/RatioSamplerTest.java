package dev.vigil.server.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * limit_ratio picks the series Prometheus picks. Expected selections were observed on Prometheus
 * 3.5.3 ({@code promtool test rules}, experimental functions on) with the same label sets.
 */
class RatioSamplerTest {

  @Test
  void hashesWithXxh64AsPublishedTestVectors() {
    assertThat(xxh64("")).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(xxh64("abc")).isEqualTo(0x44BC2CF5AD770999L);
    // 39 bytes: one 32-byte stripe, then a 4-byte word and single bytes.
    assertThat(xxh64("Nobody inspects the spammish repetition"))
        .isEqualTo(0xFBCEA83C8A378BF1L);
  }

  @Test
  void keepsThePrometheusSelectionForUtf8NamesAndLongValues() {
    // Values of 301+ bytes take the 4-byte length encoding; names are multi-byte UTF-8.
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Labels l = Labels.of("__name__", "ü.metric", "lä.bel", i + "w".repeat(300));
      if (RatioSampler.keeps(0.5, l)) {
        kept.add(i);
      }
    }
    assertThat(kept).containsExactly(0, 2, 3, 4, 5, 6, 10, 11);
  }

  @Test
  void keepsThePrometheusSelectionForPlainLabels() {
    List<Integer> kept =
        IntStream.range(0, 20)
            .filter(i -> RatioSampler.keeps(0.5, Labels.of("__name__", "x", "i", "" + i, "job", "j")))
            .boxed()
            .toList();
    assertThat(kept).containsExactly(2, 3, 4, 7, 10, 12, 14, 17, 19);
  }

  @Test
  void ratioOneKeepsEverySeriesAndZeroNone() {
    Labels l = Labels.of("__name__", "up");
    assertThat(RatioSampler.keeps(1, l)).isTrue();
    assertThat(RatioSampler.keeps(0, l)).isFalse();
    assertThat(RatioSampler.keeps(-1, l)).isTrue();
  }

  private static long xxh64(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return XxHash64.hash(b, b.length);
  }
}
