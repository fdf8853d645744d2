package dev.vigil.server.storage.tsdb.wal.record;

/** A decoded WAL payload; one implementation per {@link RecordType} that we write. */
public sealed interface WalRecord permits SeriesRecord, SamplesRecord {

  /** The type byte this record is written with. */
  RecordType type();
}
