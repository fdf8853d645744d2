package dev.vigil.agent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipEncoderTest {

  private final GzipEncoder encoder = new GzipEncoder();

  @Test
  void producesGzipThatTheJdkDecodesToTheInput() throws IOException {
    byte[] body = "jvm_threads_live_threads{application=\"orders\"} 17.0\n".repeat(500)
        .getBytes(StandardCharsets.UTF_8);

    assertThat(decode(encode(body))).isEqualTo(body);
  }

  @Test
  void encodesOneBodyAfterAnotherWithTheSameDeflater() throws IOException {
    byte[] first = "a".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
    byte[] second = "up 1\n".getBytes(StandardCharsets.US_ASCII);
    byte[] empty = new byte[0];

    assertThat(decode(encode(first))).isEqualTo(first);
    assertThat(decode(encode(second))).isEqualTo(second);
    assertThat(decode(encode(empty))).isEqualTo(empty);
    encoder.close();
  }

  private byte[] encode(byte[] body) {
    ExpositionBuffer out = new ExpositionBuffer(8);
    encoder.encode(body, body.length, out);
    byte[] gzipped = new byte[out.length()];
    System.arraycopy(out.array(), 0, gzipped, 0, gzipped.length);
    return gzipped;
  }

  private static byte[] decode(byte[] gzipped) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }
}
