package dev.vigil.server.promql.value;

import java.util.List;

/** A range vector: series with points, as range selectors, subqueries and range queries give. */
public record Matrix(List<RangeSeries> series) implements Value {
  public Matrix {
    series = List.copyOf(series);
  }

  @Override
  public String typeName() {
    return "matrix";
  }
}
