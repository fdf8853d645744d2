package dev.vigil.server.scrape;

import dev.vigil.server.model.Label;
import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Adds a target's labels to each scraped sample. With {@code honor_labels: false} the target's
 * labels win and a clashing exposed label is kept as {@code exported_<name>}; with {@code true} the
 * exposed labels win.
 */
final class LabelMerger {

  private static final String EXPORTED_PREFIX = "exported_";

  private final Labels targetLabels;
  private final boolean honorLabels;

  LabelMerger(Labels targetLabels, boolean honorLabels) {
    this.targetLabels = targetLabels;
    this.honorLabels = honorLabels;
  }

  Labels apply(Labels exposed) {
    Labels.Builder b = exposed.toBuilder();
    if (honorLabels) {
      for (Label l : targetLabels) {
        if (!exposed.has(l.name())) {
          b.set(l.name(), l.value());
        }
      }
      return b.build();
    }
    List<Label> conflicting = new ArrayList<>();
    for (Label l : targetLabels) {
      String existing = exposed.get(l.name());
      if (existing != null) {
        conflicting.add(new Label(l.name(), existing));
      }
      b.set(l.name(), l.value());
    }
    // Shorter names first, as Prometheus does, so the outcome of a chain of clashes
    // (job, exported_job, ...) does not depend on label order.
    conflicting.sort(Comparator.comparingInt(l -> l.name().length()));
    for (Label l : conflicting) {
      String name = l.name();
      do {
        name = EXPORTED_PREFIX + name;
      } while (b.get(name) != null);
      b.set(name, l.value());
    }
    return b.build();
  }
}
