package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;
import java.util.NoSuchElementException;

/** Decodes an {@link XorChunk}, one sample per {@link #next()}. */
final class XorIterator implements SampleIterator {

  private final BitReader in;
  private final int numSamples;
  private int read;
  private long t;
  private long delta;
  private long bits;
  private int leading = -1;
  private int trailing;

  XorIterator(byte[] data, int length, int numSamples) {
    this.in = new BitReader(data, XorChunk.HEADER_BYTES, length);
    this.numSamples = numSamples;
  }

  @Override
  public boolean next() {
    if (read >= numSamples) {
      read = numSamples + 1;
      return false;
    }
    switch (read) {
      case 0 -> {
        t = in.readVarint();
        bits = in.readBits(64);
      }
      case 1 -> {
        delta = in.readUvarint();
        t += delta;
        readValue();
      }
      default -> {
        delta += DodBucket.read(in);
        t += delta;
        readValue();
      }
    }
    read++;
    return true;
  }

  private void readValue() {
    if (!in.readBit()) {
      return;
    }
    if (!in.readBit()) {
      if (leading < 0) {
        throw new ChunkFormatException("value reuses a window before any was set", in.position());
      }
      bits ^= in.readBits(64 - leading - trailing) << trailing;
      return;
    }
    int lead = (int) in.readBits(5);
    int sig = (int) in.readBits(6);
    if (sig == 0) {
      sig = 64;
    }
    if (lead + sig > 64) {
      throw new ChunkFormatException(
          "value window of " + lead + " leading + " + sig + " significant bits exceeds 64",
          in.position());
    }
    leading = lead;
    trailing = 64 - lead - sig;
    bits ^= in.readBits(sig) << trailing;
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
    return Double.longBitsToDouble(bits);
  }

  private void requireCurrent() {
    if (read == 0 || read > numSamples) {
      throw new NoSuchElementException("iterator is not on a sample");
    }
  }
}
