package dev.vigil.server.storage.tsdb.wal;

import java.nio.file.Path;

/**
 * What a checkpoint kept and removed.
 *
 * @param index the last segment the checkpoint covers, which is also its name's number
 * @param dir the checkpoint directory
 * @param seriesKept series definitions written to the checkpoint
 * @param seriesDropped series definitions left out because their series is gone
 * @param samplesKept samples written to the checkpoint
 * @param samplesDropped samples left out because their series is gone or they are too old
 * @param segmentsDeleted WAL segments deleted after the checkpoint was in place
 */
public record CheckpointResult(
    int index,
    Path dir,
    long seriesKept,
    long seriesDropped,
    long samplesKept,
    long samplesDropped,
    int segmentsDeleted) {}
