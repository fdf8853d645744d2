package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits procfs lines at runs of whitespace without a regex: {@code String.split("\\s+")} compiles
 * its pattern on every call, and the host collectors split a few hundred lines per scrape.
 */
final class Whitespace {

  private Whitespace() {}

  /**
   * The same fields as {@code text.split("\\s+")}: an empty first field when the text starts with
   * whitespace, no trailing empty fields, the whole text when it has no whitespace.
   */
  static String[] split(String text) {
    int n = text.length();
    List<String> fields = null;
    int start = 0;
    int i = 0;
    while (i < n) {
      if (isSpace(text.charAt(i))) {
        if (fields == null) {
          fields = new ArrayList<>();
        }
        fields.add(text.substring(start, i));
        while (i < n && isSpace(text.charAt(i))) {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    if (fields == null) {
      return new String[] {text};
    }
    fields.add(text.substring(start));
    int size = fields.size();
    while (size > 0 && fields.get(size - 1).isEmpty()) {
      size--;
    }
    return fields.subList(0, size).toArray(new String[0]);
  }

  /**
   * The fields of {@link #split} as offsets, {@code [start0, end0, start1, end1, ...]}, so that a
   * caller parsing numbers in place allocates one small array instead of a string per field.
   */
  static int[] bounds(String text) {
    int n = text.length();
    int[] bounds = new int[16];
    int count = 0;
    int start = 0;
    int i = 0;
    while (i < n) {
      if (isSpace(text.charAt(i))) {
        bounds = add(bounds, count++, start, i);
        while (i < n && isSpace(text.charAt(i))) {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    bounds = add(bounds, count++, start, n);
    // As split: no trailing empty fields, except that a text without whitespace is one field.
    int least = count == 1 ? 1 : 0;
    while (count > least && bounds[2 * count - 1] == bounds[2 * count - 2]) {
      count--;
    }
    return Arrays.copyOf(bounds, 2 * count);
  }

  private static int[] add(int[] bounds, int index, int start, int end) {
    int[] out = 2 * index + 1 < bounds.length ? bounds : Arrays.copyOf(bounds, bounds.length * 2);
    out[2 * index] = start;
    out[2 * index + 1] = end;
    return out;
  }

  /** The first index in {@code [from, end)} that is not {@link #isSpace}, or {@code end}. */
  static int skipSpace(String text, int from, int end) {
    int i = from;
    while (i < end && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The first index in {@code [from, end)} that {@link #isSpace}, or {@code end}. */
  static int nextSpace(String text, int from, int end) {
    int i = from;
    while (i < end && !isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Where {@code text[from, end)} starts after {@link String#strip}'s leading whitespace. */
  static int stripStart(String text, int from, int end) {
    int i = from;
    while (i < end && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Where {@code text[from, end)} ends before {@link String#strip}'s trailing whitespace. */
  static int stripEnd(String text, int from, int end) {
    int i = end;
    while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** The characters of the regex class {@code \s}. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
