package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.wal.ReplayResult;
import dev.vigil.server.storage.tsdb.wal.WalReader;
import dev.vigil.server.storage.tsdb.wal.WalStats;
import dev.vigil.server.storage.tsdb.wal.record.RecordDecoder;
import dev.vigil.server.storage.tsdb.wal.record.RefSample;
import dev.vigil.server.storage.tsdb.wal.record.RefSeries;
import dev.vigil.server.storage.tsdb.wal.record.SamplesRecord;
import dev.vigil.server.storage.tsdb.wal.record.SeriesRecord;
import dev.vigil.server.storage.tsdb.wal.record.WalRecord;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds a head from the WAL at startup: series records restore series under their old refs,
 * samples records re-append samples. Logs progress every few seconds, since a large WAL takes a
 * while and a silent server looks hung.
 */
final class WalReplayer {

  private static final System.Logger logger = System.getLogger(WalReplayer.class.getName());

  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private final Head head;
  /** Samples before this are in blocks already; replay skips them without counting. */
  private final long skipBefore;
  /**
   * Refs whose labels were already restored under another ref. Only happens when two commits
   * raced to log a new series and a truncation in between recreated it, so the map stays tiny.
   */
  private final Map<Long, Long> remapped = new HashMap<>();

  private long records;
  private long series;
  private long samples;
  private long samplesSkipped;
  private final long startNanos = System.nanoTime();
  private long lastProgressNanos = startNanos;

  private WalReplayer(Head head, long skipBefore) {
    this.head = head;
    this.skipBefore = skipBefore;
  }

  /** What a replay restored, for the startup log line and the replay-duration metric. */
  record Summary(
      ReplayResult result, long series, long samples, long samplesSkipped, long nanos) {}

  /**
   * Replays {@code walDir} into {@code head}, skipping samples before {@code skipBefore} (the end
   * of the newest block; Long.MIN_VALUE for none): those are already in blocks.
   */
  static Summary replay(Path walDir, Head head, WalStats stats, long skipBefore)
      throws IOException {
    WalReplayer r = new WalReplayer(head, skipBefore);
    ReplayResult result = WalReader.replay(walDir, r::handle, stats);
    long nanos = System.nanoTime() - r.startNanos;
    Summary s = new Summary(result, r.series, r.samples, r.samplesSkipped, nanos);
    logger.log(Level.INFO, String.format(
        "WAL replay completed in %.3fs: %d records (checkpoint %d, segments %d..%d),"
            + " %d series, %d samples restored, %d samples skipped",
        nanos / 1e9, result.records(), result.checkpoint(), result.firstSegment(),
        result.lastSegment(), s.series(), s.samples(), s.samplesSkipped()));
    return s;
  }

  private void handle(byte[] payload) throws IOException {
    WalRecord record = RecordDecoder.decode(payload);
    if (record instanceof SeriesRecord sr) {
      for (RefSeries s : sr.series()) {
        long now = head.restoreSeries(s.ref(), s.labels());
        if (now != s.ref()) {
          remapped.put(s.ref(), now);
        }
        series++;
      }
    } else {
      for (RefSample s : ((SamplesRecord) record).samples()) {
        if (s.timestamp() < skipBefore) {
          samplesSkipped++;
          continue;
        }
        long ref = remapped.isEmpty() ? s.ref() : remapped.getOrDefault(s.ref(), s.ref());
        // Skipped: duplicates of a sample the checkpoint already holds, samples older than the
        // head's bound, and samples of series a checkpoint dropped.
        if (head.restoreSample(ref, s.timestamp(), s.value())) {
          samples++;
        } else {
          samplesSkipped++;
        }
      }
    }
    records++;
    long now = System.nanoTime();
    if (now - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
      lastProgressNanos = now;
      double secs = (now - startNanos) / 1e9;
      logger.log(Level.INFO, String.format(
          "WAL replay in progress: %d records (%.0f records/s), %d series, %d samples",
          records, records / secs, series, samples));
    }
  }
}
