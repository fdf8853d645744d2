package dev.vigil.server.promql.value;

/** A single float value without labels. */
public record Scalar(double value) implements Value {
  @Override
  public String typeName() {
    return "scalar";
  }
}
