package dev.vigil.server.scrape;

import dev.vigil.server.format.GoFloat;
import dev.vigil.server.format.GoQuote;
import dev.vigil.server.format.Names;
import dev.vigil.server.format.Utf8;
import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

  private final ExpositionFormat format;
  private final List<ParsedSample> samples = new ArrayList<>();
  private final Map<String, String> types = new HashMap<>();
  private final Map<String, String> helps = new HashMap<>();
  private boolean sawEof;

  // With a series cache (a scrape loop's parse): the body and the current line's series text.
  private final SeriesCache cache;
  private final ScrapedSamples out;
  private byte[] body;
  /** The end of the body in {@link #body}: a scrape's read buffer is reused and may be longer. */
  private int bodyEnd;
  private int keyFrom;
  private int keyTo;

  private TextFormatParser(ExpositionFormat format, SeriesCache cache, ScrapedSamples out) {
    this.format = format;
    this.cache = cache;
    this.out = out;
  }

  /** Parses a response body, which must be valid UTF-8. */
  public static Exposition parse(byte[] body, ExpositionFormat format) throws ParseException {
    checkUtf8(body, body.length);
    return parse(new String(body, StandardCharsets.UTF_8), format);
  }

  /** Parses exposition text. */
  public static Exposition parse(String text, ExpositionFormat format) throws ParseException {
    TextFormatParser p = new TextFormatParser(format, null, null);
    p.parseAll(text);
    return new Exposition(p.samples, p.metadata());
  }

  /**
   * Parses a response body, which must be valid UTF-8, the way a scrape loop does: each sample's
   * series comes from {@code cache} (parsed, merged with the target's labels and cached on a
   * miss, which the cache records as seen) and the samples go to {@code out}, which is cleared
   * first. Known series in the common forms are handled on the body's bytes without allocating;
   * every other line takes the general path, which gives the same result and the same errors.
   *
   * @return the families' metadata
   */
  static Map<String, MetricMetadata> parse(
      byte[] body, ExpositionFormat format, SeriesCache cache, ScrapedSamples out)
      throws ParseException {
    return parse(body, body.length, format, cache, out);
  }

  /**
   * {@link #parse(byte[], ExpositionFormat, SeriesCache, ScrapedSamples)} of the body {@code
   * body[0, length)}, as a scrape reads it into a buffer it reuses; bytes past it are ignored.
   */
  static Map<String, MetricMetadata> parse(
      byte[] body, int length, ExpositionFormat format, SeriesCache cache, ScrapedSamples out)
      throws ParseException {
    if (length < 0 || length > body.length) {
      throw new IllegalArgumentException("body length " + length + " outside 0.." + body.length);
    }
    checkUtf8(body, length);
    out.clear();
    TextFormatParser p = new TextFormatParser(format, cache, out);
    p.parseAll(body, length);
    return p.metadata();
  }

  /** {@link #parse(byte[], ExpositionFormat, SeriesCache, ScrapedSamples)} as an exposition. */
  static Exposition parse(byte[] body, ExpositionFormat format, SeriesCache cache)
      throws ParseException {
    ScrapedSamples out = new ScrapedSamples();
    Map<String, MetricMetadata> metadata = parse(body, format, cache, out);
    List<ParsedSample> samples = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      samples.add(
          new ParsedSample(
              out.series(i).labels, out.value(i), out.hasTimestamp(i), out.timestamp(i)));
    }
    return new Exposition(samples, metadata);
  }

  private static void checkUtf8(byte[] body, int length) throws ParseException {
    // ASCII is valid UTF-8 and no multi-byte sequence starts with an ASCII byte.
    int bad = Utf8.firstInvalid(body, FastSampleLine.firstNonAscii(body, length), length);
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
  }

  private Map<String, MetricMetadata> metadata() {
    return cachesComments() ? cache.metadata() : metadata(types, helps);
  }

  /** Every family that has a TYPE or a HELP, with both (empty when absent). */
  static Map<String, MetricMetadata> metadata(Map<String, String> types, Map<String, String> helps) {
    Map<String, MetricMetadata> out = new HashMap<>();
    Set<String> names = new HashSet<>(types.keySet());
    names.addAll(helps.keySet());
    for (String n : names) {
      out.put(n, new MetricMetadata(types.getOrDefault(n, ""), helps.getOrDefault(n, "")));
    }
    return out;
  }

  /**
   * Whether comment lines go through the series cache: only in a cached parse of the text format
   * (OpenMetrics comments include # EOF, which is state, not metadata).
   */
  boolean cachesComments() {
    return cache != null && format == ExpositionFormat.PROMETHEUS_TEXT;
  }

  /** Records a comment line the cache knows (the fast path) or has just learnt (the general one). */
  boolean knownComment(SeriesCache.Entry e) {
    cache.markSeen(e);
    cache.addComment(e);
    return true;
  }

  /** What a TYPE ({@code isType}) or HELP line says about family {@code name}. */
  record MetadataComment(String name, boolean isType, String value) {}

  private void parseAll(String text) throws ParseException {
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      lineNo++;
      // Tolerate CRLF line ends from hand-written exporters.
      int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      LineCursor c = new LineCursor(text.substring(start, contentEnd), lineNo);
      start = end + 1;
      parseLine(c);
    }
    checkEnd(lineNo);
  }

  /** The byte-level loop of a cached parse: the fast path per line, else the general one. */
  private void parseAll(byte[] bytes, int length) throws ParseException {
    body = bytes;
    bodyEnd = length;
    int lineNo = 0;
    int start = 0;
    // The loop body is one call on purpose. When it held the per-line work, C2 compiled all of it
    // (fast path, cache lookup, decimal parsing: ~4.7 KB of bytecode inlined) twice, once as an
    // OSR compile of this long-running loop and once as a normal one. Now the per-line method is
    // hot by invocations, gets its own compile first, and is then too big to inline here.
    while (start < length) {
      start = parseLine(bytes, start, ++lineNo);
    }
    checkEnd(lineNo);
  }

  /** Parses the line of {@link #body} that starts at {@code start}; returns the next's start. */
  private int parseLine(byte[] bytes, int start, int lineNo) throws ParseException {
    if (!sawEof) {
      int next = FastSampleLine.parseExpected(this, bytes, start, bodyEnd);
      if (next >= 0) {
        return next;
      }
    }
    int end = lineEnd(bytes, start, bodyEnd);
    // Tolerate CRLF line ends from hand-written exporters.
    int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
    if (sawEof || !FastSampleLine.parse(this, bytes, start, contentEnd)) {
      parseLine(
          new LineCursor(
              new String(bytes, start, contentEnd - start, StandardCharsets.UTF_8), lineNo));
    }
    return end + 1;
  }

  /** The index of the line end at or after {@code from}, or {@code to} (the body's end). */
  private static int lineEnd(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && bytes[i] != '\n') {
      i++;
    }
    return i;
  }

  private void checkEnd(int lineNo) throws ParseException {
    if (format == ExpositionFormat.OPENMETRICS && !sawEof) {
      throw new ParseException(Math.max(lineNo, 1), 1, "data does not end with # EOF");
    }
  }

  ExpositionFormat format() {
    return format;
  }

  SeriesCache cache() {
    return cache;
  }

  /** Tells the general path where the current line's series text is in the body. */
  void seriesKey(int from, int to) {
    keyFrom = from;
    keyTo = to;
  }

  /** Records a sample of a cached parse. */
  void emit(SeriesCache.Entry series, double value, boolean hasTimestamp, long timestamp) {
    cache.markSeen(series);
    out.add(series, value, hasTimestamp, timestamp);
  }

  private void parseLine(LineCursor c) throws ParseException {
    if (sawEof) {
      if (!c.s.isBlank()) {
        throw c.error("unexpected content after # EOF");
      }
      return;
    }
    c.skipBlanks();
    if (c.atEnd()) {
      return;
    }
    if (c.peek() == '#') {
      MetadataComment m = parseComment(c);
      if (cachesComments()) {
        SeriesCache.Entry e = cache.get(body, keyFrom, keyTo);
        knownComment(e != null ? e : cache.putComment(body, keyFrom, keyTo, m));
      } else if (m != null) {
        (m.isType() ? types : helps).put(m.name(), m.value());
      }
    } else {
      parseSample(c);
    }
  }

  /**
   * Parses a comment line; returns what it says about a family (TYPE or HELP), or null for other
   * comments.
   */
  private MetadataComment parseComment(LineCursor c) throws ParseException {
    c.pos++; // '#'
    if (!c.skipBlanks()) {
      return null; // "#HELP ..." and the like are plain comments.
    }
    String word = c.readWord();
    boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
    if (openMetrics && word.equals("EOF") && c.atEnd()) {
      sawEof = true;
      return null;
    }
    boolean isType = word.equals("TYPE");
    boolean isHelp = word.equals("HELP");
    boolean isUnit = openMetrics && word.equals("UNIT");
    if (!(isType || isHelp || isUnit) || !c.skipBlanks()) {
      return null; // An ordinary comment (UNIT is not kept).
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
      return new MetadataComment(name, true, type);
    } else if (isHelp) {
      return new MetadataComment(name, false, unescapeHelp(rest));
    }
    return null;
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

  private void parseSample(LineCursor c) throws ParseException {
    Labels labels;
    SeriesCache.Entry entry = null;
    if (cache == null) {
      labels = parseSeries(c);
    } else {
      // The byte-level pass delimited the series text the same way (it splits on the same ASCII
      // characters), so a known text is not parsed again; an undelimitable one is malformed and
      // parseSeries throws the precise error.
      entry = keyTo > keyFrom ? cache.get(body, keyFrom, keyTo) : null;
      if (entry != null) {
        c.pos = c.seriesEnd();
      } else {
        Labels exposed = parseSeries(c);
        entry =
            keyTo > keyFrom ? cache.put(body, keyFrom, keyTo, exposed) : cache.uncached(exposed);
      }
      labels = entry.labels;
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
      value = parseValue(valueText);
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
    if (entry != null) {
      emit(entry, value, hasTimestamp, timestamp);
    } else {
      samples.add(new ParsedSample(labels, value, hasTimestamp, timestamp));
    }
  }

  /**
   * A sample value: the usual spellings through {@link FastDecimal} (the same result as {@link
   * GoFloat#parse}), the rest through GoFloat. A first scrape takes this path for every line, and
   * GoFloat's regex and {@code Double.parseDouble} then ran thousands of times, enough to make C2
   * compile the regex engine; FastDecimal is compiled for the steady path anyway.
   */
  private static double parseValue(String text) {
    int n = text.length();
    if (n > 0 && n <= 64) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        char ch = text.charAt(i);
        if (ch >= 0x80) {
          return GoFloat.parse(text);
        }
        b[i] = (byte) ch;
      }
      long bits = FastDecimal.parseBits(b, 0, n);
      if (bits != FastDecimal.FAIL) {
        return Double.longBitsToDouble(bits);
      }
    }
    return GoFloat.parse(text);
  }

  /** Parses the metric name and label block that start at the cursor. */
  private static Labels parseSeries(LineCursor c) throws ParseException {
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

  private boolean isExemplarStart(LineCursor c) {
    // Exemplars are an OpenMetrics feature we skip; their content is not validated.
    return format == ExpositionFormat.OPENMETRICS && c.peek() == '#';
  }

  private long parseTimestamp(LineCursor c, int start, String text) throws ParseException {
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

  private static void parseLabels(LineCursor c, Labels.Builder labels) throws ParseException {
    // The names so far, for the duplicate check: a handful per line, so a scan of an array beats
    // a HashSet, and a first scrape (every line takes this path) does not make HashSet.add hot.
    String[] seen = new String[8];
    int seenCount = 0;
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
      if (name.equals(Labels.METRIC_NAME) || contains(seen, seenCount, name)) {
        throw c.errorAt(nameStart, "duplicate label name " + GoQuote.quote(name));
      }
      if (seenCount == seen.length) {
        seen = Arrays.copyOf(seen, seenCount * 2);
      }
      seen[seenCount++] = name;
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

  private static boolean contains(String[] names, int count, String name) {
    for (int i = 0; i < count; i++) {
      if (names[i].equals(name)) {
        return true;
      }
    }
    return false;
  }
}
