package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.head.CommitBatch;
import dev.vigil.server.storage.tsdb.head.CommitLog;
import dev.vigil.server.storage.tsdb.wal.WalBatch;
import dev.vigil.server.storage.tsdb.wal.WalWriter;
import dev.vigil.server.storage.tsdb.wal.record.RecordEncoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSeries;
import dev.vigil.server.storage.tsdb.wal.record.SampleColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each head commit to the WAL as one series record (when it introduces series) and one
 * samples record, in a single {@link WalWriter#commit} so both land in one write and share the
 * fsync the sync policy asks for.
 *
 * <p>Samples are encoded straight from the commit's arrays into a frame buffer that each
 * committing thread keeps, so a steady commit allocates nothing per sample (nor per commit, once
 * the buffer has grown to the usual commit size).
 */
final class WalCommitLog implements CommitLog {

  /** A thread's buffer is dropped after a commit that grew it past this, not kept for ever. */
  private static final int KEEP_AT_MOST_BYTES = 4 << 20;

  private final WalWriter writer;
  private final ThreadLocal<WalBatch> buffers = ThreadLocal.withInitial(() -> new WalBatch(4096));

  WalCommitLog(WalWriter writer) {
    this.writer = writer;
  }

  @Override
  public void log(CommitBatch batch) {
    WalBatch out = buffers.get();
    out.clear();
    int nSeries = batch.seriesCount();
    if (nSeries > 0) {
      List<RefSeries> series = new ArrayList<>(nSeries);
      for (int i = 0; i < nSeries; i++) {
        series.add(new RefSeries(batch.seriesRef(i), batch.seriesLabels(i)));
      }
      RecordEncoder.series(series, out.beginRecord());
      out.endRecord();
    }
    if (batch.sampleCount() > 0) {
      RecordEncoder.samples(new Columns(batch), out.beginRecord());
      out.endRecord();
    }
    try {
      writer.commit(out);
    } catch (IOException e) {
      // The head then applies nothing of the batch and the appender's commit() fails.
      throw new UncheckedIOException("WAL write failed; the commit was not applied", e);
    } finally {
      if (out.capacity() > KEEP_AT_MOST_BYTES) {
        buffers.remove();
      }
    }
  }

  /** A commit's samples as the encoder reads them. */
  private record Columns(CommitBatch batch) implements SampleColumns {
    @Override
    public int size() {
      return batch.sampleCount();
    }

    @Override
    public long ref(int i) {
      return batch.sampleRef(i);
    }

    @Override
    public long timestamp(int i) {
      return batch.timestamp(i);
    }

    @Override
    public long valueBits(int i) {
      return batch.valueBits(i);
    }
  }
}
