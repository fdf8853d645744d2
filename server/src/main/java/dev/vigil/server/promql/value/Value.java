package dev.vigil.server.promql.value;

/** A PromQL evaluation result: scalar, string, instant vector or range vector. */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {

  /** The type name the HTTP API uses ({@code scalar}, {@code string}, {@code vector}, ...). */
  String typeName();
}
