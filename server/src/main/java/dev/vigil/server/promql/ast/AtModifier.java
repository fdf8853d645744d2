package dev.vigil.server.promql.ast;

import java.util.Objects;

/** The {@code @} modifier: a fixed Unix time in milliseconds, or the query's start or end. */
public record AtModifier(Kind kind, long timestampMillis) {

  /** What the modifier pins evaluation to. */
  public enum Kind {
    TIMESTAMP,
    START,
    END
  }

  public static final AtModifier START = new AtModifier(Kind.START, 0);
  public static final AtModifier END = new AtModifier(Kind.END, 0);

  public AtModifier {
    Objects.requireNonNull(kind, "kind");
  }

  public static AtModifier at(long timestampMillis) {
    return new AtModifier(Kind.TIMESTAMP, timestampMillis);
  }
}
