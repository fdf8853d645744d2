package dev.vigil.server.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.yaml.snakeyaml.Yaml;

/**
 * Random and mutated queries never make the engine fail with anything but its own worded errors:
 * each query either evaluates (instant at two times and as a range query) or raises a {@link
 * QueryException} that does not wrap an unchecked exception. A hang would surface as the engine's
 * timeout error, which is also a worded error, so a run is bounded by its query count.
 *
 * <p>Seeds are fixed so a failure reproduces; the failing query is in the message. For a deeper
 * run: {@code -DargLine="-Dfuzz.seed=7 -Dfuzz.n=20000"}; {@code -Dfuzz.verbose=true} also prints
 * every worded error and each query's evaluation time (to find gaps and slow shapes). The corpus for mutation is built in, plus
 * every promqltest eval, compliance query and dashboard expression when {@code ../shared} exists.
 */
class EngineFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
  private static final int COUNT = Integer.getInteger("fuzz.n", 1_500);

  private static final List<String> BUILT_IN =
      List.of(
          "sum by (job) (rate(http_server_requests_seconds_count[5m]))",
          "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket[5m])))",
          "jvm_memory_used_bytes / on(instance) group_left up",
          "max_over_time(flappy[10m:1m] offset 5m)",
          "topk(1, node_cpu_seconds_total) and bottomk(1, node_cpu_seconds_total)",
          "{\"my.metric.ä\", \"label.name\"=~\"v.*\"} * -1 @ end()",
          "count_values(\"v\", up) or label_replace(up, \"d\", \"$1\", \"instance\", \"(.*):.*\")",
          "quantile_over_time(0.5, jvm_memory_used_bytes[15m]) > bool 1e8",
          "predict_linear(node_cpu_seconds_total[10m], 3600) - deriv(up[5m])",
          "limit_ratio(0.5, up) + limitk(1, up)",
          "absent_over_time(nope[5m]) unless absent(up)",
          "irate(http_server_requests_seconds_sum[1m] @ 1800) / time()",
          "sort_desc(stddev by (uri) (http_server_requests_seconds_count))");

  private static Storage storage;
  private static List<String> corpus;
  private static List<String> names;

  @BeforeAll
  static void load() throws Exception {
    corpus = new ArrayList<>(BUILT_IN);
    corpus.addAll(sharedCorpus());
    names = FuzzData.allNames(selectorNames(corpus));
    storage = new Head();
    FuzzData.load(storage, names.subList(FuzzData.NAMES.size(), names.size()), SEED);
  }

  @Test
  void randomQueriesFromTheGrammarEvaluateOrFailWithWordedErrors() {
    QueryGenerator generator = new QueryGenerator(new Random(SEED), names);
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      queries.add(generator.query());
    }
    Outcome outcome = run(queries);
    assertThat(outcome.failures).as("queries with unexpected errors").isEmpty();
    // The generator writes valid queries most of the time; if few evaluate, it tests nothing.
    assertThat(outcome.evaluated).isGreaterThan(COUNT / 3);
  }

  @Test
  void mutatedReferenceQueriesEvaluateOrFailWithWordedErrors() {
    QueryMutator mutator = new QueryMutator(new Random(SEED + 1), names);
    Random pick = new Random(SEED + 2);
    List<String> queries = new ArrayList<>(corpus);
    for (int i = 0; i < COUNT; i++) {
      queries.add(mutator.mutate(corpus.get(pick.nextInt(corpus.size()))));
    }
    Outcome outcome = run(queries);
    assertThat(outcome.failures).as("queries with unexpected errors").isEmpty();
    assertThat(outcome.evaluated).isGreaterThan(queries.size() / 4);
  }

  /** Queries evaluated without error, and the failures by query (first 30). */
  private record Outcome(int evaluated, Map<String, String> failures) {}

  private static Outcome run(List<String> queries) {
    EngineOptions options =
        new EngineOptions(
            Duration.ofMinutes(5), 2_000_000, Duration.ofSeconds(20), true, false,
            Duration.ofMinutes(1));
    Engine plain = new Engine(storage, options);
    Engine delayed =
        new Engine(
            storage,
            new EngineOptions(
                options.lookbackDelta(), options.maxSamples(), options.timeout(), true, true,
                options.defaultSubqueryStep()));
    int evaluated = 0;
    Map<String, String> failures = new LinkedHashMap<>();
    for (int i = 0; i < queries.size() && failures.size() < 30; i++) {
      String q = queries.get(i);
      Engine engine = i % 2 == 0 ? plain : delayed;
      long t0 = System.nanoTime();
      String failure = probe(engine, q);
      if (Boolean.getBoolean("fuzz.verbose")) {
        System.err.println("fuzz ms " + (System.nanoTime() - t0) / 1_000_000 + " " + q);
      }
      if (failure == null) {
        evaluated++;
      } else if (!failure.isEmpty()) {
        failures.put(q, failure);
      }
    }
    System.err.printf(
        "EngineFuzzTest: %d queries, %d evaluated, %d unexpected errors%n",
        queries.size(), evaluated, failures.size());
    return new Outcome(evaluated, failures);
  }

  /** Null when every evaluation succeeded, "" when one failed properly, else the failure. */
  private static String probe(Engine engine, String query) {
    Expr expr;
    try {
      expr = engine.parse(query);
    } catch (QueryException e) {
      return e.isInternal() ? describe(e.getCause()) : "";
    } catch (Throwable t) {
      return describe(t);
    }
    boolean allOk = true;
    long[][] runs = {{1_800_000, 0}, {FuzzData.END_MS + 60_000, 0}, {0, 60_000}};
    for (long[] run : runs) {
      try {
        if (run[1] == 0) {
          engine.instant(expr, query, run[0], null, null);
        } else {
          engine.range(expr, query, run[0], FuzzData.END_MS, run[1], null, null);
        }
      } catch (QueryException e) {
        if (e.isInternal()) {
          return describe(e.getCause());
        }
        if (Boolean.getBoolean("fuzz.verbose")) {
          System.err.println("fuzz error " + e.kind() + " " + e.getMessage() + " <<< " + query);
        }
        allOk = false;
      } catch (Throwable t) {
        return describe(t);
      }
    }
    return allOk ? null : "";
  }

  private static String describe(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    String where = st.length == 0 ? "" : " at " + st[0];
    return t + where;
  }

  private static List<String> sharedCorpus() throws IOException {
    Path reference;
    try {
      reference = SharedData.require("reference");
    } catch (TestAbortedException absent) {
      System.err.println(
          "EngineFuzzTest: ../shared/reference is absent; mutating the built-in corpus only");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Pattern eval =
        Pattern.compile(
            "^\\s*eval\\S*\\s+(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+"
                + "\\s+step\\s+\\S+)\\s+(.+)$");
    for (Path f : list(reference.resolve("promqltest"), ".test")) {
      for (String line : Files.readAllLines(f)) {
        Matcher m = eval.matcher(line);
        if (m.matches()) {
          out.add(m.group(1));
        }
      }
    }
    Path compliance = reference.resolve("promql-compliance/promql-test-queries.yml");
    if (Files.exists(compliance)) {
      out.addAll(complianceQueries(compliance));
    }
    for (Path f : list(reference.resolve("dashboards"), ".queries.tsv")) {
      List<String> lines = Files.readAllLines(f);
      int exprCol = List.of(lines.get(0).split("\t", -1)).indexOf("expr");
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t", -1);
        if (exprCol >= 0 && cells.length > exprCol && !cells[0].startsWith("var:")) {
          out.add(GrafanaVariables.substitute(cells[exprCol].replace("\\n", "\n")));
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> complianceQueries(Path yaml) throws IOException {
    Map<String, Object> root = new Yaml().load(Files.readString(yaml));
    List<String> out = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) root.get("test_cases")) {
      out.add(
          String.valueOf(c.get("query"))
              .replaceAll("\\{\\{\\.[A-Za-z]*Range}}", "5m")
              .replaceAll("\\{\\{\\.[A-Za-z]+}}", "sum"));
    }
    return out;
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** The most used selector names of the corpus, so mutants of it select real data. */
  private static List<String> selectorNames(List<String> queries) {
    Pattern selector = Pattern.compile("(?<![A-Za-z0-9_:\"])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    Map<String, Long> counts =
        queries.stream()
            .flatMap(q -> selector.matcher(q).results().map(r -> r.group(1)))
            .filter(n -> !n.equals("by") && !n.equals("without") && !n.equals("offset"))
            .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(40)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
