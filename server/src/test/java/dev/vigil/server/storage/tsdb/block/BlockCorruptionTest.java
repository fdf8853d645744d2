package dev.vigil.server.storage.tsdb.block;

import static dev.vigil.server.storage.tsdb.block.BlockTestData.HOUR;
import static dev.vigil.server.testing.FileDamage.flipByte;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.tsdb.head.Head;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged block files are refused with an error naming the file and the section or offset. */
class BlockCorruptionTest {

  @TempDir Path dir;
  private Path blockDir;

  @BeforeEach
  void writeBlock() {
    Head head = new Head();
    BlockTestData.fill(head, new Random(11), 40, 0, HOUR);
    BlockMeta meta = new BlockWriter().write(dir, head.querier(0, HOUR), 0, HOUR);
    blockDir = dir.resolve(meta.id());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void namesTheIndexSectionWhoseCrcDoesNotMatch(int section) throws IOException {
    Path index = blockDir.resolve("index");
    long start = sectionOffset(index, section);
    flipByte(index, start + 4 + 1); // inside the body, past the length field

    assertThatThrownBy(() -> Block.open(blockDir))
        .isInstanceOf(BlockFormatException.class)
        .hasMessageContaining(index.toString())
        .hasMessageContaining("CRC mismatch in section " + IndexFiles.SECTIONS.get(section));
  }

  @Test
  void detectsADamagedToc() throws IOException {
    Path index = blockDir.resolve("index");
    flipByte(index, Files.size(index) - 10);

    assertThatThrownBy(() -> Block.open(blockDir))
        .isInstanceOf(BlockFormatException.class)
        .hasMessageContaining("CRC mismatch in the TOC");
  }

  @Test
  void refusesATruncatedIndex() throws IOException {
    Path index = blockDir.resolve("index");
    try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
      f.setLength(20);
    }

    assertThatThrownBy(() -> Block.open(blockDir))
        .isInstanceOf(BlockFormatException.class)
        .hasMessageContaining("bad header");
  }

  @Test
  void namesTheChunkSegmentAndOffsetOfADamagedChunk() throws IOException {
    Block block = Block.open(blockDir);
    flipByte(blockDir.resolve("chunks/000001"), ChunkFiles.HEADER_BYTES + 20);

    try (Querier q = block.querier(0, HOUR)) {
      assertThatThrownBy(() -> BlockTestData.dumpAll(q))
          .isInstanceOf(BlockFormatException.class)
          .hasMessageContaining("000001 at offset " + ChunkFiles.HEADER_BYTES)
          .hasMessageContaining("chunk CRC mismatch");
    }
  }

  @Test
  void verifyNamesTheDamagedChunkThatOpeningDoesNotRead() throws IOException {
    Block block = Block.open(blockDir);
    block.verify(); // an intact block reads through
    flipByte(blockDir.resolve("chunks/000001"), ChunkFiles.HEADER_BYTES + 20);

    assertThat(Block.open(blockDir).meta()).isEqualTo(block.meta()); // the index is intact
    assertThatThrownBy(block::verify)
        .isInstanceOf(BlockFormatException.class)
        .hasMessageContaining("000001 at offset " + ChunkFiles.HEADER_BYTES)
        .hasMessageContaining("chunk CRC mismatch");
  }

  @Test
  void aCompactionFailedMarkIsWrittenToMetaJsonAndReadBack() throws IOException {
    Block block = Block.open(blockDir);
    BlockMeta before = block.meta();

    block.markCompactionFailed();

    assertThat(block.meta().compactionFailed()).isTrue();
    BlockMeta reread = Block.open(blockDir).meta();
    assertThat(reread).isEqualTo(block.meta());
    assertThat(reread).usingRecursiveComparison().ignoringFields("compactionFailed")
        .isEqualTo(before);
    assertThat(blockDir.resolve("meta.json.tmp")).doesNotExist();
  }

  @Test
  void refusesACompactionFailedFlagThatIsNotABoolean() throws IOException {
    Path meta = blockDir.resolve("meta.json");
    Files.writeString(meta, Files.readString(meta).replace("\"level\"", "\"failed\" : 1,\n\"level\""));

    assertThatThrownBy(() -> Block.open(blockDir))
        .isInstanceOf(BlockFormatException.class)
        .hasMessageContaining("meta.json:")
        .hasMessageContaining("VALUE_TRUE");
  }

  @Test
  void namesTheLineOfMalformedMetaJson() throws IOException {
    Files.writeString(blockDir.resolve("meta.json"), "{\n  \"id\": \"x\",\n  \"minTime\": oops\n}");

    assertThatThrownBy(() -> Block.open(blockDir))
        .isInstanceOf(BlockFormatException.class)
        .hasMessageContaining("meta.json:3");
  }

  private static long sectionOffset(Path index, int section) throws IOException {
    byte[] all = Files.readAllBytes(index);
    return ByteBuffer.wrap(all).getLong(all.length - IndexFiles.TOC_BYTES + 8 * section);
  }
}
