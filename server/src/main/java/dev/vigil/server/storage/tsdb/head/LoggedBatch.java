package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.List;

/** A committed batch as the commit log sees it, listing series not logged before. */
final class LoggedBatch implements CommitBatch {
  private final MemSeries[] batchSeries;
  private final long[] ts;
  private final long[] bits;
  private final int n;
  /** Series this commit logs first; empty (and unallocated) in a steady scrape. */
  private List<MemSeries> unlogged = List.of();

  LoggedBatch(MemSeries[] batchSeries, long[] ts, long[] bits, int n) {
    this.batchSeries = batchSeries;
    this.ts = ts;
    this.bits = bits;
    this.n = n;
    PendingIndex seen = null;
    for (int i = 0; i < n; i++) {
      MemSeries s = batchSeries[i];
      if (s.logged) {
        continue;
      }
      if (seen == null) {
        seen = new PendingIndex();
        unlogged = new ArrayList<>();
      }
      if (seen.get(s.ref) < 0) {
        seen.put(s.ref, i);
        unlogged.add(s);
      }
    }
  }

  void markSeriesLogged() {
    for (MemSeries s : unlogged) {
      s.logged = true;
    }
  }

  @Override
  public int seriesCount() {
    return unlogged.size();
  }

  @Override
  public long seriesRef(int i) {
    return unlogged.get(i).ref;
  }

  @Override
  public Labels seriesLabels(int i) {
    return unlogged.get(i).labels;
  }

  @Override
  public int sampleCount() {
    return n;
  }

  @Override
  public long sampleRef(int i) {
    return batchSeries[i].ref;
  }

  @Override
  public long timestamp(int i) {
    return ts[i];
  }

  @Override
  public double value(int i) {
    return Double.longBitsToDouble(bits[i]);
  }

  @Override
  public long valueBits(int i) {
    return bits[i];
  }
}
