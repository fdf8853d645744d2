package dev.vigil.server.storage.tsdb.wal;

import java.io.IOException;

/** Receives the payload of each intact record during replay or a scan, in log order. */
@FunctionalInterface
public interface RecordHandler {

  /**
   * Handles one payload. The array is the caller's to keep. An exception stops the replay and is
   * passed through unchanged; it is never taken as damage to the log.
   */
  void handle(byte[] payload) throws IOException;
}
