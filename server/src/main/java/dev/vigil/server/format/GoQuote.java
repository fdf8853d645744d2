package dev.vigil.server.format;

import java.nio.charset.StandardCharsets;

/**
 * Quotes a string as Go's {@code %q} does, so our error messages name values the way Prometheus's
 * do ({@code "\xff" is not a valid label name}).
 */
public final class GoQuote {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoQuote() {}

  /** The string in double quotes with Go escapes for quotes, backslashes and control chars. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x07 -> sb.append("\\a");
        case 0x08 -> sb.append("\\b");
        case 0x0c -> sb.append("\\f");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
          } else if (cp == 0xfffd) {
            // Java decoders map invalid UTF-8 to U+FFFD; Go would show the raw byte.
            sb.append("\\ufffd");
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Go's {@code %q} of raw bytes: printable UTF-8 as is, anything invalid as {@code \xNN}. */
  public static String quote(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
    int i = 0;
    while (i < bytes.length) {
      int len = Utf8.validSequenceLength(bytes, i);
      if (len == 0) {
        int b = bytes[i] & 0xff;
        sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
        i++;
      } else {
        String piece = new String(bytes, i, len, StandardCharsets.UTF_8);
        String q = quote(piece);
        sb.append(q, 1, q.length() - 1);
        i += len;
      }
    }
    return sb.append('"').toString();
  }
}
