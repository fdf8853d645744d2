package dev.vigil.server.storage.tsdb;

import dev.vigil.server.telemetry.TelemetryRegistry;

/**
 * The TSDB's block self-metrics, named {@code vigil_tsdb_*} after the {@code prometheus_tsdb_*}
 * metric of the same meaning. As in Prometheus, a compaction is any block written by the
 * compactor: head flushes and block merges alike.
 */
final class BlockMetrics {

  /**
   * @param flusher the head's block writer, or null when head ranges go to another hook
   */
  BlockMetrics(TelemetryRegistry r, BlockSet blocks, BlockMaintenance compaction,
      HeadFlusher flusher, HeadMaintenance head) {
    r.gauge("vigil_tsdb_blocks_loaded", "Blocks on disk that queries read.",
        () -> blocks.list().size());
    r.gauge("vigil_tsdb_storage_blocks_bytes", "Bytes of all blocks on disk.", blocks::bytes);
    r.counter("vigil_tsdb_compactions_total",
        "Blocks written: head flushes and compactions of blocks.",
        () -> compaction.compactions.sum() + (flusher == null ? 0 : flusher.flushes.sum()));
    // Vigil only: Prometheus has no separate count of head flushes; this tells how many of the
    // compactions above merged blocks.
    r.counter("vigil_tsdb_head_flushes_total", "Head ranges written as level-1 blocks.",
        () -> flusher == null ? 0 : flusher.flushes.sum());
    r.counter("vigil_tsdb_compactions_failed_total",
        "Head flushes and block compactions that failed.",
        () -> compaction.compactionFailures.sum() + head.compactionFailures.sum());
    // Vigil only: Prometheus has neither (it refuses to start on a damaged block and only
    // counts failed compactions); these say which blocks need an operator.
    r.gauge("vigil_tsdb_blocks_compaction_failed",
        "Loaded blocks marked compaction.failed: damaged, skipped by compaction, still queried.",
        () -> blocks.list().stream().filter(h -> h.meta().compactionFailed()).count());
    r.gauge("vigil_tsdb_blocks_quarantined",
        "Block directories moved aside as <id>.corrupted because they could not be opened.",
        () -> BlockLoader.quarantined(compaction.dataDir()));
    r.counter("vigil_tsdb_time_retentions_total",
        "Maintenance runs that deleted blocks for the time retention.",
        compaction.timeRetentions::sum);
    r.counter("vigil_tsdb_size_retentions_total",
        "Maintenance runs that deleted blocks for the size retention.",
        compaction.sizeRetentions::sum);
  }
}
