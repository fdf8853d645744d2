package dev.vigil.server.storage.tsdb.wal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.StaleNaN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordRoundTripTest {

  @Test
  void roundTripsSeriesWithUtf8Labels() throws Exception {
    List<RefSeries> series = List.of(
        new RefSeries(1, Labels.of("__name__", "http_requests_total", "path", "/café/ünï")),
        new RefSeries(2, Labels.of("__name__", "温度", "city", "東京", "emoji", "🔥📈")),
        new RefSeries(3, Labels.of("__name__", "x", "combining", "e\u0301", "nul", "a\u0000b")),
        new RefSeries(4, Labels.of("__name__", "q", "quote", "say \"hi\"\n\\")));

    SeriesRecord decoded = RecordDecoder.series(RecordEncoder.series(series));

    assertThat(decoded.series()).isEqualTo(series);
  }

  @Test
  void roundTripsSeriesWithManyLabelsAndSharedStrings() throws Exception {
    List<RefSeries> series = new ArrayList<>();
    for (int s = 0; s < 500; s++) {
      Labels.Builder b = Labels.builder().set("__name__", "metric_" + (s % 7));
      for (int l = 0; l < 60; l++) {
        b.set("label_" + l, "value_" + ((s + l) % 13));
      }
      series.add(new RefSeries(1000L + s * 3L, b.build()));
    }

    byte[] payload = RecordEncoder.series(series);

    assertThat(RecordDecoder.series(payload).series()).isEqualTo(series);
    // 500 series x 61 labels, but only 7 names + 60 label names + 13 values are distinct: the
    // symbol table keeps each once, so every label costs two 1-byte indexes.
    assertThat(payload.length).isLessThan(500 * 61 * 2 + 500 * 4 + 2000);
  }

  @Test
  void roundTripsExtremeReferencesAndTimestamps() throws Exception {
    List<RefSample> samples = List.of(
        new RefSample(Long.MAX_VALUE, Long.MIN_VALUE, 1),
        new RefSample(Long.MIN_VALUE, Long.MAX_VALUE, 2),
        new RefSample(0, 0, 3),
        new RefSample(-1, -1, 4),
        new RefSample(Long.MAX_VALUE, Long.MAX_VALUE, 5));
    List<RefSeries> series = List.of(
        new RefSeries(Long.MAX_VALUE, Labels.of("a", "1")),
        new RefSeries(Long.MIN_VALUE, Labels.of("a", "2")),
        new RefSeries(0, Labels.of("a", "3")));

    assertThat(RecordDecoder.samples(RecordEncoder.samples(samples)).samples())
        .isEqualTo(samples);
    assertThat(RecordDecoder.series(RecordEncoder.series(series)).series()).isEqualTo(series);
  }

  @Test
  void preservesTheRawBitsOfNanStaleMarkerAndSpecialValues() throws Exception {
    long[] bits = {
        StaleNaN.BITS,
        Double.doubleToRawLongBits(Double.NaN),
        0x7ff8000000000001L, // a quiet NaN with a payload
        0xfff0000000000001L, // a negative signalling NaN
        Double.doubleToRawLongBits(0.0),
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
        Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
        Double.doubleToRawLongBits(Double.MIN_VALUE),
        Double.doubleToRawLongBits(Double.MAX_VALUE),
        Double.doubleToRawLongBits(-Double.MIN_NORMAL)
    };
    // Once with only the special values (raw form wins), once padded with integers (varint wins).
    for (int padding : new int[] {0, 200}) {
      List<RefSample> samples = new ArrayList<>();
      for (int i = 0; i < bits.length; i++) {
        samples.add(new RefSample(i, 1000L * i, Double.longBitsToDouble(bits[i])));
      }
      for (int i = 0; i < padding; i++) {
        samples.add(new RefSample(100 + i, 5000, i));
      }

      List<RefSample> decoded =
          RecordDecoder.samples(RecordEncoder.samples(samples)).samples();

      for (int i = 0; i < bits.length; i++) {
        assertThat(decoded.get(i).valueBits()).as("sample %d, padding %d", i, padding)
            .isEqualTo(bits[i]);
      }
      assertThat(StaleNaN.is(decoded.get(0).value())).isTrue();
      assertThat(decoded).isEqualTo(samples);
    }
  }

  @Test
  void encodesIntegerValuesInFewerThanEightBytes() throws Exception {
    List<RefSample> samples = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      samples.add(new RefSample(i, 1_700_000_000_000L, i % 2 == 0 ? i : 1.0));
    }

    byte[] payload = RecordEncoder.samples(samples);

    // Same timestamp and consecutive refs: each delta is one byte; integer values are short.
    assertThat(payload.length).isLessThan(1000 * 6);
    assertThat(RecordDecoder.samples(payload).samples()).isEqualTo(samples);
  }

  @Test
  void fallsBackToRawValuesWhenVarintsWouldBeLarger() throws Exception {
    Random random = new Random(42);
    List<RefSample> samples = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      samples.add(new RefSample(i, 1_700_000_000_000L, random.nextDouble()));
    }

    byte[] payload = RecordEncoder.samples(samples);

    // Arbitrary fractions need all 52 mantissa bits: never more than the raw 8 bytes each.
    assertThat(payload.length).isLessThanOrEqualTo(1000 * 10 + 16);
    assertThat(RecordDecoder.samples(payload).samples()).isEqualTo(samples);
  }

  @Test
  void roundTripsEmptyRecords() throws Exception {
    assertThat(RecordDecoder.decode(RecordEncoder.series(List.of())))
        .isEqualTo(new SeriesRecord(List.of()));
    assertThat(RecordDecoder.decode(RecordEncoder.samples(List.of())))
        .isEqualTo(new SamplesRecord(List.of()));
  }

  @Test
  void roundTripsRandomRecords() throws Exception {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<RefSeries> series = new ArrayList<>();
      List<RefSample> samples = new ArrayList<>();
      for (int i = random.nextInt(50); i > 0; i--) {
        Labels.Builder b = Labels.builder();
        for (int l = random.nextInt(12); l > 0; l--) {
          b.set(randomString(random), randomString(random));
        }
        series.add(new RefSeries(random.nextLong(), b.build()));
        samples.add(new RefSample(random.nextLong() >> random.nextInt(64),
            random.nextLong() >> random.nextInt(64), Double.longBitsToDouble(random.nextLong())));
      }

      WalRecord s1 = RecordDecoder.decode(RecordEncoder.encode(new SeriesRecord(series)));
      WalRecord s2 = RecordDecoder.decode(RecordEncoder.encode(new SamplesRecord(samples)));

      assertThat(s1).isEqualTo(new SeriesRecord(series));
      assertThat(((SamplesRecord) s2).samples()).extracting(RefSample::valueBits)
          .isEqualTo(samples.stream().map(RefSample::valueBits).toList());
    }
  }

  @Test
  void rejectsLabelsThatUtf8CannotRepresent() {
    Labels lone = Labels.of("__name__", "bad\ud800value");

    assertThatThrownBy(() -> RecordEncoder.series(List.of(new RefSeries(1, lone))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate at index 3");
  }

  @Test
  void writesTheTypeByteFirst() {
    assertThat(RecordEncoder.series(List.of())[0]).isEqualTo(RecordType.SERIES.wire());
    assertThat(RecordEncoder.samples(List.of())[0]).isEqualTo(RecordType.SAMPLES.wire());
    assertThat(RecordType.fromWire((byte) 0)).isNull();
    for (RecordType t : RecordType.values()) {
      assertThat(RecordType.fromWire(t.wire())).isSameAs(t);
    }
  }

  private static String randomString(Random random) {
    int len = 1 + random.nextInt(10);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      int cp = switch (random.nextInt(4)) {
        case 0 -> 'a' + random.nextInt(26);
        case 1 -> 0x00e0 + random.nextInt(0x60);
        case 2 -> 0x4e00 + random.nextInt(0x5000);
        default -> 0x1f300 + random.nextInt(0x300);
      };
      sb.appendCodePoint(cp);
    }
    String s = sb.toString();
    assertThat(s.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    return s;
  }
}
