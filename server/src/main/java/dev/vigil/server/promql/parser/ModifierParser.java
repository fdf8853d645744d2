package dev.vigil.server.promql.parser;

import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.VectorMatching;
import dev.vigil.server.promql.lexer.GoText;
import dev.vigil.server.promql.lexer.Token;
import dev.vigil.server.promql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses label lists ({@code by (a, "b.c")}) and the modifiers between a binary operator and its
 * right operand: {@code bool}, {@code on}/{@code ignoring}, {@code group_left}/{@code group_right}
 * and the experimental {@code fill}, {@code fill_left}, {@code fill_right}.
 */
final class ModifierParser {

  /** The modifiers of one binary operation. */
  record BinaryModifiers(boolean returnBool, VectorMatching matching) {}

  private final TokenStream ts;

  ModifierParser(TokenStream ts) {
    this.ts = ts;
  }

  /** {@code ( label, ... )} after a keyword such as {@code by}; a trailing comma is allowed. */
  List<String> parseLabelList() {
    ts.push(ErrorContext.GROUPING_OPEN);
    ts.expect(TokenType.LEFT_PAREN);
    ts.replace(ErrorContext.GROUPING_LABEL);
    List<String> labels = new ArrayList<>();
    while (!ts.peekIs(TokenType.RIGHT_PAREN)) {
      labels.add(label(ts.peek()));
      ts.replace(ErrorContext.GROUPING_NEXT);
      Token t = ts.peek();
      if (t.type() == TokenType.COMMA) {
        ts.next();
        ts.replace(ErrorContext.GROUPING_LABEL);
      } else if (t.type() != TokenType.RIGHT_PAREN) {
        throw ts.unexpected(t);
      }
    }
    ts.next();
    ts.pop();
    return labels;
  }

  private String label(Token t) {
    if (t.type().canBeGroupingLabel()) {
      ts.next();
      return t.text();
    }
    if (t.type() == TokenType.STRING) {
      ts.next();
      String name = Literals.unquote(ts, t);
      if (!isValidUtf8LabelName(name)) {
        throw ts.error(
            TokenStream.rangeOf(t), "invalid label name for grouping: " + GoText.quote(name));
      }
      return name;
    }
    throw ts.unexpected(t);
  }

  /** Prometheus 3.x accepts any non-empty UTF-8 string as a label name. */
  private static boolean isValidUtf8LabelName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    return s.codePoints()
        .noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
  }

  /** Everything between a binary operator and its right operand (possibly nothing). */
  BinaryModifiers parseBinaryModifiers() {
    boolean returnBool = false;
    if (ts.peekIs(TokenType.BOOL)) {
      ts.next();
      returnBool = true;
    }
    VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
    List<String> matchingLabels = List.of();
    List<String> include = List.of();
    boolean on = false;
    if (ts.peekIs(TokenType.ON) || ts.peekIs(TokenType.IGNORING)) {
      on = ts.next().type() == TokenType.ON;
      matchingLabels = parseLabelList();
      if (ts.peekIs(TokenType.GROUP_LEFT) || ts.peekIs(TokenType.GROUP_RIGHT)) {
        card =
            ts.next().type() == TokenType.GROUP_LEFT
                ? VectorMatching.Cardinality.MANY_TO_ONE
                : VectorMatching.Cardinality.ONE_TO_MANY;
        // A "(" right after group_x is always its label list, never the right operand.
        if (ts.peekIs(TokenType.LEFT_PAREN)) {
          include = parseLabelList();
        }
      }
    }
    Double fillLhs = null;
    Double fillRhs = null;
    switch (ts.peek().type()) {
      case FILL -> {
        ts.next();
        fillLhs = fillValue();
        fillRhs = fillLhs;
      }
      case FILL_LEFT -> {
        ts.next();
        fillLhs = fillValue();
        if (ts.peekIs(TokenType.FILL_RIGHT)) {
          ts.next();
          fillRhs = fillValue();
        }
      }
      case FILL_RIGHT -> {
        ts.next();
        fillRhs = fillValue();
        if (ts.peekIs(TokenType.FILL_LEFT)) {
          ts.next();
          fillLhs = fillValue();
        }
      }
      default -> {
        // no fill
      }
    }
    return new BinaryModifiers(
        returnBool, new VectorMatching(card, matchingLabels, on, include, fillLhs, fillRhs));
  }

  /** {@code (number)}, {@code (-number)} or a duration in seconds. */
  private double fillValue() {
    ts.expect(TokenType.LEFT_PAREN);
    boolean negative = false;
    if (ts.peekIs(TokenType.ADD) || ts.peekIs(TokenType.SUB)) {
      negative = ts.next().type() == TokenType.SUB;
    }
    Token t = ts.peek();
    if (t.type() != TokenType.NUMBER && t.type() != TokenType.DURATION) {
      throw ts.unexpected(t);
    }
    NumberLiteral n = Literals.number(ts, ts.next());
    ts.expect(TokenType.RIGHT_PAREN);
    return negative ? -n.value() : n.value();
  }
}
