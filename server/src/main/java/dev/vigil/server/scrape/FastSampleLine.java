package dev.vigil.server.scrape;

import dev.vigil.server.format.Names;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The allocation-free path of a cached parse for the line every steady scrape is made of: a known
 * series text, a decimal value and an optional integer timestamp. It works on the body's bytes and
 * never reports an error: whenever a line is anything else (a comment, a new or malformed series,
 * NaN or Inf, an OpenMetrics timestamp or exemplar, trailing garbage) it declines, and the general
 * parser handles the whole line, with the same result and the same error it would have given
 * without this path.
 */
final class FastSampleLine {

  /** Longest timestamp taken here: 18 digits cannot overflow a long. */
  private static final int MAX_TIMESTAMP_DIGITS = 18;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private FastSampleLine() {}

  /**
   * The index of the first byte of {@code b[0, to)} that is not ASCII, or {@code to}; eight bytes
   * at a time, since a body is almost always pure ASCII and UTF-8 validation need only start there.
   */
  static int firstNonAscii(byte[] b, int to) {
    int i = 0;
    for (; i + 8 <= to; i += 8) {
      if (((long) LONGS.get(b, i) & 0x8080_8080_8080_8080L) != 0) {
        break;
      }
    }
    while (i < to && b[i] >= 0) {
      i++;
    }
    return i;
  }

  /**
   * Handles {@code b[from, to)} (one line without its line end) when it can: emits its sample to
   * {@code p} and returns true; otherwise returns false having emitted nothing. Either way it tells
   * {@code p} where the line's series text is, for the general path's cache lookup.
   */
  static boolean parse(TextFormatParser p, byte[] b, int from, int to) {
    int i = skipBlanks(b, from, to);
    p.seriesKey(i, i);
    if (i == to) {
      return true; // a blank line
    }
    if (b[i] == '#') {
      if (!p.cachesComments()) {
        return false;
      }
      p.seriesKey(i, to); // the whole comment line is its key
      SeriesCache.Entry known = p.cache().get(b, i, to);
      return known != null && p.knownComment(known);
    }
    int seriesEnd = seriesEnd(b, i, to);
    if (seriesEnd == i) {
      return false;
    }
    p.seriesKey(i, seriesEnd);
    SeriesCache.Entry entry = p.cache().get(b, i, seriesEnd);
    if (entry == null) {
      return false;
    }
    int valueStart = skipBlanks(b, seriesEnd, to);
    int valueEnd = wordEnd(b, valueStart, to);
    if (valueEnd == valueStart) {
      return false;
    }
    long bits = FastDecimal.parseBits(b, valueStart, valueEnd);
    if (bits == FastDecimal.FAIL) {
      return false;
    }
    int j = skipBlanks(b, valueEnd, to);
    boolean hasTimestamp = false;
    long timestamp = 0;
    if (j < to) {
      if (p.format() == ExpositionFormat.OPENMETRICS) {
        return false; // timestamps in seconds, exemplars
      }
      int tsStart = j;
      for (; j < to && b[j] >= '0' && b[j] <= '9'; j++) {
        if (j - tsStart == MAX_TIMESTAMP_DIGITS) {
          return false;
        }
        timestamp = timestamp * 10 + (b[j] - '0');
      }
      if (j == tsStart || skipBlanks(b, j, to) != to) { // more digits, or anything after
        return false;
      }
      hasTimestamp = true;
    }
    p.emit(entry, Double.longBitsToDouble(bits), hasTimestamp, timestamp);
    return true;
  }

  private static int skipBlanks(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static int wordEnd(byte[] b, int i, int to) {
    while (i < to && b[i] != ' ' && b[i] != '\t') {
      i++;
    }
    return i;
  }

  private static boolean isNameByte(byte c, boolean first) {
    char ch = (char) c; // negative bytes (UTF-8 continuation) map to no ASCII name character
    return Names.isLetterOrUnderscore(ch) || ch == ':' || (!first && Names.isDigit(ch));
  }

  /**
   * Where the series text starting at {@code i} ends, by {@link LineCursor#seriesEnd}'s rules on
   * bytes; {@code i} when it is malformed. The rules only look at ASCII characters, which UTF-8
   * never uses inside a multi-byte sequence, so both find the same text.
   */
  static int seriesEnd(byte[] b, int start, int to) {
    int i = start;
    while (i < to && isNameByte(b[i], i == start)) {
      i++;
    }
    if (i == start) {
      return start;
    }
    int nameEnd = i;
    i = skipBlanks(b, i, to);
    if (i == to || b[i] != '{') {
      return nameEnd;
    }
    boolean quoted = false;
    for (i++; i < to; i++) {
      byte ch = b[i];
      if (quoted) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '}') {
        return i + 1;
      }
    }
    return start;
  }
}
