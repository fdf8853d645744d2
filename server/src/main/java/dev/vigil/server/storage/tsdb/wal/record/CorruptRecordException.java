package dev.vigil.server.storage.tsdb.wal.record;

import java.io.IOException;

/**
 * Thrown when a WAL payload cannot be decoded; the message names the record type, the entry and
 * the byte position where decoding failed.
 *
 * <p>Checked on purpose: payloads that reach the decoder already passed the frame checksum, so
 * this means a format mismatch or a bug, and the caller (replay, checkpoint) must decide.
 */
public final class CorruptRecordException extends IOException {

  public CorruptRecordException(String message) {
    super(message);
  }
}
