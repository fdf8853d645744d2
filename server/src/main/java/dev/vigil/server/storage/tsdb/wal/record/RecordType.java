package dev.vigil.server.storage.tsdb.wal.record;

/**
 * The kinds of WAL record, each with the explicit byte that starts its payload on disk.
 *
 * <p>The wire byte is written, never {@link #ordinal()}, so constants may be reordered or added
 * freely. Byte 0 is deliberately unused: a zero-filled region (what a file system may leave after
 * a power loss) can then never look like a valid record type.
 */
public enum RecordType {
  /** Series definitions: each entry binds a series reference to its label set. */
  SERIES((byte) 1),
  /** Float samples: each entry is (series reference, timestamp, raw value bits). */
  SAMPLES((byte) 2),
  /** Reserved for deletion intervals; no encoder writes it yet, the decoder rejects it. */
  TOMBSTONES((byte) 3);

  private static final RecordType[] BY_WIRE = new RecordType[256];

  static {
    for (RecordType t : values()) {
      BY_WIRE[t.wire & 0xff] = t;
    }
  }

  private final byte wire;

  RecordType(byte wire) {
    this.wire = wire;
  }

  /** The byte that identifies this type on disk. */
  public byte wire() {
    return wire;
  }

  /** The type whose wire byte is {@code b}, or {@code null} when no type uses it. */
  public static RecordType fromWire(byte b) {
    return BY_WIRE[b & 0xff];
  }
}
