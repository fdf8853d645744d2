package dev.vigil.server.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.tsdb.head.HeadOptions;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import dev.vigil.server.telemetry.TelemetryRegistry;
import dev.vigil.server.testing.StorageContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TSDB keeps sealed head chunks in {@code chunks_head/}, a cache the WAL rebuilds. */
class TsdbHeadChunksTest {

  private static final Labels CPU = Labels.of("__name__", "cpu", "job", "a");

  @TempDir Path dir;

  private static TsdbOptions smallChunks() {
    return TsdbOptions.defaults().withHead(HeadOptions.builder().samplesPerChunk(10).build());
  }

  private static void fill(Tsdb tsdb, long from, long to) {
    for (long t = from; t < to; t += 1000) {
      Appender app = tsdb.appender();
      app.append(CPU, t, Math.sqrt(t));
      app.commit();
    }
  }

  @Test
  void rebuildsTheChunkFilesFromTheWalAtRestartWhateverTheyHeld() throws IOException {
    Path data = dir.resolve("data");
    Path chunks = data.resolve(HeadChunkStore.DIR_NAME);
    Map<String, List<String>> before;
    try (Tsdb tsdb = Tsdb.open(data, smallChunks())) {
      fill(tsdb, 0, 200_000);
      before = StorageContents.series(tsdb, "cpu");
    }
    // What a crash or a disk error could leave: a damaged segment and a stray file.
    Path segment = chunks.resolve("00000001");
    byte[] damaged = Files.readAllBytes(segment);
    for (int i = 8; i < 4096; i++) {
      damaged[i] = (byte) 0xff;
    }
    Files.write(segment, damaged);
    Files.write(chunks.resolve("00000099"), new byte[] {1, 2, 3});

    TelemetryRegistry registry = new TelemetryRegistry();
    try (Tsdb tsdb = Tsdb.open(data, smallChunks(), HeadCompactionHook.NONE, registry)) {
      assertThat(StorageContents.series(tsdb, "cpu")).isEqualTo(before);
      assertThat(before.values().iterator().next()).hasSize(200);
      try (Stream<Path> files = Files.list(chunks)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("00000001");
      }
      // 19 sealed chunks of 10 samples were written again while the WAL was replayed.
      assertThat(registry.exposition())
          .contains("vigil_tsdb_mmap_chunk_corruptions_total 0\n")
          .contains("vigil_tsdb_head_chunks_write_failures_total 0\n")
          .contains("vigil_tsdb_head_chunks_segments 1\n")
          .containsPattern("vigil_tsdb_head_chunks_file_bytes [1-9][0-9]{2,}");
    }
  }

  @Test
  void writesBlocksFromChunksReadBackFromTheFiles() throws IOException {
    TsdbOptions options = TsdbTestData.seconds()
        .withHead(HeadOptions.builder().chunkRangeMillis(1000).samplesPerChunk(2).build());
    try (Tsdb tsdb = Tsdb.open(dir.resolve("data"), options, null, new TelemetryRegistry())) {
      Appender app = tsdb.appender();
      for (long t = 0; t < 10_000; t += 100) {
        app.append(CPU, t, t);
      }
      app.commit();
      tsdb.flushHeadNow(); // writes old ranges as blocks and truncates the head

      assertThat(tsdb.blocks()).isNotEmpty();
      assertThat(StorageContents.series(tsdb, "cpu").values().iterator().next()).hasSize(100);
    }
  }
}
