package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.ChunkEncoding;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Reads chunk records by ref from a block's memory-mapped segment files, checking each record's
 * CRC on every read so damage surfaces as an error naming the segment and offset, never as wrong
 * samples. Thread-safe: mapped buffers are only read through absolute positions.
 */
final class ChunkReader {

  private final Path dir;
  private final List<MappedByteBuffer> segments = new ArrayList<>();

  ChunkReader(Path blockDir) throws IOException {
    this.dir = blockDir.resolve(ChunkFiles.DIR);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      if (!f.getFileName().toString().equals(ChunkFiles.segmentName(i + 1))) {
        throw new BlockFormatException(
            dir + ": expected segment " + ChunkFiles.segmentName(i + 1) + ", found " + f);
      }
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        if (m.limit() < ChunkFiles.HEADER_BYTES
            || m.getInt(0) != ChunkFiles.MAGIC
            || m.get(4) != ChunkFiles.VERSION) {
          throw new BlockFormatException(f + ": not a version-1 chunk segment (bad header)");
        }
        segments.add(m);
      }
    }
  }

  /** The chunk at {@code ref}, its CRC verified. */
  Chunk read(long ref) {
    int seg = ChunkFiles.segment(ref);
    int off = ChunkFiles.offset(ref);
    if (seg < 1 || seg > segments.size()) {
      throw new BlockFormatException(where(seg, off) + ": no such segment");
    }
    MappedByteBuffer m = segments.get(seg - 1);
    if (off < ChunkFiles.HEADER_BYTES || off >= m.limit()) {
      throw new BlockFormatException(where(seg, off) + ": offset outside the segment");
    }
    // The place is named only on failure: this runs once per chunk read.
    Decbuf d = new Decbuf(m.duplicate().position(off), () -> where(seg, off));
    int len = d.getCount();
    int enc = d.getByte();
    byte[] data = d.getBytes(len);
    long stored = d.getU32();
    CRC32C crc = new CRC32C();
    crc.update(enc);
    crc.update(data, 0, data.length);
    if (crc.getValue() != stored) {
      throw new BlockFormatException(where(seg, off) + ": chunk CRC mismatch");
    }
    try {
      return ChunkEncoding.fromWireByte((byte) enc).decode(data);
    } catch (IllegalArgumentException e) {
      throw new BlockFormatException(where(seg, off) + ": " + e.getMessage(), e);
    }
  }

  private String where(int seg, int off) {
    return dir.resolve(ChunkFiles.segmentName(seg)) + " at offset " + off;
  }
}
