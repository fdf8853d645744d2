package dev.vigil.server.promql.value;

import dev.vigil.server.model.Labels;
import java.util.List;

/** One series of a range vector: labels and points in time order. */
public record RangeSeries(Labels labels, List<Point> points, boolean dropName) {
  public RangeSeries {
    points = List.copyOf(points);
  }
}
