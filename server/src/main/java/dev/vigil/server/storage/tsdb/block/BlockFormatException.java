package dev.vigil.server.storage.tsdb.block;

/**
 * Thrown when a block's files are malformed or damaged; the message names the file and the
 * section or offset, so an operator knows which block to move aside.
 */
public final class BlockFormatException extends RuntimeException {

  /** A format error described by {@code message}, which names the place. */
  public BlockFormatException(String message) {
    super(message);
  }

  /** A format error with its cause. */
  public BlockFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
