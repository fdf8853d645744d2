package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.value.Value;
import java.util.List;

/** A query's value with the warnings and infos (annotations) raised while computing it. */
public record QueryResult(
    Value value, List<String> warnings, List<String> infos, QueryStats stats) {
  public QueryResult {
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  public QueryResult(Value value, List<String> warnings, List<String> infos) {
    this(value, warnings, infos, QueryStats.NONE);
  }
}
