package dev.vigil.server.telemetry;

import dev.vigil.server.format.Names;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One named metric with its help text, type and label names, holding one child per label-value
 * combination. Thread-safe.
 *
 * @param <C> the child type that holds a value
 */
public abstract sealed class MetricFamily<C> permits Counter, Gauge, Summary {

  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, C> children = new ConcurrentHashMap<>();
  private final Function<List<String>, C> childFactory;

  MetricFamily(
      String name, String help, List<String> labelNames, Function<List<String>, C> childFactory) {
    if (!Names.isValidMetricName(name)) {
      throw new IllegalArgumentException("invalid metric name \"" + name + "\"");
    }
    for (String l : labelNames) {
      if (!Names.isValidLabelName(l) || l.startsWith("__")) {
        throw new IllegalArgumentException("invalid label name \"" + l + "\" in " + name);
      }
    }
    this.name = name;
    this.help = help;
    this.labelNames = List.copyOf(labelNames);
    this.childFactory = childFactory;
    if (labelNames.isEmpty()) {
      // An unlabelled metric is exposed from the start, at zero, as client libraries do.
      children.put(List.of(), childFactory.apply(List.of()));
    }
  }

  public String name() {
    return name;
  }

  public String help() {
    return help;
  }

  public List<String> labelNames() {
    return labelNames;
  }

  /** The text-format type word: {@code counter} or {@code gauge}. */
  public abstract String type();

  /** The child for these label values, created on first use; one value per label name. */
  public C labels(String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(
          name + " has labels " + labelNames + " but got values " + Arrays.toString(labelValues));
    }
    return children.computeIfAbsent(List.of(labelValues), childFactory);
  }

  /** Removes one child, e.g. when a scrape pool goes away; its series leaves /metrics. */
  public void remove(String... labelValues) {
    children.remove(List.of(labelValues));
  }

  /** A snapshot of the children for writing. */
  Map<List<String>, C> children() {
    return Map.copyOf(children);
  }

  /** The current value of one child. */
  abstract double valueOf(C child);
}
