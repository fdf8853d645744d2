package dev.vigil.server.promql.parser;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.AggregateExpr;
import dev.vigil.server.promql.ast.AggregateOp;
import dev.vigil.server.promql.ast.BinaryExpr;
import dev.vigil.server.promql.ast.BinaryOp;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Function;
import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.ast.StringLiteral;
import dev.vigil.server.promql.ast.UnaryExpr;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.functions.FunctionTable;
import dev.vigil.server.promql.lexer.GoText;
import dev.vigil.server.promql.lexer.Token;
import dev.vigil.server.promql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * The expression grammar: precedence climbing over binary operators, unary signs, primaries
 * (literals, selectors, calls, aggregations, parentheses) and the postfix modifiers handled by
 * {@link PostfixParser}.
 *
 * <p>Precedence, lowest first: {@code or}; {@code and unless}; comparisons and histogram trims;
 * {@code + -}; {@code * / % atan2} and unary signs; {@code ^} (right-associative); then the postfix
 * forms ({@code [range]}, {@code offset}, {@code @}, {@code anchored}), which bind to the nearest
 * operand. This is how Prometheus's yacc precedence declarations resolve.
 */
final class ExprParser {

  private final TokenStream ts;
  private final ParserOptions options;
  private final MatcherParser matchers;
  private final ModifierParser modifiers;
  private final PostfixParser postfix;

  ExprParser(TokenStream ts, ParserOptions options) {
    this.ts = ts;
    this.options = options;
    this.matchers = new MatcherParser(ts);
    this.modifiers = new ModifierParser(ts);
    this.postfix = new PostfixParser(ts, options, new DurationParser(ts, options));
  }

  /** A whole query: one expression and the end of input. */
  Expr parseQuery() {
    if (ts.peekIs(TokenType.EOF)) {
      throw ts.error(new PositionRange(0, 0), "no expression found in input");
    }
    Expr e = parseExpr(0);
    expectEnd();
    return e;
  }

  /** A bare selector such as the {@code match[]} parameters of the API; no type check. */
  VectorSelector parseSelectorOnly() {
    Token t = ts.peek();
    VectorSelector vs;
    if (t.type() == TokenType.LEFT_BRACE) {
      vs = braces(ts.next());
    } else if (t.type().canBeMetricName()) {
      vs = selector(ts.next());
    } else {
      throw ts.unexpected(t);
    }
    expectEnd();
    return vs;
  }

  private void expectEnd() {
    Token t = ts.peek();
    if (t.type() != TokenType.EOF) {
      throw ts.unexpected(t);
    }
  }

  private Expr parseExpr(int minPrec) {
    ts.enter();
    try {
      return binaryTail(unary(), minPrec);
    } finally {
      ts.exit();
    }
  }

  private Expr binaryTail(Expr first, int minPrec) {
    Expr lhs = first;
    while (true) {
      BinaryOp op = binaryOp(ts.peek().type());
      if (op == null || op.precedence() < minPrec) {
        return lhs;
      }
      ts.next();
      ModifierParser.BinaryModifiers mods = modifiers.parseBinaryModifiers();
      Expr rhs = parseExpr(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
      BinaryExpr b = new BinaryExpr(op, lhs, rhs, mods.matching(), mods.returnBool());
      if (!options.binopFillModifiers() && mods.matching().hasFill()) {
        throw ts.error(b.positionRange(), "binop fill modifiers are experimental and not enabled");
      }
      lhs = b;
    }
  }

  private Expr unary() {
    Token t = ts.peek();
    if (t.type() != TokenType.ADD && t.type() != TokenType.SUB) {
      return postfix.apply(primary());
    }
    ts.next();
    boolean negative = t.type() == TokenType.SUB;
    // Signs bind like "*": only "^" and the postfix modifiers bind tighter.
    Expr operand = parseExpr(BinaryOp.UNARY_PRECEDENCE + 1);
    if (operand instanceof NumberLiteral n) {
      double v = negative ? -n.value() : n.value();
      return new NumberLiteral(
          v, n.duration(), new PositionRange(t.pos(), n.positionRange().end()));
    }
    return new UnaryExpr(negative, operand, t.pos());
  }

  private Expr primary() {
    Token t = ts.peek();
    switch (t.type()) {
      case NUMBER, DURATION -> {
        return Literals.number(ts, ts.next());
      }
      case STRING -> {
        ts.next();
        return new StringLiteral(Literals.unquote(ts, t), TokenStream.rangeOf(t));
      }
      case LEFT_PAREN -> {
        ts.next();
        Expr inner = parseExpr(0);
        Token close = ts.expect(TokenType.RIGHT_PAREN);
        return new ParenExpr(inner, new PositionRange(t.pos(), close.end()));
      }
      case LEFT_BRACE -> {
        return braces(ts.next());
      }
      case IDENTIFIER, START, END, STEP, RANGE, MAX_OF, MIN_OF -> {
        ts.next();
        return ts.peekIs(TokenType.LEFT_PAREN) ? call(t) : selector(t);
      }
      default -> {
        if (t.type().isAggregator()) {
          ts.next();
          TokenType after = ts.peek().type();
          boolean aggregation =
              after == TokenType.LEFT_PAREN || after == TokenType.BY || after == TokenType.WITHOUT;
          return aggregation ? aggregate(t) : selector(t);
        }
        if (t.type().canBeMetricName()) {
          return selector(ts.next());
        }
        throw ts.unexpected(t);
      }
    }
  }

  private VectorSelector braces(Token open) {
    List<LabelMatcher> ms = matchers.parseBody();
    return VectorSelector.of("", ms, new PositionRange(open.pos(), ts.lastEnd()));
  }

  private VectorSelector selector(Token name) {
    List<LabelMatcher> ms = new ArrayList<>();
    int end = name.end();
    if (ts.peekIs(TokenType.LEFT_BRACE)) {
      ts.next();
      ms.addAll(matchers.parseBody());
      end = ts.lastEnd();
    }
    // As in Prometheus, the name outside the braces becomes the last matcher.
    ms.add(LabelMatcher.equal(Labels.METRIC_NAME, name.text()));
    return VectorSelector.of(name.text(), ms, new PositionRange(name.pos(), end));
  }

  private Expr call(Token name) {
    List<Expr> args = callArguments();
    PositionRange range = new PositionRange(name.pos(), ts.lastEnd());
    // Function names are case-sensitive even where the lexer matched a keyword case-insensitively.
    Function fn = FunctionTable.lookup(name.text());
    if (fn == null) {
      throw ts.error(
          TokenStream.rangeOf(name), "unknown function with name " + GoText.quote(name.text()));
    }
    if (fn.experimental() && !options.experimentalFunctions()) {
      throw ts.error(
          TokenStream.rangeOf(name), "function " + GoText.quote(name.text()) + " is not enabled");
    }
    return new Call(fn, args, range);
  }

  private Expr aggregate(Token opToken) {
    AggregateOp op = AggregateOp.ofKeyword(opToken.text());
    ts.push(ErrorContext.AGGREGATION);
    List<String> grouping = List.of();
    boolean without = false;
    boolean modifierFirst = ts.peekIs(TokenType.BY) || ts.peekIs(TokenType.WITHOUT);
    if (modifierFirst) {
      without = ts.next().type() == TokenType.WITHOUT;
      grouping = modifiers.parseLabelList();
    }
    List<Expr> args = callArguments();
    if (!modifierFirst && (ts.peekIs(TokenType.BY) || ts.peekIs(TokenType.WITHOUT))) {
      without = ts.next().type() == TokenType.WITHOUT;
      grouping = modifiers.parseLabelList();
    }
    ts.pop();
    PositionRange range = new PositionRange(opToken.pos(), ts.lastEnd());
    if (args.isEmpty()) {
      throw ts.error(range, "no arguments for aggregate expression provided");
    }
    int wanted = 1;
    Expr param = null;
    if (op.hasParam()) {
      if (op.isExperimental() && !options.experimentalFunctions()) {
        throw ts.error(
            range,
            op.keyword()
                + "() is experimental and must be enabled with"
                + " --enable-feature=promql-experimental-functions");
      }
      wanted = 2;
      param = args.get(0);
    }
    if (args.size() != wanted) {
      throw ts.error(
          range,
          "wrong number of arguments for aggregate expression provided, expected "
              + wanted
              + ", got "
              + args.size());
    }
    return new AggregateExpr(op, args.get(wanted - 1), param, grouping, without, range);
  }

  /** {@code ( arg, ... )}; a trailing comma is an error, reported at the comma. */
  private List<Expr> callArguments() {
    ts.expect(TokenType.LEFT_PAREN);
    List<Expr> args = new ArrayList<>();
    if (ts.peekIs(TokenType.RIGHT_PAREN)) {
      ts.next();
      return args;
    }
    args.add(parseExpr(0));
    while (true) {
      Token t = ts.peek();
      if (t.type() == TokenType.RIGHT_PAREN) {
        ts.next();
        return args;
      }
      if (t.type() != TokenType.COMMA) {
        throw ts.unexpected(t);
      }
      Token comma = ts.next();
      if (!startsExpression(ts.peek().type())) {
        throw ts.error(
            TokenStream.rangeOf(comma), "trailing commas not allowed in function call args");
      }
      args.add(parseExpr(0));
    }
  }

  private static boolean startsExpression(TokenType t) {
    return switch (t) {
      case NUMBER, DURATION, STRING, LEFT_PAREN, LEFT_BRACE, ADD, SUB -> true;
      default -> t.canBeMetricName();
    };
  }

  private static BinaryOp binaryOp(TokenType t) {
    return switch (t) {
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      case POW -> BinaryOp.POW;
      case ATAN2 -> BinaryOp.ATAN2;
      case EQLC -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case GTR -> BinaryOp.GTR;
      case LSS -> BinaryOp.LSS;
      case GTE -> BinaryOp.GTE;
      case LTE -> BinaryOp.LTE;
      case TRIM_UPPER -> BinaryOp.TRIM_UPPER;
      case TRIM_LOWER -> BinaryOp.TRIM_LOWER;
      case LAND -> BinaryOp.AND;
      case LOR -> BinaryOp.OR;
      case LUNLESS -> BinaryOp.UNLESS;
      default -> null;
    };
  }
}
