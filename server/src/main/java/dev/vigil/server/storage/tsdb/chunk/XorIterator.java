package dev.vigil.server.storage.tsdb.chunk;

/** Decodes an {@link XorChunk}, one sample per {@link #next()}. */
final class XorIterator extends AbstractChunkIterator {

  private final BitReader in;
  private long delta;
  private long bits;
  private int leading = -1;
  private int trailing;

  XorIterator(byte[] data, int length, int numSamples) {
    super(numSamples);
    this.in = new BitReader(data, XorChunk.HEADER_BYTES, length);
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
  public double value() {
    requireCurrent();
    return Double.longBitsToDouble(bits);
  }
}
