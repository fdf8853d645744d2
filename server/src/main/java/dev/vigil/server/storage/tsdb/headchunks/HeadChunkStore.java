package dev.vigil.server.storage.tsdb.headchunks;

import dev.vigil.server.storage.tsdb.chunk.Chunk;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Keeps the head's sealed chunks in append-only segment files under {@code chunks_head/} and reads
 * them back through read-only mappings, so that they are page cache rather than Java heap.
 *
 * <p>The files are a cache of what the WAL holds: {@link #open} empties the directory, nothing is
 * fsynced, and a failed write leaves the chunk with the caller. Thread-safe. Format and rules:
 * docs/format/head-chunks.md.
 */
public final class HeadChunkStore implements Closeable {

  private static final System.Logger logger = System.getLogger(HeadChunkStore.class.getName());

  /** The directory's name inside the data directory. */
  public static final String DIR_NAME = "chunks_head";

  /** What {@link #write} returns when the chunk could not be written and stays with the caller. */
  public static final long NO_ADDRESS = -1;

  /** Segment size cap; see "Segment size and deletion" in the format doc for why not 128 MiB. */
  public static final int DEFAULT_SEGMENT_SIZE = 32 << 20;

  static final int MAGIC = 0x56484348; // "VHCH"
  static final byte VERSION = 1;
  static final int SEGMENT_HEADER_BYTES = 8;
  /** Series ref, min time, max time, encoding byte, length. */
  static final int RECORD_HEADER_BYTES = 8 + 8 + 8 + 1 + 4;
  static final int CRC_BYTES = 4;

  /** Opens a segment file for writing; a seam for tests that simulate a full disk. */
  @FunctionalInterface
  interface FileOpener {
    RandomAccessFile open(Path path) throws IOException;
  }

  private final Path dir;
  private final int segmentSize;
  private final FileOpener opener;
  private final Object lock = new Object();
  private final CRC32C writeCrc = new CRC32C();
  private byte[] buf = new byte[1024];
  private ByteBuffer framer = ByteBuffer.wrap(buf);
  private ChunkSegment current;
  private int nextIndex = 1;
  private boolean closed;
  /** Segments that may still be read, by index; replaced whole under the lock. */
  private volatile SegmentTable table = SegmentTable.EMPTY;

  private final LongAdder writeFailures = new LongAdder();
  private final LongAdder corruptions = new LongAdder();

  HeadChunkStore(Path dir, int segmentSize, FileOpener opener) {
    this.dir = dir;
    this.segmentSize = segmentSize;
    this.opener = opener;
  }

  /**
   * Creates {@code dir} if needed and deletes everything in it (the WAL replay that follows
   * rebuilds it), for segments of at most {@code segmentSize} bytes.
   *
   * @throws IOException when the directory cannot be created or emptied
   * @throws IllegalArgumentException when {@code segmentSize} is below 64 KiB or above 1 GiB
   */
  public static HeadChunkStore open(Path dir, int segmentSize) throws IOException {
    return open(dir, segmentSize, p -> new RandomAccessFile(p.toFile(), "rw"));
  }

  static HeadChunkStore open(Path dir, int segmentSize, FileOpener opener) throws IOException {
    if (segmentSize < (64 << 10) || segmentSize > (1 << 30)) {
      throw new IllegalArgumentException(
          "head chunks segment size must be in 64 KiB..1 GiB, got " + segmentSize);
    }
    Files.createDirectories(dir);
    try (Stream<Path> entries = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) entries.sorted(Comparator.reverseOrder())::iterator) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
    return new HeadChunkStore(dir, segmentSize, opener);
  }

  /**
   * Appends a sealed chunk of series {@code seriesRef} spanning {@code [minTime, maxTime]}.
   *
   * @return its address, or {@link #NO_ADDRESS} when it could not be written (counted and
   *     logged); the caller then keeps the chunk itself
   */
  public long write(long seriesRef, long minTime, long maxTime, Chunk chunk) {
    // Framed straight from the chunk into the record buffer: at a cut every series seals a chunk
    // within a second or two, and a copy per chunk was a tenth of the head's allocation.
    int dataLength = chunk.byteLength();
    int len = RECORD_HEADER_BYTES + dataLength + CRC_BYTES;
    synchronized (lock) {
      if (closed) {
        return failed(new IOException("head chunks store is closed"));
      }
      try {
        ChunkSegment seg = segmentFor(len);
        byte[] rec = record(seriesRef, minTime, maxTime, chunk, dataLength, len);
        long offset = seg.append(rec, len, maxTime);
        return ((long) seg.index << 32) | offset;
      } catch (IOException e) {
        return failed(e);
      }
    }
  }

  private byte[] record(long ref, long minTime, long maxTime, Chunk chunk, int dataLength, int len) {
    if (buf.length < len) {
      buf = new byte[Math.max(len, 2 * buf.length)];
      framer = ByteBuffer.wrap(buf);
    }
    ByteBuffer b = framer.clear();
    b.putLong(ref).putLong(minTime).putLong(maxTime).put(chunk.encoding().wireByte())
        .putInt(dataLength);
    chunk.copyTo(buf, b.position());
    b.position(b.position() + dataLength);
    writeCrc.reset();
    writeCrc.update(buf, 0, b.position());
    b.putInt((int) writeCrc.getValue());
    return buf;
  }

  /** The segment to append {@code len} bytes to, starting a new one when the current is full. */
  private ChunkSegment segmentFor(int len) throws IOException {
    if (current != null
        && (current.written() + len <= segmentSize
            || current.written() == SEGMENT_HEADER_BYTES)) {
      return current; // a record larger than a whole segment gets one of its own
    }
    int index = nextIndex++;
    Path path = dir.resolve(String.format("%08d", index));
    RandomAccessFile file = opener.open(path);
    ChunkSegment next;
    try {
      next = new ChunkSegment(index, path, file, segmentHeader());
    } catch (IOException e) {
      file.close();
      Files.deleteIfExists(path);
      throw e;
    }
    if (current != null) {
      try {
        current.finish();
      } catch (IOException e) {
        // Only its length on disk stays larger than its records; readers never look past them.
        logger.log(Level.WARNING, "cutting " + current.path + " to its last record failed", e);
      }
    }
    current = next;
    table = table.with(next);
    return next;
  }

  private static byte[] segmentHeader() {
    return ByteBuffer.allocate(SEGMENT_HEADER_BYTES).putInt(MAGIC).put(VERSION).array();
  }

  private long failed(IOException e) {
    writeFailures.increment();
    long n = writeFailures.sum();
    if (n == 1 || n % 1000 == 0) {
      logger.log(Level.WARNING, "writing a head chunk to " + dir + " failed (" + n
          + " failures so far); the chunk stays on the Java heap, the WAL holds its samples", e);
    }
    return NO_ADDRESS;
  }

  /**
   * The chunk at {@code address} of series {@code seriesRef}, read lazily: its bytes are checked
   * and copied out of the mapping each time it is iterated. The result keeps its segment readable
   * even if a truncation deletes the file afterwards.
   *
   * @throws IllegalStateException when no segment with that index is left (the chunk was
   *     truncated away: a caller bug)
   */
  public Chunk chunk(long seriesRef, long address) {
    ChunkSegment seg = table.get((int) (address >>> 32));
    if (seg == null) {
      throw new IllegalStateException(
          "head chunk address " + Long.toHexString(address) + " of series ref " + seriesRef
              + " names no segment in " + dir);
    }
    return new StoredChunk(this, seg, (int) address, seriesRef);
  }

  /**
   * Deletes every segment but the current one whose chunks all end before {@code t}; the head
   * calls it after dropping those chunks. Snapshots taken earlier go on reading them.
   *
   * @return how many segments were deleted
   */
  public int truncateBefore(long t) {
    synchronized (lock) {
      SegmentTable kept = table;
      int deleted = 0;
      for (ChunkSegment seg : table.all()) {
        if (seg != current && seg.maxTime() < t) {
          kept = kept.without(seg.index);
          deleted++;
          try {
            seg.close();
            Files.deleteIfExists(seg.path);
          } catch (IOException e) {
            logger.log(Level.WARNING, "deleting head chunks segment " + seg.path + " failed", e);
          }
        }
      }
      table = kept;
      return deleted;
    }
  }

  /** Bytes of records in the live segment files, headers included. */
  public long fileBytes() {
    long sum = 0;
    for (ChunkSegment seg : table.all()) {
      sum += seg.written();
    }
    return sum;
  }

  /** Live segment files. */
  public int segments() {
    return table.all().size();
  }

  /** Chunks that could not be written and stayed on the heap. */
  public long writeFailures() {
    return writeFailures.sum();
  }

  /** Chunk reads that found a damaged record. */
  public long corruptions() {
    return corruptions.sum();
  }

  void onCorruption() {
    corruptions.increment();
  }

  Path dir() {
    return dir;
  }

  /** Closes the files; later writes fail (chunks stay with their callers), reads go on. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      for (ChunkSegment seg : table.all()) {
        try {
          seg.close();
        } catch (IOException e) {
          logger.log(Level.WARNING, "closing head chunks segment " + seg.path + " failed", e);
        }
      }
    }
  }
}
