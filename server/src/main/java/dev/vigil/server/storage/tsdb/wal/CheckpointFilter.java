package dev.vigil.server.storage.tsdb.wal;

import dev.vigil.server.storage.tsdb.wal.record.RecordDecoder;
import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import dev.vigil.server.storage.tsdb.wal.record.RefSeries;
import dev.vigil.server.storage.tsdb.wal.record.SamplesRecord;
import dev.vigil.server.storage.tsdb.wal.record.SeriesRecord;
import dev.vigil.server.storage.tsdb.wal.record.WalRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/** Decides, entry by entry, what of a record a checkpoint keeps, and counts the decisions. */
final class CheckpointFilter {

  private final LongPredicate keepSeries;
  private final long minTime;
  long seriesKept;
  long seriesDropped;
  long samplesKept;
  long samplesDropped;

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
    WalRecord record = RecordDecoder.decode(payload);
    if (record instanceof SeriesRecord series) {
      List<RefSeries> kept = new ArrayList<>();
      for (RefSeries s : series.series()) {
        if (keepSeries.test(s.ref())) {
          kept.add(s);
        }
      }
      seriesKept += kept.size();
      seriesDropped += series.series().size() - kept.size();
      return result(payload, kept.size(), series.series().size(),
          () -> RecordEncoder.series(kept));
    }
    SamplesRecord samples = (SamplesRecord) record;
    List<RefSample> kept = new ArrayList<>();
    for (RefSample s : samples.samples()) {
      if (s.timestamp() >= minTime && keepSeries.test(s.ref())) {
        kept.add(s);
      }
    }
    samplesKept += kept.size();
    samplesDropped += samples.samples().size() - kept.size();
    return result(payload, kept.size(), samples.samples().size(),
        () -> RecordEncoder.samples(kept));
  }

  private static byte[] result(
      byte[] original, int kept, int total, java.util.function.Supplier<byte[]> reencode) {
    if (kept == 0) {
      return null;
    }
    return kept == total ? original : reencode.get();
  }
}
