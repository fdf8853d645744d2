package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.ast.PositionRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects a query's warnings and infos, worded as Prometheus's API shows them: {@code PromQL
 * warning: <text> (line:col)}. Duplicates (the same note at many steps) are kept once.
 */
final class Annotations {

  private final String query;
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Set<String> infos = new LinkedHashSet<>();
  /** For counted warnings (keyed by text without position): occurrences and first position. */
  private final Map<String, Integer> counts = new HashMap<>();

  private final Map<String, String> countedAt = new HashMap<>();

  Annotations(String query) {
    this.query = query;
  }

  void warn(String text, PositionRange where) {
    warnings.add("PromQL warning: " + text + position(where));
  }

  /**
   * A warning Prometheus counts instead of deduplicating: repeats of {@code text} (wherever they
   * are) become one "(N occurrences)" warning at the first one's position.
   */
  void warnCounted(String text, PositionRange where) {
    String key = "PromQL warning: " + text;
    warnings.add(key);
    counts.merge(key, 1, Integer::sum);
    countedAt.putIfAbsent(key, position(where));
  }

  void info(String text, PositionRange where) {
    infos.add("PromQL info: " + text + position(where));
  }

  private String position(PositionRange where) {
    if (where == null || query == null) {
      return "";
    }
    return " (" + where.lineColumn(query) + ")";
  }

  List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (String w : warnings) {
      Integer n = counts.get(w);
      if (n == null) {
        out.add(w);
      } else {
        out.add(w + (n > 1 ? " (" + n + " occurrences)" : "") + countedAt.get(w));
      }
    }
    return out;
  }

  List<String> infos() {
    return new ArrayList<>(infos);
  }
}
