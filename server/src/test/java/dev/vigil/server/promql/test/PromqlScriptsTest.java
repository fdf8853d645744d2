package dev.vigil.server.promql.test;

import dev.vigil.server.testing.SharedData;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every eval of Prometheus's promqltest scripts (from {@code ../shared}) and of our own
 * scripts against the engine, one dynamic test per eval. Evals in {@code promql/skip.txt} are
 * still run but reported as skipped with their reason; a listed eval that now passes fails the
 * build, so the list only shrinks.
 */
class PromqlScriptsTest {

  private static final int[] COUNTS = new int[3];

  @TestFactory
  Stream<DynamicNode> upstreamScripts() throws IOException {
    Path dir = SharedData.require("reference/promqltest");
    return scripts(dir, "");
  }

  @TestFactory
  Stream<DynamicNode> ownScripts() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/promql").toURI());
    return scripts(dir, "vigil/");
  }

  private static Stream<DynamicNode> scripts(Path dir, String prefix) throws IOException {
    Map<String, String> skip = skipList();
    List<DynamicNode> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".test")).sorted().toList()) {
        String name = prefix + p.getFileName();
        Script script = ScriptParser.parse(name, Files.readString(p, StandardCharsets.UTF_8));
        List<DynamicTest> evals = new ArrayList<>();
        for (ScriptRunner.Outcome o : ScriptRunner.run(script, skip)) {
          evals.add(
              DynamicTest.dynamicTest(
                  "line " + o.line() + ": " + o.expr(), () -> report(o, skip)));
        }
        files.add(DynamicContainer.dynamicContainer(name, evals));
      }
    }
    return files.stream();
  }

  private static void report(ScriptRunner.Outcome o, Map<String, String> skip) {
    synchronized (COUNTS) {
      COUNTS[o.status().ordinal()]++;
    }
    switch (o.status()) {
      case PASSED -> {}
      case FAILED -> fail(o.location() + " " + o.expr() + ": " + o.message());
      case SKIPPED -> abort(o.location() + " skipped: " + o.message());
    }
  }

  @AfterAll
  static void printCounts() {
    System.out.printf(
        "promqltest: %d passed, %d failed, %d skipped%n", COUNTS[0], COUNTS[1], COUNTS[2]);
  }

  /** skip.txt: {@code file:line reason}, one per line; # starts a comment. */
  static Map<String, String> skipList() {
    Map<String, String> out = new LinkedHashMap<>();
    try (var in = PromqlScriptsTest.class.getResourceAsStream("/promql/skip.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int sp = line.indexOf(' ');
        out.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
