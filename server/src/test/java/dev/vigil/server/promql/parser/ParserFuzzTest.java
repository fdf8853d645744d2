package dev.vigil.server.promql.parser;

import dev.vigil.server.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.server.promql.ast.Expr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Random and mutated queries never make the parser throw anything but {@link ParseException}, and
 * whatever it accepts prints to a canonical form that parses back to itself.
 *
 * <p>The corpus is a built-in seed list plus, when {@code ../shared} is present, every reference
 * query. The seed is fixed, so a failure reproduces; the failing input is in the message. For a
 * deeper run, pass {@code -DargLine="-Dfuzz.seed=7 -Dfuzz.n=300000"} to Maven.
 */
class ParserFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20260824L);
  private static final int MUTATIONS = Integer.getInteger("fuzz.n", 40_000);
  private static final int RANDOM_STRINGS = 5_000;

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  private static final List<String> SEEDS =
      List.of(
          "sum by (job) (rate(http_requests_total{job=~\"api|web\", code!=\"200\"}[5m]))",
          "histogram_quantile(0.99, sum without (instance) (rate(x_bucket[1m] offset -5m @"
              + " end())))",
          "topk(3, foo) / on(a) group_left(b, \"c.d\") bar > bool 1",
          "foo[5m + step():min_of(1m, range())] anchored offset -(1h)",
          "{\"my.metric\", \"a.b\"='c', x!~`y.*`} unless on() vector(1)",
          "-(1 + 2) ^ -3 % 0x1f atan2 1_000 </ 0.5",
          "count_values(\"v\", a) or label_replace(b, \"d\", \"$1\", \"s\", \"(.*)\") # comment",
          "a + fill_left(1) fill_right(-2) b and c[1h:] @ 100.5",
          "info(rate(x[5m]), {k=\"v\"}) - limitk(2, y) + limit_ratio(0.5, z)",
          "\"\\x41\\u00e9\\n\" + 'it\\'s'");

  private static final List<String> ATOMS =
      List.of(
          "(",
          ")",
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "=",
          "!",
          "~",
          "<",
          ">",
          "+",
          "-",
          "*",
          "/",
          "%",
          "^",
          "@",
          "\"",
          "'",
          "`",
          "#",
          ".",
          "_",
          "\\",
          " ",
          "\n",
          "\t",
          "0",
          "1",
          "9",
          "e",
          "x",
          "m",
          "s",
          "h",
          "ä",
          "\uFFFD",
          "\uD800",
          "offset ",
          " by ",
          " without ",
          " bool ",
          " on(",
          " ignoring(",
          " group_left ",
          " and ",
          " or ",
          " unless ",
          "[5m]",
          "[1h:1m]",
          " @ 10",
          " @ start()",
          "{a=\"b\"}",
          "sum(",
          "rate(",
          "1h30m",
          "step()",
          "range()",
          "min_of(",
          " anchored",
          " smoothed",
          " fill(0)",
          "Inf",
          "NaN",
          "0x",
          "1e",
          "__name__",
          "\"\"");

  @Test
  void neverThrowsAnythingButParseExceptionsAndPrintsStableForms() throws IOException {
    List<String> corpus = corpus();
    Random random = new Random(SEED);
    int accepted = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      String base = corpus.get(random.nextInt(corpus.size()));
      accepted += probe(mutate(base, corpus, random));
    }
    for (int i = 0; i < RANDOM_STRINGS; i++) {
      StringBuilder sb = new StringBuilder();
      int atoms = 1 + random.nextInt(12);
      for (int j = 0; j < atoms; j++) {
        sb.append(ATOMS.get(random.nextInt(ATOMS.size())));
      }
      accepted += probe(sb.toString());
    }
    // Mutations must not all be rejected, or the printing property would go untested.
    assertThat(accepted).isGreaterThan(MUTATIONS / 20);
  }

  /** Returns 1 when the query parsed, 0 when it was rejected properly. */
  private static int probe(String query) {
    Expr e;
    try {
      e = PARSER.parseExpr(query);
    } catch (ParseException expected) {
      assertThat(expected.getMessage()).as("message for %s", query).contains("parse error: ");
      return 0;
    } catch (Throwable t) {
      throw new AssertionError("parser threw " + t + " for input: " + escape(query), t);
    }
    String printed = e.toString();
    try {
      assertThat(PARSER.parseExpr(printed).toString()).isEqualTo(printed);
    } catch (ParseException | AssertionError t) {
      fail("canonical form of " + escape(query) + " is " + escape(printed) + ": " + t.getMessage());
    }
    return 1;
  }

  private static String mutate(String base, List<String> corpus, Random random) {
    StringBuilder sb = new StringBuilder(base);
    int edits = 1 + random.nextInt(3);
    for (int k = 0; k < edits; k++) {
      int pos = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
      switch (random.nextInt(5)) {
        case 0 -> {
          int end = Math.min(sb.length(), pos + 1 + random.nextInt(3));
          sb.delete(Math.min(pos, end), end);
        }
        case 1 -> sb.insert(pos, ATOMS.get(random.nextInt(ATOMS.size())));
        case 2 -> {
          if (pos + 1 < sb.length()) {
            char c = sb.charAt(pos);
            sb.setCharAt(pos, sb.charAt(pos + 1));
            sb.setCharAt(pos + 1, c);
          }
        }
        case 3 -> {
          int end = Math.min(sb.length(), pos + random.nextInt(8));
          sb.insert(end, sb.substring(pos, end));
        }
        default -> {
          String other = corpus.get(random.nextInt(corpus.size()));
          int cut = random.nextInt(other.length() + 1);
          sb.insert(pos, other.substring(cut));
        }
      }
    }
    return sb.toString();
  }

  private static List<String> corpus() throws IOException {
    List<String> out = new ArrayList<>(SEEDS);
    Path shared = SharedReferenceOrNull.find();
    if (shared != null) {
      out.addAll(promqltestExpressions(shared.resolve("reference/promqltest")));
      out.addAll(
          complianceTemplates(
              shared.resolve("reference/promql-compliance/promql-test-queries.yml")));
    }
    return out;
  }

  private static List<String> promqltestExpressions(Path dir) throws IOException {
    Pattern eval =
        Pattern.compile(
            "^\\s*eval\\S*\\s+(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)\\s+(.+)$");
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          Matcher m = eval.matcher(line);
          if (m.matches()) {
            out.add(m.group(1));
          }
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> complianceTemplates(Path yaml) throws IOException {
    Map<String, Object> root = new Yaml().load(Files.readString(yaml));
    List<String> out = new ArrayList<>();
    for (Map<String, Object> c :
        (List<Map<String, Object>>) root.get("test_cases")) {
      // Template placeholders become a plausible value; mutation does the rest.
      out.add(String.valueOf(c.get("query")).replaceAll("\\{\\{\\.[A-Za-z]+}}", "1"));
    }
    return out;
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || cp > 0x7e) {
                sb.append(String.format("\\u{%x}", cp));
              } else {
                sb.appendCodePoint(cp);
              }
            });
    return sb.toString();
  }

  /** Like {@link SharedData#require}, but the fuzz test runs on its built-in seeds without it. */
  private static final class SharedReferenceOrNull {
    static Path find() {
      try {
        return SharedData.require("reference").getParent();
      } catch (org.opentest4j.TestAbortedException absent) {
        return null;
      }
    }
  }
}
