package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.storage.tsdb.chunk.Chunk;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends chunk records to numbered segment files under {@code chunks/}, cutting a new segment
 * before one would pass {@link ChunkFiles#MAX_SEGMENT_BYTES}, and hands back each chunk's ref.
 */
final class ChunkWriter implements AutoCloseable {

  private final Path dir;
  private final Encbuf rec = new Encbuf(256);
  private final CRC32C crc = new CRC32C();
  private OutputStream out;
  private Path current;
  private int segment;
  private long offset;

  ChunkWriter(Path blockDir) throws IOException {
    this.dir = blockDir.resolve(ChunkFiles.DIR);
    Files.createDirectories(dir);
  }

  /** Writes one chunk record and returns its ref. */
  long write(Chunk chunk) throws IOException {
    byte[] data = chunk.bytes();
    rec.reset();
    rec.putUvarint(data.length);
    int crcFrom = rec.length();
    rec.putByte(chunk.encoding().wireByte());
    rec.putBytes(data, 0, data.length);
    crc.reset();
    crc.update(rec.array(), crcFrom, rec.length() - crcFrom);
    rec.putU32(crc.getValue());
    if (out == null || offset + rec.length() > ChunkFiles.MAX_SEGMENT_BYTES) {
      cut();
    }
    long ref = ChunkFiles.ref(segment, offset);
    out.write(rec.array(), 0, rec.length());
    offset += rec.length();
    return ref;
  }

  private void cut() throws IOException {
    finishSegment();
    segment++;
    current = dir.resolve(ChunkFiles.segmentName(segment));
    out = new BufferedOutputStream(Files.newOutputStream(current), 1 << 16);
    Encbuf h = new Encbuf(ChunkFiles.HEADER_BYTES);
    h.putU32(ChunkFiles.MAGIC);
    h.putByte(ChunkFiles.VERSION);
    h.putByte(0);
    h.putByte(0);
    h.putByte(0);
    out.write(h.array(), 0, h.length());
    offset = ChunkFiles.HEADER_BYTES;
  }

  private void finishSegment() throws IOException {
    if (out != null) {
      out.close();
      BlockFiles.syncFile(current);
      out = null;
    }
  }

  /** Closes and fsyncs the last segment. */
  @Override
  public void close() throws IOException {
    finishSegment();
    BlockFiles.syncDirectory(dir);
  }
}
