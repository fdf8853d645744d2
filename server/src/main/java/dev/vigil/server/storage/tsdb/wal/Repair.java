package dev.vigil.server.storage.tsdb.wal;

import java.nio.file.Path;
import java.util.List;

/**
 * What replay cut from a damaged WAL.
 *
 * @param file the file that was truncated
 * @param offset the length it was cut to: the end of its last intact record
 * @param droppedBytes the bytes cut from {@code file}
 * @param reason what was wrong at {@code offset}
 * @param corruption whether a crash cannot explain the damage (see {@link WalStats#corruptions()})
 * @param quarantined later files moved out of the log, with where they went
 */
public record Repair(
    Path file,
    long offset,
    long droppedBytes,
    String reason,
    boolean corruption,
    List<Path> quarantined) {

  public Repair {
    quarantined = List.copyOf(quarantined);
  }
}
