package dev.vigil.agent.exporter;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzips a scrape body into a reused buffer with a reused {@link Deflater}: a {@code
 * GZIPOutputStream} per scrape allocates a deflater with its native state and window each time.
 *
 * <p>Not thread-safe: one scrape owns an encoder at a time. The output is a single gzip member as
 * RFC 1952 describes, with the default compression level that {@code GZIPOutputStream} uses.
 */
final class GzipEncoder {

  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };

  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final CRC32 crc = new CRC32();

  /** Writes {@code input[0, length)} gzipped to {@code out}, after what {@code out} holds. */
  void encode(byte[] input, int length, ExpositionBuffer out) {
    deflater.reset();
    crc.reset();
    crc.update(input, 0, length);
    out.write(HEADER);
    deflater.setInput(input, 0, length);
    deflater.finish();
    while (!deflater.finished()) {
      byte[] target = out.reserve(8192);
      int offset = out.length();
      out.advance(deflater.deflate(target, offset, target.length - offset));
    }
    writeIntLittleEndian(out, (int) crc.getValue());
    writeIntLittleEndian(out, length);
  }

  /** Frees the deflater's native memory; the encoder is unusable afterwards. */
  void close() {
    deflater.end();
  }

  private static void writeIntLittleEndian(ExpositionBuffer out, int value) {
    out.write(value & 0xff);
    out.write((value >>> 8) & 0xff);
    out.write((value >>> 16) & 0xff);
    out.write((value >>> 24) & 0xff);
  }
}
