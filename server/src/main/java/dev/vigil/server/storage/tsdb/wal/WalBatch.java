package dev.vigil.server.storage.tsdb.wal;

import dev.vigil.server.storage.tsdb.wal.record.ByteSink;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Records framed in place ({@link Frame}'s layout), ready for one {@link
 * WalWriter#commit(WalBatch)}: a caller encodes each payload straight after the space reserved for
 * its frame header, and the batch fills the header in when the record ends. Reusable ({@link #clear}), so a committer that keeps one encodes and
 * writes its commits without allocating. Not thread-safe.
 */
public final class WalBatch {

  private final ByteSink frames;
  private final CRC32C crc = new CRC32C();
  /** End offset of each finished frame. */
  private int[] ends = new int[4];
  private int count;
  private int recordStart = -1;

  /** An empty batch with room for {@code initialCapacity} bytes before it grows. */
  public WalBatch(int initialCapacity) {
    frames = new ByteSink(initialCapacity);
  }

  /**
   * Starts a record: reserves its frame header and returns the buffer to encode the payload into
   * (append only). End it with {@link #endRecord}.
   */
  public ByteSink beginRecord() {
    if (recordStart >= 0) {
      throw new IllegalStateException("the previous record was not ended");
    }
    recordStart = frames.skip(Frame.HEADER_BYTES);
    return frames;
  }

  /**
   * Ends the record begun last: fills in its length and checksum.
   *
   * @throws IllegalArgumentException when the payload is empty or larger than the WAL allows; the
   *     record is dropped from the batch
   */
  public void endRecord() {
    if (recordStart < 0) {
      throw new IllegalStateException("no record begun");
    }
    int start = recordStart;
    recordStart = -1;
    int payload = frames.length() - start - Frame.HEADER_BYTES;
    if (payload == 0 || payload > Frame.MAX_PAYLOAD_BYTES) {
      frames.truncate(start);
      throw new IllegalArgumentException("WAL record " + count + " has " + payload
          + " bytes; records must have 1 to " + Frame.MAX_PAYLOAD_BYTES + " bytes");
    }
    byte[] buf = frames.array();
    frames.putInt(start, payload);
    crc.reset();
    crc.update(buf, start, 4);
    crc.update(buf, start + Frame.HEADER_BYTES, payload);
    frames.putInt(start + 4, (int) crc.getValue());
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, count * 2);
    }
    ends[count++] = frames.length();
  }

  /** Empties the batch for reuse. */
  public void clear() {
    frames.truncate(0);
    count = 0;
    recordStart = -1;
  }

  /** Number of finished records. */
  public int records() {
    return count;
  }

  /** Bytes of all finished frames. */
  public int bytes() {
    return count == 0 ? 0 : ends[count - 1];
  }

  /** Bytes the batch holds room for; a keeper may drop a batch that one huge commit grew. */
  public int capacity() {
    return frames.capacity();
  }

  byte[] array() {
    return frames.array();
  }

  /** End offset of the i-th frame. */
  int end(int i) {
    return ends[i];
  }

  boolean open() {
    return recordStart >= 0;
  }
}
