package dev.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  private final ConfigLoader loader =
      new ConfigLoader(name -> name.equals("VIGIL_TEST_REPLICA") ? "r1" : null);

  private Config loadFixture(String name) throws Exception {
    Path p = ConfigFixtures.dir().resolve(name);
    return loader.parse(Files.readString(p), name);
  }

  static Stream<Path> goodFixtures() {
    return ConfigFixtures.withSuffix(".good.yml").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFixtures")
  void loadsEveryGoodFixture(Path fixture) throws Exception {
    Config config = loader.parse(Files.readString(fixture), fixture.getFileName().toString());

    assertThat(config.global()).isNotNull();
  }

  static Stream<Arguments> badFixtures() throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ConfigFixtures.dir().resolve("bad-fixtures.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      expected.put(parts[0], parts[1]);
    }
    List<String> files =
        ConfigFixtures.withSuffix(".bad.yml").stream()
            .map(p -> p.getFileName().toString())
            .toList();
    assertThat(expected.keySet())
        .as("every bad fixture has an expected message, and every message a fixture")
        .containsExactlyInAnyOrderElementsOf(files);
    return expected.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFixtures")
  void rejectsEveryBadFixtureNamingFileAndLine(String fixture, String message) {
    assertThatThrownBy(() -> loadFixture(fixture))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void appliesPrometheusDefaults() throws Exception {
    Config config = loadFixture("minimal.good.yml");

    assertThat(config.global()).isEqualTo(GlobalConfig.DEFAULT);
    ScrapeConfig node = config.scrapeConfig("node");
    assertThat(node.scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(node.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(node.metricsPath()).isEqualTo("/metrics");
    assertThat(node.scheme()).isEqualTo("http");
    assertThat(node.honorLabels()).isFalse();
    assertThat(node.honorTimestamps()).isTrue();
    assertThat(node.params()).isEmpty();
    assertThat(node.staticConfigs())
        .containsExactly(new StaticConfig(List.of("localhost:9100"), Labels.empty()));
  }

  @Test
  void readsEverySupportedKey() throws Exception {
    Config config = loadFixture("full.good.yml");

    assertThat(config.global())
        .isEqualTo(
            new GlobalConfig(
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Labels.of("region", "eu-west", "replica", "r1", "literal", "cost$center")));
    assertThat(config.scrapeConfigs())
        .extracting(ScrapeConfig::jobName)
        .containsExactly("vigil", "blackbox", "short");

    ScrapeConfig vigil = config.scrapeConfig("vigil");
    assertThat(vigil.scrapeInterval()).as("inherited").isEqualTo(Duration.ofSeconds(15));
    assertThat(vigil.scrapeTimeout()).as("inherited").isEqualTo(Duration.ofSeconds(5));

    ScrapeConfig blackbox = config.scrapeConfig("blackbox");
    assertThat(blackbox.scrapeInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(blackbox.scrapeTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(blackbox.metricsPath()).isEqualTo("/probe");
    assertThat(blackbox.scheme()).isEqualTo("https");
    assertThat(blackbox.honorLabels()).isTrue();
    assertThat(blackbox.honorTimestamps()).isFalse();
    assertThat(blackbox.params())
        .isEqualTo(
            Map.of("module", List.of("http_2xx"), "target", List.of("example.org", "example.com")));
    assertThat(blackbox.staticConfigs())
        .containsExactly(
            new StaticConfig(List.of("blackbox:9115", "[::1]:9115"), Labels.of("team", "web")),
            new StaticConfig(List.of("localhost"), Labels.empty()));

    ScrapeConfig shortJob = config.scrapeConfig("short");
    assertThat(shortJob.scrapeTimeout())
        .as("the global timeout is capped by a shorter interval")
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void capsTheDefaultGlobalTimeoutAtAShortGlobalInterval() throws Exception {
    Config config = loader.parse("global:\n  scrape_interval: 3s\n", "p.yml");

    assertThat(config.global().scrapeTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void warnsOncePerToleratedKeyWithItsFirstLine() throws Exception {
    Config config = loadFixture("tolerated.good.yml");

    assertThat(config.warnings())
        .containsExactly(
            "tolerated.good.yml:4: query_log_file is not supported yet and is ignored",
            "tolerated.good.yml:5: rule_files is not supported yet and is ignored",
            "tolerated.good.yml:7: alerting is not supported yet and is ignored",
            "tolerated.good.yml:11: remote_write is not supported yet and is ignored",
            "tolerated.good.yml:15: sample_limit is not supported yet and is ignored",
            "tolerated.good.yml:18: relabel_configs is not supported yet and is ignored",
            "tolerated.good.yml:21: file_sd_configs is not supported yet and is ignored",
            "tolerated.good.yml:27: kubernetes_sd_configs is not supported yet and is ignored");
    assertThat(config.scrapeConfig("app").staticConfigs()).hasSize(1);
  }

  @Test
  void resolvesAnchorsAndMergeKeys() throws Exception {
    Config config = loadFixture("anchors.good.yml");

    ScrapeConfig second = config.scrapeConfig("second");
    assertThat(second.scrapeInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(second.staticConfigs())
        .containsExactly(new StaticConfig(List.of("a:1"), Labels.empty()));
  }

  @Test
  void treatsAnEmptyFileAsDefaults() throws Exception {
    assertThat(loadFixture("empty.good.yml")).isEqualTo(Config.empty());
    assertThat(loader.parse("", "empty.yml")).isEqualTo(Config.empty());
  }

  @Test
  void expandsEnvironmentVariablesInExternalLabelsOnly() throws Exception {
    Config config =
        loader.parse(
            """
            global:
              external_labels:
                a: $VIGIL_TEST_REPLICA-x
                b: ${UNSET_VARIABLE}
            scrape_configs:
              - job_name: j
                static_configs:
                  - targets: ["h:1"]
                    labels:
                      c: $VIGIL_TEST_REPLICA
            """,
            "env.yml");

    // Labels is both Comparable and Iterable; compare as plain objects.
    assertThat((Object) config.global().externalLabels()).isEqualTo(Labels.of("a", "r1-x"));
    assertThat((Object) config.scrapeConfig("j").staticConfigs().get(0).labels())
        .isEqualTo(Labels.of("c", "$VIGIL_TEST_REPLICA"));
  }

  @Test
  void namesTheFileItCannotRead(@TempDir Path dir) {
    Path missing = dir.resolve("prometheus.yml");

    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": open " + missing + ": no such file or directory");
  }

  @Test
  void reportsTheLineOfInvalidUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yml");
    byte[] prefix =
        "global:\n  scrape_interval: 15s\n  external_labels:\n    a: \""
            .getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[prefix.length + 2];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    bytes[prefix.length] = (byte) 0xff;
    bytes[prefix.length + 1] = '"';
    Files.write(file, bytes);

    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":4: invalid UTF-8 in file");
  }

  @Test
  void loadsFromAFileAndKeepsTheWarnings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, "rule_files: [a.yml]\nscrape_configs:\n  - job_name: x\n");

    Config config = ConfigLoader.load(file);

    assertThat(config.scrapeConfigs()).hasSize(1);
    assertThat(config.warnings())
        .containsExactly(file + ":1: rule_files is not supported yet and is ignored");
  }
}
