package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.SampleRejectedException.Reason;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.head.HeadStats;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import dev.vigil.server.storage.tsdb.wal.WalStats;
import dev.vigil.server.storage.tsdb.wal.WalWriter;
import dev.vigil.server.telemetry.Counter;
import dev.vigil.server.telemetry.TelemetryRegistry;

/**
 * The TSDB's self-metrics, one row each, named {@code vigil_tsdb_*} after the {@code
 * prometheus_tsdb_*} metric with the same meaning so dashboards translate one to one. Values are
 * read from the head's and the WAL's own counters at exposition time.
 */
final class TsdbMetrics {

  TsdbMetrics(TelemetryRegistry r, Head head, HeadChunkStore chunks, WalStats wal,
      WalWriter writer, HeadMaintenance maintenance, long replayNanos) {
    HeadStats h = head.stats();
    r.gauge("vigil_tsdb_head_series", "Series in the head.", h::series);
    r.counter("vigil_tsdb_head_series_created_total", "Series created in the head.",
        h::seriesCreated);
    r.counter("vigil_tsdb_head_series_removed_total", "Series removed from the head.",
        h::seriesRemoved);
    r.counter("vigil_tsdb_head_samples_appended_total", "Samples appended to the head.",
        h::samplesAppended);
    r.gauge("vigil_tsdb_head_chunks", "Chunks in the head.",
        () -> h.chunksCreated() - h.chunksRemoved());
    r.counter("vigil_tsdb_head_chunks_created_total", "Chunks created in the head.",
        h::chunksCreated);
    r.counter("vigil_tsdb_head_chunks_removed_total", "Chunks removed from the head.",
        h::chunksRemoved);
    r.gauge("vigil_tsdb_head_chunks_file_bytes",
        "Bytes of the head's sealed chunks in chunks_head/ segment files.", chunks::fileBytes);
    r.gauge("vigil_tsdb_head_chunks_segments", "Segment files in chunks_head/.", chunks::segments);
    r.counter("vigil_tsdb_head_chunks_write_failures_total",
        "Sealed head chunks that could not be written to chunks_head/ and stayed on the heap.",
        chunks::writeFailures);
    r.counter("vigil_tsdb_mmap_chunk_corruptions_total",
        "Head chunks read back from chunks_head/ with a bad checksum or bounds.",
        chunks::corruptions);
    r.gauge("vigil_tsdb_head_min_time", "Lowest timestamp in the head (ms), 0 when empty.",
        () -> head.minTime() <= head.maxTime() ? head.minTime() : 0);
    r.gauge("vigil_tsdb_head_max_time", "Highest timestamp in the head (ms), 0 when empty.",
        () -> head.minTime() <= head.maxTime() ? head.maxTime() : 0);
    r.counter("vigil_tsdb_head_truncations_total", "Head truncations (retention or compaction).",
        maintenance.truncations::sum);
    Counter rejected = r.counter("vigil_tsdb_rejected_samples_total",
        "Samples refused by the head, by reason.", "reason");
    for (Reason reason : Reason.values()) {
      rejected.labels(reason.label()).setSupplier(() -> h.rejected(reason));
    }
    r.summary("vigil_tsdb_wal_fsync_duration_seconds", "Duration of WAL segment fsyncs.",
        () -> wal.fsyncNanosTotal() / 1e9, wal::fsyncs);
    r.gauge("vigil_tsdb_wal_fsync_duration_seconds_max",
        "The longest WAL segment fsync since start, in seconds.", () -> wal.fsyncNanosMax() / 1e9);
    r.counter("vigil_tsdb_wal_records_written_total", "Records written to the WAL.",
        wal::recordsWritten);
    r.counter("vigil_tsdb_wal_bytes_written_total", "Bytes written to the WAL, framing included.",
        wal::bytesWritten);
    r.counter("vigil_tsdb_wal_corruptions_total",
        "WAL damage a crash cannot explain, found at replay.", wal::corruptions);
    r.counter("vigil_tsdb_wal_repairs_total", "WAL segments cut back to their last good record.",
        wal::repairs);
    r.counter("vigil_tsdb_wal_truncations_total", "WAL checkpoints that replaced segments.",
        wal::checkpoints);
    r.counter("vigil_tsdb_checkpoint_creations_total", "WAL checkpoints created.",
        wal::checkpoints);
    r.counter("vigil_tsdb_checkpoint_creations_failed_total", "WAL checkpoints that failed.",
        maintenance.checkpointFailures::sum);
    r.gauge("vigil_tsdb_wal_segment_current", "Index of the WAL segment being written.",
        writer::currentSegment);
    r.gauge("vigil_tsdb_data_replay_duration_seconds", "Time the WAL replay took at start.",
        () -> replayNanos / 1e9);
  }
}
