package dev.vigil.server.storage.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server restarted on a data directory with a damaged block: it starts, moves the
 * block aside, says so on stderr and in its self-metrics, and answers queries from the rest.
 */
class TsdbDamagedBlockIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Pattern BLOCKS_LOADED =
      Pattern.compile("(?m)^vigil_tsdb_blocks_loaded (\\d+)");

  @TempDir Path dir;
  private SynthExporter exporter;
  private Path config;
  private Path data;
  private ServerProcess server;

  @BeforeEach
  void startExporter() throws Exception {
    exporter = new SynthExporter();
    config = exporter.writeConfig(dir.resolve("prometheus.yml"));
    data = dir.resolve("data");
  }

  @AfterEach
  void stopAll() throws Exception {
    if (server != null) {
      server.close();
    }
    exporter.close();
  }

  private ServerProcess start(String name) throws Exception {
    server = ServerProcess.launch(dir, name, "--config.file=" + config,
        "--storage.tsdb.path=" + data, "--storage.tsdb.min-block-duration=2s");
    return server.awaitReady(DEADLINE);
  }

  @Test
  void startsWithoutABlockWhoseMetaJsonIsDamagedAndAnswersFromTheOthers() throws Exception {
    ServerProcess first = start("first");
    awaitBlocks(first, 2);
    first.kill();
    List<Path> blocks;
    try (var s = Files.list(data)) {
      blocks = s.filter(p -> p.getFileName().toString().length() == 26).sorted().toList();
    }
    Path broken = blocks.get(0);
    Files.writeString(broken.resolve("meta.json"), "{\"id\": ");

    ServerProcess second = start("second");

    assertThat(second.stderr()).contains("cannot open block " + broken);
    assertThat(broken).doesNotExist();
    assertThat(broken.resolveSibling(broken.getFileName() + ".corrupted")).isDirectory();
    String metrics = second.get("/metrics").body();
    assertThat(metrics).contains("vigil_tsdb_blocks_quarantined 1\n");
    // At most the others: a kill between a compaction's publish and its parents' deletion
    // leaves parents that this start deletes as subsumed.
    assertThat(blocksLoaded(metrics)).isBetween(1, blocks.size() - 1);
    assertThat(second.get("/api/v1/query?query=count(synth_requests_total)").body())
        .contains("\"value\":[").contains(",\"" + SynthExporter.SERIES / 2 + "\"]");
  }

  /** Polls /metrics until the server has written at least {@code n} blocks. */
  private static void awaitBlocks(ServerProcess s, int n) throws Exception {
    Instant end = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(end)) {
      if (blocksLoaded(s.get("/metrics").body()) >= n) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("fewer than " + n + " blocks in time; stderr:\n" + s.stderr());
  }

  private static int blocksLoaded(String metrics) {
    Matcher m = BLOCKS_LOADED.matcher(metrics);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
