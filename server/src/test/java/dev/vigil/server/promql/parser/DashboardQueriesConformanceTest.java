package dev.vigil.server.promql.parser;

import dev.vigil.server.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PromQL expression of the reference Grafana dashboards ({@code
 * ../shared/reference/dashboards/*.queries.tsv}) parses once Grafana's variables are filled in:
 * panel targets and annotations as queries, {@code label_values(selector, label)} variables as
 * series selectors. Other variable kinds (a datasource, {@code label_values(label)}) hold no PromQL
 * and produce no test.
 */
class DashboardQueriesConformanceTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.SERVER_DEFAULT);

  /** Grafana's built-in interval variables, with the values the brief fixes. */
  private static final Map<String, String> BUILTINS =
      Map.of(
          "__rate_interval", "1m",
          "__interval", "1m",
          "__range", "1h",
          "__interval_ms", "60000",
          "__range_s", "3600",
          "__range_ms", "3600000");

  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?}|\\[\\[([A-Za-z0-9_]+)]]|\\$([A-Za-z0-9_]+)");

  private static final Pattern LABEL_VALUES_WITH_SELECTOR =
      Pattern.compile("^label_values\\((.+),\\s*[A-Za-z0-9_.\"]+\\s*\\)$", Pattern.DOTALL);

  @TestFactory
  Stream<DynamicTest> everyDashboardExpressionParses() throws IOException {
    Path dir = SharedData.require("reference/dashboards");
    SkipList skips = SkipList.load();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".queries.tsv")).sorted().toList();
    }
    assertThat(files).as("dashboard query files in %s", dir).isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      List<String> header = List.of(lines.get(0).split("\t", -1));
      int panelCol = header.indexOf("panel_id");
      int exprCol = header.indexOf("expr");
      assertThat(exprCol).as("expr column of %s", f).isNotNegative();
      for (int i = 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).split("\t", -1);
        if (cells.length <= exprCol || cells[exprCol].isBlank()) {
          continue;
        }
        String source = "dashboards/" + f.getFileName();
        int line = i + 1;
        String expr = substitute(unescape(cells[exprCol]));
        String name = f.getFileName() + ":" + line + " " + expr;
        if (cells[panelCol].startsWith("var:")) {
          Matcher m = LABEL_VALUES_WITH_SELECTOR.matcher(expr.strip());
          if (m.matches()) {
            String selector = m.group(1);
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    () ->
                        skips.run(
                            source,
                            line,
                            () -> assertThat(PARSER.parseMetricSelector(selector)).isNotEmpty())));
          }
          continue;
        }
        tests.add(
            DynamicTest.dynamicTest(
                name, () -> skips.run(source, line, () -> RoundTrip.check(PARSER, expr))));
      }
    }
    return tests.stream();
  }

  /** The TSV escapes tabs and newlines inside cells. */
  private static String unescape(String cell) {
    return cell.replace("\\t", "\t").replace("\\n", "\n");
  }

  /** Fills in $var, ${var} and [[var]]: built-ins get their fixed value, others their own name. */
  static String substitute(String expr) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      m.appendReplacement(sb, Matcher.quoteReplacement(BUILTINS.getOrDefault(name, name)));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
