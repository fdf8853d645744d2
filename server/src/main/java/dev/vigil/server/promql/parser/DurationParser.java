package dev.vigil.server.promql.parser;

import dev.vigil.server.promql.ast.DurationExpr;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.lexer.Token;
import dev.vigil.server.promql.lexer.TokenType;

/**
 * Parses duration expressions: the ranges and steps inside brackets and the value after {@code
 * offset}. The result is a {@link NumberLiteral} (seconds) for plain literals, otherwise a {@link
 * DurationExpr}.
 *
 * <p>Precedence is that of PromQL's arithmetic: {@code + -} below {@code * / %} below {@code ^}
 * (right-associative), unary signs at the level of {@code *}.
 */
final class DurationParser {

  private static final int UNARY_OPERAND_PRECEDENCE = 6;

  private final TokenStream ts;
  private final ParserOptions options;

  DurationParser(TokenStream ts, ParserOptions options) {
    this.ts = ts;
    this.options = options;
  }

  /** A range or step inside brackets; a literal must be positive. */
  Expr parsePositive() {
    Expr e = parse(0);
    if (e instanceof NumberLiteral n && n.value() <= 0) {
      throw ts.error(n.positionRange(), "duration must be greater than 0");
    }
    return e;
  }

  /**
   * The value after {@code offset}.
   *
   * <p>Prometheus's grammar ends the offset right after a (signed) literal, {@code step()}, {@code
   * range()}, {@code min_of/max_of(...)} or a signed parenthesis, so {@code x offset 5m * 2} is
   * {@code (x offset 5m) * 2}. Only other shapes, such as {@code (5m) + 1m}, continue as
   * arithmetic. This is an artefact of rule order in its yacc grammar, kept for compatibility.
   */
  Expr parseOffset() {
    Token t = ts.peek();
    switch (t.type()) {
      case NUMBER, DURATION -> {
        return literal(ts.next());
      }
      case STEP, RANGE, MAX_OF, MIN_OF -> {
        return experimental(function(ts.next()));
      }
      case ADD, SUB -> {
        Token sign = ts.next();
        Token after = ts.peek();
        switch (after.type()) {
          case NUMBER, DURATION -> {
            NumberLiteral n = Literals.number(ts, ts.next());
            return signedLiteral(sign, n);
          }
          case STEP, RANGE, MAX_OF, MIN_OF -> {
            DurationExpr inner = function(ts.next());
            return experimental(unary(sign, inner));
          }
          case LEFT_PAREN -> {
            return applySign(sign, parenthesised(ts.next(), false));
          }
          default -> {
            Expr operand = parse(UNARY_OPERAND_PRECEDENCE);
            return binaryTail(applySign(sign, operand), 0);
          }
        }
      }
      default -> {
        return parse(0);
      }
    }
  }

  /** A full duration expression whose operators bind at least as tightly as {@code minPrec}. */
  Expr parse(int minPrec) {
    ts.enter();
    try {
      return binaryTail(operand(), minPrec);
    } finally {
      ts.exit();
    }
  }

  private Expr binaryTail(Expr lhs, int minPrec) {
    while (true) {
      Token t = ts.peek();
      DurationExpr.Op op = binaryOp(t.type());
      if (op == null || precedence(op) < minPrec) {
        return lhs;
      }
      ts.next();
      Expr rhs = parse(op == DurationExpr.Op.POW ? precedence(op) : precedence(op) + 1);
      experimental(lhs);
      if ((op == DurationExpr.Op.DIV || op == DurationExpr.Op.MOD)
          && rhs instanceof NumberLiteral n
          && n.value() == 0) {
        throw ts.error(
            TokenStream.rangeOf(t),
            op == DurationExpr.Op.DIV ? "division by zero" : "modulo by zero");
      }
      lhs =
          new DurationExpr(
              op, lhs, rhs, false, PositionRange.merge(lhs.positionRange(), rhs.positionRange()));
    }
  }

  private Expr operand() {
    Token t = ts.peek();
    switch (t.type()) {
      case NUMBER, DURATION -> {
        return literal(ts.next());
      }
      case ADD, SUB -> {
        Token sign = ts.next();
        return applySign(sign, parse(UNARY_OPERAND_PRECEDENCE));
      }
      case STEP, RANGE, MAX_OF, MIN_OF -> {
        return experimental(function(ts.next()));
      }
      case LEFT_PAREN -> {
        return parenthesised(ts.next(), true);
      }
      default -> throw ts.unexpected(t);
    }
  }

  private NumberLiteral literal(Token t) {
    NumberLiteral n = Literals.number(ts, t);
    if (Literals.durationOutOfRange(n.value())) {
      throw ts.error(n.positionRange(), "duration out of range");
    }
    return n;
  }

  private NumberLiteral signedLiteral(Token sign, NumberLiteral n) {
    double v = sign.type() == TokenType.SUB ? -n.value() : n.value();
    if (Literals.durationOutOfRange(v)) {
      throw ts.error(TokenStream.rangeOf(sign), "duration out of range");
    }
    return new NumberLiteral(
        v, n.duration(), new PositionRange(sign.pos(), n.positionRange().end()));
  }

  /**
   * {@code step()}, {@code range()}, {@code min_of(a, b)} or {@code max_of(a, b)}; keyword
   * consumed.
   */
  private DurationExpr function(Token keyword) {
    ts.expect(TokenType.LEFT_PAREN);
    DurationExpr.Op op =
        switch (keyword.type()) {
          case STEP -> DurationExpr.Op.STEP;
          case RANGE -> DurationExpr.Op.RANGE;
          case MAX_OF -> DurationExpr.Op.MAX_OF;
          default -> DurationExpr.Op.MIN_OF;
        };
    Expr lhs = null;
    Expr rhs = null;
    if (op == DurationExpr.Op.MAX_OF || op == DurationExpr.Op.MIN_OF) {
      lhs = parse(0);
      ts.expect(TokenType.COMMA);
      rhs = parse(0);
    }
    Token close = ts.expect(TokenType.RIGHT_PAREN);
    return new DurationExpr(op, lhs, rhs, false, new PositionRange(keyword.pos(), close.end()));
  }

  /**
   * {@code ( expr )} with the parenthesis consumed. A parenthesised literal becomes a unary plus
   * around it so that printing keeps the parentheses, as Prometheus does. Prometheus checks the
   * feature flag for a plain parenthesis but not for a signed one ({@code offset -(5m)}).
   */
  private Expr parenthesised(Token open, boolean checkEnabled) {
    Expr inner = parse(0);
    Token close = ts.expect(TokenType.RIGHT_PAREN);
    if (checkEnabled) {
      experimental(inner);
    }
    if (inner instanceof DurationExpr d) {
      return d.withWrapped(true, d.positionRange());
    }
    PositionRange range =
        checkEnabled ? new PositionRange(open.pos(), close.end()) : inner.positionRange();
    return new DurationExpr(DurationExpr.Op.ADD, null, inner, true, range);
  }

  private Expr applySign(Token sign, Expr operand) {
    if (operand instanceof NumberLiteral n) {
      return signedLiteral(sign, n);
    }
    DurationExpr d = (DurationExpr) operand;
    return sign.type() == TokenType.SUB ? unary(sign, d) : d;
  }

  private static DurationExpr unary(Token sign, DurationExpr operand) {
    DurationExpr.Op op = sign.type() == TokenType.SUB ? DurationExpr.Op.SUB : DurationExpr.Op.ADD;
    return new DurationExpr(
        op, null, operand, false, new PositionRange(sign.pos(), operand.positionRange().end()));
  }

  private <E extends Expr> E experimental(E e) {
    if (!options.durationExpressions()) {
      throw ts.error(e.positionRange(), "experimental duration expression is not enabled");
    }
    return e;
  }

  private static DurationExpr.Op binaryOp(TokenType t) {
    return switch (t) {
      case ADD -> DurationExpr.Op.ADD;
      case SUB -> DurationExpr.Op.SUB;
      case MUL -> DurationExpr.Op.MUL;
      case DIV -> DurationExpr.Op.DIV;
      case MOD -> DurationExpr.Op.MOD;
      case POW -> DurationExpr.Op.POW;
      default -> null;
    };
  }

  private static int precedence(DurationExpr.Op op) {
    return switch (op) {
      case ADD, SUB -> 4;
      case POW -> 6;
      default -> 5;
    };
  }
}
