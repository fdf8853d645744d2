package dev.vigil.agent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpositionBufferTest {

  @Test
  void writesDoublesAsDoubleToStringWithPrometheusInfinities() {
    double[] values = {
      0.0, -0.0, 1, -1, 9_999_999, -9_999_999, 1e7, 1e-3, 0.5, 1.0 / 3, Double.NaN,
      Double.MIN_VALUE, Double.MAX_VALUE, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE, 2e23
    };
    for (double value : values) {
      assertThat(written(value)).as("%s", value).isEqualTo(Double.toString(value));
    }
    assertThat(written(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(written(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void writesRandomIntegralAndFractionalDoublesAsDoubleToString() {
    SplittableRandom random = new SplittableRandom(4701);
    for (int i = 0; i < 20_000; i++) {
      double value =
          switch (i % 3) {
            case 0 -> (double) random.nextLong(-20_000_000, 20_000_000);
            case 1 -> random.nextDouble(-1e8, 1e8);
            default -> Double.longBitsToDouble(random.nextLong());
          };
      assertThat(written(value)).as("%s", value).isEqualTo(Double.toString(value));
    }
  }

  @Test
  void writesLongsInDecimal() {
    long[] values = {0, 7, -7, 10, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long value : values) {
      ExpositionBuffer buffer = new ExpositionBuffer(1);
      buffer.writeLong(value);
      assertThat(text(buffer)).isEqualTo(Long.toString(value));
    }
  }

  @Test
  void growsAndKeepsWhatWasWrittenWhenTruncated() {
    ExpositionBuffer buffer = new ExpositionBuffer(2);
    buffer.writeAscii("# TYPE up gauge\n");
    int mark = buffer.length();
    buffer.write("up 1\n".getBytes(StandardCharsets.US_ASCII));
    buffer.truncate(mark);

    assertThat(text(buffer)).isEqualTo("# TYPE up gauge\n");
  }

  private static String written(double value) {
    ExpositionBuffer buffer = new ExpositionBuffer(4);
    buffer.writeDouble(value);
    return text(buffer);
  }

  private static String text(ExpositionBuffer buffer) {
    return new String(buffer.array(), 0, buffer.length(), StandardCharsets.US_ASCII);
  }
}
