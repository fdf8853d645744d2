package dev.vigil.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The syntax tree JSON of {@code /api/v1/parse_query} matches, field by field and then byte by
 * byte, goldens derived from Prometheus's translation of its AST (one case per node type and
 * modifier), kept in {@code src/test/resources/api/parse_query.golden}.
 */
class ParseQueryJsonTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.SERVER_DEFAULT);

  private record Golden(int line, String query, String json) {}

  @TestFactory
  Stream<DynamicTest> writesEveryNodeTypeAsPrometheusDoes() throws IOException {
    List<Golden> goldens = goldens();
    assertThat(goldens).hasSizeGreaterThan(15);
    return goldens.stream()
        .map(
            g ->
                DynamicTest.dynamicTest(
                    "parse_query.golden:" + g.line() + " " + g.query(),
                    () -> {
                      String actual = json(g.query());
                      Yaml yaml = new Yaml();
                      Object expectedTree = yaml.load(g.json());
                      assertThat((Object) yaml.load(actual)).isEqualTo(expectedTree);
                      // Go writes map keys sorted; so do we.
                      assertThat(actual).isEqualTo(g.json());
                    }));
  }

  private static String json(String query) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      AstJson.write(g, PARSER.parseExpr(query));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<Golden> goldens() throws IOException {
    List<Golden> out = new ArrayList<>();
    try (InputStream in = ParseQueryJsonTest.class.getResourceAsStream("/api/parse_query.golden")) {
      List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("query: ")) {
          out.add(new Golden(i + 1, lines.get(i).substring(7).strip(), lines.get(i + 1).strip()));
        }
      }
    }
    return out;
  }
}
