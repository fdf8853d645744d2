package dev.vigil.server.storage.tsdb.wal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a WAL directory (the newest checkpoint, then the segments after it) and repairs damage.
 *
 * <p>The log is treated as a prefix: replay stops at the first frame that is not intact. The file
 * holding it is cut back to its last intact record so the WAL is writable again. When that file is
 * the last one, the damage is the expected torn tail of a crash and only a warning is logged. When
 * later files exist, the damage cannot come from a crash (the writer fsyncs a segment completely
 * before starting the next), so it is media corruption: the later files are moved to a {@code
 * quarantine.<millis>} directory (with the cut bytes) instead of being replayed, because their
 * records may refer to series defined in the lost part, and an error is logged. See {@code
 * docs/format/wal.md}, "Repair".
 */
public final class WalReader {

  private static final System.Logger logger = System.getLogger(WalReader.class.getName());

  static final String QUARANTINE_PREFIX = "quarantine.";

  private WalReader() {}

  /** Replays {@code dir} into {@code handler}; a missing directory is an empty WAL. */
  public static ReplayResult replay(Path dir, RecordHandler handler) throws IOException {
    return replay(dir, handler, new WalStats());
  }

  /** Replays {@code dir} into {@code handler}, counting repairs in {@code stats}. */
  public static ReplayResult replay(Path dir, RecordHandler handler, WalStats stats)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      return new ReplayResult(-1, -1, -1, 0, List.of());
    }
    List<Segment> checkpoints = Checkpoint.list(dir);
    int checkpoint = checkpoints.isEmpty() ? -1 : checkpoints.get(checkpoints.size() - 1).index();
    List<LogFile> files = new ArrayList<>();
    if (checkpoint >= 0) {
      Path checkpointDir = checkpoints.get(checkpoints.size() - 1).path();
      for (Segment s : Segment.list(checkpointDir)) {
        files.add(new LogFile(s, true));
      }
    }
    for (Segment s : Segment.list(dir)) {
      // Segments a checkpoint covers are left over from an interrupted cleanup: skip them.
      if (s.index() > checkpoint) {
        files.add(new LogFile(s, false));
      }
    }

    long records = 0;
    int first = -1;
    int last = -1;
    List<Repair> repairs = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      LogFile f = files.get(i);
      int expected = expectedIndex(files, i, checkpoint);
      if (expected >= 0 && f.segment().index() != expected) {
        repairs.add(quarantineFrom(dir, files, i, expected, stats));
        break;
      }
      SegmentScanner.Result r = SegmentScanner.scan(f.segment().path(), handler);
      records += r.records();
      if (!f.inCheckpoint()) {
        first = first < 0 ? f.segment().index() : first;
        last = f.segment().index();
      }
      if (!r.clean()) {
        repairs.add(repair(dir, files, i, r, stats));
        break;
      }
    }
    return new ReplayResult(checkpoint, first, last, records, repairs);
  }

  /**
   * Cuts a torn or corrupt tail off the newest segment of {@code dir} without replaying the rest;
   * the writer calls this before appending so it never writes after garbage.
   */
  static void repairTail(Path dir, WalStats stats) throws IOException {
    List<Segment> segments = Segment.list(dir);
    if (segments.isEmpty()) {
      return;
    }
    List<LogFile> files = List.of(new LogFile(segments.get(segments.size() - 1), false));
    SegmentScanner.Result r = SegmentScanner.scan(files.get(0).segment().path(), payload -> {});
    if (!r.clean()) {
      repair(dir, files, 0, r, stats);
    }
  }

  /** The index file {@code i} must have, or -1 when any index is fine. */
  private static int expectedIndex(List<LogFile> files, int i, int checkpoint) {
    LogFile f = files.get(i);
    if (i > 0 && files.get(i - 1).inCheckpoint() == f.inCheckpoint()) {
      return files.get(i - 1).segment().index() + 1;
    }
    // The first segment after a checkpoint continues right after the segments it covers.
    return !f.inCheckpoint() && checkpoint >= 0 ? checkpoint + 1 : -1;
  }

  private static Repair repair(
      Path dir, List<LogFile> files, int i, SegmentScanner.Result r, WalStats stats)
      throws IOException {
    LogFile f = files.get(i);
    boolean isLast = i == files.size() - 1;
    boolean corruption = !(isLast && r.damage().crashArtifact());
    long dropped = r.fileSize() - r.goodBytes();
    List<Path> quarantined = new ArrayList<>();
    Path quarantine = null;
    if (!isLast) {
      // Move the later files away before truncating: a crash in between then leaves a log whose
      // damaged file is the last one, which the next replay repairs as a tail.
      quarantine = createQuarantine(dir);
      if (dropped > 0) {
        Path tail = quarantine.resolve(flatName(dir, f) + ".tail");
        copyRange(f.segment().path(), r.goodBytes(), r.fileSize(), tail);
        quarantined.add(tail);
      }
      quarantined.addAll(moveAll(dir, files.subList(i + 1, files.size()), quarantine));
    }
    if (dropped > 0) {
      FileSync.truncate(f.segment().path(), r.goodBytes());
    }
    stats.recordRepair(corruption);
    String where = "WAL " + dir.relativize(f.segment().path()) + ": ";
    if (!corruption) {
      logger.log(Level.WARNING, where + "cut torn tail at offset " + r.goodBytes() + " ("
          + r.damage().description() + "), dropped " + dropped + " bytes");
    } else if (isLast) {
      logger.log(Level.ERROR, where + "corrupt frame at offset " + r.goodBytes() + " ("
          + r.damage().description() + "); replay stops there, dropped " + dropped + " bytes");
    } else {
      logger.log(Level.ERROR, where + "corrupt frame at offset " + r.goodBytes() + " ("
          + r.damage().description() + ") before the end of the log; replay stops there, dropped "
          + dropped + " bytes and moved " + (files.size() - i - 1) + " later file(s) to "
          + quarantine + "; their records are NOT replayed");
    }
    return new Repair(f.segment().path(), r.goodBytes(), dropped,
        r.damage().description(), corruption, quarantined);
  }

  /** Handles a missing segment: everything from file {@code i} on is moved out of the log. */
  private static Repair quarantineFrom(
      Path dir, List<LogFile> files, int i, int missingIndex, WalStats stats) throws IOException {
    Path quarantine = createQuarantine(dir);
    List<Path> moved = moveAll(dir, files.subList(i, files.size()), quarantine);
    stats.recordRepair(true);
    Path missing = files.get(i).segment().path().resolveSibling(Segment.fileName(missingIndex));
    logger.log(Level.ERROR, "WAL " + dir.relativize(missing) + " is missing; replay stops there"
        + " and " + moved.size() + " later file(s) were moved to " + quarantine
        + "; their records are NOT replayed");
    return new Repair(missing, 0, 0, SegmentScanner.Damage.GAP.description(), true, moved);
  }

  private static List<Path> moveAll(Path dir, List<LogFile> files, Path quarantine)
      throws IOException {
    List<Path> moved = new ArrayList<>();
    boolean fromCheckpoint = false;
    for (LogFile f : files) {
      Path target = quarantine.resolve(flatName(dir, f));
      FileSync.moveAtomically(f.segment().path(), target);
      moved.add(target);
      fromCheckpoint |= f.inCheckpoint();
    }
    FileSync.syncDirectory(quarantine);
    FileSync.syncDirectory(dir);
    if (fromCheckpoint) {
      FileSync.syncDirectory(files.get(0).segment().path().getParent());
    }
    return moved;
  }

  private static Path createQuarantine(Path dir) throws IOException {
    long millis = System.currentTimeMillis();
    for (int attempt = 0; ; attempt++) {
      Path q = dir.resolve(QUARANTINE_PREFIX + millis + (attempt == 0 ? "" : "-" + attempt));
      if (!Files.exists(q)) {
        Files.createDirectory(q);
        FileSync.syncDirectory(dir);
        return q;
      }
    }
  }

  private static String flatName(Path dir, LogFile f) {
    return dir.relativize(f.segment().path()).toString().replace(java.io.File.separatorChar, '_');
  }

  private static void copyRange(Path from, long start, long end, Path to) throws IOException {
    try (FileChannel src = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel dst =
            FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long pos = start;
      while (pos < end) {
        long n = src.transferTo(pos, end - pos, dst);
        if (n <= 0) {
          break; // the file shrank under us; keep what was copied
        }
        pos += n;
      }
      dst.force(true);
    }
  }

  /** One file of the log in replay order, and whether it belongs to the checkpoint. */
  private record LogFile(Segment segment, boolean inCheckpoint) {}
}
