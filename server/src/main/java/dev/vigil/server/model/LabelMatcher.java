package dev.vigil.server.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A condition on one label's value, as in a PromQL selector: {@code =}, {@code !=}, {@code =~},
 * {@code !~}.
 *
 * <p>Regexes are RE2 (via RE2/J), not {@code java.util.regex}, and fully anchored, because that
 * is what Prometheus means by {@code =~}. An absent label matches as the empty string.
 */
public final class LabelMatcher {

  /** The four matcher kinds, with the operator as written in PromQL. */
  public enum Type {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String operator;

    Type(String operator) {
      this.operator = operator;
    }

    public String operator() {
      return operator;
    }
  }

  private final Type type;
  private final String name;
  private final String value;
  private final Pattern pattern;

  private LabelMatcher(Type type, String name, String value) {
    this.type = Objects.requireNonNull(type);
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    if (type == Type.REGEX || type == Type.NOT_REGEX) {
      // Compile the bare pattern first: wrapped in a group, a broken one such as "a)|(b" would
      // compile into a different, valid regex instead of being rejected.
      Pattern.compile(value, Pattern.DOTALL);
      this.pattern = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
    } else {
      this.pattern = null;
    }
  }

  /**
   * Creates a matcher.
   *
   * @throws IllegalArgumentException when a regex does not compile; the message names the regex
   */
  public static LabelMatcher of(Type type, String name, String value) {
    try {
      return new LabelMatcher(type, name, value);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regular expression \"" + value + "\": " + e.getDescription(), e);
    }
  }

  public static LabelMatcher equal(String name, String value) {
    return of(Type.EQUAL, name, value);
  }

  public Type type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  /** Whether a label value (the empty string for an absent label) satisfies this matcher. */
  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (type) {
      case EQUAL -> v.equals(value);
      case NOT_EQUAL -> !v.equals(value);
      case REGEX -> pattern.matches(v);
      case NOT_REGEX -> !pattern.matches(v);
    };
  }

  /** Whether this matcher accepts a series that lacks the label. */
  public boolean matchesEmpty() {
    return matches("");
  }

  /** Whether a series with these labels satisfies this matcher. */
  public boolean matches(Labels labels) {
    return matches(labels.getOrEmpty(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelMatcher m
        && m.type == type
        && m.name.equals(name)
        && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, value);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append(type.operator).append('"');
    Labels.escape(value, sb);
    return sb.append('"').toString();
  }
}
