package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.storage.memory.MemoryStorage;
import dev.vigil.server.telemetry.TelemetryRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeScheduleTest {

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 999, 1000, 1_700_000_000_123L})
  void firstScrapeLandsOnTheTargetsFixedPhaseWithinOneInterval(long now) {
    long interval = 15_000;
    long hash =
        0x9e3779b97f4a7c15L; // Negative as a signed long: the offset must treat it unsigned.

    long delay = ScrapeLoop.offsetMillis(hash, interval, now);

    assertThat(delay).isPositive().isLessThanOrEqualTo(interval);
    assertThat(Math.floorMod(now + delay, interval))
        .isEqualTo(Long.remainderUnsigned(hash, interval));
  }

  @Test
  void spreadsTargetsOverTheInterval() throws Exception {
    var config =
        new ConfigLoader(n -> null)
            .parse(
                """
                scrape_configs:
                  - job_name: many
                    static_configs:
                      - targets: ["a:1", "b:1", "c:1", "d:1"]
                """,
                "t.yml");
    long interval = 60_000;
    var delays =
        Target.fromConfig(config.scrapeConfig("many")).stream()
            .map(t -> ScrapeLoop.offsetMillis(t.hash(), interval, 0))
            .distinct()
            .toList();

    assertThat(delays).hasSize(4);
  }

  @Test
  void scrapesOnScheduleWithoutBeingAsked() throws Exception {
    TelemetryRegistry registry = new TelemetryRegistry();
    try (TestTarget target = new TestTarget();
        MemoryStorage storage = new MemoryStorage(registry);
        ScrapeManager manager = new ScrapeManager(storage, registry, "test")) {
      target.serve("scheduled 1\n");
      manager.apply(
          new ConfigLoader(n -> null)
              .parse(
                  """
                  scrape_configs:
                    - job_name: app
                      scrape_interval: 1s
                      static_configs:
                        - targets: ["%s"]
                  """
                      .formatted(target.address()),
                  "t.yml"));

      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (manager.targets().get(0).health() != TargetHealth.UP
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }

      assertThat(manager.targets().get(0).health()).isEqualTo(TargetHealth.UP);
    }
  }
}
