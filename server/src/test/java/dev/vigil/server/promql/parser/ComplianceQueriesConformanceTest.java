package dev.vigil.server.promql.parser;

import dev.vigil.server.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Every query of the PromQL Compliance Tester ({@code
 * ../shared/reference/promql-compliance/promql-test-queries.yml}), expanded with the tester's
 * variant values (listed in that directory's README), parses with a stock server's options and
 * prints a stable canonical form.
 *
 * <p>Of the queries the tester expects to fail, only one fails in Prometheus's parser; the others
 * are valid PromQL that fails during evaluation, so they must parse here.
 */
class ComplianceQueriesConformanceTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.SERVER_DEFAULT);

  /** Expected parse errors for {@code should_fail} queries that Prometheus rejects when parsing. */
  private static final Map<String, String> PARSE_FAILURES =
      Map.of(
          "{__name__=~\".*\"}",
          "1:1: parse error: vector selector must contain at least one non-empty matcher");

  /** A query template and the line of its {@code - query:} entry. */
  record Template(int line, String query, List<String> variantArgs, boolean shouldFail) {}

  @TestFactory
  Stream<DynamicTest> everyComplianceQueryParses() throws IOException {
    Path dir = SharedData.require("reference/promql-compliance");
    Map<String, List<String>> variants = variantValues(dir.resolve("README.md"));
    SkipList skips = SkipList.load();
    List<DynamicTest> tests = new ArrayList<>();
    for (Template t : templates(dir.resolve("promql-test-queries.yml"))) {
      for (String q : expand(t.query(), t.variantArgs(), variants)) {
        tests.add(
            DynamicTest.dynamicTest(
                "promql-test-queries.yml:" + t.line() + " " + q,
                () ->
                    skips.run(
                        "promql-compliance/promql-test-queries.yml",
                        t.line(),
                        () -> check(q, t.shouldFail()))));
      }
    }
    assertThat(tests).hasSizeGreaterThan(500);
    return tests.stream();
  }

  private static void check(String query, boolean shouldFail) {
    String parseError = PARSE_FAILURES.get(query);
    if (parseError != null) {
      assertThat(shouldFail).as("the tester expects %s to fail", query).isTrue();
      assertThatThrownBy(() -> PARSER.parseExpr(query))
          .isInstanceOf(ParseException.class)
          .hasMessage(parseError);
      return;
    }
    RoundTrip.check(PARSER, query);
  }

  @SuppressWarnings("unchecked")
  private static List<Template> templates(Path yamlFile) throws IOException {
    String text = Files.readString(yamlFile);
    Map<String, Object> root = new Yaml().load(text);
    List<Map<String, Object>> cases = (List<Map<String, Object>>) root.get("test_cases");
    // SnakeYAML's plain load drops positions; entries appear in file order, so find the lines
    // where list items start at the indentation of the first one.
    List<Integer> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    String itemIndent = null;
    for (int i = 0; i < raw.length; i++) {
      String l = raw[i];
      String indent = l.substring(0, l.length() - l.stripLeading().length());
      boolean item = l.stripLeading().startsWith("- ") || l.strip().equals("-");
      if (item && itemIndent == null && l.contains("query:")) {
        itemIndent = indent;
      }
      if (item && indent.equals(itemIndent)) {
        lines.add(i + 1);
      }
    }
    assertThat(lines).as("query entries in %s", yamlFile).hasSameSizeAs(cases);
    List<Template> out = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> c = cases.get(i);
      List<String> args = (List<String>) c.getOrDefault("variant_args", List.of());
      out.add(
          new Template(
              lines.get(i),
              String.valueOf(c.get("query")),
              args,
              Boolean.TRUE.equals(c.get("should_fail"))));
    }
    return out;
  }

  /** The "| variant arg | values |" table of the README: name to values. */
  private static Map<String, List<String>> variantValues(Path readme) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(readme)) {
      String[] cells = line.split("\\|");
      if (cells.length < 3) {
        continue;
      }
      String name = cells[1].strip();
      if (!name.matches("[A-Za-z]+") || name.equals("values")) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (String v : cells[2].strip().split("\\s+")) {
        if (v.startsWith("(")) {
          break; // a trailing note such as "(used as `<op>_over_time`)"
        }
        values.add(v);
      }
      out.put(name, values);
    }
    assertThat(out).as("variant table in %s", readme).containsKeys("range", "offset", "binOp");
    return out;
  }

  /** All combinations of the template's variant arguments, substituted for {{.name}}. */
  private static List<String> expand(
      String template, List<String> args, Map<String, List<String>> values) {
    List<String> out = new ArrayList<>(List.of(template));
    for (String arg : args) {
      List<String> choices = values.get(arg);
      assertThat(choices).as("values of variant %s", arg).isNotNull().isNotEmpty();
      List<String> next = new ArrayList<>();
      for (String partial : out) {
        for (String v : choices) {
          next.add(partial.replace("{{." + arg + "}}", v));
        }
      }
      out = next;
    }
    for (String q : out) {
      assertThat(q).as("expansion of %s", template).doesNotContain("{{");
    }
    return out;
  }
}
