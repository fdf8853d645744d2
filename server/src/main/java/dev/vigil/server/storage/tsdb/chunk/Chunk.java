package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;

/**
 * An immutable run of samples of one series in one encoding.
 *
 * <p>Chunks are written by their encoding's appender; whoever owns the appender decides when to cut
 * a new chunk (the head does so by sample count and time range). A chunk obtained from a live
 * appender's snapshot stays valid and unchanged while the appender goes on.
 */
public interface Chunk {

  /** The encoding, whose wire byte precedes the chunk bytes wherever chunks are stored. */
  ChunkEncoding encoding();

  /** Number of samples in the chunk. */
  int numSamples();

  /** The encoded form, including the encoding's own header; a fresh copy. */
  byte[] bytes();

  /** Size of {@link #bytes()}. */
  default int byteLength() {
    return bytes().length;
  }

  /**
   * Writes {@link #bytes()} into {@code dst} from {@code offset}; for writers that frame chunks
   * in a buffer of their own, so sealing a chunk does not allocate a copy only to copy it again.
   */
  default void copyTo(byte[] dst, int offset) {
    byte[] b = bytes();
    System.arraycopy(b, 0, dst, offset, b.length);
  }

  /** A fresh iterator over the samples, oldest first. Iterators do not share state. */
  SampleIterator iterator();
}
