package dev.vigil.server.storage.tsdb.wal;

import java.util.zip.CRC32C;

/**
 * The framing of one record in a segment: a 4-byte big-endian payload length, a 4-byte big-endian
 * CRC32C over those length bytes and the payload, then the payload.
 *
 * <p>The checksum covers the length too, so a damaged length is caught by the checksum rather
 * than by whatever the misread bytes happen to contain.
 */
final class Frame {

  /** Bytes before the payload: length, then checksum. */
  static final int HEADER_BYTES = 8;

  /** The largest payload we write or accept; a bigger length on disk is corruption. */
  static final int MAX_PAYLOAD_BYTES = 64 << 20;

  private Frame() {}

  /** The CRC32C of the 4 length bytes at {@code header[off..]} followed by the payload range. */
  static int checksum(byte[] header, int off, byte[] payload, int payloadOff, int payloadLen) {
    CRC32C crc = new CRC32C();
    crc.update(header, off, 4);
    crc.update(payload, payloadOff, payloadLen);
    return (int) crc.getValue();
  }

  static int getInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }
}
