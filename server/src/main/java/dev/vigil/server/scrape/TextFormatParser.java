package dev.vigil.server.scrape;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.format.GoQuote;
import dev.vigil.server.format.Names;
import dev.vigil.server.format.Utf8;
import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the Prometheus text format 0.0.4, and the subset of OpenMetrics text it shares.
 *
 * <p>Grammar per line: blank lines are skipped; {@code # HELP name text} and {@code # TYPE name
 * type} are metadata; other {@code #} lines are comments; anything else is {@code
 * name[{label="value",...}] value [timestamp]}. Label values unescape {@code \\}, {@code \"} and
 * {@code \n}; other escapes stay as written, as in Prometheus's lexer. Values use Go's float
 * syntax, timestamps are integer milliseconds.
 *
 * <p>For OpenMetrics we additionally accept {@code # UNIT}, trailing exemplars ({@code # {...} v}),
 * timestamps in (fractional) seconds and require the closing {@code # EOF}. {@code _created}
 * samples are kept as ordinary series, which is what Prometheus does without its created-timestamp
 * feature.
 */
public final class TextFormatParser {

  private static final Set<String> TEXT_TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final Set<String> OPENMETRICS_TYPES =
      Set.of(
          "counter",
          "gauge",
          "histogram",
          "gaugehistogram",
          "summary",
          "info",
          "stateset",
          "unknown");

  /**
   * Maps a sample's series text (metric name and label block, exactly as exposed) to the labels to
   * record, parsing the labels only when it does not know the text yet. A scrape loop keeps one
   * per target, as Prometheus caches series by their raw text, so a steady target costs one string
   * lookup per line instead of a label parse, a label merge and a label-set build.
   */
  interface SeriesLabels {
    /** The labels for {@code seriesText}; {@code parser} parses the exposed labels on a miss. */
    Labels labels(String seriesText, LabelsParser parser) throws ParseException;
  }

  /** Parses the exposed labels of the current line's series text. */
  interface LabelsParser {
    Labels parse() throws ParseException;
  }

  /** Parses every line's labels; for callers without a cache. */
  private static final SeriesLabels NO_CACHE = (text, parser) -> parser.parse();

  private final ExpositionFormat format;
  private final SeriesLabels seriesLabels;
  private final List<ParsedSample> samples = new ArrayList<>();
  private final Map<String, String> types = new HashMap<>();
  private final Map<String, String> helps = new HashMap<>();
  private boolean sawEof;

  private TextFormatParser(ExpositionFormat format, SeriesLabels seriesLabels) {
    this.format = format;
    this.seriesLabels = seriesLabels;
  }

  /** Parses a response body, which must be valid UTF-8. */
  public static Exposition parse(byte[] body, ExpositionFormat format) throws ParseException {
    return parse(body, format, NO_CACHE);
  }

  /**
   * Parses a response body, which must be valid UTF-8, taking each sample's labels from {@code
   * seriesLabels}.
   */
  static Exposition parse(byte[] body, ExpositionFormat format, SeriesLabels seriesLabels)
      throws ParseException {
    int bad = Utf8.firstInvalid(body, 0, body.length);
    if (bad >= 0) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (body[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new ParseException(line, bad - lineStart + 1, "invalid UTF-8");
    }
    return parse(new String(body, StandardCharsets.UTF_8), format, seriesLabels);
  }

  /** Parses exposition text. */
  public static Exposition parse(String text, ExpositionFormat format) throws ParseException {
    return parse(text, format, NO_CACHE);
  }

  private static Exposition parse(String text, ExpositionFormat format, SeriesLabels seriesLabels)
      throws ParseException {
    TextFormatParser p = new TextFormatParser(format, seriesLabels);
    p.parseAll(text);
    return new Exposition(p.samples, p.metadata());
  }

  private Map<String, MetricMetadata> metadata() {
    Map<String, MetricMetadata> out = new HashMap<>();
    Set<String> names = new HashSet<>(types.keySet());
    names.addAll(helps.keySet());
    for (String n : names) {
      out.put(n, new MetricMetadata(types.getOrDefault(n, ""), helps.getOrDefault(n, "")));
    }
    return out;
  }

  private void parseAll(String text) throws ParseException {
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      lineNo++;
      // Tolerate CRLF line ends from hand-written exporters.
      int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      Cursor c = new Cursor(text.substring(start, contentEnd), lineNo);
      start = end + 1;
      if (sawEof) {
        if (!c.s.isBlank()) {
          throw c.error("unexpected content after # EOF");
        }
        continue;
      }
      parseLine(c);
    }
    if (format == ExpositionFormat.OPENMETRICS && !sawEof) {
      throw new ParseException(Math.max(lineNo, 1), 1, "data does not end with # EOF");
    }
  }

  private void parseLine(Cursor c) throws ParseException {
    c.skipBlanks();
    if (c.atEnd()) {
      return;
    }
    if (c.peek() == '#') {
      parseComment(c);
    } else {
      parseSample(c);
    }
  }

  private void parseComment(Cursor c) throws ParseException {
    c.pos++; // '#'
    if (!c.skipBlanks()) {
      return; // "#HELP ..." and the like are plain comments.
    }
    String word = c.readWord();
    boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
    if (openMetrics && word.equals("EOF") && c.atEnd()) {
      sawEof = true;
      return;
    }
    boolean isType = word.equals("TYPE");
    boolean isHelp = word.equals("HELP");
    boolean isUnit = openMetrics && word.equals("UNIT");
    if (!(isType || isHelp || isUnit) || !c.skipBlanks()) {
      return; // An ordinary comment.
    }
    int nameStart = c.pos;
    String name = c.readMetricName();
    if (name == null) {
      throw c.errorAt(nameStart, "expected metric name after " + word + ", got " + c.describe());
    }
    if (!c.atEnd() && !c.skipBlanks()) {
      throw c.error("expected whitespace after metric name in " + word + ", got " + c.describe());
    }
    String rest = c.rest();
    if (isType) {
      String type = rest.strip();
      Set<String> valid = openMetrics ? OPENMETRICS_TYPES : TEXT_TYPES;
      if (!valid.contains(type)) {
        throw c.errorAt(c.pos, "invalid metric type " + GoQuote.quote(type));
      }
      types.put(name, type);
    } else if (isHelp) {
      helps.put(name, unescapeHelp(rest));
    }
  }

  private static String unescapeHelp(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == '\\' || n == 'n' || n == '"') {
          sb.append(n == 'n' ? '\n' : n);
          i++;
          continue;
        }
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  private void parseSample(Cursor c) throws ParseException {
    int nameStart = c.pos;
    int seriesEnd = seriesLabels == NO_CACHE ? nameStart : c.seriesEnd();
    Labels labels;
    if (seriesLabels != NO_CACHE && seriesEnd > nameStart) {
      labels = seriesLabels.labels(c.s.substring(nameStart, seriesEnd), () -> parseSeries(c));
      c.pos = seriesEnd;
    } else {
      labels = parseSeries(c); // Throws the precise error for a malformed series.
    }
    c.skipBlanks();
    if (c.atEnd()) {
      String name = labels.get(Labels.METRIC_NAME);
      throw c.error("expected value after metric " + GoQuote.quote(name) + ", got end of line");
    }
    int valueStart = c.pos;
    String valueText = c.readWord();
    double value;
    try {
      value = GoFloat.parse(valueText);
    } catch (NumberFormatException e) {
      throw c.errorAt(valueStart, "expected a float value, got " + GoQuote.quote(valueText));
    }
    boolean hasTimestamp = false;
    long timestamp = 0;
    c.skipBlanks();
    if (!c.atEnd() && !isExemplarStart(c)) {
      int tsStart = c.pos;
      String tsText = c.readWord();
      timestamp = parseTimestamp(c, tsStart, tsText);
      hasTimestamp = true;
      c.skipBlanks();
    }
    if (!c.atEnd() && !isExemplarStart(c)) {
      throw c.error(
          "unexpected " + c.describe() + " after " + (hasTimestamp ? "timestamp" : "value"));
    }
    samples.add(new ParsedSample(labels, value, hasTimestamp, timestamp));
  }

  /** Parses the metric name and label block that start at the cursor. */
  private static Labels parseSeries(Cursor c) throws ParseException {
    int nameStart = c.pos;
    String name = c.readMetricName();
    if (name == null) {
      throw c.errorAt(nameStart, "expected metric name, got " + c.describe());
    }
    Labels.Builder labels = Labels.builder().set(Labels.METRIC_NAME, name);
    c.skipBlanks();
    if (!c.atEnd() && c.peek() == '{') {
      c.pos++;
      parseLabels(c, labels);
    }
    return labels.build();
  }

  private boolean isExemplarStart(Cursor c) {
    // Exemplars are an OpenMetrics feature we skip; their content is not validated.
    return format == ExpositionFormat.OPENMETRICS && c.peek() == '#';
  }

  private long parseTimestamp(Cursor c, int start, String text) throws ParseException {
    if (format == ExpositionFormat.OPENMETRICS) {
      try {
        double seconds = GoFloat.parse(text);
        if (Double.isFinite(seconds)) {
          return Math.round(seconds * 1000);
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw c.errorAt(start, "expected a timestamp in seconds, got " + GoQuote.quote(text));
    }
    boolean digits = !text.isEmpty() && text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    if (digits) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw c.errorAt(start, "timestamp " + text + " out of range");
      }
    }
    throw c.errorAt(start, "expected a timestamp in milliseconds, got " + GoQuote.quote(text));
  }

  private static void parseLabels(Cursor c, Labels.Builder labels) throws ParseException {
    Set<String> seen = new HashSet<>();
    seen.add(Labels.METRIC_NAME);
    while (true) {
      c.skipBlanks();
      if (!c.atEnd() && c.peek() == '}') {
        c.pos++;
        return;
      }
      int nameStart = c.pos;
      String name = c.readLabelName();
      if (name == null) {
        throw c.error("expected label name or \"}\", got " + c.describe());
      }
      c.skipBlanks();
      if (c.atEnd() || c.peek() != '=') {
        throw c.error(
            "expected \"=\" after label name " + GoQuote.quote(name) + ", got " + c.describe());
      }
      c.pos++;
      c.skipBlanks();
      if (c.atEnd() || c.peek() != '"') {
        throw c.error(
            "expected quoted value for label " + GoQuote.quote(name) + ", got " + c.describe());
      }
      String value = c.readQuoted();
      if (!seen.add(name)) {
        throw c.errorAt(nameStart, "duplicate label name " + GoQuote.quote(name));
      }
      labels.set(name, value);
      c.skipBlanks();
      if (!c.atEnd() && c.peek() == ',') {
        c.pos++;
      } else if (!c.atEnd() && c.peek() == '}') {
        c.pos++;
        return;
      } else {
        throw c.error("expected \",\" or \"}\" after label value, got " + c.describe());
      }
    }
  }

  /** A position within one line. */
  private static final class Cursor {
    final String s;
    private final int line;
    private int pos;

    Cursor(String s, int line) {
      this.s = s;
      this.line = line;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return s.charAt(pos);
    }

    /** Skips spaces and tabs; whether there were any. */
    boolean skipBlanks() {
      int start = pos;
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
      return pos > start;
    }

    String rest() {
      String r = s.substring(pos);
      pos = s.length();
      return r;
    }

    /** Up to the next blank or the end of the line. */
    String readWord() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
        pos++;
      }
      return s.substring(start, pos);
    }

    String readMetricName() {
      int start = pos;
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        boolean ok =
            Names.isLetterOrUnderscore(ch) || ch == ':' || (pos > start && Names.isDigit(ch));
        if (!ok) {
          break;
        }
        pos++;
      }
      return pos > start ? s.substring(start, pos) : null;
    }

    /**
     * Where the series text starting here ends (after the metric name, or after the closing brace
     * of its label block), without moving; the current position when the text is malformed, so
     * the caller parses it for the precise error. Only quotes and escapes are tracked: whatever
     * the full parse would refuse inside the braces it still refuses on a cache miss.
     */
    int seriesEnd() {
      int i = pos;
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (!(Names.isLetterOrUnderscore(ch) || ch == ':' || (i > pos && Names.isDigit(ch)))) {
          break;
        }
        i++;
      }
      if (i == pos) {
        return pos;
      }
      int nameEnd = i;
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i == s.length() || s.charAt(i) != '{') {
        return nameEnd;
      }
      boolean quoted = false;
      for (i++; i < s.length(); i++) {
        char ch = s.charAt(i);
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
      return pos;
    }

    String readLabelName() {
      int start = pos;
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (!(Names.isLetterOrUnderscore(ch) || (pos > start && Names.isDigit(ch)))) {
          break;
        }
        pos++;
      }
      return pos > start ? s.substring(start, pos) : null;
    }

    /** A double-quoted label value starting at the current '"'. */
    String readQuoted() throws ParseException {
      int open = pos;
      pos++;
      StringBuilder sb = new StringBuilder();
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (ch == '"') {
          pos++;
          return sb.toString();
        }
        if (ch == '\\' && pos + 1 < s.length()) {
          char n = s.charAt(pos + 1);
          switch (n) {
            case '\\' -> sb.append('\\');
            case '"' -> sb.append('"');
            case 'n' -> sb.append('\n');
            default -> sb.append('\\').append(n);
          }
          pos += 2;
          continue;
        }
        sb.append(ch);
        pos++;
      }
      throw errorAt(open, "unterminated label value");
    }

    /** The next character for messages, or "end of line". */
    String describe() {
      if (atEnd()) {
        return "end of line";
      }
      return GoQuote.quote(s.substring(pos, s.offsetByCodePoints(pos, 1)));
    }

    ParseException error(String reason) {
      return errorAt(pos, reason);
    }

    ParseException errorAt(int at, String reason) {
      return new ParseException(line, at + 1, reason);
    }
  }
}
