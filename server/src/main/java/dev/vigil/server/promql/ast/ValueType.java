package dev.vigil.server.promql.ast;

/** The type an expression evaluates to. */
public enum ValueType {
  SCALAR("scalar", "scalar"),
  VECTOR("vector", "instant vector"),
  MATRIX("matrix", "range vector"),
  STRING("string", "string");

  private final String internalName;
  private final String documentedName;

  ValueType(String internalName, String documentedName) {
    this.internalName = internalName;
    this.documentedName = documentedName;
  }

  /**
   * The engine's name ({@code vector}, {@code matrix}), used in a few Prometheus messages and the
   * API.
   */
  public String internalName() {
    return internalName;
  }

  /** The name the documentation uses ({@code instant vector}, {@code range vector}). */
  public String documentedName() {
    return documentedName;
  }
}
