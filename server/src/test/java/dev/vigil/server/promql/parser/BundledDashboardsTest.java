package dev.vigil.server.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import dev.vigil.server.testing.SharedData;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PromQL expression of the dashboards we ship ({@code dashboards/*.json} at the repository
 * root) parses with our own parser once Grafana's variables are filled in, so the dashboards and
 * the server cannot drift apart unnoticed.
 */
class BundledDashboardsTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.SERVER_DEFAULT);
  private static final JsonFactory JSON = new JsonFactory();

  @TestFactory
  Stream<DynamicTest> everyBundledDashboardExpressionParses() throws IOException {
    Path dir = SharedData.repositoryRoot().resolve("dashboards");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("dashboards in %s", dir).isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      List<String> exprs = exprs(f);
      assertThat(exprs).as("PromQL targets in %s", f).isNotEmpty();
      for (String raw : exprs) {
        String expr = DashboardQueriesConformanceTest.substitute(raw);
        tests.add(
            DynamicTest.dynamicTest(
                f.getFileName() + " " + expr, () -> RoundTrip.check(PARSER, expr)));
      }
    }
    return tests.stream();
  }

  /** The values of every "expr" field, wherever it is nested. */
  private static List<String> exprs(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("expr")) {
          if (p.nextToken() == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
            out.add(p.getText());
          }
        }
      }
    }
    return out;
  }
}
