package dev.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Prometheus's own {@code config/testdata} fixtures (from ../shared) through our loader: no
 * file may crash it, every {@code *.good.yml} must load, and where a bad fixture's problem lies in
 * what we support, we must reject it for the same reason.
 */
class PrometheusConfigTestdataTest {

  /** Bad fixtures whose problem we check, where our wording matches Prometheus's. */
  private static final List<String> SAME_WORDING =
      List.of(
          "bearertoken.bad.yml",
          "bearertoken_basicauth.bad.yml",
          "empty_scrape_config.bad.yml",
          "empty_static_config.bad.yml",
          "jobname.bad.yml",
          "jobname_dup.bad.yml",
          "labelname.bad.yml",
          "labelvalue.bad.yml",
          "scrape_interval.bad.yml");

  /** Bad fixtures we reject with our own wording, and the key our message must name. */
  private static final Map<String, String> SAME_PROBLEM =
      Map.of(
          "unknown_attr.bad.yml", "consult_sd_configs",
          "unknown_global_attr.bad.yml", "nonexistent_field",
          "section_key_dup.bad.yml", "scrape_configs",
          "scrape_body_size_limit.bad.yml", "body_size_limit",
          "url_in_targetgroup.bad.yml", "http://bad");

  private final ConfigLoader loader = new ConfigLoader(name -> null);

  private static Path testdata() {
    return SharedData.require("reference/prometheus-config/config-testdata");
  }

  private static List<Path> files() throws IOException {
    Path dir = testdata();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private Config load(Path file) throws Exception {
    String name = testdata().relativize(file).toString();
    return loader.parse(Files.readString(file), name);
  }

  @TestFactory
  Stream<DynamicTest> everyFileLoadsOrFailsWithFileAndLine() throws IOException {
    return files().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String name = testdata().relativize(file).toString();
                      try {
                        load(file);
                      } catch (ConfigException e) {
                        assertThat(e.getMessage()).startsWith(name + ":" + e.line() + ": ");
                        assertThat(e.line()).isPositive();
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyGoodFixtureLoads() throws IOException {
    return files().stream()
        .filter(f -> f.getFileName().toString().endsWith(".good.yml"))
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> assertThatCode(() -> load(f)).doesNotThrowAnyException()));
  }

  @TestFactory
  Stream<DynamicTest> badFixturesInOurSubsetFailForPrometheusReason() throws IOException {
    Map<String, String> prometheusErrors = new HashMap<>();
    Path tsv =
        SharedData.require("reference/prometheus-config/config-testdata-expected-errors.tsv");
    for (String line : Files.readAllLines(tsv)) {
      String[] parts = line.split("\t", 2);
      if (parts.length == 2) {
        prometheusErrors.put(parts[0], parts[1]);
      }
    }
    Stream<DynamicTest> sameWording =
        SAME_WORDING.stream()
            .map(
                name ->
                    DynamicTest.dynamicTest(
                        name,
                        () ->
                            assertThatThrownBy(() -> load(testdata().resolve(name)))
                                .isInstanceOf(ConfigException.class)
                                .hasMessageContaining(prometheusErrors.get(name))));
    Stream<DynamicTest> sameProblem =
        SAME_PROBLEM.entrySet().stream()
            .map(
                e ->
                    DynamicTest.dynamicTest(
                        e.getKey(),
                        () ->
                            assertThatThrownBy(() -> load(testdata().resolve(e.getKey())))
                                .isInstanceOf(ConfigException.class)
                                .hasMessageContaining(e.getValue())));
    return Stream.concat(sameWording, sameProblem);
  }
}
