package dev.vigil.server.telemetry;

import dev.vigil.server.format.GoFloat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes metric families in the Prometheus text format 0.0.4: HELP and TYPE lines, then one line
 * per child, children in label-value order so the output is stable.
 */
final class TextFormatWriter {

  private TextFormatWriter() {}

  static void write(Collection<? extends MetricFamily<?>> families, StringBuilder out) {
    for (MetricFamily<?> f : families) {
      writeFamily(f, out);
    }
  }

  private static <C> void writeFamily(MetricFamily<C> f, StringBuilder out) {
    Map<List<String>, C> children = f.children();
    if (children.isEmpty()) {
      return;
    }
    out.append("# HELP ").append(f.name()).append(' ');
    escapeHelp(f.help(), out);
    out.append('\n');
    out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
    List<Map.Entry<List<String>, C>> sorted = new ArrayList<>(children.entrySet());
    sorted.sort(Map.Entry.comparingByKey(TextFormatWriter::compareValues));
    if (f instanceof Summary summary) {
      // Unlabelled by construction: one _sum and one _count line.
      Summary.Child c = summary.labels();
      out.append(f.name()).append("_sum ").append(GoFloat.formatG(c.sum())).append('\n');
      out.append(f.name()).append("_count ").append(GoFloat.formatG(c.count())).append('\n');
      return;
    }
    for (Map.Entry<List<String>, C> e : sorted) {
      out.append(f.name());
      List<String> values = e.getKey();
      if (!values.isEmpty()) {
        out.append('{');
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append(f.labelNames().get(i)).append("=\"");
          escapeLabelValue(values.get(i), out);
          out.append('"');
        }
        out.append('}');
      }
      out.append(' ').append(GoFloat.formatG(f.valueOf(e.getValue()))).append('\n');
    }
  }

  private static int compareValues(List<String> a, List<String> b) {
    Comparator<String> c = Comparator.naturalOrder();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int r = c.compare(a.get(i), b.get(i));
      if (r != 0) {
        return r;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static void escapeHelp(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  private static void escapeLabelValue(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }
}
