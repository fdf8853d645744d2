package dev.vigil.server.promql.parser;

/**
 * Where a syntax error happened, which decides the wording of "unexpected X in ..., expected ..."
 * messages.
 *
 * <p>Prometheus's yacc grammar has error productions in exactly these places; an error anywhere
 * below them (not closed yet) is reported with the innermost one's wording, and anywhere else as a
 * bare "unexpected X". The parser keeps a stack of these to reproduce that.
 */
enum ErrorContext {
  AGGREGATION("aggregation", null),
  GROUPING_OPEN("grouping opts", "\"(\""),
  GROUPING_LABEL("grouping opts", "label"),
  GROUPING_NEXT("grouping opts", "\",\" or \")\""),
  MATCHER_START("label matching", "identifier or \"}\""),
  MATCHER_OPERATOR("label matching", "label matching operator"),
  MATCHER_VALUE("label matching", "string"),
  MATCHER_NEXT("label matching", "\",\" or \"}\""),
  RANGE_START("subquery or range selector", "number, duration, step(), or range()"),
  RANGE_NEXT("subquery or range", "\":\" or \"]\""),
  SUBQUERY_STEP("subquery selector", "number, duration, step(), range(), or \"]\""),
  SUBQUERY_END("subquery selector", "\"]\""),
  OFFSET("offset", "number, duration, step(), or range()"),
  AT("@", "timestamp");

  private final String where;
  private final String expected;

  ErrorContext(String where, String expected) {
    this.where = where;
    this.expected = expected;
  }

  /** The message for an unexpected token described as {@code token}. */
  String message(String token) {
    String m = "unexpected " + token + " in " + where;
    return expected == null ? m : m + ", expected " + expected;
  }
}
