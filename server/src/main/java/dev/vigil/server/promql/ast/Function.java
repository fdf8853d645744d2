package dev.vigil.server.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * The signature of a PromQL function: argument types, how many trailing arguments are optional or
 * repeatable, the return type and whether it is experimental.
 *
 * <p>{@code variadic} follows Prometheus: 0 means exactly {@code argTypes.size()} arguments; a
 * positive n means the last argument type is optional and may appear up to n times; -1 means it may
 * appear any number of times (including zero).
 */
public record Function(
    String name,
    List<ValueType> argTypes,
    int variadic,
    ValueType returnType,
    boolean experimental) {

  public Function {
    Objects.requireNonNull(name, "name");
    argTypes = List.copyOf(argTypes);
    Objects.requireNonNull(returnType, "returnType");
    if (variadic != 0 && argTypes.isEmpty()) {
      throw new IllegalArgumentException(name + ": a variadic function needs an argument type");
    }
  }

  /** The smallest number of arguments a call needs. */
  public int minArgs() {
    return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
  }

  /** The largest number of arguments a call may have, or -1 for no limit. */
  public int maxArgs() {
    if (variadic == 0) {
      return argTypes.size();
    }
    return variadic < 0 ? -1 : argTypes.size() - 1 + variadic;
  }

  /** The expected type of argument {@code i}; arguments past the list take the last type. */
  public ValueType argType(int i) {
    return argTypes.get(Math.min(i, argTypes.size() - 1));
  }
}
