package dev.vigil.server.promql.parser;

import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.lexer.Lexer;
import dev.vigil.server.promql.lexer.Token;
import dev.vigil.server.promql.lexer.TokenType;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The parser's view of the lexer: one token of lookahead, comments skipped, lexer errors turned
 * into {@link ParseException}s, and the stack of {@link ErrorContext}s that words syntax errors.
 *
 * <p>Tokens are read lazily, only when the grammar needs the next one, so that an error late in the
 * query is not reported before an earlier one (Prometheus reports the first error found).
 */
final class TokenStream {

  /**
   * How deeply expressions may nest (parentheses, calls, unary signs, right operands of {@code ^},
   * chained subqueries). Prometheus has no limit because its parser keeps its stack on the heap; a
   * recursive-descent parser needs one so that a hostile query gets an error instead of a stack
   * overflow. Long left-associative chains ({@code a + b + c ...}) do not nest and are not limited.
   */
  static final int MAX_NESTING = 300;

  private final String query;
  private final Lexer lexer;
  private final Deque<ErrorContext> contexts = new ArrayDeque<>();
  private Token peeked;
  private Token last;
  private int depth;

  TokenStream(String query) {
    this.query = query;
    this.lexer = new Lexer(query);
  }

  String query() {
    return query;
  }

  Token peek() {
    if (peeked == null) {
      Token t;
      do {
        t = lexer.next();
      } while (t.type() == TokenType.COMMENT);
      if (t.type() == TokenType.ERROR) {
        throw error(new PositionRange(t.pos(), query.length()), t.text());
      }
      peeked = t;
    }
    return peeked;
  }

  boolean peekIs(TokenType type) {
    return peek().type() == type;
  }

  Token next() {
    Token t = peek();
    peeked = null;
    last = t;
    return t;
  }

  /** Consumes a token of the given type or fails with the current context's wording. */
  Token expect(TokenType type) {
    if (!peekIs(type)) {
      throw unexpected(peek());
    }
    return next();
  }

  /** The end of the last consumed token. */
  int lastEnd() {
    return last == null ? 0 : last.end();
  }

  /** Enters one level of nesting at the next token; fails beyond {@link #MAX_NESTING}. */
  void enter() {
    if (++depth > MAX_NESTING) {
      Token t = peek();
      throw error(rangeOf(t), "expression nested too deeply: more than " + MAX_NESTING + " levels");
    }
  }

  void exit() {
    depth--;
  }

  void push(ErrorContext c) {
    contexts.push(c);
  }

  /** Moves the innermost construct to its next state. */
  void replace(ErrorContext c) {
    contexts.pop();
    contexts.push(c);
  }

  void pop() {
    contexts.pop();
  }

  ParseException unexpected(Token t) {
    String what = t.describe();
    ErrorContext c = contexts.peek();
    String detail = c == null ? "unexpected " + what : c.message(what);
    return error(new PositionRange(t.pos(), t.end()), detail);
  }

  ParseException error(PositionRange range, String detail) {
    return new ParseException(query, range, detail);
  }

  static PositionRange rangeOf(Token t) {
    return new PositionRange(t.pos(), t.end());
  }
}
