package dev.vigil.server.promql.test;

import dev.vigil.server.format.PromDuration;
import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.lexer.GoNumbers;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.storage.StaleNaN;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the promqltest script language into a {@link Script}; errors name file:line. */
public final class ScriptParser {

  private static final Pattern LOAD = Pattern.compile("^load(?:_with_nhcb)?\\s+(\\S+)$");
  private static final Pattern INSTANT =
      Pattern.compile("^eval(_fail|_warn|_info|_ordered)?\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
  private static final Pattern RANGE =
      Pattern.compile(
          "^eval(_fail|_warn|_info)?\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)"
              + "\\s+(.+)$");
  private static final Pattern EXPECT =
      Pattern.compile("^expect\\s+(fail|warn|no_warn|info|no_info|ordered)(?:\\s+(msg|regex):(.*))?$");
  private static final Pattern RANGE_VECTOR =
      Pattern.compile("^expect\\s+range\\s+vector\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)$");
  private static final Pattern STRING = Pattern.compile("^expect\\s+string\\s+(.*)$");

  private final PromqlParser selectors = new PromqlParser(ParserOptions.ALL);
  private final String file;

  private ScriptParser(String file) {
    this.file = file;
  }

  /** Parses a whole script; {@code file} names it in error messages. */
  public static Script parse(String file, String text) {
    return new ScriptParser(file).parse(text);
  }

  private Script parse(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = lines[i].strip();
      if (lines[i].startsWith("#")) {
        lines[i] = "";
      }
    }
    List<Script.Command> commands = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String l = lines[i];
      if (l.isEmpty()) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < lines.length && !lines[end].isEmpty()) {
        end++;
      }
      try {
        if (l.equals("clear")) {
          // clear is a one-line command: a load may follow on the very next line.
          commands.add(new Script.Clear(i + 1));
          end = i + 1;
        } else if (l.startsWith("load")) {
          commands.add(load(lines, i, end));
        } else if (l.startsWith("eval")) {
          commands.add(eval(lines, i, end));
        } else {
          throw new IllegalArgumentException("unknown command \"" + l + "\"");
        }
      } catch (AtLine e) {
        throw new IllegalArgumentException(file + ":" + (e.index + 1) + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
      i = end;
    }
    return new Script(file, commands);
  }

  /** An error about one line inside a command (0-based {@code index}), not the command's first. */
  private static final class AtLine extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int index;

    AtLine(int index, String message) {
      super(message);
      this.index = index;
    }
  }

  private Script.Load load(String[] lines, int at, int end) {
    Matcher m = LOAD.matcher(lines[at]);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid load command \"" + lines[at] + "\"");
    }
    long interval = PromDuration.parse(m.group(1)).toMillis();
    List<Script.SeriesLine> series = new ArrayList<>();
    boolean nhcb = lines[at].startsWith("load_with_nhcb");
    List<Labels> histogramSeries = new ArrayList<>();
    // A "metric@st offsets" line gives the start timestamps of the very next line's samples.
    Labels pendingLabels = null;
    List<Long> pendingOffsets = null;
    int pendingLine = 0;
    for (int i = at + 1; i < end; i++) {
      String[] parts = splitSeries(lines[i]);
      if (parts[0].endsWith("@st")) {
        if (pendingOffsets != null) {
          throw new AtLine(pendingLine, "@st line has no following sample line");
        }
        try {
          pendingLabels = labels(parts[0].substring(0, parts[0].length() - 3));
          pendingOffsets = StartTimestampSequence.parse(parts[1]);
        } catch (RuntimeException e) {
          throw new AtLine(i, e.getMessage());
        }
        pendingLine = i;
        continue;
      }
      Labels l = labels(parts[0]);
      List<Long> offsets = pendingOffsets;
      if (offsets != null && !l.equals(pendingLabels)) {
        throw new AtLine(
            pendingLine, "@st metric does not match the following sample line metric");
      }
      pendingOffsets = null;
      if (parts[1].contains("{{")) {
        histogramSeries.add(l);
        continue;
      }
      if (nhcb && l.metricName() != null) {
        // load_with_nhcb also stores each classic family as a native histogram named X.
        histogramSeries.add(
            l.without("le").toBuilder()
                .set(Labels.METRIC_NAME, l.metricName().replaceFirst("_(bucket|count|sum)$", ""))
                .build());
      }
      List<Double> values = values(parts[1], true);
      if (offsets != null && offsets.size() != values.size()) {
        throw new AtLine(
            pendingLine,
            "@st line has " + offsets.size() + " values but sample line has " + values.size());
      }
      series.add(new Script.SeriesLine(l, values, offsets));
    }
    if (pendingOffsets != null) {
      throw new AtLine(pendingLine, "@st line has no following sample line");
    }
    return new Script.Load(at + 1, interval, series, histogramSeries);
  }

  private Script.Eval eval(String[] lines, int at, int end) {
    String l = lines[at];
    Matcher mi = INSTANT.matcher(l);
    Matcher mr = RANGE.matcher(l);
    List<Script.Expectation> expectations = new ArrayList<>();
    boolean range;
    long start;
    long stop;
    long step = 0;
    String expr;
    String legacy;
    if (mi.matches()) {
      range = false;
      legacy = mi.group(1);
      start = stop = PromDuration.parse(mi.group(2)).toMillis();
      expr = mi.group(3);
    } else if (mr.matches()) {
      range = true;
      legacy = mr.group(1);
      start = PromDuration.parse(mr.group(2)).toMillis();
      stop = PromDuration.parse(mr.group(3)).toMillis();
      step = PromDuration.parse(mr.group(4)).toMillis();
      expr = mr.group(5);
      if (stop < start) {
        throw new IllegalArgumentException("end timestamp must not be before start time");
      }
    } else {
      throw new IllegalArgumentException("invalid eval command \"" + l + "\"");
    }
    if (legacy != null) {
      expectations.add(new Script.Expectation(legacy.substring(1), null, null));
    }
    List<Script.ExpectedSeries> series = new ArrayList<>();
    Double scalar = null;
    String string = null;
    long[] rangeVector = null;
    boolean histograms = false;
    for (int i = at + 1; i < end; i++) {
      String line = lines[i];
      Matcher e = EXPECT.matcher(line);
      Matcher rv = RANGE_VECTOR.matcher(line);
      Matcher sm = STRING.matcher(line);
      if (e.matches()) {
        String text = e.group(3) == null ? null : e.group(3).strip();
        expectations.add(
            new Script.Expectation(
                e.group(1),
                "msg".equals(e.group(2)) ? text : null,
                "regex".equals(e.group(2)) ? text : null));
      } else if (line.startsWith("expected_fail_message ")) {
        expectations.removeIf(x -> x.kind().equals("fail"));
        expectations.add(
            new Script.Expectation("fail", line.substring("expected_fail_message ".length()), null));
      } else if (line.startsWith("expected_fail_regexp ")) {
        expectations.removeIf(x -> x.kind().equals("fail"));
        expectations.add(
            new Script.Expectation("fail", null, line.substring("expected_fail_regexp ".length())));
      } else if (rv.matches()) {
        rangeVector =
            new long[] {
              PromDuration.parse(rv.group(1)).toMillis(),
              PromDuration.parse(rv.group(2)).toMillis(),
              PromDuration.parse(rv.group(3)).toMillis()
            };
      } else if (sm.matches()) {
        String q = sm.group(1).strip();
        string = q.substring(1, q.length() - 1);
      } else if (line.contains("{{")) {
        histograms = true;
      } else if (isNumber(line)) {
        scalar = number(line);
      } else {
        String[] parts = splitSeries(line);
        series.add(new Script.ExpectedSeries(labels(parts[0]), values(parts[1], false)));
      }
    }
    return new Script.Eval(
        at + 1, expr, range, start, stop, step, expectations, series, scalar, string,
        rangeVector, histograms);
  }

  /** Splits "metric{a="b c"} 1 2 3" into the selector and the values, honouring quotes. */
  private static String[] splitSeries(String line) {
    int i = 0;
    boolean inBraces = false;
    char quote = 0;
    for (; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '{') {
        inBraces = true;
      } else if (c == '}') {
        inBraces = false;
      } else if (Character.isWhitespace(c) && !inBraces) {
        break;
      }
    }
    return new String[] {line.substring(0, i), line.substring(i).strip()};
  }

  private Labels labels(String selector) {
    if (selector.replace(" ", "").equals("{}")) {
      return Labels.empty();
    }
    Labels.Builder b = Labels.builder();
    for (LabelMatcher m : selectors.parseMetricSelector(selector)) {
      b.set(m.name(), m.value());
    }
    return b.build();
  }

  private static boolean isNumber(String s) {
    try {
      number(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static double number(String s) {
    return switch (s) {
      case "Inf", "+Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
      case "NaN", "nan" -> Double.NaN;
      case "stale" -> StaleNaN.VALUE;
      default -> {
        if (s.startsWith("-")) {
          yield -GoNumbers.parse(s.substring(1));
        }
        yield GoNumbers.parse(s.startsWith("+") ? s.substring(1) : s);
      }
    };
  }

  /** Expanding notation: N, _, _xK, AxK, A+BxK, A-BxK, stale. */
  static List<Double> values(String text, boolean load) {
    List<Double> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String tok : text.split("\\s+")) {
      if (tok.equals("_")) {
        out.add(null);
        continue;
      }
      int x = tok.lastIndexOf('x');
      boolean expanding =
          x > 0 && x < tok.length() - 1 && tok.substring(x + 1).chars().allMatch(Character::isDigit);
      if (!expanding) {
        out.add(number(tok));
        continue;
      }
      int times = Integer.parseInt(tok.substring(x + 1));
      String base = tok.substring(0, x);
      if (base.equals("_")) {
        for (int k = 0; k < times; k++) {
          out.add(null);
        }
        continue;
      }
      int op = -1;
      for (int k = 1; k < base.length(); k++) {
        char c = base.charAt(k);
        char prev = base.charAt(k - 1);
        if ((c == '+' || c == '-') && prev != 'e' && prev != 'E') {
          op = k;
          break;
        }
      }
      double a = number(op < 0 ? base : base.substring(0, op));
      double d = op < 0 ? 0 : number(base.substring(op + 1));
      if (op >= 0 && base.charAt(op) == '-') {
        d = -d;
      }
      double v = a;
      for (int k = 0; k <= times; k++) {
        out.add(v);
        // Go's promqltest adds the step repeatedly, not a*k: keep its rounding.
        v += d;
      }
    }
    return out;
  }
}
