package dev.vigil.server.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * How the two sides of a vector/vector binary operation are matched: {@code on}/{@code ignoring}
 * labels, {@code group_left}/{@code group_right} with extra labels, and the experimental fill
 * values for series missing on one side (null when not filled).
 */
public record VectorMatching(
    Cardinality cardinality,
    List<String> matchingLabels,
    boolean on,
    List<String> include,
    Double fillLhs,
    Double fillRhs) {

  /** Matching cardinality. */
  public enum Cardinality {
    ONE_TO_ONE("one-to-one"),
    MANY_TO_ONE("many-to-one"),
    ONE_TO_MANY("one-to-many"),
    MANY_TO_MANY("many-to-many");

    private final String text;

    Cardinality(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  public VectorMatching {
    Objects.requireNonNull(cardinality, "cardinality");
    matchingLabels = List.copyOf(matchingLabels);
    include = List.copyOf(include);
  }

  /** Plain one-to-one matching on all labels. */
  public static VectorMatching oneToOne() {
    return new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of(), null, null);
  }

  public VectorMatching withCardinality(Cardinality c) {
    return new VectorMatching(c, matchingLabels, on, include, fillLhs, fillRhs);
  }

  public boolean hasFill() {
    return fillLhs != null || fillRhs != null;
  }
}
