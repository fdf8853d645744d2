package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.config.ScrapeConfig;
import dev.vigil.server.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {

  private static ScrapeConfig job(String yaml) throws Exception {
    return new ConfigLoader(n -> null).parse(yaml, "t.yml").scrapeConfigs().get(0);
  }

  @Test
  void defaultsInstanceToTheAddressAndDropsReservedLabels() throws Exception {
    List<Target> targets =
        Target.fromConfig(
            job(
                """
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ["h1:9100", "h1:9100", "[::1]:9100"]
                        labels: {dc: west}
                """));

    assertThat(targets).hasSize(2).as("duplicates collapse");
    assertThat((Object) targets.get(0).labels())
        .isEqualTo(Labels.of("dc", "west", "instance", "h1:9100", "job", "node"));
    assertThat(targets.get(1).url()).hasToString("http://[::1]:9100/metrics");
    assertThat(targets.get(0).discoveredLabels().get("__scrape_interval__")).isEqualTo("1m");
  }

  @Test
  void staticLabelsMayOverrideJobInstanceAndTheUrlParts() throws Exception {
    Target t =
        Target.fromConfig(
                job(
                    """
                    scrape_configs:
                      - job_name: node
                        scheme: https
                        params: {a: ["1", "2"]}
                        static_configs:
                          - targets: ["h1:9100"]
                            labels:
                              job: custom
                              instance: nice-name
                              __metrics_path__: /other
                              __param_a: "9"
                    """))
            .get(0);

    assertThat((Object) t.labels()).isEqualTo(Labels.of("instance", "nice-name", "job", "custom"));
    assertThat(t.url()).hasToString("https://h1:9100/other?a=9&a=2");
  }

  @Test
  void hashesStably() throws Exception {
    ScrapeConfig c =
        job(
            """
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["h1:9100"]
            """);

    assertThat(Target.fromConfig(c).get(0).hash()).isEqualTo(Target.fromConfig(c).get(0).hash());
  }
}
