package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a Prometheus text-format (0.0.4) file as node_exporter's textfile collector reads it:
 * {@code # HELP}/{@code # TYPE} lines and samples {@code name{label="value",...} value}. A
 * client-side timestamp is an error, as in node_exporter; any issue makes the caller drop the
 * whole file.
 */
final class TextfileParser implements Parser<List<TextfileParser.Line>> {

  static final TextfileParser INSTANCE = new TextfileParser();

  /**
   * One sample with the family's declared type ({@code untyped} when none) and help text.
   *
   * @param labels name/value pairs in file order
   */
  record Line(String name, String type, String help, List<String> labels, double value) {}

  private TextfileParser() {}

  @Override
  public List<Line> parse(String text, ParseIssues issues) {
    Map<String, String> types = new HashMap<>();
    Map<String, String> helps = new HashMap<>();
    List<Line> lines = new ArrayList<>();
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].strip();
      int lineNo = i + 1;
      if (row.isEmpty()) {
        continue;
      }
      if (row.startsWith("#")) {
        comment(row, types, helps, issues, lineNo);
        continue;
      }
      try {
        lines.add(sample(row, types, helps));
      } catch (IllegalArgumentException e) {
        issues.add(lineNo, e.getMessage());
      }
    }
    return lines;
  }

  private static void comment(
      String row,
      Map<String, String> types,
      Map<String, String> helps,
      ParseIssues issues,
      int lineNo) {
    String[] parts = row.substring(1).strip().split("\\s+", 3);
    if (parts.length < 2 || !(parts[0].equals("TYPE") || parts[0].equals("HELP"))) {
      return; // an ordinary comment
    }
    String rest = parts.length > 2 ? parts[2] : "";
    if (parts[0].equals("HELP")) {
      helps.put(parts[1], rest.replace("\\n", "\n").replace("\\\\", "\\"));
      return;
    }
    if (!List.of("counter", "gauge", "untyped", "histogram", "summary").contains(rest)) {
      issues.add(lineNo, "unknown metric type \"" + rest + "\"");
      return;
    }
    types.put(parts[1], rest);
  }

  private static Line sample(String row, Map<String, String> types, Map<String, String> helps) {
    int i = 0;
    while (i < row.length() && isNameChar(row.charAt(i), i == 0)) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("expected a metric name at column 1");
    }
    String name = row.substring(0, i);
    List<String> labels = new ArrayList<>();
    if (i < row.length() && row.charAt(i) == '{') {
      i = labels(row, i + 1, labels);
    }
    String[] rest = Whitespace.split(row.substring(i).strip());
    if (rest.length == 0 || rest[0].isEmpty()) {
      throw new IllegalArgumentException("missing value for " + name);
    }
    if (rest.length > 1) {
      throw new IllegalArgumentException(
          "textfile contains unsupported client-side timestamp for " + name);
    }
    double value = value(rest[0], name);
    String family = familyOf(name, types);
    return new Line(
        name,
        types.getOrDefault(family, "untyped"),
        helps.getOrDefault(family, "Metric read from a textfile."),
        List.copyOf(labels),
        value);
  }

  /** The family a sample belongs to: itself, or for summaries and histograms its base name. */
  private static String familyOf(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count", "_total")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return name;
  }

  /** Reads {@code name="value",...}} from {@code start}; returns the index after the brace. */
  private static int labels(String row, int start, List<String> out) {
    int i = start;
    while (true) {
      while (i < row.length() && row.charAt(i) == ' ') {
        i++;
      }
      if (i < row.length() && row.charAt(i) == '}') {
        return i + 1;
      }
      int nameStart = i;
      while (i < row.length() && isNameChar(row.charAt(i), i == nameStart)) {
        i++;
      }
      boolean opensValue =
          i > nameStart && i + 1 < row.length() && row.charAt(i) == '=' && row.charAt(i + 1) == '"';
      if (!opensValue) {
        throw new IllegalArgumentException("malformed label at column " + (i + 1));
      }
      String labelName = row.substring(nameStart, i);
      i += 2;
      StringBuilder value = new StringBuilder();
      while (i < row.length() && row.charAt(i) != '"') {
        char c = row.charAt(i);
        if (c == '\\' && i + 1 < row.length()) {
          char next = row.charAt(++i);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
        i++;
      }
      if (i >= row.length()) {
        throw new IllegalArgumentException("unterminated label value for " + labelName);
      }
      out.add(labelName);
      out.add(value.toString());
      i++;
      if (i < row.length() && row.charAt(i) == ',') {
        i++;
      } else if (i >= row.length() || row.charAt(i) != '}') {
        throw new IllegalArgumentException("expected ',' or '}' at column " + (i + 1));
      }
    }
  }

  private static double value(String text, String name) {
    switch (text) {
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("\"" + text + "\" is not a value for " + name);
        }
      }
    }
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_'
        || c == ':'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (!first && c >= '0' && c <= '9');
  }
}
