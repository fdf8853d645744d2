package dev.vigil.server.storage.tsdb.headchunks;

/**
 * Thrown when a head chunk read back from {@code chunks_head/} is damaged; the message names the
 * file, the offset and the series. A restart rebuilds the files from the WAL.
 */
public final class HeadChunkCorruptionException extends RuntimeException {

  HeadChunkCorruptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
