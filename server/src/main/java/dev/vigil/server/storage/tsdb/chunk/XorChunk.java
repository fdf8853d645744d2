package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;
import java.util.Arrays;

/**
 * A chunk in the {@link ChunkEncoding#XOR} encoding: a 2-byte big-endian sample count followed by
 * the bit stream described in docs/format/chunks.md.
 *
 * <p>Instances come from {@link #wrap} (stored bytes), {@link XorAppender#seal()} (exact bytes) or
 * {@link XorAppender#snapshot()} (a prefix of a live buffer). In the last case the buffer may be
 * longer than the chunk and its header is not filled in, so the count is kept here and written
 * into the header of every copy {@link #bytes()} hands out.
 */
public final class XorChunk implements Chunk {

  /** Bytes before the bit stream: the sample count. */
  static final int HEADER_BYTES = 2;

  /** The most samples the 2-byte count can describe. */
  public static final int MAX_SAMPLES = 0xffff;

  private final byte[] data;
  private final int length;
  private final int numSamples;

  XorChunk(byte[] data, int length, int numSamples) {
    this.data = data;
    this.length = length;
    this.numSamples = numSamples;
  }

  /**
   * A chunk over stored bytes, which are not copied and must not change afterwards.
   *
   * @throws ChunkFormatException when the bytes are too short for the header
   */
  public static XorChunk wrap(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      throw new ChunkFormatException(
          "XOR chunk needs a " + HEADER_BYTES + "-byte header, got " + bytes.length + " bytes", 0);
    }
    int count = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
    return new XorChunk(bytes, bytes.length, count);
  }

  @Override
  public ChunkEncoding encoding() {
    return ChunkEncoding.XOR;
  }

  @Override
  public int numSamples() {
    return numSamples;
  }

  /** Size of the encoded form in bytes, header included. */
  @Override
  public int byteLength() {
    return length;
  }

  @Override
  public byte[] bytes() {
    byte[] out = Arrays.copyOf(data, length);
    out[0] = (byte) (numSamples >>> 8);
    out[1] = (byte) numSamples;
    return out;
  }

  @Override
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(data, 0, dst, offset, length);
    dst[offset] = (byte) (numSamples >>> 8);
    dst[offset + 1] = (byte) numSamples;
  }

  /** {@inheritDoc} Decoding errors surface as {@link ChunkFormatException}. */
  @Override
  public SampleIterator iterator() {
    return new XorIterator(data, length, numSamples);
  }
}
