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
 *
 * <p>The merged label sets hold canonical ({@link String#intern() interned}) names and values.
 * They live as long as their series in the target's {@link SeriesCache}, and the parser gives
 * every line fresh strings: without this, each cached series kept its own copies of {@code
 * method}, {@code GET}, its metric name and so on (~350 of the ~1,500 bytes a series cost at
 * 100k series). With them canonical, the head's index (which keeps the first instance of each
 * string it sees) finds nothing to replace and stores the cache's label set itself, so the two
 * share one object per series. Interning costs a lookup per label on a cache miss only.
 */
final class LabelMerger {

  private static final String EXPORTED_PREFIX = "exported_";

  private final Labels targetLabels;
  private final boolean honorLabels;

  LabelMerger(Labels targetLabels, boolean honorLabels) {
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < targetLabels.size(); i++) {
      b.set(targetLabels.name(i).intern(), targetLabels.value(i).intern());
    }
    this.targetLabels = b.build();
    this.honorLabels = honorLabels;
  }

  Labels apply(Labels exposed) {
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < exposed.size(); i++) {
      b.set(exposed.name(i).intern(), exposed.value(i).intern());
    }
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
        conflicting.add(new Label(l.name(), existing.intern()));
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
      b.set(name.intern(), l.value());
    }
    return b.build();
  }
}
