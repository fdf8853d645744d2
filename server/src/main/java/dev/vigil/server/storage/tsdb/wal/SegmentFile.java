package dev.vigil.server.storage.tsdb.wal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The segment a {@link WalWriter} is appending to.
 *
 * <p>It uses a {@link FileOutputStream} and {@link java.io.FileDescriptor#sync()} rather than a
 * {@code FileChannel} on purpose: an NIO channel closes itself when a thread using it is
 * interrupted, and scrape threads get interrupted at shutdown; one interrupt must not take the WAL
 * down for every other committer. Not thread-safe; the writer serialises access, except for
 * {@link #sync()}, which may run concurrently with writes.
 */
final class SegmentFile {

  private final int index;
  private final FileOutputStream out;
  private long size;
  private volatile boolean closed;

  private SegmentFile(int index, FileOutputStream out) {
    this.index = index;
    this.out = out;
  }

  /** Creates segment {@code index} in {@code dir}; it must not exist yet. */
  static SegmentFile create(Path dir, int index) throws IOException {
    Path path = dir.resolve(Segment.fileName(index));
    Files.createFile(path);
    return new SegmentFile(index, new FileOutputStream(path.toFile(), true));
  }

  int index() {
    return index;
  }

  long size() {
    return size;
  }

  void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    size += len;
  }

  /** Fsyncs the file's data and metadata. */
  void sync() throws IOException {
    out.getFD().sync();
  }

  /** Whether the segment was closed, which the writer only does after fsyncing it. */
  boolean closed() {
    return closed;
  }

  void close() throws IOException {
    closed = true;
    out.close();
  }
}
