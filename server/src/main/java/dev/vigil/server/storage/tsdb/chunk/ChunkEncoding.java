package dev.vigil.server.storage.tsdb.chunk;

import java.util.function.Function;

/**
 * The chunk encodings, each with the byte that identifies it on disk and a decoder for its bytes.
 *
 * <p>Wire bytes are explicit and never derived from {@code ordinal()}: adding an encoding adds a
 * row with a new byte, and old files keep decoding.
 */
public enum ChunkEncoding {

  /**
   * Delta-of-delta timestamps and Gorilla XOR values; see docs/format/chunks.md. Not
   * byte-compatible with Prometheus's XOR chunks: the timestamp buckets differ.
   */
  XOR((byte) 1, XorChunk::wrap),

  /**
   * Delta-of-delta timestamps and varbit deltas or deltas-of-deltas of integer values; written
   * only into blocks, for runs of samples whose values are all integers. See
   * docs/format/chunks.md.
   */
  INT((byte) 2, IntChunk::wrap);

  private final byte wireByte;
  private final Function<byte[], Chunk> decoder;

  ChunkEncoding(byte wireByte, Function<byte[], Chunk> decoder) {
    this.wireByte = wireByte;
    this.decoder = decoder;
  }

  /** The byte stored in front of a chunk of this encoding. */
  public byte wireByte() {
    return wireByte;
  }

  /**
   * Decodes chunk bytes of this encoding.
   *
   * @throws ChunkFormatException when the bytes are not a valid chunk of this encoding
   */
  public Chunk decode(byte[] bytes) {
    return decoder.apply(bytes);
  }

  /**
   * The encoding with this wire byte.
   *
   * @throws IllegalArgumentException naming the byte when no encoding uses it
   */
  public static ChunkEncoding fromWireByte(byte b) {
    for (ChunkEncoding e : values()) {
      if (e.wireByte == b) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        String.format("unknown chunk encoding byte 0x%02x", b & 0xff));
  }
}
