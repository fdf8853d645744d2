package dev.vigil.server.storage.tsdb.wal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Compacts the start of a WAL into a checkpoint directory so the WAL stays bounded.
 *
 * <p>A checkpoint {@code checkpoint.N} holds, in WAL format, everything of the previous checkpoint
 * and of segments up to {@code N} that is still needed: the series the head still has and their
 * samples at or after a minimum time. It is built in {@code checkpoint.N.tmp}, fsynced, and
 * renamed into place, so a crash leaves either the old state or the new one; only then are the
 * covered segments and older checkpoints deleted. Replay starts from the newest checkpoint.
 */
public final class Checkpoint {

  private static final System.Logger logger = System.getLogger(Checkpoint.class.getName());

  static final String PREFIX = "checkpoint.";
  static final String TMP_SUFFIX = ".tmp";

  private static final long WRITE_BATCH_BYTES = 1 << 20;

  private Checkpoint() {}

  /** The directory name of the checkpoint covering segments up to {@code index}. */
  public static String dirName(int index) {
    return PREFIX + Segment.fileName(index);
  }

  /** The checkpoint directories of {@code walDir}, oldest first. */
  static List<Segment> list(Path walDir) throws IOException {
    return Segment.listNamed(walDir, PREFIX, true);
  }

  /**
   * Writes {@code checkpoint.<through>} from the newest existing checkpoint and the segments after
   * it up to {@code through}, then deletes those segments and older checkpoints.
   *
   * <p>The segments must be closed: no writer may still append to {@code through} (see {@link
   * WalWriter#checkpoint}, which checks this).
   *
   * @param keepSeries whether a series reference is still alive; definitions and samples of other
   *     series are dropped
   * @param minTime samples older than this (milliseconds) are dropped
   * @param segmentSize the segment size of the checkpoint's own files
   * @throws IllegalArgumentException when a checkpoint already covers {@code through}
   * @throws IOException when a needed segment is missing or damaged (replay repairs damage), or on
   *     I/O errors; the WAL is then unchanged
   */
  public static CheckpointResult create(Path walDir, int through, LongPredicate keepSeries,
      long minTime, long segmentSize, WalStats stats) throws IOException {
    List<Segment> checkpoints = list(walDir);
    Segment previous = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    if (previous != null && previous.index() >= through) {
      throw new IllegalArgumentException("checkpoint " + previous.path().getFileName()
          + " already covers segment " + Segment.fileName(through));
    }
    List<Path> sources = new ArrayList<>();
    if (previous != null) {
      for (Segment s : Segment.list(previous.path())) {
        sources.add(s.path());
      }
    }
    sources.addAll(segmentsToCover(walDir, previous, through));

    deleteStaleTemporaries(walDir);
    Path tmp = walDir.resolve(dirName(through) + TMP_SUFFIX);
    CheckpointFilter filter = new CheckpointFilter(keepSeries, minTime);
    try {
      write(tmp, sources, filter, segmentSize);
    } catch (IOException | RuntimeException e) {
      FileSync.deleteRecursively(tmp);
      throw e;
    }
    Path target = walDir.resolve(dirName(through));
    FileSync.moveAtomically(tmp, target);
    FileSync.syncDirectory(walDir);

    // The checkpoint is durable; what it replaces can go. A crash from here on only leaves files
    // that replay skips and the next checkpoint deletes.
    int deleted = 0;
    for (Segment s : Segment.list(walDir)) {
      if (s.index() <= through) {
        Files.delete(s.path());
        deleted++;
      }
    }
    for (Segment c : list(walDir)) {
      if (c.index() < through) {
        FileSync.deleteRecursively(c.path());
      }
    }
    FileSync.syncDirectory(walDir);
    stats.recordCheckpoint();
    CheckpointResult result = new CheckpointResult(through, target, filter.seriesKept,
        filter.seriesDropped, filter.samplesKept, filter.samplesDropped, deleted);
    logger.log(Level.INFO, "WAL checkpoint " + target.getFileName() + ": kept "
        + result.seriesKept() + " series and " + result.samplesKept() + " samples, dropped "
        + result.seriesDropped() + " series and " + result.samplesDropped() + " samples, deleted "
        + deleted + " segment(s)");
    return result;
  }

  private static List<Path> segmentsToCover(Path walDir, Segment previous, int through)
      throws IOException {
    int after = previous == null ? -1 : previous.index();
    List<Path> out = new ArrayList<>();
    int expected = previous == null ? -1 : after + 1;
    for (Segment s : Segment.list(walDir)) {
      if (s.index() <= after || s.index() > through) {
        continue;
      }
      if (expected >= 0 && s.index() != expected) {
        throw new IOException("cannot checkpoint " + walDir + " through segment "
            + Segment.fileName(through) + ": segment " + Segment.fileName(expected)
            + " is missing");
      }
      out.add(s.path());
      expected = s.index() + 1;
    }
    if (expected != through + 1) {
      throw new IOException("cannot checkpoint " + walDir + ": segment "
          + Segment.fileName(through) + " does not exist");
    }
    return out;
  }

  private static void write(Path tmp, List<Path> sources, CheckpointFilter filter,
      long segmentSize) throws IOException {
    Files.createDirectory(tmp);
    WalOptions options = WalOptions.defaults()
        .withSegmentSize(segmentSize)
        .withSyncPolicy(WalSyncPolicy.NONE);
    // close() fsyncs the last segment; rollovers fsynced the others.
    try (WalWriter out = WalWriter.open(tmp, options)) {
      // Kept records go out in batches of about a megabyte: one write per batch, not per record.
      List<byte[]> pending = new ArrayList<>();
      long[] pendingBytes = {0};
      for (Path source : sources) {
        SegmentScanner.Result r = SegmentScanner.scan(source, payload -> {
          byte[] kept = filter.apply(payload);
          if (kept != null) {
            pending.add(kept);
            pendingBytes[0] += kept.length;
            if (pendingBytes[0] >= WRITE_BATCH_BYTES) {
              out.log(pending);
              pending.clear();
              pendingBytes[0] = 0;
            }
          }
        });
        if (!r.clean()) {
          throw new IOException("cannot checkpoint: " + source + " is damaged at offset "
              + r.goodBytes() + " (" + r.damage().description()
              + "); replaying the WAL repairs it");
        }
      }
      out.log(pending);
    }
    FileSync.syncDirectory(tmp);
  }

  private static void deleteStaleTemporaries(Path walDir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(walDir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(PREFIX) && name.endsWith(TMP_SUFFIX)) {
          FileSync.deleteRecursively(p);
        }
      }
    }
  }
}
