package dev.vigil.server.promql.engine;

import dev.vigil.server.promql.ast.AggregateOp;
import dev.vigil.server.promql.ast.BinaryOp;
import dev.vigil.server.promql.ast.Function;
import dev.vigil.server.promql.functions.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates a query mostly at token level, so that most mutants still parse and reach the engine:
 * numbers become edge values, durations other durations, functions, aggregations and operators
 * others of their kind, metric names names that hold data; sometimes a character-level edit.
 */
final class QueryMutator {

  private static final Pattern NUMBER =
      Pattern.compile("(?<![A-Za-z0-9_.:\"'])[0-9]+(?:\\.[0-9]+)?(?![0-9A-Za-z_.])");
  private static final Pattern DURATION =
      Pattern.compile("(?<![A-Za-z0-9_])[0-9]+(?:ms|s|m|h|d|w|y)(?![A-Za-z0-9_])");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![A-Za-z0-9_:\"'$])[a-zA-Z_:][a-zA-Z0-9_:]*(?![A-Za-z0-9_:\"'])");
  private static final Pattern OPERATOR =
      Pattern.compile("(?<=\\s)(\\+|-|\\*|/|%|\\^|==|!=|>=|<=|>|<|and|or|unless|atan2)(?=\\s)");

  private static final String[] NUMBERS = {
    "0", "-1", "1e308", "NaN", "Inf", "-Inf", "0.5", "1e-320", "100000", "2", "1"
  };
  private static final String[] DURATIONS = {"100ms", "1s", "1m", "5m", "1h", "1d", "30s"};

  private final Random random;
  private final List<String> metrics;
  private final List<String> functionNames = new ArrayList<>();
  private final List<String> aggregations = new ArrayList<>();
  private final List<String> operators = new ArrayList<>();

  QueryMutator(Random random, List<String> metrics) {
    this.random = random;
    this.metrics = metrics;
    for (Function f : FunctionTable.all()) {
      functionNames.add(f.name());
    }
    for (AggregateOp op : AggregateOp.values()) {
      aggregations.add(op.keyword());
    }
    for (BinaryOp op : BinaryOp.values()) {
      operators.add(op.symbol());
    }
  }

  String mutate(String query) {
    String q = query;
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      q =
          switch (random.nextInt(7)) {
            case 0 -> replaceOne(q, NUMBER, NUMBERS);
            case 1 -> replaceOne(q, DURATION, DURATIONS);
            case 2, 3 -> replaceIdentifier(q);
            case 4 -> replaceOne(q, OPERATOR, operators.toArray(String[]::new));
            case 5 -> wrap(q);
            default -> charEdit(q);
          };
    }
    return q;
  }

  private String replaceOne(String q, Pattern p, String[] choices) {
    List<int[]> spans = spans(q, p);
    if (spans.isEmpty()) {
      return q;
    }
    int[] s = spans.get(random.nextInt(spans.size()));
    return q.substring(0, s[0]) + choices[random.nextInt(choices.length)] + q.substring(s[1]);
  }

  /** Identifiers become a function, an aggregation or a metric name, by what they were. */
  private String replaceIdentifier(String q) {
    List<int[]> spans = spans(q, IDENTIFIER);
    if (spans.isEmpty()) {
      return q;
    }
    int[] s = spans.get(random.nextInt(spans.size()));
    String word = q.substring(s[0], s[1]);
    String replacement;
    if (functionNames.contains(word)) {
      replacement = functionNames.get(random.nextInt(functionNames.size()));
    } else if (aggregations.contains(word)) {
      replacement = aggregations.get(random.nextInt(aggregations.size()));
    } else {
      replacement = metrics.get(random.nextInt(metrics.size()));
      if (!replacement.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
        return q;
      }
    }
    return q.substring(0, s[0]) + replacement + q.substring(s[1]);
  }

  private String wrap(String q) {
    String[] wrappers = {
      "sum by (job) (%s)", "rate((%s)[5m:1m])", "%s offset 1m", "-(%s)", "(%s) > bool 0",
      "topk(2, %s)", "absent(%s)", "(%s)[10m:]", "histogram_quantile(0.9, %s)",
      "limit_ratio(0.5, %s)", "count_values(\"v\", %s)", "%s @ end()"
    };
    return String.format(wrappers[random.nextInt(wrappers.length)], q);
  }

  private String charEdit(String q) {
    if (q.isEmpty()) {
      return q;
    }
    int pos = random.nextInt(q.length());
    String[] atoms = {"(", ")", "[", "]", "{", "}", ",", " ", "1", "-", "\"", ":", "@", "~"};
    return switch (random.nextInt(2)) {
      case 0 -> q.substring(0, pos) + q.substring(pos + 1);
      default -> q.substring(0, pos) + atoms[random.nextInt(atoms.length)] + q.substring(pos);
    };
  }

  private static List<int[]> spans(String q, Pattern p) {
    List<int[]> out = new ArrayList<>();
    Matcher m = p.matcher(q);
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }
}
