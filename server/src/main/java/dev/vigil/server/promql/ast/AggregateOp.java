package dev.vigil.server.promql.ast;

import java.util.Locale;

/**
 * The aggregation operators, one row each: the type of the leading parameter (null when there is
 * none) and whether the operator is experimental (needs experimental functions enabled).
 */
public enum AggregateOp {
  SUM(null, false),
  AVG(null, false),
  COUNT(null, false),
  MIN(null, false),
  MAX(null, false),
  GROUP(null, false),
  STDDEV(null, false),
  STDVAR(null, false),
  TOPK(ValueType.SCALAR, false),
  BOTTOMK(ValueType.SCALAR, false),
  QUANTILE(ValueType.SCALAR, false),
  COUNT_VALUES(ValueType.STRING, false),
  LIMITK(ValueType.SCALAR, true),
  LIMIT_RATIO(ValueType.SCALAR, true);

  private final ValueType paramType;
  private final boolean experimental;

  AggregateOp(ValueType paramType, boolean experimental) {
    this.paramType = paramType;
    this.experimental = experimental;
  }

  /** The keyword as written in PromQL, e.g. {@code count_values}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type of the parameter before the vector ({@code topk(5, ...)}), or null. */
  public ValueType paramType() {
    return paramType;
  }

  public boolean hasParam() {
    return paramType != null;
  }

  public boolean isExperimental() {
    return experimental;
  }

  /** The operator for a keyword in any case, or null. */
  public static AggregateOp ofKeyword(String keyword) {
    String upper = keyword.toUpperCase(Locale.ROOT);
    for (AggregateOp op : values()) {
      if (op.name().equals(upper)) {
        return op;
      }
    }
    return null;
  }
}
