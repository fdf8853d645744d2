package dev.vigil.server.promql.parser;

import dev.vigil.server.promql.ast.AtModifier;
import dev.vigil.server.promql.ast.DurationExpr;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.ast.RangeModifier;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.lexer.GoFloats;
import dev.vigil.server.promql.lexer.Token;
import dev.vigil.server.promql.lexer.TokenType;
import java.time.Duration;

/**
 * The modifiers written after an operand: {@code [range]}, {@code [range:step]}, {@code offset d},
 * {@code @ t} / {@code @ start()} / {@code @ end()}, {@code anchored} and {@code smoothed}. They
 * may repeat and combine ({@code x[5m] offset 1h @ 100}); each checks what it may follow.
 */
final class PostfixParser {

  private static final double TWO_TO_63 = 0x1p63;

  private final TokenStream ts;
  private final ParserOptions options;
  private final DurationParser durations;

  PostfixParser(TokenStream ts, ParserOptions options, DurationParser durations) {
    this.ts = ts;
    this.options = options;
    this.durations = durations;
  }

  /** Applies every modifier that follows {@code e}. */
  Expr apply(Expr e) {
    // Each subquery wraps the expression once more, so chained subqueries count as nesting.
    int subqueries = 0;
    try {
      while (true) {
        switch (ts.peek().type()) {
          case LEFT_BRACKET -> {
            e = rangeOrSubquery(e);
            if (e instanceof SubqueryExpr) {
              subqueries++;
              ts.enter();
            }
          }
          case OFFSET -> e = offset(e);
          case AT -> e = at(e);
          case ANCHORED -> e = rangeModifier(e, RangeModifier.ANCHORED);
          case SMOOTHED -> e = rangeModifier(e, RangeModifier.SMOOTHED);
          default -> {
            return e;
          }
        }
      }
    } finally {
      for (int i = 0; i < subqueries; i++) {
        ts.exit();
      }
    }
  }

  private Expr rangeOrSubquery(Expr e) {
    Token open = ts.next();
    ts.push(ErrorContext.RANGE_START);
    Expr range = durations.parsePositive();
    ts.replace(ErrorContext.RANGE_NEXT);
    Token t = ts.peek();
    if (t.type() == TokenType.RIGHT_BRACKET) {
      Token close = ts.next();
      ts.pop();
      return matrix(e, open, range, close);
    }
    if (t.type() != TokenType.COLON) {
      throw ts.unexpected(t);
    }
    ts.next();
    ts.replace(ErrorContext.SUBQUERY_STEP);
    Expr step = null;
    if (!ts.peekIs(TokenType.RIGHT_BRACKET)) {
      step = durations.parsePositive();
      ts.replace(ErrorContext.SUBQUERY_END);
    }
    Token close = ts.expect(TokenType.RIGHT_BRACKET);
    ts.pop();
    return new SubqueryExpr(
        e,
        fixed(range),
        range instanceof DurationExpr d ? d : null,
        step == null ? Duration.ZERO : fixed(step),
        step instanceof DurationExpr d ? d : null,
        Duration.ZERO,
        null,
        null,
        new PositionRange(e.positionRange().start(), close.end()));
  }

  private MatrixSelector matrix(Expr e, Token open, Expr range, Token close) {
    PositionRange brackets = new PositionRange(open.pos(), close.end());
    if (!(e instanceof VectorSelector vs)) {
      throw ts.error(brackets, "ranges only allowed for vector selectors");
    }
    if (vs.hasOffset()) {
      throw ts.error(brackets, "no offset modifiers allowed before range");
    }
    if (vs.at() != null) {
      throw ts.error(brackets, "no @ modifiers allowed before range");
    }
    return new MatrixSelector(
        vs,
        fixed(range),
        range instanceof DurationExpr d ? d : null,
        new PositionRange(vs.positionRange().start(), close.end()));
  }

  /** A literal's value as a duration; zero for expressions, which are evaluated later. */
  private static Duration fixed(Expr e) {
    return e instanceof NumberLiteral n ? Literals.seconds(n.value()) : Duration.ZERO;
  }

  private Expr offset(Expr e) {
    ts.next();
    ts.push(ErrorContext.OFFSET);
    Expr d = durations.parseOffset();
    ts.pop();
    Duration fixed = fixed(d);
    DurationExpr expr = d instanceof DurationExpr de ? de : null;
    int end = ts.lastEnd();
    if (e instanceof VectorSelector vs) {
      checkNoOffset(e, vs.hasOffset());
      return vs.withOffset(fixed, expr, new PositionRange(vs.positionRange().start(), end));
    }
    if (e instanceof MatrixSelector m) {
      VectorSelector vs = m.selector();
      checkNoOffset(e, vs.hasOffset());
      return m.withSelector(
          vs.withOffset(fixed, expr, vs.positionRange()),
          new PositionRange(m.positionRange().start(), end));
    }
    if (e instanceof SubqueryExpr s) {
      checkNoOffset(e, s.hasOffset());
      return s.withOffset(fixed, expr, new PositionRange(s.positionRange().start(), end));
    }
    throw ts.error(
        e.positionRange(),
        "offset modifier must be preceded by an instant vector selector or range vector selector"
            + " or a subquery");
  }

  private void checkNoOffset(Expr e, boolean present) {
    if (present) {
      throw ts.error(e.positionRange(), "offset may not be set multiple times");
    }
  }

  private Expr at(Expr e) {
    ts.next();
    ts.push(ErrorContext.AT);
    AtModifier at;
    Token t = ts.peek();
    switch (t.type()) {
      case NUMBER, DURATION -> at = timestamp(e, Literals.number(ts, ts.next()).value());
      case ADD, SUB -> {
        boolean negative = ts.next().type() == TokenType.SUB;
        Token n = ts.peek();
        if (n.type() != TokenType.NUMBER && n.type() != TokenType.DURATION) {
          throw ts.unexpected(n);
        }
        double v = Literals.number(ts, ts.next()).value();
        at = timestamp(e, negative ? -v : v);
      }
      case START, END -> {
        ts.next();
        ts.expect(TokenType.LEFT_PAREN);
        ts.expect(TokenType.RIGHT_PAREN);
        at = t.type() == TokenType.START ? AtModifier.START : AtModifier.END;
      }
      default -> throw ts.unexpected(t);
    }
    ts.pop();
    int end = ts.lastEnd();
    if (e instanceof VectorSelector vs) {
      checkNoAt(e, vs.at());
      return vs.withAt(at, new PositionRange(vs.positionRange().start(), end));
    }
    if (e instanceof MatrixSelector m) {
      VectorSelector vs = m.selector();
      checkNoAt(e, vs.at());
      return m.withSelector(
          vs.withAt(at, vs.positionRange()), new PositionRange(m.positionRange().start(), end));
    }
    if (e instanceof SubqueryExpr s) {
      checkNoAt(e, s.at());
      return s.withAt(at, new PositionRange(s.positionRange().start(), end));
    }
    throw ts.error(
        e.positionRange(),
        "@ modifier must be preceded by an instant vector selector or range vector selector or a"
            + " subquery");
  }

  private AtModifier timestamp(Expr e, double seconds) {
    if (Double.isNaN(seconds)
        || Double.isInfinite(seconds)
        || seconds >= TWO_TO_63
        || seconds <= -TWO_TO_63) {
      throw ts.error(
          e.positionRange(),
          "timestamp out of bounds for @ modifier: " + GoFloats.formatFixed(seconds, 6));
    }
    return AtModifier.at(Literals.roundHalfAwayFromZero(seconds * 1000));
  }

  private void checkNoAt(Expr e, AtModifier existing) {
    if (existing != null) {
      throw ts.error(e.positionRange(), "@ <timestamp> may not be set multiple times");
    }
  }

  private Expr rangeModifier(Expr e, RangeModifier m) {
    ts.next();
    String word = m == RangeModifier.ANCHORED ? "anchored" : "smoothed";
    if (!options.extendedRangeSelectors()) {
      throw ts.error(e.positionRange(), word + " modifier is experimental and not enabled");
    }
    if (e instanceof VectorSelector vs) {
      checkCompatible(e, vs, m);
      return vs.withRangeModifier(m);
    }
    if (e instanceof MatrixSelector ms) {
      checkCompatible(e, ms.selector(), m);
      return ms.withSelector(ms.selector().withRangeModifier(m), ms.positionRange());
    }
    if (e instanceof SubqueryExpr) {
      throw ts.error(e.positionRange(), word + " modifier is not supported for subqueries");
    }
    throw ts.error(e.positionRange(), word + " modifier not implemented");
  }

  private void checkCompatible(Expr e, VectorSelector vs, RangeModifier m) {
    if (vs.rangeModifier() != RangeModifier.NONE && vs.rangeModifier() != m) {
      throw ts.error(e.positionRange(), "anchored and smoothed modifiers cannot be used together");
    }
  }
}
