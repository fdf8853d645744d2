package dev.vigil.server.storage.tsdb.chunk;

/** Thrown when encoded chunk bytes are malformed; the message names the bit offset. */
public final class ChunkFormatException extends RuntimeException {

  private final long bitOffset;

  /** A format error found at {@code bitOffset} bits from the start of the chunk. */
  public ChunkFormatException(String problem, long bitOffset) {
    super("corrupt chunk at bit " + bitOffset + " (byte " + (bitOffset >>> 3) + "): " + problem);
    this.bitOffset = bitOffset;
  }

  /** Bits from the start of the chunk bytes to where decoding failed. */
  public long bitOffset() {
    return bitOffset;
  }
}
