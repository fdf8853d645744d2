package dev.vigil.server.storage.tsdb.wal;

import java.util.List;

/**
 * What a replay read.
 *
 * @param checkpoint the index of the checkpoint replay started from, or -1 for none
 * @param firstSegment the first WAL segment replayed after it, or -1 when none was
 * @param lastSegment the last WAL segment replayed, or -1 when none was
 * @param records the intact records handed to the handler
 * @param repairs the repairs made, at most one (replay stops at the first damage)
 */
public record ReplayResult(
    int checkpoint, int firstSegment, int lastSegment, long records, List<Repair> repairs) {

  public ReplayResult {
    repairs = List.copyOf(repairs);
  }

  /** Whether the log was intact. */
  public boolean clean() {
    return repairs.isEmpty();
  }
}
