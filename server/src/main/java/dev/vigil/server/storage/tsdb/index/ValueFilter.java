package dev.vigil.server.storage.tsdb.index;

import dev.vigil.server.model.LabelMatcher;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A test on non-empty label values derived from a {@link LabelMatcher}, possibly inverted, that
 * knows when it accepts only a known set of values so an index can look them up instead of scanning
 * every value of the label.
 */
public final class ValueFilter {

  private final Set<String> exactValues;
  private final Predicate<String> test;

  private ValueFilter(Set<String> exactValues, Predicate<String> test) {
    this.exactValues = exactValues;
    this.test = test;
  }

  /** The filter for values that {@code m} accepts, or rejects when {@code inverted}. */
  public static ValueFilter of(LabelMatcher m, boolean inverted) {
    boolean positive =
        (m.type() == LabelMatcher.Type.EQUAL || m.type() == LabelMatcher.Type.REGEX) != inverted;
    boolean regex = m.type() == LabelMatcher.Type.REGEX || m.type() == LabelMatcher.Type.NOT_REGEX;
    if (!regex) {
      String v = m.value();
      return positive
          ? new ValueFilter(Set.of(v), v::equals)
          : new ValueFilter(null, x -> !x.equals(v));
    }
    RegexShape shape = RegexShape.of(m.value());
    // The regex itself, before any negation of !~ (LabelMatcher.matches already negates it).
    Predicate<String> accepts =
        shape != null
            ? shape::matches
            : m.type() == LabelMatcher.Type.REGEX ? m::matches : v -> !m.matches(v);
    if (positive && shape != null && shape.literals() != null) {
      return new ValueFilter(shape.literals(), accepts);
    }
    return positive ? new ValueFilter(null, accepts) : new ValueFilter(null, accepts.negate());
  }

  /** The only values accepted, when that set is known; null when values must be scanned. */
  public Set<String> exactValues() {
    return exactValues;
  }

  /** Whether {@code value} passes. */
  public boolean test(String value) {
    return test.test(value);
  }
}
