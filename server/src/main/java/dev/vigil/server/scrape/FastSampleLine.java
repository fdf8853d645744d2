package dev.vigil.server.scrape;

import dev.vigil.server.format.Names;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

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

  /**
   * Handles the line at {@code b[from, end)} ({@code end} is the body's end, not the line's) when
   * it is the cache's expected next series ({@link SeriesCache#expected}) in the common form, and
   * returns where the next line starts; -1 when it cannot, having emitted nothing (the caller then
   * takes the line the usual way). Why: a steady target's line is then compared once with the
   * expected series text (a vectorized compare) and its value read, in one pass over its bytes,
   * instead of a scan for the line end, a scan for the series text's end, and a hash and table
   * probe. The expected text was delimited by {@link #seriesEnd} when it was cached, so equal bytes
   * followed by what {@link #seriesEnd} stops at give the same series, and the rest of the line is
   * held to {@link #parse}'s rules.
   */
  static int parseExpected(TextFormatParser p, byte[] b, int from, int end) {
    SeriesCache.Entry e = p.cache().expected();
    if (e == null) {
      return -1;
    }
    byte[] k = e.key;
    int i = from + k.length;
    if (i > end || !Arrays.equals(k, 0, k.length, b, from, i)) {
      return -1;
    }
    if (k[0] == '#') { // a whole comment line
      int next = lineEndAt(b, i, end);
      return next >= 0 && p.cachesComments() && p.knownComment(e) ? next : -1;
    }
    if (k[k.length - 1] != '}') { // a bare name: the body's name must end here, without labels
      if (i == end || (b[i] != ' ' && b[i] != '\t')) {
        return -1;
      }
      int j = skipBlanks(b, i, end);
      if (j < end && b[j] == '{') {
        return -1;
      }
    }
    int valueStart = skipBlanks(b, i, end);
    int valueEnd = valueStart;
    while (valueEnd < end && !isSeparator(b[valueEnd])) {
      valueEnd++;
    }
    if (valueEnd == valueStart) {
      return -1;
    }
    long bits = FastDecimal.parseBits(b, valueStart, valueEnd);
    if (bits == FastDecimal.FAIL) {
      return -1;
    }
    int j = skipBlanks(b, valueEnd, end);
    int next = lineEndAt(b, j, end);
    boolean hasTimestamp = false;
    long timestamp = 0;
    if (next < 0) {
      if (p.format() == ExpositionFormat.OPENMETRICS) {
        return -1; // timestamps in seconds, exemplars
      }
      int tsStart = j;
      for (; j < end && b[j] >= '0' && b[j] <= '9'; j++) {
        if (j - tsStart == MAX_TIMESTAMP_DIGITS) {
          return -1;
        }
        timestamp = timestamp * 10 + (b[j] - '0');
      }
      next = j == tsStart ? -1 : lineEndAt(b, skipBlanks(b, j, end), end);
      if (next < 0) {
        return -1;
      }
      hasTimestamp = true;
    }
    p.emit(e, Double.longBitsToDouble(bits), hasTimestamp, timestamp);
    return next;
  }

  /** Bytes that end a value: blanks and the line end ({@code \r} only counts before {@code \n}). */
  private static boolean isSeparator(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * Where the next line starts when {@code b[i]} ends the line (LF, CRLF, or a CR or nothing at
   * the body's end {@code end}, which the line loop treats alike); -1 when the line goes on.
   */
  private static int lineEndAt(byte[] b, int i, int end) {
    if (i == end) {
      return end + 1;
    }
    if (b[i] == '\n') {
      return i + 1;
    }
    if (b[i] == '\r' && (i + 1 == end || b[i + 1] == '\n')) {
      return i + 2;
    }
    return -1;
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
