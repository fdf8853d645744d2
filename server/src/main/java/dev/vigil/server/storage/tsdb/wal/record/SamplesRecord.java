package dev.vigil.server.storage.tsdb.wal.record;

import java.util.List;

/** A batch of float samples, typically one commit of one appender. */
public record SamplesRecord(List<RefSample> samples) implements WalRecord {

  public SamplesRecord {
    samples = List.copyOf(samples);
  }

  @Override
  public RecordType type() {
    return RecordType.SAMPLES;
  }
}
