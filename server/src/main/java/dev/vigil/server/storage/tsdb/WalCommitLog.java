package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.head.CommitBatch;
import dev.vigil.server.storage.tsdb.head.CommitLog;
import dev.vigil.server.storage.tsdb.wal.WalWriter;
import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import dev.vigil.server.storage.tsdb.wal.record.RefSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each head commit to the WAL as one series record (when it introduces series) and one
 * samples record, in a single {@link WalWriter#commit} so both land in one write and share the
 * fsync the sync policy asks for.
 */
final class WalCommitLog implements CommitLog {

  private final WalWriter writer;

  WalCommitLog(WalWriter writer) {
    this.writer = writer;
  }

  @Override
  public void log(CommitBatch batch) {
    List<byte[]> payloads = new ArrayList<>(2);
    int nSeries = batch.seriesCount();
    if (nSeries > 0) {
      List<RefSeries> series = new ArrayList<>(nSeries);
      for (int i = 0; i < nSeries; i++) {
        series.add(new RefSeries(batch.seriesRef(i), batch.seriesLabels(i)));
      }
      payloads.add(RecordEncoder.series(series));
    }
    int nSamples = batch.sampleCount();
    if (nSamples > 0) {
      List<RefSample> samples = new ArrayList<>(nSamples);
      for (int i = 0; i < nSamples; i++) {
        samples.add(new RefSample(batch.sampleRef(i), batch.timestamp(i), batch.value(i)));
      }
      payloads.add(RecordEncoder.samples(samples));
    }
    try {
      writer.commit(payloads);
    } catch (IOException e) {
      // The head then applies nothing of the batch and the appender's commit() fails.
      throw new UncheckedIOException("WAL write failed; the commit was not applied", e);
    }
  }
}
