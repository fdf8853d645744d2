package dev.vigil.server.storage.tsdb.chunk;

/** Decodes an {@link IntChunk}, one sample per {@link #next()}. */
final class IntIterator extends AbstractChunkIterator {

  private final BitReader in;
  private final int order;
  private final ValueBucket table;
  private long delta;
  private long v;
  private long vDelta;

  /** Sample index and dod of each non-zero dod, when the chunk lists them up front; else null. */
  private int[] exceptionAt;
  private long[] exceptionDod;
  private int nextException;

  IntIterator(byte[] data, int numSamples, int order, boolean exceptions, ValueBucket table) {
    super(numSamples);
    this.in = new BitReader(data, IntChunk.HEADER_BYTES, data.length);
    this.table = table;
    this.order = order;
    if (exceptions) {
      this.exceptionAt = new int[0];
    }
  }

  /** Reads the exception list, which sits between the first delta and the values. */
  private void readExceptions() {
    long start = in.position();
    long count = in.readUvarint();
    if (count < 0 || count > Math.max(0, numSamples - 2)) {
      throw new ChunkFormatException(
          count + " timestamp exceptions in a chunk of " + numSamples + " samples", start);
    }
    exceptionAt = new int[(int) count];
    exceptionDod = new long[(int) count];
    long at = 1;
    for (int k = 0; k < count; k++) {
      long gapStart = in.position();
      at += in.readUvarint();
      if (at < 2 || at >= numSamples) {
        throw new ChunkFormatException(
            "timestamp exception at sample " + at + " outside 2.." + (numSamples - 1), gapStart);
      }
      exceptionAt[k] = (int) at;
      exceptionDod[k] = in.readVarint();
    }
  }

  private long nextDod() {
    if (exceptionAt == null) {
      return DodBucket.read(in);
    }
    if (nextException < exceptionAt.length && exceptionAt[nextException] == read) {
      return exceptionDod[nextException++];
    }
    return 0;
  }

  @Override
  public boolean next() {
    if (read >= numSamples) {
      read = numSamples + 1;
      return false;
    }
    if (read == 0) {
      t = in.readVarint();
      v = in.readVarint();
    } else {
      if (read == 1) {
        delta = in.readUvarint();
        if (exceptionAt != null) {
          readExceptions();
        }
      } else {
        delta += nextDod();
      }
      t += delta;
      long coded = table.read(in);
      vDelta = order == 1 ? coded : vDelta + coded;
      v += vDelta;
    }
    read++;
    return true;
  }

  @Override
  public double value() {
    requireCurrent();
    return v;
  }
}
