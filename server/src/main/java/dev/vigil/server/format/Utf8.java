package dev.vigil.server.format;

/** Strict UTF-8 validation, since Prometheus requires label values to be valid UTF-8. */
public final class Utf8 {

  private Utf8() {}

  /** Whether all bytes form valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
  public static boolean isValid(byte[] bytes) {
    return firstInvalid(bytes, 0, bytes.length) < 0;
  }

  /** The index of the first byte that does not start a valid sequence in [from, to), or -1. */
  public static int firstInvalid(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      int len = validSequenceLength(bytes, i, to);
      if (len == 0) {
        return i;
      }
      i += len;
    }
    return -1;
  }

  /** The length of the valid UTF-8 sequence starting at {@code i}, or 0 when it is invalid. */
  static int validSequenceLength(byte[] b, int i) {
    return validSequenceLength(b, i, b.length);
  }

  private static int validSequenceLength(byte[] b, int i, int to) {
    int b0 = b[i] & 0xff;
    if (b0 < 0x80) {
      return 1;
    }
    int len;
    int min;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      len = 2;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      len = 3;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      len = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + len > to) {
      return 0;
    }
    int cp = b0 & (0xff >> (len + 1));
    for (int k = 1; k < len; k++) {
      int bk = b[i + k] & 0xff;
      if ((bk & 0xc0) != 0x80) {
        return 0;
      }
      cp = (cp << 6) | (bk & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return 0;
    }
    return len;
  }
}
