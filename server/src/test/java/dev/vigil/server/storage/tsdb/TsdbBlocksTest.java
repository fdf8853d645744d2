package dev.vigil.server.storage.tsdb;

import static dev.vigil.server.storage.tsdb.TsdbTestData.ALL;
import static dev.vigil.server.storage.tsdb.TsdbTestData.copyTree;
import static dev.vigil.server.storage.tsdb.TsdbTestData.deleteTree;
import static dev.vigil.server.storage.tsdb.TsdbTestData.dump;
import static dev.vigil.server.storage.tsdb.TsdbTestData.dumpAll;
import static dev.vigil.server.storage.tsdb.TsdbTestData.fill;
import static dev.vigil.server.storage.tsdb.TsdbTestData.seconds;
import static dev.vigil.server.storage.tsdb.TsdbTestData.sizeOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import dev.vigil.server.storage.tsdb.block.BlockWriter;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TSDB with on-disk blocks: head flushes, restarts, crash windows, compaction, retention. */
class TsdbBlocksTest {

  @TempDir Path dir;

  private Tsdb open(TsdbOptions options) throws IOException {
    return Tsdb.open(dir.resolve("data"), options, new TelemetryRegistry());
  }

  private List<Path> blockDirs() throws IOException {
    return TsdbTestData.blockDirs(dir.resolve("data"));
  }

  @Test
  void flushesOldHeadRangesAsBlocksAndRestartsWithIdenticalData() throws IOException {
    MemoryStorage oracle = new MemoryStorage();
    List<String> before;
    try (Tsdb tsdb = open(seconds().withMaxBlockDuration(Duration.ofSeconds(1)))) {
      fill(0, 10_000, 1, tsdb, oracle);
      tsdb.maintainNow();

      // Head spans 1.5 ranges at most afterwards; everything before is in 1 s blocks.
      assertThat(tsdb.blocks()).extracting(b -> b.meta().minTime())
          .containsExactly(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L);
      assertThat(tsdb.head().minTime()).isEqualTo(9000);
      before = dumpAll(tsdb);
      assertThat(before).isEqualTo(dumpAll(oracle));
    }
    try (Tsdb tsdb = open(seconds())) {
      assertThat(tsdb.blocks()).hasSize(9);
      assertThat(dumpAll(tsdb)).isEqualTo(before);
      // The head was rebuilt from the checkpoint only: nothing before the newest block's end.
      assertThat(tsdb.head().minTime()).isEqualTo(9000);
    }
  }

  @Test
  void aQuerySpanningHeadAndBlocksEqualsTheSameQueryOnAnInMemoryStore() throws IOException {
    MemoryStorage oracle = new MemoryStorage();
    try (Tsdb tsdb = open(seconds().withMaxBlockDuration(Duration.ofSeconds(1)))) {
      fill(0, 3_400, 2, tsdb, oracle);
      tsdb.maintainNow();
      assertThat(tsdb.blocks()).hasSize(2);
      assertThat(tsdb.head().minTime()).isEqualTo(2000);

      LabelMatcher[][] selectors = {
        {ALL},
        {LabelMatcher.equal("__name__", "cpu")},
        {LabelMatcher.equal("job", "j1"), LabelMatcher.of(LabelMatcher.Type.NOT_EQUAL, "instance",
            "i4")},
        {LabelMatcher.of(LabelMatcher.Type.REGEX, "instance", "i[35]")},
      };
      long[][] ranges = {{0, 3400}, {500, 2500}, {999, 1000}, {1500, 3100}, {2000, 2000}};
      for (LabelMatcher[] sel : selectors) {
        for (long[] r : ranges) {
          assertThat(dump(tsdb, r[0], r[1], sel))
              .as("%s over [%d, %d]", List.of(sel), r[0], r[1])
              .isEqualTo(dump(oracle, r[0], r[1], sel));
        }
      }
      try (Querier q = tsdb.querier(0, 3400);
          Querier o = oracle.querier(0, 3400)) {
        assertThat(q.labelNames(List.of())).isEqualTo(o.labelNames(List.of()));
        assertThat(q.labelValues("instance", List.of())).isEqualTo(
            o.labelValues("instance", List.of()));
        assertThat(q.labelValues("instance", List.of(LabelMatcher.equal("job", "j2"))))
            .isEqualTo(o.labelValues("instance", List.of(LabelMatcher.equal("job", "j2"))));
      }
    }
  }

  @Test
  void compactsBlocksIntoLargerRangesAndDeletesTheParents() throws IOException {
    MemoryStorage oracle = new MemoryStorage();
    TelemetryRegistry registry = new TelemetryRegistry();
    try (Tsdb tsdb = Tsdb.open(dir.resolve("data"), seconds(), registry)) {
      fill(0, 12_000, 3, tsdb, oracle);
      tsdb.maintainNow();

      List<BlockMeta> metas = tsdb.blocks().stream().map(Block::meta).toList();
      // 1 s flushes merged into 3 s and 9 s windows; the newest flush (10 s) is held back.
      assertThat(metas).extracting(BlockMeta::minTime).containsExactly(0L, 9000L, 10_000L);
      assertThat(metas).extracting(BlockMeta::maxTime).containsExactly(9000L, 10_000L, 11_000L);
      assertThat(metas.get(0).level()).isGreaterThanOrEqualTo(2);
      assertThat(metas.get(0).sources()).hasSize(9);
      assertThat(blockDirs()).hasSize(3);
      assertThat(dumpAll(tsdb)).isEqualTo(dumpAll(oracle));
      assertThat(registry.exposition())
          .contains("vigil_tsdb_blocks_loaded 3\n")
          .contains("vigil_tsdb_head_flushes_total 11\n")
          .containsPattern("(?m)^vigil_tsdb_compactions_total (1[2-9]|[2-9][0-9])\n")
          .contains("vigil_tsdb_compactions_failed_total 0\n")
          .containsPattern("(?m)^vigil_tsdb_storage_blocks_bytes [1-9]");
    }
  }

  @Test
  void aQueryOpenDuringACompactionReadsTheReplacedBlocksToTheEnd() throws IOException {
    try (Tsdb tsdb = open(seconds())) {
      fill(0, 3_400, 4, tsdb);
      tsdb.flushHeadNow();
      List<Path> flushed = blockDirs();
      assertThat(flushed).hasSize(2);
      String expected;
      try (Querier before = tsdb.querier(0, 1999)) {
        expected = String.join("\n", dump(tsdb, 0, 1999, ALL));
        fill(4_100, 7_000, 5, tsdb);
        tsdb.maintainNow(); // compacts [0, 3000) while `before` is open
        assertThat(tsdb.blocks().get(0).meta().level()).isEqualTo(2);
        assertThat(flushed).allSatisfy(p -> assertThat(p).exists());

        List<String> read = new ArrayList<>();
        SeriesSet set = before.select(true, List.of(ALL));
        while (set.next()) {
          StringBuilder b = new StringBuilder();
          SampleIterator it = set.at().iterator();
          while (it.next()) {
            if (it.timestamp() <= 1999) {
              b.append(' ').append(it.timestamp()).append('=').append(it.value());
            }
          }
          read.add(set.at().labels() + ":" + b);
        }
        assertThat(String.join("\n", read)).isEqualTo(expected);
      }
      assertThat(flushed).allSatisfy(p -> assertThat(p).doesNotExist());
    }
  }

  @Test
  void aCrashAfterWritingABlockButBeforeTruncatingTheHeadKeepsEverySampleOnce()
      throws IOException {
    Path data = dir.resolve("data");
    MemoryStorage oracle = new MemoryStorage();
    BlockWriter writer = new BlockWriter();
    // The hook writes the block as the real flusher does, then "crashes": the head keeps the
    // range and the WAL is not checkpointed.
    try (Tsdb tsdb = Tsdb.open(data, seconds(), (head, mint, maxt) -> {
      try (Querier q = head.querier(mint, maxt - 1)) {
        writer.write(data, q, mint, maxt);
      }
      throw new IOException("simulated crash after publishing the block");
    }, new TelemetryRegistry())) {
      fill(0, 2_000, 6, tsdb, oracle);
      tsdb.maintainNow();
      assertThat(tsdb.head().minTime()).isZero();
    }
    assertThat(blockDirs()).hasSize(1);
    try (Tsdb tsdb = open(seconds())) {
      assertThat(tsdb.blocks()).extracting(b -> b.meta().maxTime()).containsExactly(1000L);
      assertThat(dumpAll(tsdb)).isEqualTo(dumpAll(oracle));
      // Replay skipped what the block holds instead of loading it a second time.
      assertThat(tsdb.head().minTime()).isEqualTo(1000);
      assertThat(dump(tsdb.head(), 0, 999, ALL)).isEmpty();
    }
  }

  @Test
  void aCrashBeforeTheWalCheckpointKeepsEverySampleOnce() throws IOException {
    Path data = dir.resolve("data");
    Path walCopy = dir.resolve("wal-before-checkpoint");
    MemoryStorage oracle = new MemoryStorage();
    try (Tsdb tsdb = open(seconds().withMaxBlockDuration(Duration.ofSeconds(1)))) {
      fill(0, 2_000, 7, tsdb, oracle);
      copyTree(data.resolve("wal"), walCopy);
      tsdb.maintainNow();
      assertThat(tsdb.blocks()).hasSize(1);
    }
    // As if the process died after the head truncation, before the checkpoint replaced segments.
    deleteTree(data.resolve("wal"));
    copyTree(walCopy, data.resolve("wal"));
    try (Tsdb tsdb = open(seconds())) {
      assertThat(dumpAll(tsdb)).isEqualTo(dumpAll(oracle));
      assertThat(tsdb.head().minTime()).isEqualTo(1000);
      assertThat(tsdb.head().stats().samplesAppended())
          .as("samples replayed into the head")
          .isEqualTo(dump(oracle, 1000, 2000, ALL).stream()
              .mapToLong(line -> line.substring(line.lastIndexOf(':') + 1).trim().split(" ").length)
              .sum());
    }
  }

  @Test
  void startupRemovesLeftoversAndBlocksACompactionAlreadyHolds() throws IOException {
    MemoryStorage oracle = new MemoryStorage();
    Path data = dir.resolve("data");
    List<Path> parents;
    try (Tsdb tsdb = open(seconds())) {
      fill(0, 4_000, 8, tsdb, oracle);
      tsdb.flushHeadNow();
      parents = blockDirs();
      // Keep copies of the two parents the compaction below deletes.
      for (Path p : parents) {
        copyTree(p, dir.resolve("saved").resolve(p.getFileName()));
      }
      fill(4_100, 7_000, 9, tsdb, oracle);
      tsdb.maintainNow();
    }
    // As if the compaction's publish happened but not the parents' deletion, and as if a block
    // write and a deletion were interrupted.
    for (Path p : parents) {
      copyTree(dir.resolve("saved").resolve(p.getFileName()), p);
    }
    Files.createDirectories(data.resolve("01JD5X1S8Q0000000000000000.tmp"));
    Files.createDirectories(data.resolve("01JD5X1S8Q0000000000000001.deleted"));
    try (Tsdb tsdb = open(seconds())) {
      assertThat(parents).allSatisfy(p -> assertThat(p).doesNotExist());
      assertThat(data.resolve("01JD5X1S8Q0000000000000000.tmp")).doesNotExist();
      assertThat(data.resolve("01JD5X1S8Q0000000000000001.deleted")).doesNotExist();
      assertThat(tsdb.blocks().get(0).meta().level()).isEqualTo(2);
      assertThat(dumpAll(tsdb)).isEqualTo(dumpAll(oracle));
    }
  }

  @Test
  void timeRetentionDeletesWholeBlocksOlderThanTheNewestSampleMinusRetention()
      throws IOException {
    TelemetryRegistry registry = new TelemetryRegistry();
    TsdbOptions options = seconds().withRetention(Duration.ofSeconds(5))
        .withMaxBlockDuration(Duration.ofSeconds(1));
    try (Tsdb tsdb = Tsdb.open(dir.resolve("data"), options, registry)) {
      fill(0, 12_000, 10, tsdb);
      tsdb.maintainNow();

      // Newest sample 12000: blocks ending at or before 7000 are gone.
      assertThat(tsdb.blocks()).extracting(b -> b.meta().minTime())
          .containsExactly(7000L, 8000L, 9000L, 10_000L);
      assertThat(blockDirs()).hasSize(4);
      assertThat(dump(tsdb, 0, 6999, ALL)).isEmpty();
      assertThat(registry.exposition()).contains("vigil_tsdb_time_retentions_total 1\n");
    }
  }

  @Test
  void sizeRetentionDeletesTheOldestBlocksUntilBlocksAndTheHeadsFilesFit() throws IOException {
    long newestFour;
    long smallest;
    long headFiles;
    try (Tsdb tsdb = open(seconds().withMaxBlockDuration(Duration.ofSeconds(1)))) {
      fill(0, 10_000, 11, tsdb);
      tsdb.maintainNow();
      List<Long> sizes = tsdb.blocks().stream().map(b -> sizeOf(b.dir())).toList();
      assertThat(sizes).hasSize(9);
      newestFour = sizes.subList(5, 9).stream().mapToLong(Long::longValue).sum();
      smallest = sizes.stream().mapToLong(Long::longValue).min().orElseThrow();
    }
    // chunks_head/ is rebuilt from the WAL at every start: open once to see what the head's
    // files (WAL + chunks_head/) take then, as the limited open below will find them.
    try (Tsdb tsdb = open(seconds().withMaxBlockDuration(Duration.ofSeconds(1)))) {
      headFiles = headFilesSize();
      assertThat(sizeOf(dir.resolve("data/chunks_head"))).isPositive();
    }
    // Room for the head's files, the four newest blocks and not quite one more.
    long limit = headFiles + newestFour + smallest / 2;
    TelemetryRegistry registry = new TelemetryRegistry();
    try (Tsdb tsdb = Tsdb.open(dir.resolve("data"), seconds().withRetentionBytes(limit)
        .withMaxBlockDuration(Duration.ofSeconds(1)), registry)) {
      tsdb.maintainNow();

      assertThat(tsdb.blocks()).extracting(b -> b.meta().minTime())
          .containsExactly(5000L, 6000L, 7000L, 8000L);
      assertThat(blockDirs()).hasSize(4);
      long used = headFilesSize()
          + tsdb.blocks().stream().mapToLong(b -> sizeOf(b.dir())).sum();
      assertThat(used).isLessThanOrEqualTo(limit);
      assertThat(registry.exposition()).contains("vigil_tsdb_size_retentions_total 1\n");
    }
  }

  private long headFilesSize() {
    return sizeOf(dir.resolve("data/wal")) + sizeOf(dir.resolve("data/chunks_head"));
  }

  @Test
  void checkpointsKeepTheWalBoundedOverManyFlushes() throws IOException {
    Path wal = dir.resolve("data/wal");
    List<Long> walBytes = new ArrayList<>();
    try (Tsdb tsdb = open(seconds().withMaxBlockDuration(Duration.ofSeconds(1)))) {
      for (int cycle = 0; cycle < 30; cycle++) {
        fill(cycle * 1000L, cycle * 1000L + 999, cycle, tsdb);
        tsdb.maintainNow();
        try (Stream<Path> files = Files.list(wal)) {
          assertThat(files.count()).as("segments and checkpoints after cycle %d", cycle)
              .isLessThanOrEqualTo(4);
        }
        walBytes.add(sizeOf(wal));
      }
      assertThat(tsdb.blocks()).hasSizeGreaterThanOrEqualTo(28);
    }
    // The same load each cycle: what the WAL holds stops growing once flushes begin.
    long early = walBytes.subList(3, 10).stream().mapToLong(Long::longValue).max().orElseThrow();
    long late = walBytes.subList(20, 30).stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(late).isLessThanOrEqualTo(early * 3 / 2);
  }

  @Test
  void keepsASampleCommittedForASeriesThatATruncationDroppedMeanwhile() throws IOException {
    Labels gone = Labels.of("__name__", "gone", "job", "a");
    Labels busy = Labels.of("__name__", "busy", "job", "a");
    TsdbOptions options = seconds().withRetention(Duration.ofSeconds(3));
    try (Tsdb tsdb = Tsdb.open(dir.resolve("data"), options)) {
      Appender first = tsdb.appender();
      first.append(gone, 1000, 1);
      first.append(busy, 1000, 1);
      first.commit();
      Appender late = tsdb.appender();
      late.append(gone, 9500, 2); // resolved to the series the truncation below drops
      Appender other = tsdb.appender();
      other.append(busy, 9000, 2);
      other.commit();
      tsdb.maintainNow(); // retention: drops `gone`, checkpoints the WAL without its series
      late.commit();
    }
    try (Tsdb tsdb = Tsdb.open(dir.resolve("data"), options)) {
      assertThat(dump(tsdb, 0, 10_000, LabelMatcher.equal("__name__", "gone")))
          .containsExactly(gone + ": 9500=2.0");
    }
  }

  @Test
  void mergesOverlappingBlocksFoundAtStartInQueriesAndThenByCompaction() throws IOException {
    Path data = dir.resolve("data");
    // Heads as sources: the block writer selects with __name__=~".*", which MemoryStorage refuses.
    Head early = new Head();
    Head late = new Head();
    fill(0, 2_900, 12, early);
    fill(2_000, 4_900, 13, late);
    Files.createDirectories(data);
    BlockWriter writer = new BlockWriter();
    // [0, 3000) and [2000, 5000) overlap on [2000, 3000), where they hold different samples.
    try (Querier q = early.querier(0, 2_999)) {
      writer.write(data, q, 0, 3_000);
    }
    try (Querier q = late.querier(2_000, 4_999)) {
      writer.write(data, q, 2_000, 5_000);
    }
    List<String> merged;
    try (Tsdb tsdb = open(seconds())) {
      assertThat(tsdb.blocks()).hasSize(2);
      merged = dumpAll(tsdb);
      // Each timestamp once; in the overlap the newer block's (higher id) sample is shown, as
      // compaction keeps it.
      assertThat(dump(tsdb, 0, 1_999, ALL)).isEqualTo(dump(early, 0, 1_999, ALL));
      assertThat(dump(tsdb, 2_000, 4_900, ALL)).isEqualTo(dump(late, 2_000, 4_900, ALL));

      tsdb.maintainNow();

      assertThat(tsdb.blocks()).hasSize(1);
      assertThat(tsdb.blocks().get(0).meta().minTime()).isZero();
      assertThat(tsdb.blocks().get(0).meta().maxTime()).isEqualTo(5_000);
      assertThat(dumpAll(tsdb)).isEqualTo(merged);
    }
  }
}
