package dev.vigil.server.storage.tsdb.block;

/** Constants of the chunk segment format (docs/format/block.md) shared by writer and reader. */
final class ChunkFiles {

  static final String DIR = "chunks";
  static final int MAGIC = 0x56434b53; // "VCKS"
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8; // magic, version byte, 3 zero bytes
  static final long MAX_SEGMENT_BYTES = 512L << 20;

  private ChunkFiles() {}

  /** The segment's file name: the number, zero-padded to six digits. */
  static String segmentName(int n) {
    // Not String.format: the writer names a file per segment and the reader checks each name.
    String digits = Integer.toString(n);
    return n < 0 || digits.length() >= 6 ? digits : "000000".substring(digits.length()) + digits;
  }

  /** A chunk ref: segment number in the high 32 bits, byte offset in the low 32. */
  static long ref(int segment, long offset) {
    return ((long) segment << 32) | offset;
  }

  static int segment(long ref) {
    return (int) (ref >>> 32);
  }

  static int offset(long ref) {
    return (int) ref;
  }
}
