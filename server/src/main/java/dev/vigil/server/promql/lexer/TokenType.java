package dev.vigil.server.promql.lexer;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of PromQL tokens. Words (keywords, word operators, aggregators, the {@code @}
 * preprocessors) are a table: their spelling is the second column, so adding a keyword adds a row.
 */
public enum TokenType {
  EOF(Category.VALUE, null),
  ERROR(Category.VALUE, null),
  COMMENT(Category.VALUE, null),
  IDENTIFIER(Category.VALUE, null),
  METRIC_IDENTIFIER(Category.VALUE, null),
  NUMBER(Category.VALUE, null),
  DURATION(Category.VALUE, null),
  STRING(Category.VALUE, null),

  LEFT_PAREN(Category.PUNCTUATION, "("),
  RIGHT_PAREN(Category.PUNCTUATION, ")"),
  LEFT_BRACE(Category.PUNCTUATION, "{"),
  RIGHT_BRACE(Category.PUNCTUATION, "}"),
  LEFT_BRACKET(Category.PUNCTUATION, "["),
  RIGHT_BRACKET(Category.PUNCTUATION, "]"),
  COMMA(Category.PUNCTUATION, ","),
  EQL(Category.PUNCTUATION, "="),
  COLON(Category.PUNCTUATION, ":"),

  ADD(Category.OPERATOR, "+"),
  SUB(Category.OPERATOR, "-"),
  MUL(Category.OPERATOR, "*"),
  DIV(Category.OPERATOR, "/"),
  MOD(Category.OPERATOR, "%"),
  POW(Category.OPERATOR, "^"),
  EQLC(Category.OPERATOR, "=="),
  NEQ(Category.OPERATOR, "!="),
  LTE(Category.OPERATOR, "<="),
  LSS(Category.OPERATOR, "<"),
  GTE(Category.OPERATOR, ">="),
  GTR(Category.OPERATOR, ">"),
  TRIM_UPPER(Category.OPERATOR, "</"),
  TRIM_LOWER(Category.OPERATOR, ">/"),
  EQL_REGEX(Category.OPERATOR, "=~"),
  NEQ_REGEX(Category.OPERATOR, "!~"),
  AT(Category.OPERATOR, "@"),
  LAND(Category.WORD_OPERATOR, "and"),
  LOR(Category.WORD_OPERATOR, "or"),
  LUNLESS(Category.WORD_OPERATOR, "unless"),
  ATAN2(Category.WORD_OPERATOR, "atan2"),

  SUM(Category.AGGREGATOR, "sum"),
  AVG(Category.AGGREGATOR, "avg"),
  COUNT(Category.AGGREGATOR, "count"),
  MIN(Category.AGGREGATOR, "min"),
  MAX(Category.AGGREGATOR, "max"),
  GROUP(Category.AGGREGATOR, "group"),
  STDDEV(Category.AGGREGATOR, "stddev"),
  STDVAR(Category.AGGREGATOR, "stdvar"),
  TOPK(Category.AGGREGATOR, "topk"),
  BOTTOMK(Category.AGGREGATOR, "bottomk"),
  COUNT_VALUES(Category.AGGREGATOR, "count_values"),
  QUANTILE(Category.AGGREGATOR, "quantile"),
  LIMITK(Category.AGGREGATOR, "limitk"),
  LIMIT_RATIO(Category.AGGREGATOR, "limit_ratio"),

  BOOL(Category.KEYWORD, "bool"),
  BY(Category.KEYWORD, "by"),
  GROUP_LEFT(Category.KEYWORD, "group_left"),
  GROUP_RIGHT(Category.KEYWORD, "group_right"),
  FILL(Category.KEYWORD, "fill"),
  FILL_LEFT(Category.KEYWORD, "fill_left"),
  FILL_RIGHT(Category.KEYWORD, "fill_right"),
  IGNORING(Category.KEYWORD, "ignoring"),
  OFFSET(Category.KEYWORD, "offset"),
  SMOOTHED(Category.KEYWORD, "smoothed"),
  ANCHORED(Category.KEYWORD, "anchored"),
  ON(Category.KEYWORD, "on"),
  WITHOUT(Category.KEYWORD, "without"),

  START(Category.PREPROCESSOR, "start"),
  END(Category.PREPROCESSOR, "end"),
  STEP(Category.PREPROCESSOR, "step"),
  RANGE(Category.PREPROCESSOR, "range"),
  MAX_OF(Category.PREPROCESSOR, "max_of"),
  MIN_OF(Category.PREPROCESSOR, "min_of");

  /** How a token kind is described in "unexpected ..." messages. */
  enum Category {
    VALUE,
    PUNCTUATION,
    OPERATOR,
    WORD_OPERATOR,
    AGGREGATOR,
    KEYWORD,
    PREPROCESSOR
  }

  private static final Map<String, TokenType> WORDS = new HashMap<>();

  static {
    for (TokenType t : values()) {
      if (t.category.ordinal() >= Category.WORD_OPERATOR.ordinal()) {
        WORDS.put(t.text, t);
      }
    }
  }

  private final Category category;
  private final String text;

  TokenType(Category category, String text) {
    this.category = category;
    this.text = text;
  }

  /** The canonical spelling, e.g. {@code "sum"} or {@code "=="}; null for value tokens. */
  public String text() {
    return text;
  }

  Category category() {
    return category;
  }

  /** The word token for a case-insensitive word, or null when the word is an identifier. */
  static TokenType word(String word) {
    return WORDS.get(word.toLowerCase(Locale.ROOT));
  }

  public boolean isAggregator() {
    return category == Category.AGGREGATOR;
  }

  /** Whether this word can also be a metric name ({@code sum}, {@code offset}, {@code by}, ...). */
  public boolean canBeMetricName() {
    return switch (this) {
      case IDENTIFIER,
              METRIC_IDENTIFIER,
              LAND,
              LOR,
              LUNLESS,
              BY,
              WITHOUT,
              OFFSET,
              FILL,
              FILL_LEFT,
              FILL_RIGHT,
              ANCHORED,
              SMOOTHED,
              START,
              END,
              STEP,
              RANGE,
              MAX_OF,
              MIN_OF ->
          true;
      default -> isAggregator();
    };
  }

  /** Whether this token can be a label name in {@code by (...)} and friends. */
  public boolean canBeGroupingLabel() {
    return switch (this) {
      case WITHOUT -> false;
      case BOOL, ON, IGNORING, GROUP_LEFT, GROUP_RIGHT, ATAN2 -> true;
      default -> canBeMetricName();
    };
  }
}
