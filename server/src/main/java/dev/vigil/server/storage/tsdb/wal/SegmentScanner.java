package dev.vigil.server.storage.tsdb.wal;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the frames of one segment file front to back, hands each intact payload on, and reports
 * where the intact part ends and why.
 */
final class SegmentScanner {

  /** Why a scan stopped before the end of the file. */
  enum Damage {
    /** Fewer than {@link Frame#HEADER_BYTES} bytes left: a write cut short. */
    SHORT_HEADER("torn frame header", true),
    /** The frame's length runs past the end of the file: a write cut short, or a damaged length. */
    SHORT_PAYLOAD("frame runs past end of file", true),
    /**
     * An all-zero frame header: a file system extended the file after a power loss but the data
     * never landed.
     */
    ZERO_FILLED("zero-filled tail", true),
    /** A length of zero or above the maximum payload size. */
    BAD_LENGTH("impossible frame length", false),
    /** The payload does not match its checksum. */
    BAD_CHECKSUM("checksum mismatch", false),
    /** The next file of the log is missing. */
    GAP("missing segment after this one", false);

    private final String description;
    private final boolean crashArtifact;

    Damage(String description, boolean crashArtifact) {
      this.description = description;
      this.crashArtifact = crashArtifact;
    }

    String description() {
      return description;
    }

    /** Whether a crash (of the process or the machine) during a write can explain this damage. */
    boolean crashArtifact() {
      return crashArtifact;
    }
  }

  /**
   * The outcome of a scan.
   *
   * @param goodBytes the length of the intact prefix, where the file would be cut
   * @param fileSize the file's size when scanned
   * @param records the intact records handed on
   * @param damage why the scan stopped early, or {@code null} when the whole file is intact
   */
  record Result(long goodBytes, long fileSize, long records, Damage damage) {
    boolean clean() {
      return damage == null;
    }
  }

  private static final int BUFFER_BYTES = 1 << 20;

  private SegmentScanner() {}

  static Result scan(Path file, RecordHandler handler) throws IOException {
    long size = Files.size(file);
    long pos = 0;
    long records = 0;
    byte[] header = new byte[Frame.HEADER_BYTES];
    try (InputStream in =
        new BufferedInputStream(new FileInputStream(file.toFile()), BUFFER_BYTES)) {
      while (true) {
        int n = in.readNBytes(header, 0, header.length);
        if (n == 0) {
          return new Result(pos, size, records, null);
        }
        if (n < header.length) {
          return new Result(pos, size, records, Damage.SHORT_HEADER);
        }
        int length = Frame.getInt(header, 0);
        if (length == 0 && Frame.getInt(header, 4) == 0) {
          return new Result(pos, size, records, Damage.ZERO_FILLED);
        }
        if (length <= 0 || length > Frame.MAX_PAYLOAD_BYTES) {
          return new Result(pos, size, records, Damage.BAD_LENGTH);
        }
        if (pos + Frame.HEADER_BYTES + length > size) {
          return new Result(pos, size, records, Damage.SHORT_PAYLOAD);
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
          return new Result(pos, size, records, Damage.SHORT_PAYLOAD);
        }
        if (Frame.checksum(header, 0, payload, 0, length) != Frame.getInt(header, 4)) {
          return new Result(pos, size, records, Damage.BAD_CHECKSUM);
        }
        handler.handle(payload);
        records++;
        pos += Frame.HEADER_BYTES + length;
      }
    }
  }
}
