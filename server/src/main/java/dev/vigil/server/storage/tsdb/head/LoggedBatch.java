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
  private final List<MemSeries> unlogged = new ArrayList<>();

  LoggedBatch(MemSeries[] batchSeries, long[] ts, long[] bits, int n) {
    this.batchSeries = batchSeries;
    this.ts = ts;
    this.bits = bits;
    this.n = n;
    PendingIndex seen = new PendingIndex();
    for (int i = 0; i < n; i++) {
      MemSeries s = batchSeries[i];
      if (!s.logged && seen.get(s.ref) < 0) {
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
}
