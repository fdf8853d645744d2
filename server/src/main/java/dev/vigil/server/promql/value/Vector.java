package dev.vigil.server.promql.value;

import java.util.List;

/** An instant vector: at most one sample per label set. */
public record Vector(List<Sample> samples) implements Value {
  public Vector {
    samples = List.copyOf(samples);
  }

  @Override
  public String typeName() {
    return "vector";
  }
}
