package dev.vigil.server.promql;

import dev.vigil.server.model.LabelMatcher;
import java.util.List;

/**
 * A parsed instant vector selector: the matchers, including {@code __name__="..."} when the metric
 * name was given.
 *
 * @param metricName the name as written before the braces or quoted inside them, or null
 */
public record Selector(String metricName, List<LabelMatcher> matchers) {

  public Selector {
    matchers = List.copyOf(matchers);
  }
}
