package dev.vigil.server.storage.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.storage.StaleNaN;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompactChunkBuilderTest {

  private static final double STEADY = 1_000;

  /** Runs of integers with one odd value in the middle that forces the XOR fallback. */
  static Stream<Arguments> nonIntegralValues() {
    return Stream.of(
        Arguments.of("NaN", Double.NaN),
        Arguments.of("StaleNaN", StaleNaN.VALUE),
        Arguments.of("+Inf", Double.POSITIVE_INFINITY),
        Arguments.of("-Inf", Double.NEGATIVE_INFINITY),
        Arguments.of("-0.0", -0.0),
        Arguments.of("a fraction", 0.25),
        Arguments.of("2^63", 0x1p63));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonIntegralValues")
  void fallsBackToXorWhenAnyValueIsNotAnIntegerAndKeepsItBitExact(String name, double odd) {
    long[] ts = IntChunkTest.regular(9);
    double[] vs = {1, 2, 3, 4, odd, 6, 7, 8, 9};

    Chunk c = build(ts, vs);

    assertThat(c.encoding()).isEqualTo(ChunkEncoding.XOR);
    assertThat(IntChunkTest.bits(c.iterator())).isEqualTo(IntChunkTest.bits(ts, vs));
  }

  @Test
  void choosesIntegerDeltasForAGaugeThatWalks() {
    long[] ts = IntChunkTest.regular(120);
    double[] vs = new double[120];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = 20 + (i * 7 % 5) - 2; // a walk of small steps
    }

    Chunk c = build(ts, vs);

    assertThat(c.encoding()).isEqualTo(ChunkEncoding.INT);
    assertThat(((IntChunk) c).order()).isEqualTo(1);
    assertThat(IntChunkTest.bits(c.iterator())).isEqualTo(IntChunkTest.bits(ts, vs));
  }

  @Test
  void choosesIntegerDeltasOfDeltasForASteadyCounter() {
    long[] ts = IntChunkTest.regular(120);
    double[] vs = new double[120];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = STEADY + 300.0 * i + (i % 3);
    }

    Chunk c = build(ts, vs);

    assertThat(c.encoding()).isEqualTo(ChunkEncoding.INT);
    assertThat(((IntChunk) c).order()).isEqualTo(2);
    assertThat(IntChunkTest.bits(c.iterator())).isEqualTo(IntChunkTest.bits(ts, vs));
  }

  @Test
  void choosesTheWideTableForAGaugeThatMovesByMegabytes() {
    long[] ts = IntChunkTest.regular(480);
    double[] vs = new double[480];
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < vs.length; i++) {
      vs[i] = 50_000_000 + r.nextInt(4_000_000);
    }

    Chunk c = build(ts, vs);

    assertThat(c.encoding()).isEqualTo(ChunkEncoding.INT);
    assertThat(((IntChunk) c).valueTable()).isEqualTo(1);
    assertThat(((IntChunk) c).timestampMode()).isEqualTo(IntChunk.TS_EXCEPTIONS);
    assertThat(IntChunkTest.bits(c.iterator())).isEqualTo(IntChunkTest.bits(ts, vs));
  }

  @Test
  void neverChoosesALargerChunkThanXor() {
    long[] ts = IntChunkTest.regular(120);
    double[] vs = new double[120];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < vs.length; i++) {
      vs[i] = r.nextLong(); // random 64-bit integers: nothing to gain from deltas
    }
    XorAppender xor = new XorAppender();
    for (int i = 0; i < ts.length; i++) {
      xor.append(ts[i], vs[i]);
    }

    Chunk c = build(ts, vs);

    assertThat(c.bytes().length).isLessThanOrEqualTo(xor.byteLength());
    assertThat(IntChunkTest.bits(c.iterator())).isEqualTo(IntChunkTest.bits(ts, vs));
  }

  @Test
  void startsEmptyAgainAfterSealing() {
    CompactChunkBuilder b = new CompactChunkBuilder();
    b.append(1, 1);
    b.seal();
    b.append(1, 0.5); // the same timestamp is fine in a new chunk

    Chunk c = b.seal();

    assertThat(c.encoding()).isEqualTo(ChunkEncoding.XOR);
    assertThat(c.numSamples()).isEqualTo(1);
  }

  @Test
  void rejectsTimestampsThatDoNotIncreaseAndSealingNothing() {
    CompactChunkBuilder b = new CompactChunkBuilder();
    assertThatThrownBy(b::seal).hasMessage("no samples to seal");
    b.append(10, 1);
    assertThatThrownBy(() -> b.append(10, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timestamp 10 is not after");
  }

  private static Chunk build(long[] ts, double[] vs) {
    CompactChunkBuilder b = new CompactChunkBuilder();
    for (int i = 0; i < ts.length; i++) {
      b.append(ts[i], vs[i]);
    }
    assertThat(b.firstTimestamp()).isEqualTo(ts[0]);
    assertThat(b.lastTimestamp()).isEqualTo(ts[ts.length - 1]);
    return b.seal();
  }

  private static XorChunk xor(long[] ts, double[] vs) {
    XorAppender a = new XorAppender(16);
    for (int i = 0; i < ts.length; i++) {
      a.append(ts[i], vs[i]);
    }
    return a.seal();
  }

  @Test
  void recodesASealedXorCounterChunkAsTheSmallerIntChunk() {
    long[] ts = IntChunkTest.regular(120);
    double[] vs = new double[120];
    for (int i = 1; i < vs.length; i++) {
      vs[i] = vs[i - 1] + (i * 13 % 20); // a counter growing by 0..19 per scrape
    }
    XorChunk x = xor(ts, vs);

    Chunk c = CompactChunkBuilder.smallest(x);

    assertThat(c.encoding()).isEqualTo(ChunkEncoding.INT);
    assertThat(((IntChunk) c).byteLength()).isLessThan(x.byteLength());
    assertThat(IntChunkTest.bits(c.iterator())).isEqualTo(IntChunkTest.bits(ts, vs));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonIntegralValues")
  void keepsASealedXorChunkWithANonIntegerValueAsItIs(String name, double odd) {
    long[] ts = IntChunkTest.regular(9);
    double[] vs = {1, 2, 3, 4, odd, 6, 7, 8, 9};
    XorChunk x = xor(ts, vs);

    assertThat(CompactChunkBuilder.smallest(x)).isSameAs(x);
  }
}
