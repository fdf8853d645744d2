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
    Map<String, Integer> symbols = new LinkedHashMap<>();
    for (RefSeries s : series) {
      Labels labels = s.labels();
      for (int i = 0; i < labels.size(); i++) {
        symbols.putIfAbsent(labels.name(i), symbols.size());
        symbols.putIfAbsent(labels.value(i), symbols.size());
      }
    }
    ByteSink out = new ByteSink(64 + symbols.size() * 16 + series.size() * 16);
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
    return out.toByteArray();
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
    long reversedSize = 0;
    for (RefSample s : samples) {
      reversedSize += ByteSink.uvarintSize(Long.reverse(s.valueBits()));
    }
    boolean reversed = reversedSize < 8L * samples.size();
    ByteSink out = new ByteSink(8 + samples.size() * (reversed ? 8 : 12));
    out.writeByte(RecordType.SAMPLES.wire());
    out.writeByte(reversed ? FLAG_REVERSED_VARINT_VALUES : 0);
    out.writeUvarint(samples.size());
    long prevRef = 0;
    long prevTime = 0;
    for (RefSample s : samples) {
      out.writeVarint(s.ref() - prevRef);
      out.writeVarint(s.timestamp() - prevTime);
      prevRef = s.ref();
      prevTime = s.timestamp();
      if (reversed) {
        out.writeUvarint(Long.reverse(s.valueBits()));
      } else {
        out.writeLong64(s.valueBits());
      }
    }
    return out.toByteArray();
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
