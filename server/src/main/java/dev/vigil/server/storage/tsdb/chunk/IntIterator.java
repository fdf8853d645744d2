package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;
import java.util.NoSuchElementException;

/** Decodes an {@link IntChunk}, one sample per {@link #next()}. */
final class IntIterator implements SampleIterator {

  private final BitReader in;
  private final int numSamples;
  private final int order;
  private int read;
  private long t;
  private long delta;
  private long v;
  private long vDelta;

  IntIterator(byte[] data, int numSamples, int order) {
    this.in = new BitReader(data, IntChunk.HEADER_BYTES, data.length);
    this.numSamples = numSamples;
    this.order = order;
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
      delta = read == 1 ? in.readUvarint() : delta + DodBucket.read(in);
      t += delta;
      long coded = ValueBucket.read(in);
      vDelta = order == 1 ? coded : vDelta + coded;
      v += vDelta;
    }
    read++;
    return true;
  }

  @Override
  public boolean seek(long target) {
    if (read > numSamples) {
      return false;
    }
    if (read > 0 && t >= target) {
      return true;
    }
    while (next()) {
      if (t >= target) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long timestamp() {
    requireCurrent();
    return t;
  }

  @Override
  public double value() {
    requireCurrent();
    return v;
  }

  private void requireCurrent() {
    if (read == 0 || read > numSamples) {
      throw new NoSuchElementException("iterator is not on a sample");
    }
  }
}
