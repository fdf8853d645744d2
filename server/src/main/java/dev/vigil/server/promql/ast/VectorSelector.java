package dev.vigil.server.promql.ast;

import dev.vigil.server.model.LabelMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m @ 1000}.
 *
 * <p>{@code name} is the metric name written before the braces, or "" when there is none. As in
 * Prometheus, that name is also present as the last matcher ({@code __name__="..."}), so the
 * matchers alone describe the selection. {@code offset} is a fixed offset (zero when none); {@code
 * offsetExpr} is set instead when the offset is a duration expression. {@code at} is null when
 * there is no {@code @} modifier.
 */
public record VectorSelector(
    String name,
    List<LabelMatcher> matchers,
    Duration offset,
    DurationExpr offsetExpr,
    AtModifier at,
    RangeModifier rangeModifier,
    PositionRange positionRange)
    implements Expr {

  public VectorSelector {
    Objects.requireNonNull(name, "name");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(rangeModifier, "rangeModifier");
    Objects.requireNonNull(positionRange, "positionRange");
  }

  /** A plain selector without modifiers. */
  public static VectorSelector of(String name, List<LabelMatcher> matchers, PositionRange range) {
    return new VectorSelector(name, matchers, Duration.ZERO, null, null, RangeModifier.NONE, range);
  }

  /** Whether an {@code offset} was given (a non-zero duration or an expression). */
  public boolean hasOffset() {
    return !offset.isZero() || offsetExpr != null;
  }

  public VectorSelector withOffset(Duration o, DurationExpr oExpr, PositionRange range) {
    return new VectorSelector(name, matchers, o, oExpr, at, rangeModifier, range);
  }

  public VectorSelector withAt(AtModifier a, PositionRange range) {
    return new VectorSelector(name, matchers, offset, offsetExpr, a, rangeModifier, range);
  }

  public VectorSelector withRangeModifier(RangeModifier m) {
    return new VectorSelector(name, matchers, offset, offsetExpr, at, m, positionRange);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
