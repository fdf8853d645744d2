package dev.vigil.server.storage.tsdb.wal.record;

import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns records into WAL payloads; the byte layouts are specified in {@code docs/format/wal.md}.
 *
 * <p>Stateless and thread-safe. Payloads carry no framing: length and checksum are the WAL's job.
 */
public final class RecordEncoder {

  /** Samples flag: values are {@code uvarint(Long.reverse(bits))} instead of 8 raw bytes. */
  static final int FLAG_REVERSED_VARINT_VALUES = 0x01;

  private RecordEncoder() {}

  /** Encodes any record we write. */
  public static byte[] encode(WalRecord record) {
    if (record instanceof SeriesRecord s) {
      return series(s.series());
    }
    return samples(((SamplesRecord) record).samples());
  }

  /**
   * Encodes series definitions. Every distinct string of the record goes once into a symbol table
   * at the front and labels refer to it by index: one scrape's series share {@code __name__},
   * {@code job}, {@code instance} and most of their values, so this is typically several times
   * smaller than writing each string inline (Prometheus's layout).
   *
   * @throws IllegalArgumentException when a label contains an unpaired UTF-16 surrogate, which
   *     UTF-8 cannot represent and so could not round-trip
   */
  public static byte[] series(List<RefSeries> series) {
    Map<String, Integer> symbols = symbols(series);
    ByteSink out = new ByteSink(64 + symbols.size() * 16 + series.size() * 16);
    writeSeries(series, symbols, out);
    return out.toByteArray();
  }

  /** Appends the encoding of {@link #series(List)} to {@code out}. */
  public static void series(List<RefSeries> series, ByteSink out) {
    writeSeries(series, symbols(series), out);
  }

  private static Map<String, Integer> symbols(List<RefSeries> series) {
    Map<String, Integer> symbols = new LinkedHashMap<>();
    for (RefSeries s : series) {
      Labels labels = s.labels();
      for (int i = 0; i < labels.size(); i++) {
        symbols.putIfAbsent(labels.name(i), symbols.size());
        symbols.putIfAbsent(labels.value(i), symbols.size());
      }
    }
    return symbols;
  }

  private static void writeSeries(
      List<RefSeries> series, Map<String, Integer> symbols, ByteSink out) {
    out.writeByte(RecordType.SERIES.wire());
    out.writeUvarint(symbols.size());
    for (String symbol : symbols.keySet()) {
      byte[] utf8 = utf8(symbol);
      out.writeUvarint(utf8.length);
      out.writeBytes(utf8);
    }
    out.writeUvarint(series.size());
    long prevRef = 0;
    for (RefSeries s : series) {
      out.writeVarint(s.ref() - prevRef);
      prevRef = s.ref();
      Labels labels = s.labels();
      out.writeUvarint(labels.size());
      for (int i = 0; i < labels.size(); i++) {
        out.writeUvarint(symbols.get(labels.name(i)));
        out.writeUvarint(symbols.get(labels.value(i)));
      }
    }
  }

  /**
   * Encodes samples with references and timestamps as zig-zag deltas from the previous entry (one
   * commit's samples usually share a timestamp and have nearby references, so both shrink to a
   * byte). For values the encoder picks, per record, the smaller of two exact forms: 8 raw
   * bytes, or the bit-reversed bits as a varint, which makes integers and short binary fractions
   * (counters, most gauges, 0/1 flags) take 1 to 4 bytes. Either way the raw bits round-trip, NaN payloads
   * such as the stale marker included.
   */
  public static byte[] samples(List<RefSample> samples) {
    ByteSink out = new ByteSink(8 + samples.size() * 12);
    samples(
        new SampleColumns() {
          @Override
          public int size() {
            return samples.size();
          }

          @Override
          public long ref(int i) {
            return samples.get(i).ref();
          }

          @Override
          public long timestamp(int i) {
            return samples.get(i).timestamp();
          }

          @Override
          public long valueBits(int i) {
            return samples.get(i).valueBits();
          }
        },
        out);
    return out.toByteArray();
  }

  /**
   * Appends the encoding of {@link #samples(List)} to {@code out}, reading the samples from
   * columns: the commit path's form, which allocates nothing once {@code out} has grown.
   */
  public static void samples(SampleColumns samples, ByteSink out) {
    int n = samples.size();
    long reversedSize = 0;
    for (int i = 0; i < n; i++) {
      reversedSize += ByteSink.uvarintSize(Long.reverse(samples.valueBits(i)));
    }
    boolean reversed = reversedSize < 8L * n;
    out.writeByte(RecordType.SAMPLES.wire());
    out.writeByte(reversed ? FLAG_REVERSED_VARINT_VALUES : 0);
    out.writeUvarint(n);
    long prevRef = 0;
    long prevTime = 0;
    for (int i = 0; i < n; i++) {
      long ref = samples.ref(i);
      long t = samples.timestamp(i);
      out.writeVarint(ref - prevRef);
      out.writeVarint(t - prevTime);
      prevRef = ref;
      prevTime = t;
      if (reversed) {
        out.writeUvarint(Long.reverse(samples.valueBits(i)));
      } else {
        out.writeLong64(samples.valueBits(i));
      }
    }
  }

  private static byte[] utf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "label string has an unpaired surrogate at index " + i + ": cannot encode as UTF-8");
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
