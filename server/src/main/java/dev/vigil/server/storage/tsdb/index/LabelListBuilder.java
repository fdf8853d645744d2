package dev.vigil.server.storage.tsdb.index;

import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Gathers the sorted, distinct label names (or the values of one label) of the series a label
 * query selects, for the head's and the blocks' queriers alike.
 */
public final class LabelListBuilder {
  private final TreeSet<String> seen = new TreeSet<>();
  private final String valuesOf; // null: gather names

  private LabelListBuilder(String valuesOf) {
    this.valuesOf = valuesOf;
  }

  /** A builder of the label names that appear in the added label sets. */
  public static LabelListBuilder names() {
    return new LabelListBuilder(null);
  }

  /** A builder of the values the label {@code name} takes in the added label sets. */
  public static LabelListBuilder valuesOf(String name) {
    return new LabelListBuilder(name);
  }

  /** Adds one series' label set. */
  public void add(Labels labels) {
    if (valuesOf == null) {
      for (int i = 0; i < labels.size(); i++) {
        seen.add(labels.name(i));
      }
    } else {
      String v = labels.get(valuesOf);
      if (v != null) {
        seen.add(v); // a series without the label adds nothing, not an empty value
      }
    }
  }

  /** The names or values seen so far, sorted and distinct. */
  public List<String> build() {
    return new ArrayList<>(seen);
  }
}
