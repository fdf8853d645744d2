package dev.vigil.server.storage.tsdb.headchunks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file of the head chunks store: appends records at its end and maps the file
 * read-only for readers.
 *
 * <p>Writes ({@link #append}, {@link #finish}, {@link #close}) require the store's lock; reads
 * ({@link #mapping}, {@link #written}) need none. See docs/format/head-chunks.md.
 */
final class ChunkSegment {

  /** The file grows, and is remapped, in steps of this many bytes. */
  static final int GROWTH_STEP = 1 << 20;

  final int index;
  final Path path;
  private final RandomAccessFile file;
  private long fileLength;
  /** Bytes of whole records (and the header); readers never look past this. */
  private volatile long written;
  /** The highest max time of a chunk in this segment: it may go once the head is past this. */
  private volatile long maxTime = Long.MIN_VALUE;
  /** Covers at least {@link #written}; replaced, never changed, when the file grows. */
  private volatile MappedByteBuffer mapping;

  ChunkSegment(int index, Path path, RandomAccessFile file, byte[] header) throws IOException {
    this.index = index;
    this.path = path;
    this.file = file;
    file.setLength(0);
    file.seek(0);
    file.write(header);
    this.written = header.length;
    ensureMapped(header.length);
  }

  /**
   * Writes {@code len} bytes of {@code record} at the end and maps them.
   *
   * @return the record's offset
   * @throws IOException when the file could not be written or grown; nothing is published then,
   *     and the next record is written at the same offset
   */
  long append(byte[] record, int len, long chunkMaxTime) throws IOException {
    long offset = written;
    file.seek(offset);
    file.write(record, 0, len);
    ensureMapped(offset + len);
    written = offset + len;
    if (chunkMaxTime > maxTime) {
      maxTime = chunkMaxTime;
    }
    return offset;
  }

  /**
   * Grows the file to hold {@code end} bytes, in whole steps, and maps it anew. A mapping cannot
   * reach past the end of a read-only file, and a sparse file of the full segment size would show
   * in {@code du -b} as if written.
   */
  private void ensureMapped(long end) throws IOException {
    if (mapping != null && end <= mapping.capacity()) {
      return;
    }
    long length = ((end + GROWTH_STEP - 1) / GROWTH_STEP) * GROWTH_STEP;
    if (length > fileLength) {
      file.setLength(length);
      fileLength = length;
    }
    // A channel of its own: mapping is an interruptible operation, and an interrupt would close
    // the channel shared with the writing file. The mapping outlives the channel.
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
    }
  }

  /** Cuts the file back to its last record, once no more are written to it. */
  void finish() throws IOException {
    file.setLength(written);
    fileLength = written;
  }

  /** Closes the file; the mapping stays readable for snapshots holding this segment. */
  void close() throws IOException {
    file.close();
  }

  /** Bytes of whole records in the file, header included. */
  long written() {
    return written;
  }

  long maxTime() {
    return maxTime;
  }

  /** The mapped bytes, at least {@link #written()} of them; read only with absolute gets. */
  ByteBuffer mapping() {
    return mapping;
  }
}
