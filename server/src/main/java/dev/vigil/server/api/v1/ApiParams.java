package dev.vigil.server.api.v1;

import dev.vigil.server.format.GoQuote;
import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.promql.parser.ParseException;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import dev.vigil.server.web.WebRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter parsing shared by the label, series and metadata endpoints, with Prometheus's defaults
 * and error wording ({@code start}/{@code end}, {@code limit}, {@code match[]}).
 */
final class ApiParams {

  /**
   * Prometheus's default start of an open time range, in milliseconds. It is not Long.MIN_VALUE:
   * Prometheus picked the earliest second Go can format, and clients echo it back as RFC 3339.
   */
  static final long MIN_TIME = (Long.MIN_VALUE / 1000 + 62135596801L) * 1000;

  /** Prometheus's default end of an open time range, in milliseconds. */
  static final long MAX_TIME = (Long.MAX_VALUE / 1000 - 62135596801L) * 1000 + 999;

  /** How Go prints {@link #MIN_TIME}; Java's ISO parser refuses such years, so match literally. */
  static final String MIN_TIME_FORMATTED = "-292273086-05-16T16:47:06Z";

  /** How Go prints {@link #MAX_TIME}. */
  static final String MAX_TIME_FORMATTED = "292277025-08-18T07:12:54.999999999Z";

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.SERVER_DEFAULT);

  private ApiParams() {}

  /**
   * An optional time parameter; absent or empty gives {@code defaultMillis}. The error reads
   * {@code invalid parameter "start": invalid time value for 'start': cannot parse "x" to a valid
   * timestamp}, as Prometheus's label and series endpoints word it.
   */
  static long time(WebRequest request, String name, long defaultMillis) throws ApiException {
    String value = request.param(name);
    if (value == null || value.isEmpty()) {
      return defaultMillis;
    }
    if (value.equals(MIN_TIME_FORMATTED)) {
      return MIN_TIME;
    }
    if (value.equals(MAX_TIME_FORMATTED)) {
      return MAX_TIME;
    }
    try {
      return TimeParam.parse(name, value);
    } catch (ApiException e) {
      throw ApiException.invalidParameter(
          name,
          "invalid time value for '"
              + name
              + "': cannot parse "
              + GoQuote.quote(value)
              + " to a valid timestamp");
    }
  }

  /**
   * The {@code limit} parameter: 0 (also when absent) means unlimited; non-integers and negative
   * values are {@code bad_data} with Go's {@code strconv.Atoi} wording.
   */
  static int limit(WebRequest request) throws ApiException {
    String value = request.param("limit");
    if (value == null || value.isEmpty()) {
      return 0;
    }
    long n;
    try {
      n = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter(
          "limit", "strconv.Atoi: parsing " + GoQuote.quote(value) + ": invalid syntax");
    }
    if (n < 0) {
      throw ApiException.invalidParameter("limit", "limit must be non-negative");
    }
    // Go's int is 64 bits; anything above what a Java list can hold is as good as unlimited.
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  /**
   * Parses every {@code match[]} selector; each must have a matcher that does not match the empty
   * string. Errors are the parser's own message, which callers may prefix.
   */
  static List<List<LabelMatcher>> matcherSets(List<String> selectors) throws MatchException {
    List<List<LabelMatcher>> sets = new ArrayList<>(selectors.size());
    for (String s : selectors) {
      List<LabelMatcher> matchers;
      try {
        matchers = PARSER.parseMetricSelector(s);
      } catch (ParseException e) {
        throw new MatchException(e.getMessage());
      }
      if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
        throw new MatchException("match[] must contain at least one non-empty matcher");
      }
      sets.add(matchers);
    }
    return sets;
  }

  /** A bad {@code match[]} value; the endpoints word the envelope error differently. */
  static final class MatchException extends Exception {
    MatchException(String message) {
      super(message, null, false, false);
    }
  }
}
