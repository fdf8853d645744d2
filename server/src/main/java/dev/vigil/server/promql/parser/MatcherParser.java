package dev.vigil.server.promql.parser;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.lexer.Token;
import dev.vigil.server.promql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the inside of {@code {...}}: {@code name="v"}, {@code name!~"re"}, quoted names ({@code
 * "a.b"="c"}) and a bare quoted metric name ({@code {"my.metric"}}).
 */
final class MatcherParser {

  private final TokenStream ts;

  MatcherParser(TokenStream ts) {
    this.ts = ts;
  }

  /** The matchers after an already consumed {@code {}; consumes the closing brace. */
  List<LabelMatcher> parseBody() {
    List<LabelMatcher> matchers = new ArrayList<>();
    ts.push(ErrorContext.MATCHER_START);
    if (ts.peekIs(TokenType.RIGHT_BRACE)) {
      ts.next();
      ts.pop();
      return matchers;
    }
    while (true) {
      matchers.add(matcher());
      ts.replace(ErrorContext.MATCHER_NEXT);
      Token t = ts.peek();
      if (t.type() == TokenType.COMMA) {
        ts.next();
        ts.replace(ErrorContext.MATCHER_START);
        if (ts.peekIs(TokenType.RIGHT_BRACE)) {
          break;
        }
      } else if (t.type() != TokenType.RIGHT_BRACE) {
        throw ts.unexpected(t);
      } else {
        break;
      }
    }
    ts.next();
    ts.pop();
    return matchers;
  }

  private LabelMatcher matcher() {
    Token name = ts.peek();
    if (name.type() == TokenType.IDENTIFIER) {
      ts.next();
      ts.replace(ErrorContext.MATCHER_OPERATOR);
      Token op = operator();
      if (op == null) {
        throw ts.unexpected(ts.peek());
      }
      return valueFor(name, name.text(), op);
    }
    if (name.type() == TokenType.STRING) {
      ts.next();
      String unquoted = Literals.unquote(ts, name);
      Token op = operator();
      if (op == null) {
        return LabelMatcher.equal(Labels.METRIC_NAME, unquoted);
      }
      return valueFor(name, unquoted, op);
    }
    throw ts.unexpected(name);
  }

  private Token operator() {
    return switch (ts.peek().type()) {
      case EQL, NEQ, EQL_REGEX, NEQ_REGEX -> ts.next();
      default -> null;
    };
  }

  private LabelMatcher valueFor(Token nameToken, String name, Token op) {
    ts.replace(ErrorContext.MATCHER_VALUE);
    Token valueToken = ts.expect(TokenType.STRING);
    String value = Literals.unquote(ts, valueToken);
    LabelMatcher.Type type =
        switch (op.type()) {
          case EQL -> LabelMatcher.Type.EQUAL;
          case NEQ -> LabelMatcher.Type.NOT_EQUAL;
          case EQL_REGEX -> LabelMatcher.Type.REGEX;
          default -> LabelMatcher.Type.NOT_REGEX;
        };
    PositionRange range = new PositionRange(nameToken.pos(), valueToken.end());
    if (type == LabelMatcher.Type.REGEX || type == LabelMatcher.Type.NOT_REGEX) {
      String problem = Regexes.check(value);
      if (problem != null) {
        throw ts.error(range, problem);
      }
    }
    try {
      return LabelMatcher.of(type, name, value);
    } catch (IllegalArgumentException e) {
      throw ts.error(range, e.getMessage());
    }
  }
}
