package dev.vigil.server.storage.tsdb.wal.record;

import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns WAL payloads back into records, rejecting anything that is not exactly what {@link
 * RecordEncoder} writes.
 *
 * <p>Every count and length is checked against the bytes actually left before anything is
 * allocated, so arbitrary input costs at most memory proportional to its own size and ends in a
 * {@link CorruptRecordException}, never in an unchecked exception. Stateless and thread-safe.
 */
public final class RecordDecoder {

  private RecordDecoder() {}

  /** The type of a payload without decoding the rest. */
  public static RecordType type(byte[] payload) throws CorruptRecordException {
    if (payload.length == 0) {
      throw new CorruptRecordException("empty record: no type byte");
    }
    RecordType type = RecordType.fromWire(payload[0]);
    if (type == null) {
      throw new CorruptRecordException(
          "unknown record type byte 0x" + Integer.toHexString(payload[0] & 0xff) + " at byte 0");
    }
    return type;
  }

  /** Decodes any record type we write. */
  public static WalRecord decode(byte[] payload) throws CorruptRecordException {
    RecordType type = type(payload);
    return switch (type) {
      case SERIES -> series(payload);
      case SAMPLES -> samples(payload);
      case TOMBSTONES ->
          throw new CorruptRecordException("TOMBSTONES records are reserved but not supported yet");
    };
  }

  /** Decodes a SERIES payload. */
  public static SeriesRecord series(byte[] payload) throws CorruptRecordException {
    expectType(payload, RecordType.SERIES);
    ByteSource in = new ByteSource(payload, 1, "SERIES");
    int symbolCount = in.readCount("symbol count", 1);
    String[] symbols = new String[symbolCount];
    for (int i = 0; i < symbolCount; i++) {
      in.enter("symbol", i, symbolCount);
      symbols[i] = in.readString("bytes");
    }
    in.enter("header", -1, 0);
    int seriesCount = in.readCount("series count", 2);
    List<RefSeries> series = new ArrayList<>(seriesCount);
    long ref = 0;
    for (int i = 0; i < seriesCount; i++) {
      in.enter("series", i, seriesCount);
      ref += in.readVarint("ref delta");
      int labelCount = in.readCount("label count", 2);
      Labels.Builder labels = Labels.builder();
      String prevName = null;
      for (int j = 0; j < labelCount; j++) {
        String name = symbol(in, symbols, "label " + j + " name");
        String value = symbol(in, symbols, "label " + j + " value");
        if (name.isEmpty() || value.isEmpty()) {
          throw in.error("label " + j, "empty label name or value");
        }
        if (prevName != null && prevName.compareTo(name) >= 0) {
          throw in.error("label " + j, "label names not strictly ascending");
        }
        prevName = name;
        labels.set(name, value);
      }
      series.add(new RefSeries(ref, labels.build()));
    }
    in.expectEnd();
    return new SeriesRecord(series);
  }

  /** Decodes a SAMPLES payload. */
  public static SamplesRecord samples(byte[] payload) throws CorruptRecordException {
    List<RefSample> samples = new ArrayList<>();
    forEachSample(
        payload, (ref, t, bits) -> samples.add(new RefSample(ref, t, Double.longBitsToDouble(bits))));
    return new SamplesRecord(samples);
  }

  /** Receives the entries of a SAMPLES record one by one, as primitives. */
  @FunctionalInterface
  public interface SampleVisitor {
    /** One entry: series ref, timestamp and the value's raw bits. */
    void sample(long ref, long timestamp, long valueBits);
  }

  /**
   * Decodes a SAMPLES payload straight into {@code visitor}, with the checks of {@link
   * #samples(byte[])} but no object per sample: the form for passes that only look at entries (a
   * checkpoint deciding what it keeps). Entries before a malformed one have been visited when
   * this throws.
   *
   * @return the number of entries
   */
  public static int forEachSample(byte[] payload, SampleVisitor visitor)
      throws CorruptRecordException {
    expectType(payload, RecordType.SAMPLES);
    ByteSource in = new ByteSource(payload, 1, "SAMPLES");
    int flags = in.readByte("flags");
    if ((flags & ~RecordEncoder.FLAG_REVERSED_VARINT_VALUES) != 0) {
      throw in.error("flags", "unknown flag bits 0x" + Integer.toHexString(flags), 1);
    }
    boolean reversed = (flags & RecordEncoder.FLAG_REVERSED_VARINT_VALUES) != 0;
    int count = in.readCount("sample count", reversed ? 3 : 10);
    long ref = 0;
    long time = 0;
    for (int i = 0; i < count; i++) {
      in.enter("sample", i, count);
      ref += in.readVarint("ref delta");
      time += in.readVarint("timestamp delta");
      long bits = reversed ? Long.reverse(in.readUvarint("value")) : in.readLong64("value");
      visitor.sample(ref, time, bits);
    }
    in.expectEnd();
    return count;
  }

  private static String symbol(ByteSource in, String[] symbols, String field)
      throws CorruptRecordException {
    long index = in.readUvarint(field);
    if (index >= symbols.length) {
      throw in.error(field, "symbol index " + index + " outside table of " + symbols.length);
    }
    return symbols[(int) index];
  }

  private static void expectType(byte[] payload, RecordType expected)
      throws CorruptRecordException {
    RecordType actual = type(payload);
    if (actual != expected) {
      throw new CorruptRecordException("expected a " + expected + " record, found " + actual);
    }
  }
}
