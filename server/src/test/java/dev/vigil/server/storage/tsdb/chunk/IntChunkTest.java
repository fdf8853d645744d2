package dev.vigil.server.storage.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.StaleNaN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntChunkTest {

  private static final long T0 = 1_700_000_000_000L;

  /** Each value bucket edge from both sides, positive and negative. */
  static Stream<Arguments> valueEdges() {
    List<Arguments> out = new ArrayList<>();
    for (ValueBucket table : ValueBucket.values()) {
      for (int bits : table.payloadBits()) {
        if (bits == 0 || bits == 64) {
          continue;
        }
        long half = 1L << (bits - 1);
        for (long x : new long[] {half - 1, half, -half, -half - 1}) {
          out.add(Arguments.of(x));
        }
      }
    }
    out.add(Arguments.of(0L));
    out.add(Arguments.of(Long.MIN_VALUE));
    out.add(Arguments.of(Long.MAX_VALUE));
    return out.stream().distinct();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueEdges")
  void valueBucketsRoundTripEveryEdgeInTheShortestRow(long x) {
    for (ValueBucket table : ValueBucket.values()) {
      BitWriter w = new BitWriter(16);
      table.write(w, x);
      BitReader r = new BitReader(w.toByteArray(), 0, w.byteLength());

      assertThat(table.read(r)).as("%s", table).isEqualTo(x);
      assertThat(w.bitLength()).isEqualTo(table.cost(x));
      assertThat(table.cost(x)).isLessThanOrEqualTo(table.cost(x > 0 ? x + 1 : x - 1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueEdges")
  void measuresAValueAsTheFewestTwosComplementBitsThatHoldIt(long x) {
    int w = ValueBucket.width(x);

    // Holding x in w signed bits means -2^(w-1) <= x < 2^(w-1); one bit fewer must not hold it.
    assertThat(fitsSigned(x, w)).isTrue();
    if (w > 0) {
      assertThat(fitsSigned(x, w - 1)).isFalse();
    }
  }

  private static boolean fitsSigned(long x, int bits) {
    if (bits == 0) {
      return x == 0;
    }
    if (bits == 64) {
      return true;
    }
    long half = 1L << (bits - 1);
    return x >= -half && x < half;
  }

  @ParameterizedTest(name = "step {0}")
  @MethodSource("valueEdges")
  void roundTripsValueDeltasAndDodsAtEveryBucketEdge(long step) {
    // Values chosen so that the deltas and the deltas-of-deltas both hit the edge.
    double[] vs = {0, step, 0, step, 2.0 * step, 0};
    if (!allIntegral(vs)) {
      return; // a step near 2^63 doubles beyond the long range; covered by hugeIntegers below
    }
    assertRoundTripsInBothOrders(regular(vs.length), vs);
  }

  /** Each timestamp dod bucket edge from both sides, as in the XOR chunk's table. */
  static Stream<Arguments> dodEdges() {
    List<Arguments> out = new ArrayList<>();
    long day = 86_400_000L;
    for (long e : new long[] {0, 1, 7, 8, 511, 512, 65_535, 65_536, 3 * day}) {
      for (long dod : new long[] {e, -e, -e - 1, e + 1}) {
        out.add(Arguments.of(dod));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "dod {0}")
  @MethodSource("dodEdges")
  void roundTripsTimestampsAtEveryBucketEdgeInBothModes(long dod) {
    long base = 864_000_000L; // ten days: every delta stays positive
    long[] ts = {T0, T0 + base, T0 + 2 * base + dod, T0 + 3 * base + dod, T0 + 4 * base + 2 * dod};

    assertRoundTripsInBothOrders(ts, new double[] {1, 2, 3, 4, 5});
  }

  @Test
  void roundTripsOneAndTwoSamplesAndExtremeTimestamps() {
    assertRoundTripsInBothOrders(new long[] {-5}, new double[] {-7});
    assertRoundTripsInBothOrders(
        new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, new double[] {0x1p62, -0x1p62});
    assertRoundTripsInBothOrders(
        new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, new double[] {1, 2, 3});
  }

  @Test
  void listsOnlyTheIrregularTimestampsInExceptionMode() {
    long[] ts = regular(2048);
    for (int i = 1000; i < ts.length; i++) {
      ts[i] += 15_000; // one missed scrape: dods +15000 then -15000
    }
    double[] vs = new double[ts.length];

    IntChunk c = IntChunk.encode(ts, vs, ts.length, 1, IntChunk.TS_EXCEPTIONS, ValueBucket.NARROW);

    // header 3 + t0 6 + v0 1 + delta 2 + count 1 + pairs (gap 999: 2, dod 15000: 3) and (gap 1: 1,
    // dod -15000: 3), then one zero-value bit per sample after the first.
    assertThat(c.byteLength()).isEqualTo(3 + 6 + 1 + 2 + 1 + (2 + 3) + (1 + 3) + (2047 + 7) / 8);
    assertThat(bits(c.iterator())).isEqualTo(bits(ts, vs));
  }

  @Test
  void rejectsAnExceptionListThatPointsOutsideTheChunk() {
    byte[] bytes = IntChunk.encode(regular(4), new double[4], 4, 1, IntChunk.TS_EXCEPTIONS, ValueBucket.NARROW).bytes();
    // Byte 3.. holds t0 (6 bytes), v0 (1) and the first delta (2); then the exception count.
    bytes[3 + 6 + 1 + 2] = 5;

    assertThatThrownBy(() -> bits(IntChunk.wrap(bytes).iterator()))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("5 timestamp exceptions in a chunk of 4 samples");
  }

  @Test
  void roundTripsEqualValues() {
    double[] vs = new double[200];
    Arrays.fill(vs, 42);

    assertRoundTripsInBothOrders(regular(vs.length), vs);
  }

  @Test
  void roundTripsHugeIntegersBeyondTwoToThe53() {
    double[] vs = {
      0x1p53, 0x1p53 + 2, 0x1p62, -0x1p63, 0x1p63 - 1024, -0x1p63, 0x1p63 - 1024, 1, -1, 0
    };

    assertRoundTripsInBothOrders(regular(vs.length), vs);
  }

  @Test
  void roundTripsRandomIntegersOfEveryMagnitude() {
    Random r = new Random(7);
    double[] vs = new double[2000];
    long[] ts = new long[vs.length];
    long t = T0;
    for (int i = 0; i < vs.length; i++) {
      int bits = r.nextInt(63);
      vs[i] = (double) (r.nextLong() >> (63 - bits));
      t += 1 + r.nextInt(100_000);
      ts[i] = t;
    }

    assertRoundTripsInBothOrders(ts, vs);
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        -0.0,
        0.5,
        0x1p63,
        -0x1p64,
        Double.MAX_VALUE
      })
  void doesNotCallNonIntegersOrOutOfRangeValuesIntegral(double v) {
    assertThat(IntChunk.isIntegral(v)).isFalse();
  }

  @Test
  void doesNotCallTheStaleMarkerIntegral() {
    assertThat(IntChunk.isIntegral(StaleNaN.VALUE)).isFalse();
    assertThat(IntChunk.isIntegral(0.0)).isTrue();
    assertThat(IntChunk.isIntegral(-0x1p63)).isTrue();
  }

  @Test
  void decodesThroughTheEncodingTable() {
    IntChunk c = IntChunk.encode(regular(3), new double[] {5, 6, 8}, 3, 1, IntChunk.TS_BUCKETS, ValueBucket.NARROW);

    Chunk decoded = ChunkEncoding.fromWireByte((byte) 2).decode(c.bytes());

    assertThat(decoded.encoding()).isEqualTo(ChunkEncoding.INT);
    assertThat(samples(decoded.iterator()))
        .containsExactly(T0 + ":5.0", (T0 + 15_000) + ":6.0", (T0 + 30_000) + ":8.0");
  }

  @Test
  void storesASteadyCounterInAboutTwoBitsPerSample() {
    double[] vs = new double[480];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = 1_000_000 + 300L * i;
    }

    IntChunk c = IntChunk.encode(regular(vs.length), vs, vs.length, 2, IntChunk.TS_BUCKETS, ValueBucket.NARROW);

    // header 3 + t0 6 + v0 3 + delta 2, sample 1's value delta 300 in 13 bits, then a zero dod
    // bit and a zero value-dod bit per sample.
    assertThat(c.byteLength()).isEqualTo(3 + 6 + 3 + 2 + (13 + 478 * 2 + 7) / 8);
  }

  @Test
  void failsLoudlyOnTruncatedBytes() {
    double[] vs = new double[50];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = i * i;
    }
    byte[] bytes = IntChunk.encode(regular(50), vs, 50, 1, IntChunk.TS_BUCKETS, ValueBucket.NARROW).bytes();
    IntChunk truncated = IntChunk.wrap(Arrays.copyOf(bytes, bytes.length - 4));

    assertThatThrownBy(() -> samples(truncated.iterator()))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void rejectsAShortHeaderAndAnUnknownValueOrder() {
    assertThatThrownBy(() -> IntChunk.wrap(new byte[2]))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("3-byte header");
    assertThatThrownBy(() -> IntChunk.wrap(new byte[] {0, 1, 0x13, 0}))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("value order must be 1 or 2, got 3");
    assertThatThrownBy(() -> IntChunk.wrap(new byte[] {0, 1, 0x1d, 0}))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("value table must be 0 or 1, got 3");
    assertThatThrownBy(() -> IntChunk.wrap(new byte[] {0, 1, 0x31, 0}))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("timestamp mode must be 1 or 2, got 3");
  }

  @Test
  void seeksForwardAndStaysPutWhenAlreadyThere() {
    IntChunk c = IntChunk.encode(
            regular(10), new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10, 2, IntChunk.TS_EXCEPTIONS, ValueBucket.NARROW);
    SampleIterator it = c.iterator();

    assertThat(it.seek(T0 + 45_000 - 1)).isTrue();
    assertThat(it.value()).isEqualTo(3);
    assertThat(it.seek(T0)).isTrue();
    assertThat(it.value()).isEqualTo(3);
    assertThat(it.seek(T0 + 10 * 15_000)).isFalse();
  }

  static long[] regular(int n) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = T0 + 15_000L * i;
    }
    return ts;
  }

  private static boolean allIntegral(double[] vs) {
    for (double v : vs) {
      if (!IntChunk.isIntegral(v)) {
        return false;
      }
    }
    return true;
  }

  /** Round-trips in every value order and timestamp mode, from the encoder and from bytes. */
  private static void assertRoundTripsInBothOrders(long[] ts, double[] vs) {
    for (int tsMode : new int[] {IntChunk.TS_BUCKETS, IntChunk.TS_EXCEPTIONS}) {
      for (int order = 1; order <= 2; order++) {
        for (ValueBucket table : ValueBucket.values()) {
          IntChunk c = IntChunk.encode(ts, vs, ts.length, order, tsMode, table);
          for (Chunk chunk : List.of(c, IntChunk.wrap(c.bytes()))) {
            assertThat(chunk.numSamples()).isEqualTo(ts.length);
            assertThat(bits(chunk.iterator()))
                .as("order %d, timestamp mode %d, table %s", order, tsMode, table)
                .isEqualTo(bits(ts, vs));
          }
        }
      }
    }
    IntChunk smallest = IntChunk.encodeSmallest(ts, vs, ts.length);
    assertThat(bits(IntChunk.wrap(smallest.bytes()).iterator())).isEqualTo(bits(ts, vs));
    for (int tsMode : new int[] {IntChunk.TS_BUCKETS, IntChunk.TS_EXCEPTIONS}) {
      for (int order = 1; order <= 2; order++) {
        for (ValueBucket table : ValueBucket.values()) {
          assertThat(smallest.byteLength())
              .isLessThanOrEqualTo(
                  IntChunk.encode(ts, vs, ts.length, order, tsMode, table).byteLength());
        }
      }
    }
  }

  static List<String> bits(long[] ts, double[] vs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ts.length; i++) {
      out.add(ts[i] + ":" + Long.toHexString(Double.doubleToRawLongBits(vs[i])));
    }
    return out;
  }

  static List<String> bits(SampleIterator it) {
    List<String> out = new ArrayList<>();
    while (it.next()) {
      out.add(it.timestamp() + ":" + Long.toHexString(Double.doubleToRawLongBits(it.value())));
    }
    return out;
  }

  private static List<String> samples(SampleIterator it) {
    List<String> out = new ArrayList<>();
    while (it.next()) {
      out.add(it.timestamp() + ":" + it.value());
    }
    return out;
  }
}
