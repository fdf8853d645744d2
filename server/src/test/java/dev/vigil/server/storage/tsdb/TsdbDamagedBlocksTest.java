package dev.vigil.server.storage.tsdb;

import static dev.vigil.server.storage.tsdb.TsdbTestData.ALL;
import static dev.vigil.server.storage.tsdb.TsdbTestData.blockDirs;
import static dev.vigil.server.storage.tsdb.TsdbTestData.deleteTree;
import static dev.vigil.server.storage.tsdb.TsdbTestData.dump;
import static dev.vigil.server.storage.tsdb.TsdbTestData.dumpAll;
import static dev.vigil.server.storage.tsdb.TsdbTestData.fill;
import static dev.vigil.server.storage.tsdb.TsdbTestData.seconds;
import static dev.vigil.server.testing.FileDamage.flipByte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFormatException;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TSDB keeps running on damaged blocks: one that cannot be opened at start is moved aside,
 * one whose compaction fails because it is damaged is marked and skipped, and a compaction that
 * keeps failing for another reason is given up after a few attempts.
 */
class TsdbDamagedBlocksTest {

  /** The first series in label order: its chunk is the first record of each chunk segment. */
  private static final LabelMatcher[] FIRST_SERIES = {
    LabelMatcher.equal("__name__", "cpu"), LabelMatcher.equal("instance", "i0")
  };

  @TempDir Path dir;
  private final MemoryStorage oracle = new MemoryStorage();
  private final TelemetryRegistry registry = new TelemetryRegistry();

  private Path data() {
    return dir.resolve("data");
  }

  private Tsdb open(TsdbOptions options, TelemetryRegistry r) throws IOException {
    return Tsdb.open(data(), options, r);
  }

  /** Writes [0, 5 s] and flushes it as four 1 s blocks; the head keeps [4 s, 5 s]. */
  private List<Path> fourFlushedBlocks(TsdbOptions options) throws IOException {
    try (Tsdb tsdb = open(options, new TelemetryRegistry())) {
      fill(0, 5_000, 21, tsdb, oracle);
      tsdb.flushHeadNow();
      assertThat(tsdb.blocks()).extracting(b -> b.meta().minTime())
          .containsExactly(0L, 1000L, 2000L, 3000L);
    }
    return blockDirs(data());
  }

  /** Ways a block directory can be found broken at start. */
  enum Damage {
    META_MISSING {
      @Override
      void apply(Path block) throws IOException {
        Files.delete(block.resolve("meta.json"));
      }
    },
    META_MALFORMED {
      @Override
      void apply(Path block) throws IOException {
        Files.writeString(block.resolve("meta.json"), "{\"id\": \"x\",\n  oops");
      }
    },
    INDEX_MISSING {
      @Override
      void apply(Path block) throws IOException {
        Files.delete(block.resolve("index"));
      }
    },
    INDEX_BIT_FLIPPED {
      @Override
      void apply(Path block) throws IOException {
        flipByte(block.resolve("index"), 40);
      }
    },
    CHUNKS_MISSING {
      @Override
      void apply(Path block) throws IOException {
        deleteTree(block.resolve("chunks"));
      }
    };

    abstract void apply(Path block) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void movesABlockThatCannotBeOpenedAsideAndServesTheOthers(Damage damage) throws IOException {
    TsdbOptions noCompaction = seconds().withMaxBlockDuration(Duration.ofSeconds(1));
    List<Path> blocks = fourFlushedBlocks(noCompaction);
    Path broken = blocks.get(1);
    damage.apply(broken);

    try (Tsdb tsdb = open(noCompaction, registry)) {
      assertThat(tsdb.blocks()).extracting(b -> b.meta().minTime())
          .containsExactly(0L, 2000L, 3000L);
      assertThat(broken).doesNotExist();
      assertThat(broken.resolveSibling(broken.getFileName() + ".corrupted")).isDirectory();
      assertThat(dump(tsdb, 0, 999, ALL)).isEqualTo(dump(oracle, 0, 999, ALL));
      assertThat(dump(tsdb, 2000, 5000, ALL)).isEqualTo(dump(oracle, 2000, 5000, ALL));
      assertThat(registry.exposition()).contains("vigil_tsdb_blocks_quarantined 1\n");
    }
    // The quarantined directory is left for the operator and ignored by later starts.
    try (Tsdb tsdb = open(noCompaction, new TelemetryRegistry())) {
      assertThat(tsdb.blocks()).hasSize(3);
    }
  }

  @Test
  void marksABlockWithADamagedChunkCompactionFailedAndStopsRetryingIt() throws IOException {
    List<Path> blocks = fourFlushedBlocks(seconds());
    Path damaged = blocks.get(0);
    // Inside the data of the segment's first record (header 8 bytes, length, encoding).
    flipByte(damaged.resolve("chunks/000001"), 12);

    try (Tsdb tsdb = open(seconds(), registry)) {
      tsdb.maintainNow(); // plans [0, 3 s), fails reading the damaged block

      assertThat(registry.exposition())
          .contains("vigil_tsdb_compactions_failed_total 1\n")
          .contains("vigil_tsdb_blocks_compaction_failed 1\n");
      assertThat(Files.readString(damaged.resolve("meta.json")))
          .containsPattern("\"failed\"\\s*:\\s*true");
      assertThat(tsdb.blocks()).extracting(Block::dir).containsExactlyElementsOf(blocks);
      assertThat(leftovers()).as("no half-written compaction left behind").isEmpty();
      // Queries read what is readable and name the damage where they reach it.
      assertThat(dump(tsdb, 0, 999, LabelMatcher.equal("__name__", "mem")))
          .isEqualTo(dump(oracle, 0, 999, LabelMatcher.equal("__name__", "mem")));
      assertThat(dump(tsdb, 1000, 5000, ALL)).isEqualTo(dump(oracle, 1000, 5000, ALL));
      assertThatThrownBy(() -> dump(tsdb, 0, 999, FIRST_SERIES))
          .isInstanceOf(BlockFormatException.class)
          .hasMessageContaining(damaged.resolve("chunks/000001").toString())
          .hasMessageContaining("chunk CRC mismatch");

      tsdb.maintainNow();

      assertThat(registry.exposition()).contains("vigil_tsdb_compactions_failed_total 1\n");
    }
    TelemetryRegistry afterRestart = new TelemetryRegistry();
    try (Tsdb tsdb = open(seconds(), afterRestart)) {
      tsdb.maintainNow();

      assertThat(tsdb.blocks()).extracting(Block::dir).containsExactlyElementsOf(blocks);
      assertThat(tsdb.blocks().get(0).meta().compactionFailed()).isTrue();
      assertThat(afterRestart.exposition())
          .contains("vigil_tsdb_compactions_failed_total 0\n")
          .contains("vigil_tsdb_blocks_compaction_failed 1\n");
    }
  }

  @Test
  void givesUpACompactionThatKeepsFailingWithoutDamageUntilRestart() throws Exception {
    List<Path> blocks = fourFlushedBlocks(seconds());
    try (Tsdb tsdb = open(seconds(), registry)) {
      // An immutable data directory: the compaction cannot create its block, though every
      // parent reads fine (as with a full disk).
      assumeTrue(chattr("+i", data()), "chattr +i is not available here");
      try {
        for (int pass = 1; pass <= BlockMaintenance.MAX_ATTEMPTS + 2; pass++) {
          tsdb.maintainNow();
        }
      } finally {
        assertThat(chattr("-i", data())).isTrue();
      }
      assertThat(registry.exposition())
          .contains("vigil_tsdb_compactions_failed_total " + BlockMaintenance.MAX_ATTEMPTS + "\n")
          .contains("vigil_tsdb_blocks_compaction_failed 0\n");
      // Left alone for this process even once the cause is gone; nothing was marked on disk.
      tsdb.maintainNow();
      assertThat(tsdb.blocks()).extracting(Block::dir).containsExactlyElementsOf(blocks);
      assertThat(tsdb.blocks()).noneMatch(b -> b.meta().compactionFailed());
    }
    try (Tsdb tsdb = open(seconds(), new TelemetryRegistry())) {
      tsdb.maintainNow();

      assertThat(tsdb.blocks()).extracting(b -> b.meta().minTime()).containsExactly(0L, 3000L);
      assertThat(dumpAll(tsdb)).isEqualTo(dumpAll(oracle));
    }
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(data())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static boolean chattr(String flag, Path p) throws IOException, InterruptedException {
    try {
      Process proc = new ProcessBuilder("chattr", flag, p.toString())
          .redirectErrorStream(true).start();
      proc.getInputStream().readAllBytes();
      return proc.waitFor(30, TimeUnit.SECONDS) && proc.exitValue() == 0;
    } catch (IOException e) {
      return false; // no chattr on this machine
    }
  }
}
