package dev.vigil.server.promql.test;

import dev.vigil.server.format.PromDuration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the value part of a promqltest {@code metric@st} line: start-timestamp offsets in
 * milliseconds relative to each sample's own timestamp, null where omitted.
 *
 * <p>Items: {@code _}, {@code _xN} (N omitted), {@code D}, {@code DxN} (N+1 times D), {@code
 * D+ExN} / {@code D-ExN} (N+1 values from D in steps of E), where D and E are single-unit
 * durations with an optional sign ({@code -30s}, {@code +1m}, {@code 0}, {@code -59999ms}).
 */
final class StartTimestampSequence {

  private final String item;
  private int pos;

  private StartTimestampSequence(String item) {
    this.item = item;
  }

  /** The offsets of a whole sequence; an error names the bad item. */
  static List<Long> parse(String text) {
    List<Long> out = new ArrayList<>();
    for (String item : text.strip().split("\\s+")) {
      if (item.isEmpty()) {
        continue;
      }
      try {
        new StartTimestampSequence(item).expand(out);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "invalid @st sequence: invalid ST item \"" + item + "\": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private void expand(List<Long> out) {
    if (item.equals("_")) {
      out.add(null);
      return;
    }
    if (item.startsWith("_x")) {
      int n = count(item.substring(2));
      if (n == 0) {
        throw new IllegalArgumentException("invalid repeat count");
      }
      for (int i = 0; i < n; i++) {
        out.add(null);
      }
      return;
    }
    long base = duration();
    if (pos == item.length()) {
      out.add(base);
      return;
    }
    long delta = 0;
    char c = item.charAt(pos);
    if (c == '+' || c == '-') {
      pos++;
      delta = duration();
      if (c == '-') {
        delta = -delta;
      }
      if (pos == item.length() || item.charAt(pos) != 'x') {
        throw new IllegalArgumentException("expected 'x<count>' after step duration");
      }
    } else if (c != 'x') {
      throw new IllegalArgumentException("unexpected character '" + c + "' after duration");
    }
    int n = count(item.substring(pos + 1));
    long v = base;
    for (int i = 0; i <= n; i++) {
      out.add(v);
      v += delta;
    }
  }

  /** A signed single-unit duration in milliseconds, from {@link #pos}. */
  private long duration() {
    boolean negative = false;
    if (pos < item.length() && (item.charAt(pos) == '-' || item.charAt(pos) == '+')) {
      negative = item.charAt(pos) == '-';
      pos++;
    }
    int start = pos;
    while (pos < item.length() && Character.isDigit(item.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw new IllegalArgumentException("expected digits in duration \"" + item.substring(start)
          + "\"");
    }
    // The unit runs until a non-letter or the repeat separator 'x' (never part of a unit).
    while (pos < item.length()
        && Character.isLetter(item.charAt(pos))
        && item.charAt(pos) != 'x') {
      pos++;
    }
    long ms = PromDuration.parse(item.substring(start, pos)).toMillis();
    return negative ? -ms : ms;
  }

  private static int count(String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("invalid repeat count");
    }
    return Integer.parseInt(digits);
  }
}
