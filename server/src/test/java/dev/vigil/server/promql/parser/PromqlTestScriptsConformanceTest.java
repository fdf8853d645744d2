package dev.vigil.server.promql.parser;

import dev.vigil.server.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.promql.ast.AtModifier;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Exprs;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.lexer.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code eval} of Prometheus's own PromQL script tests ({@code
 * ../shared/reference/promqltest/*.test}) parses with the options those scripts assume, prints a
 * canonical form that is a fixed point, and survives the runner's "pin every selector with @"
 * re-run. An eval that the script expects to fail at parse time (its expected message is a parse
 * error) must fail with that message instead.
 */
class PromqlTestScriptsConformanceTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  private static final Pattern EVAL =
      Pattern.compile(
          "^(eval(?:_fail|_warn|_info|_ordered)?)\\s+"
              + "(?:instant\\s+at\\s+(\\S+)|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)\\s+(.+)$");

  /** Functions whose value depends on the evaluation time; the runner skips the @ re-run. */
  private static final Set<String> AT_UNSAFE =
      Set.of(
          "time",
          "timestamp",
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "days_in_month",
          "hour",
          "minute",
          "month",
          "year",
          "predict_linear",
          "start",
          "end",
          "range",
          "step");

  /** One eval statement and what the script expects of its failure, if anything. */
  record Eval(
      String file,
      int line,
      Long instantMillis,
      String expr,
      boolean fails,
      String msg,
      String regex) {

    /** Whether the script expects a parse error (its message says so). */
    boolean expectsParseError() {
      return fails
          && ((msg != null && msg.contains("parse error"))
              || (regex != null && regex.contains("parse error")));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEvalExpressionParsesLikePrometheus() throws IOException {
    Path dir = SharedData.require("reference/promqltest");
    SkipList skips = SkipList.load();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
    assertThat(files).as("promqltest scripts in %s", dir).isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      for (Eval e : evals(f)) {
        String name = e.file() + ":" + e.line() + " " + e.expr();
        tests.add(
            DynamicTest.dynamicTest(
                name, () -> skips.run("promqltest/" + e.file(), e.line(), () -> check(e))));
      }
    }
    return tests.stream();
  }

  private static void check(Eval e) {
    if (e.expectsParseError()) {
      assertThatThrownBy(() -> PARSER.parseExpr(e.expr()))
          .isInstanceOf(ParseException.class)
          .satisfies(
              t -> {
                if (e.msg() != null) {
                  assertThat(t.getMessage()).isEqualTo(e.msg());
                } else {
                  assertThat(t.getMessage()).containsPattern(e.regex());
                }
              });
      return;
    }
    Expr parsed = RoundTrip.check(PARSER, e.expr());
    if (e.instantMillis() != null && !usesTimeDependentFunctions(parsed)) {
      String pinned = pinSelectors(parsed, e.instantMillis()).toString();
      assertThat(PARSER.parseExpr(pinned).toString()).as("@-pinned form").isEqualTo(pinned);
    }
  }

  /**
   * Adds {@code @ t} to every selector and subquery without one, top-down, leaving everything
   * inside a subquery alone: the promqltest runner's re-run.
   */
  static Expr pinSelectors(Expr e, long millis) {
    AtModifier at = AtModifier.at(millis);
    if (e instanceof SubqueryExpr s) {
      return s.at() == null ? s.withAt(at, s.positionRange()) : s;
    }
    if (e instanceof MatrixSelector m) {
      VectorSelector vs = m.selector();
      return vs.at() == null
          ? m.withSelector(vs.withAt(at, vs.positionRange()), m.positionRange())
          : m;
    }
    if (e instanceof VectorSelector vs) {
      return vs.at() == null ? vs.withAt(at, vs.positionRange()) : vs;
    }
    return Exprs.mapChildren(e, c -> pinSelectors(c, millis));
  }

  private static boolean usesTimeDependentFunctions(Expr e) {
    if (e instanceof Call c && AT_UNSAFE.contains(c.function().name())) {
      return true;
    }
    return Exprs.children(e).stream()
        .anyMatch(PromqlTestScriptsConformanceTest::usesTimeDependentFunctions);
  }

  /** The eval statements of one script, read with the runner's block rules. */
  static List<Eval> evals(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Eval> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      Matcher m = EVAL.matcher(s);
      if (!m.matches()) {
        continue;
      }
      boolean fails = m.group(1).equals("eval_fail");
      String msg = null;
      String regex = null;
      // The block runs until a blank or comment line.
      for (int j = i + 1; j < lines.size(); j++) {
        String b = lines.get(j).strip();
        if (b.isEmpty() || b.startsWith("#")) {
          break;
        }
        if (b.startsWith("expect fail")) {
          fails = true;
          String rest = b.substring("expect fail".length()).strip();
          if (rest.startsWith("msg:")) {
            msg = rest.substring(4).strip();
          } else if (rest.startsWith("regex:")) {
            regex = rest.substring(6).strip();
          }
        } else if (b.startsWith("expected_fail_message")) {
          msg = b.substring("expected_fail_message".length()).strip();
        } else if (b.startsWith("expected_fail_regexp")) {
          regex = b.substring("expected_fail_regexp".length()).strip();
        }
      }
      Long at = m.group(2) == null ? null : Durations.parse(m.group(2)) / 1_000_000L;
      out.add(new Eval(file.getFileName().toString(), i + 1, at, m.group(3), fails, msg, regex));
    }
    return out;
  }
}
