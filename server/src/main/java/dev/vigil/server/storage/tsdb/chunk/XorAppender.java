package dev.vigil.server.storage.tsdb.chunk;

/**
 * Writes one {@link XorChunk}: delta-of-delta timestamps ({@link DodBucket}) and Gorilla XOR
 * values. Not thread-safe; readers use {@link #snapshot()} under the owner's lock. It is its own
 * {@link BitWriter} (see there why); {@link #byteLength()} is the encoded size so far, header
 * included, and callers other than this class must not write bits to it.
 *
 * <p>Timestamps must strictly increase. The caller cuts chunks; this class only refuses to go past
 * {@link XorChunk#MAX_SAMPLES}.
 */
public final class XorAppender extends BitWriter {

  /** Marks "no leading/trailing window yet", so the first non-zero XOR always writes one. */
  private static final int NO_WINDOW = -1;

  private long firstT;
  private long lastT;
  private long lastDelta;
  private long lastBits;
  private int leading = NO_WINDOW;
  private int trailing;

  /** An appender for a new, empty chunk with a small initial buffer. */
  public XorAppender() {
    this(32);
  }

  /** An appender whose buffer starts at {@code initialBytes} and doubles when full. */
  public XorAppender(int initialBytes) {
    this(initialBytes, 0);
  }

  /**
   * An appender whose buffer starts at {@code initialBytes} and, when full, grows to what the
   * bytes per sample so far project for {@code expectedSamples} samples (0: doubles).
   */
  public XorAppender(int initialBytes, int expectedSamples) {
    super(Math.max(XorChunk.HEADER_BYTES + 1, initialBytes), expectedSamples);
    writeBits(0, XorChunk.HEADER_BYTES * 8);
  }

  /**
   * Appends a sample.
   *
   * @throws IllegalArgumentException when {@code t} is not after the last timestamp
   * @throws IllegalStateException when the chunk already holds {@link XorChunk#MAX_SAMPLES}
   */
  public void append(long t, double v) {
    long bits = Double.doubleToRawLongBits(v);
    switch (samples) {
      case 0 -> {
        writeVarint(t);
        writeBits(bits, 64);
        firstT = t;
      }
      case 1 -> {
        requireAfter(t);
        lastDelta = t - lastT;
        writeUvarint(lastDelta);
        writeValue(bits);
      }
      default -> {
        requireAfter(t);
        if (samples >= XorChunk.MAX_SAMPLES) {
          throw new IllegalStateException("XOR chunk full at " + samples + " samples");
        }
        long delta = t - lastT;
        // Wrapping arithmetic is deliberate: the decoder adds it back with the same wrap, so even
        // deltas beyond Long.MAX_VALUE round-trip through the 64-bit bucket.
        DodBucket.forDod(delta - lastDelta).write(this, delta - lastDelta);
        lastDelta = delta;
        writeValue(bits);
      }
    }
    lastT = t;
    lastBits = bits;
    samples++;
  }

  private void requireAfter(long t) {
    if (t <= lastT) {
      throw new IllegalArgumentException(
          "timestamp " + t + " is not after the chunk's last timestamp " + lastT);
    }
  }

  private void writeValue(long bits) {
    long xor = bits ^ lastBits;
    if (xor == 0) {
      writeBit(false);
      return;
    }
    // 5 bits hold the leading-zero count, so cap it at 31; the extra zeros become payload.
    int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
    int trail = Long.numberOfTrailingZeros(xor);
    int sig = 64 - lead - trail;
    // Control bits and payload go out in as few writeBits calls as fit in 64 bits: this runs for
    // every sample, and each call is a bounds check and a word write (inlined by the JIT, so
    // fewer calls is also a smaller compile of the append path). The bits are the same.
    // Like Gorilla and Prometheus, reuse any window the new bits fit in. Re-tightening a wide
    // window when that is cheaper for the current sample measured within 1% either way on
    // scrape-like data (docs/format/chunks.md), so it is not worth a rule.
    if (leading != NO_WINDOW && lead >= leading && trail >= trailing) {
      int n = 64 - leading - trailing;
      long payload = xor >>> trailing; // below 2^n: xor has at least `leading` leading zeros
      if (n <= 62) {
        writeBits(0b10L << n | payload, n + 2);
      } else {
        writeBits(0b10, 2);
        writeBits(payload, n);
      }
      return;
    }
    // '11', then the leading-zero count in 5 bits and the significant-bit count in 6; 64
    // significant bits are written as 0: six bits cannot hold 64 and 0 cannot occur.
    long header = 0b11L << 11 | (long) lead << 6 | (sig & 63);
    long payload = xor >>> trail; // below 2^sig
    if (sig <= 51) {
      writeBits(header << sig | payload, 13 + sig);
    } else {
      writeBits(header, 13);
      writeBits(payload, sig);
    }
    leading = lead;
    trailing = trail;
  }

  /** Number of samples appended so far. */
  public int numSamples() {
    return samples;
  }

  /** Timestamp of the first sample; undefined while empty. */
  public long firstTimestamp() {
    return firstT;
  }

  /** Timestamp of the last sample; undefined while empty. */
  public long lastTimestamp() {
    return lastT;
  }

  /** Raw bits of the last value; undefined while empty. */
  public long lastValueBits() {
    return lastBits;
  }

  /**
   * A chunk of the samples appended so far that shares this appender's buffer. It stays valid while
   * appending goes on (see {@link BitWriter}), which makes it cheap enough to take per query.
   */
  public XorChunk snapshot() {
    return new XorChunk(buffer(), byteLength(), samples);
  }

  /** A chunk of exactly the bytes written, for keeping once this appender is done. */
  public XorChunk seal() {
    // The header is written here rather than on every append: live snapshots carry their count
    // in the object, and XorChunk.bytes() writes it into every copy it hands out.
    byte[] data = toByteArray();
    data[0] = (byte) (samples >>> 8);
    data[1] = (byte) samples;
    return new XorChunk(data, data.length, samples);
  }
}
