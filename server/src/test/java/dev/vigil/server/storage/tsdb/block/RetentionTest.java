package dev.vigil.server.storage.tsdb.block;

import static dev.vigil.server.storage.tsdb.block.BlockTestData.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.Appender;
import dev.vigil.server.storage.tsdb.head.Head;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

  private static final long H2 = 2 * HOUR;

  @TempDir Path dir;
  private final List<Block> blocks = new ArrayList<>();

  /** Four 2 h blocks covering [0, 8 h). */
  @BeforeEach
  void writeBlocks() {
    Head head = new Head();
    Appender app = head.appender();
    for (long t = 0; t < 4 * H2; t += 60_000) {
      app.append(Labels.of("__name__", "up"), t, 1);
    }
    app.commit();
    for (int i = 0; i < 4; i++) {
      BlockMeta m = new BlockWriter().write(dir, head.querier(0, Long.MAX_VALUE), i * H2, (i + 1) * H2);
      blocks.add(Block.open(dir.resolve(m.id())));
    }
  }

  @Test
  void deletesBlocksWhollyOlderThanTheRetentionTime() throws IOException {
    // Reference 8 h, retention 5 h: the cutoff is 3 h, and only [0, 2 h) ends at or before it.
    List<Block> gone = new Retention(5 * HOUR, 0).apply(blocks, 4 * H2);

    assertThat(gone).containsExactly(blocks.get(0));
    assertThat(remaining()).containsExactlyInAnyOrder(ids(blocks.subList(1, 4)));
  }

  @Test
  void keepsABlockThatStillHoldsSamplesInsideTheRetention() {
    assertThat(new Retention(6 * HOUR + 1, 0).expired(blocks, 4 * H2)).isEmpty();
  }

  @Test
  void deletesOldestBlocksBeyondTheSizeLimit() throws IOException {
    long each = BlockFiles.sizeOf(blocks.get(0).dir());

    List<Block> gone = new Retention(0, 2 * each + each / 2).apply(blocks, 4 * H2);

    assertThat(gone).containsExactly(blocks.get(0), blocks.get(1));
    assertThat(remaining()).containsExactlyInAnyOrder(ids(blocks.subList(2, 4)));
  }

  @Test
  void cleansUpInterruptedWritesAndDeletions() throws IOException {
    Files.createDirectories(dir.resolve("01JUNK.tmp/chunks"));
    Files.createDirectories(dir.resolve(blocks.get(0).meta().id() + ".deleted"));

    BlockFiles.cleanLeftovers(dir);

    assertThat(remaining()).containsExactlyInAnyOrder(ids(blocks));
  }

  private List<String> remaining() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String[] ids(List<Block> bs) {
    return bs.stream().map(b -> b.meta().id()).toArray(String[]::new);
  }
}
