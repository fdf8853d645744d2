package dev.vigil.server.promql.value;

/** A string result (only string literals evaluate to it). */
public record StringValue(String value) implements Value {
  @Override
  public String typeName() {
    return "string";
  }
}
