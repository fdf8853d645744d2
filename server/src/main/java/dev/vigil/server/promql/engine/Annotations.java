package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.ast.PositionRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects a query's warnings and infos, worded as Prometheus's API shows them: {@code PromQL
 * warning: <text> (line:col)}. Duplicates (the same note at many steps) are kept once.
 */
final class Annotations {

  private final String query;
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Set<String> infos = new LinkedHashSet<>();

  Annotations(String query) {
    this.query = query;
  }

  void warn(String text, PositionRange where) {
    warnings.add("PromQL warning: " + text + position(where));
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
    return new ArrayList<>(warnings);
  }

  List<String> infos() {
    return new ArrayList<>(infos);
  }
}
