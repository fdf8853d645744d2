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

class XorChunkTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long DAY = 86_400_000L;

  /** Each dod bucket edge from both sides, positive and negative, between ordinary deltas. */
  static Stream<Arguments> dodEdges() {
    List<Arguments> out = new ArrayList<>();
    long[] edges = {0, 1, 7, 8, 511, 512, 65_535, 65_536, 3 * DAY};
    for (long e : edges) {
      for (long dod : new long[] {e, -e, -e - 1, e + 1}) {
        out.add(Arguments.of(dod));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "dod {0}")
  @MethodSource("dodEdges")
  void roundTripsTimestampsAtEveryBucketEdge(long dod) {
    long base = 10 * DAY; // large enough that every delta stays positive
    long[] ts = {T0, T0 + base, T0 + 2 * base + dod, T0 + 3 * base + dod, T0 + 4 * base + 2 * dod};
    double[] vs = {1, 2, 3, 4, 5};

    assertRoundTrip(ts, vs);
  }

  @Test
  void roundTripsSpecialValuesBitExact() {
    double[] special = {
      0.0,
      -0.0,
      Double.NaN,
      Double.longBitsToDouble(0x7ff8_0000_0000_0001L), // a NaN with a payload
      Double.longBitsToDouble(0xfff0_0000_dead_beefL), // a negative signalling NaN
      StaleNaN.VALUE,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      -Double.MAX_VALUE,
      1.0,
      1.0,
      StaleNaN.VALUE,
      StaleNaN.VALUE,
      0.0,
    };
    long[] ts = new long[special.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = T0 + 15_000L * i;
    }

    assertRoundTrip(ts, special);
  }

  @Test
  void roundTripsASingleSample() {
    assertRoundTrip(new long[] {-5}, new double[] {StaleNaN.VALUE});
  }

  @Test
  void roundTripsTwoSamplesWithTheFirstDeltaAsVarint() {
    assertRoundTrip(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, new double[] {-0.0, 0.0});
  }

  @Test
  void roundTripsNegativeAndHugeTimestamps() {
    assertRoundTrip(
        new long[] {-3 * DAY, -1, 0, 1, 400 * DAY, Long.MAX_VALUE - 1, Long.MAX_VALUE},
        new double[] {1, 2, 3, 4, 5, 6, 7});
  }

  @Test
  void roundTripsManyRandomSamples() {
    Random random = new Random(7);
    int n = 1_000;
    long[] ts = new long[n];
    double[] vs = new double[n];
    long t = T0;
    double v = 100;
    for (int i = 0; i < n; i++) {
      t +=
          switch (random.nextInt(4)) {
            case 0 -> 15_000;
            case 1 -> 15_000 + random.nextInt(20) - 10;
            case 2 -> 1 + random.nextInt(100_000);
            default -> 1 + random.nextInt(Integer.MAX_VALUE);
          };
      v =
          switch (random.nextInt(4)) {
            case 0 -> v;
            case 1 -> v + random.nextInt(50);
            case 2 -> random.nextGaussian() * 1e6;
            default -> Double.longBitsToDouble(random.nextLong());
          };
      ts[i] = t;
      vs[i] = v;
    }

    assertRoundTrip(ts, vs);
  }

  @Test
  void decodesStoredBytesIntoTheSameSamples() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < 130; i++) {
      app.append(T0 + 15_000L * i + (i % 3), i * 0.25);
    }
    byte[] stored = app.seal().bytes();

    Chunk decoded = ChunkEncoding.fromWireByte(ChunkEncoding.XOR.wireByte()).decode(stored);

    assertThat(decoded.numSamples()).isEqualTo(130);
    assertThat(samples(decoded.iterator())).isEqualTo(samples(app.seal().iterator()));
    assertThat(decoded.bytes()).isEqualTo(stored);
  }

  @Test
  void snapshotKeepsItsSamplesWhileTheAppenderGoesOn() {
    XorAppender app = new XorAppender(3);
    app.append(T0, 1);
    app.append(T0 + 10, 2);
    XorChunk snapshot = app.snapshot();
    for (int i = 2; i < 200; i++) {
      app.append(T0 + 10L * i, i * 3.5);
    }

    assertThat(samples(snapshot.iterator())).containsExactly(T0 + ":1.0", (T0 + 10) + ":2.0");
    assertThat(XorChunk.wrap(snapshot.bytes()).numSamples()).isEqualTo(2);
    assertThat(samples(XorChunk.wrap(snapshot.bytes()).iterator())).hasSize(2);
  }

  @Test
  void seeksForwardAndStaysPutWhenAlreadyThere() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < 10; i++) {
      app.append(100L * i, i);
    }
    SampleIterator it = app.seal().iterator();

    assertThat(it.seek(250)).isTrue();
    assertThat(it.timestamp()).isEqualTo(300);
    assertThat(it.seek(100)).isTrue();
    assertThat(it.timestamp()).isEqualTo(300);
    assertThat(it.next()).isTrue();
    assertThat(it.timestamp()).isEqualTo(400);
    assertThat(it.seek(900)).isTrue();
    assertThat(it.value()).isEqualTo(9.0);
    assertThat(it.seek(901)).isFalse();
    assertThat(it.next()).isFalse();
  }

  @Test
  void rejectsTimestampsThatDoNotIncrease() {
    XorAppender app = new XorAppender();
    app.append(10, 1);
    app.append(20, 1);

    assertThatThrownBy(() -> app.append(20, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timestamp 20 is not after the chunk's last timestamp 20");
    assertThatThrownBy(() -> app.append(5, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(app.numSamples()).isEqualTo(2);
  }

  @Test
  void failsLoudlyOnTruncatedBytes() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < 50; i++) {
      app.append(T0 + 1000L * i, Math.sqrt(i));
    }
    byte[] bytes = app.seal().bytes();
    XorChunk truncated = XorChunk.wrap(Arrays.copyOf(bytes, bytes.length - 4));

    assertThatThrownBy(() -> samples(truncated.iterator()))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("corrupt chunk at bit")
        .hasMessageContaining("truncated");
  }

  @Test
  void rejectsBytesShorterThanTheHeader() {
    assertThatThrownBy(() -> XorChunk.wrap(new byte[1]))
        .isInstanceOf(ChunkFormatException.class)
        .hasMessageContaining("2-byte header");
  }

  @Test
  void rejectsAnUnknownEncodingByte() {
    assertThatThrownBy(() -> ChunkEncoding.fromWireByte((byte) 0x7f))
        .hasMessage("unknown chunk encoding byte 0x7f");
  }

  @Test
  void encodesTheWorkedExampleOfTheFormatDoc() {
    XorAppender app = new XorAppender();
    app.append(1000, 1.0);
    app.append(16000, 1.0);
    app.append(31002, 2.0);
    app.append(46001, 2.0);

    assertThat(app.seal().bytes())
        .containsExactly(
            0x00, 0x04, 0xD0, 0x0F, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x98, 0x75, 0x45, 0x84, 0xBF,
            0xFF, 0x68);
  }

  @Test
  void storesAnUnchangingSeriesInAboutTwoBitsPerSample() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < 120; i++) {
      app.append(T0 + 15_000L * i, 1.0);
    }

    // header 2 + t0 varint 6 + v0 8 + delta varint 2, then one bit each for dod and value.
    assertThat(app.byteLength()).isEqualTo(2 + 6 + 8 + 2 + (118 * 2 + 1 + 7) / 8);
  }

  private static void assertRoundTrip(long[] ts, double[] vs) {
    XorAppender app = new XorAppender();
    for (int i = 0; i < ts.length; i++) {
      app.append(ts[i], vs[i]);
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < ts.length; i++) {
      expected.add(ts[i] + ":" + Long.toHexString(Double.doubleToRawLongBits(vs[i])));
    }
    for (Chunk c : List.of(app.seal(), app.snapshot(), XorChunk.wrap(app.seal().bytes()))) {
      assertThat(c.numSamples()).isEqualTo(ts.length);
      List<String> actual = new ArrayList<>();
      SampleIterator it = c.iterator();
      while (it.next()) {
        actual.add(it.timestamp() + ":" + Long.toHexString(Double.doubleToRawLongBits(it.value())));
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static List<String> samples(SampleIterator it) {
    List<String> out = new ArrayList<>();
    while (it.next()) {
      out.add(it.timestamp() + ":" + it.value());
    }
    return out;
  }

  @Test
  void growsTowardsTheExpectedSampleCountWithFewerCopiesThanDoubling() {
    Random rnd = new Random(7);
    XorAppender doubling = new XorAppender(32);
    XorAppender projecting = new XorAppender(32, 120);
    int doublingCopies = 0;
    int projectingCopies = 0;
    long t = T0;
    double counter = 0;
    for (int i = 0; i < 120; i++) {
      t += 15_000 + rnd.nextInt(5) - 2;
      counter += rnd.nextInt(20);
      byte[] before = doubling.buffer();
      byte[] projectedBefore = projecting.buffer();
      doubling.append(t, counter);
      projecting.append(t, counter);
      doublingCopies += before == doubling.buffer() ? 0 : 1;
      projectingCopies += projectedBefore == projecting.buffer() ? 0 : 1;
    }

    // Same bits either way; the projecting buffer ends close to the chunk's size (its eighth of
    // headroom plus the spare word), the doubling one up to twice it.
    assertThat(projecting.toByteArray()).isEqualTo(doubling.toByteArray());
    assertThat(projectingCopies).isLessThan(doublingCopies);
    int size = projecting.byteLength();
    assertThat(projecting.buffer().length).isLessThanOrEqualTo(size + size / 4 + 16);
    assertThat(projecting.buffer().length).isLessThanOrEqualTo(doubling.buffer().length);
  }

  @Test
  void keepsGrowingPastTheExpectedCountWhenTheChunkGoesOn() {
    XorAppender a = new XorAppender(16, 20);
    Random rnd = new Random(11);
    long t = T0;
    List<double[]> written = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      t += 1_000 + rnd.nextInt(7);
      double v = rnd.nextGaussian() * 1e6;
      a.append(t, v);
      written.add(new double[] {t, v});
    }

    SampleIterator it = a.seal().iterator();
    for (double[] w : written) {
      assertThat(it.next()).isTrue();
      assertThat(it.timestamp()).isEqualTo((long) w[0]);
      assertThat(it.value()).isEqualTo(w[1]);
    }
    assertThat(it.next()).isFalse();
  }

  @Test
  void copiesIntoABufferTheBytesItHandsOutEvenFromALiveSnapshot() {
    XorAppender a = new XorAppender(16);
    for (int i = 0; i < 50; i++) {
      a.append(T0 + i * 15_000L, i * 1.5);
    }
    for (Chunk c : List.of(a.snapshot(), a.seal(), IntChunk.encodeSmallest(
        new long[] {T0, T0 + 1, T0 + 2}, new double[] {1, 2, 4}, 3))) {
      byte[] dst = new byte[c.byteLength() + 7];
      c.copyTo(dst, 5);

      assertThat(Arrays.copyOfRange(dst, 5, 5 + c.byteLength())).isEqualTo(c.bytes());
      assertThat(c.byteLength()).isEqualTo(c.bytes().length);
    }
  }
}
