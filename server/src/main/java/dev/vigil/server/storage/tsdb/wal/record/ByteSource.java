package dev.vigil.server.storage.tsdb.wal.record;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the record primitives from a payload, validating every length against the bytes that are
 * actually left, so garbage can never make the decoder allocate more than the payload's size.
 *
 * <p>Errors name the record type, the entry being decoded and the byte offset.
 */
final class ByteSource {

  private final byte[] buf;
  private final String recordName;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private int pos;
  private String section = "header";
  private long entry = -1;
  private long entries;

  ByteSource(byte[] buf, int start, String recordName) {
    this.buf = buf;
    this.pos = start;
    this.recordName = recordName;
  }

  /** Names the part being decoded, for error messages. */
  void enter(String section, long entry, long entries) {
    this.section = section;
    this.entry = entry;
    this.entries = entries;
  }

  int remaining() {
    return buf.length - pos;
  }

  int readByte(String field) throws CorruptRecordException {
    if (pos >= buf.length) {
      throw error(field, "truncated");
    }
    return buf[pos++] & 0xff;
  }

  long readUvarint(String field) throws CorruptRecordException {
    int start = pos;
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= buf.length) {
        throw error(field, "truncated varint starting", start);
      }
      int b = buf[pos++] & 0xff;
      if (shift == 63 && b > 1) {
        throw error(field, "varint overflows 64 bits starting", start);
      }
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw error(field, "varint overflows 64 bits starting", start);
  }

  long readVarint(String field) throws CorruptRecordException {
    long u = readUvarint(field);
    return (u >>> 1) ^ -(u & 1);
  }

  long readLong64(String field) throws CorruptRecordException {
    if (remaining() < 8) {
      throw error(field, "truncated 8-byte value");
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  /**
   * Reads a count of entries that each take at least {@code minBytesEach} bytes; a count the
   * remaining bytes cannot hold is rejected before anyone allocates for it.
   */
  int readCount(String field, int minBytesEach) throws CorruptRecordException {
    int start = pos;
    long n = readUvarint(field);
    if (n > remaining() / minBytesEach) {
      throw error(field, "count " + n + " exceeds what the remaining " + remaining()
          + " bytes can hold, starting", start);
    }
    return (int) n;
  }

  /** A length-prefixed, strictly valid UTF-8 string. */
  String readString(String field) throws CorruptRecordException {
    int start = pos;
    long n = readUvarint(field);
    if (n > remaining()) {
      throw error(field, "string length " + n + " exceeds the remaining " + remaining()
          + " bytes, starting", start);
    }
    try {
      String s = utf8.decode(ByteBuffer.wrap(buf, pos, (int) n)).toString();
      pos += (int) n;
      return s;
    } catch (CharacterCodingException e) {
      throw error(field, "invalid UTF-8 in string starting", start);
    }
  }

  void expectEnd() throws CorruptRecordException {
    if (pos != buf.length) {
      section = "trailer";
      entry = -1;
      throw error("end", (buf.length - pos) + " unexpected trailing bytes");
    }
  }

  CorruptRecordException error(String field, String problem) {
    return error(field, problem, pos);
  }

  CorruptRecordException error(String field, String problem, int at) {
    String where = entry < 0 ? section : section + " " + entry + " of " + entries;
    return new CorruptRecordException(
        recordName + " record, " + where + ", " + field + ": " + problem + " at byte " + at
            + " of " + buf.length);
  }
}
