package dev.vigil.server.storage.tsdb.wal;

import dev.vigil.server.storage.tsdb.wal.record.ByteSink;
import dev.vigil.server.storage.tsdb.wal.record.RecordDecoder;
import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RecordType;
import dev.vigil.server.storage.tsdb.wal.record.RefSeries;
import dev.vigil.server.storage.tsdb.wal.record.SampleColumns;
import dev.vigil.server.storage.tsdb.wal.record.SeriesRecord;
import dev.vigil.server.storage.tsdb.wal.record.WalRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Decides, entry by entry, what of a record a checkpoint keeps, and counts the decisions.
 *
 * <p>Samples records, nearly all of a WAL, are scanned in place: a record kept whole (the newer
 * part of the WAL) or dropped whole (the part blocks now hold) costs one pass over its bytes and
 * no object per sample; only a record the cut-off splits is re-encoded. Not thread-safe.
 */
final class CheckpointFilter implements RecordDecoder.SampleVisitor {

  private final LongPredicate keepSeries;
  private final long minTime;
  long seriesKept;
  long seriesDropped;
  long samplesKept;
  long samplesDropped;
  /** Entries of the current record that are kept, as columns for a re-encode. */
  private final KeptColumns kept = new KeptColumns();
  private boolean collect;
  private int total;

  CheckpointFilter(LongPredicate keepSeries, long minTime) {
    this.keepSeries = keepSeries;
    this.minTime = minTime;
  }

  /**
   * The payload to write for {@code payload}: itself when everything is kept (no re-encoding),
   * a smaller re-encoded record, or {@code null} when nothing is kept.
   *
   * @throws IOException for record types a checkpoint does not know how to filter
   */
  byte[] apply(byte[] payload) throws IOException {
    if (RecordDecoder.type(payload) == RecordType.SAMPLES) {
      return samples(payload);
    }
    WalRecord record = RecordDecoder.decode(payload);
    SeriesRecord series = (SeriesRecord) record;
    List<RefSeries> keptSeries = new ArrayList<>();
    for (RefSeries s : series.series()) {
      if (keepSeries.test(s.ref())) {
        keptSeries.add(s);
      }
    }
    seriesKept += keptSeries.size();
    seriesDropped += series.series().size() - keptSeries.size();
    if (keptSeries.isEmpty()) {
      return null;
    }
    return keptSeries.size() == series.series().size()
        ? payload
        : RecordEncoder.series(keptSeries);
  }

  private byte[] samples(byte[] payload) throws IOException {
    // First pass counts; a second pass collects only when the record is split.
    collect = false;
    kept.size = 0;
    total = 0;
    RecordDecoder.forEachSample(payload, this);
    int n = kept.size;
    samplesKept += n;
    samplesDropped += total - n;
    if (n == 0) {
      return null;
    }
    if (n == total) {
      return payload;
    }
    collect = true;
    kept.size = 0;
    RecordDecoder.forEachSample(payload, this);
    ByteSink out = new ByteSink(8 + n * 12);
    RecordEncoder.samples(kept, out);
    return out.toByteArray();
  }

  @Override
  public void sample(long ref, long timestamp, long valueBits) {
    total++;
    if (timestamp < minTime || !keepSeries.test(ref)) {
      return;
    }
    if (collect) {
      kept.add(ref, timestamp, valueBits);
    } else {
      kept.size++;
    }
  }

  /** Growable columns of kept entries, reused across records. */
  private static final class KeptColumns implements SampleColumns {
    private long[] refs = new long[64];
    private long[] times = new long[64];
    private long[] bits = new long[64];
    int size;

    void add(long ref, long t, long b) {
      if (size == refs.length) {
        refs = Arrays.copyOf(refs, size * 2);
        times = Arrays.copyOf(times, size * 2);
        bits = Arrays.copyOf(bits, size * 2);
      }
      refs[size] = ref;
      times[size] = t;
      bits[size] = b;
      size++;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public long ref(int i) {
      return refs[i];
    }

    @Override
    public long timestamp(int i) {
      return times[i];
    }

    @Override
    public long valueBits(int i) {
      return bits[i];
    }
  }
}
