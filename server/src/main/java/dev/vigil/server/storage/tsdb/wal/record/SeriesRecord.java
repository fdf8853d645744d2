package dev.vigil.server.storage.tsdb.wal.record;

import java.util.List;

/** A batch of series definitions, written when the head first sees a series. */
public record SeriesRecord(List<RefSeries> series) implements WalRecord {

  public SeriesRecord {
    series = List.copyOf(series);
  }

  @Override
  public RecordType type() {
    return RecordType.SERIES;
  }
}
