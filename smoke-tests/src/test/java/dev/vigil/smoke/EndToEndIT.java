package dev.vigil.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walking skeleton end to end, with real processes on loopback: the Spring Boot demo with the
 * starter, the plain Java demo with the agent attached, and the server scraping both and itself.
 * Everything is asserted through the Prometheus HTTP API, as Grafana would see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private Path work;

  private final List<JavaProcess> processes = new ArrayList<>();
  private PrometheusApi api;

  @BeforeAll
  void startEverything() throws IOException {
    Path logs = Repo.root().resolve("smoke-tests/target/it-logs/" + getClass().getSimpleName());
    // Kept under target/ (not a JUnit temp dir) so a failed run leaves its config and data to look at.
    work = Files.createDirectories(logs.resolve("work"));
    int bootPort = Repo.freePort();
    int plainPort = Repo.freePort();
    int agentPort = Repo.freePort();
    int serverPort = Repo.freePort();

    processes.add(
        JavaProcess.start(
            "spring-boot-demo",
            logs,
            List.of(
                "-jar",
                Repo.artifact("sample-apps/spring-boot-demo/target/spring-boot-demo.jar").toString(),
                "--server.port=" + bootPort,
                "--server.address=127.0.0.1")));
    // No -Dvigil.application: the agent must derive "plain-java-demo" from the jar name.
    processes.add(
        JavaProcess.start(
            "plain-java-demo",
            logs,
            List.of(
                "-javaagent:" + Repo.artifact("agent/target/vigil-agent.jar"),
                "-Dvigil.agent.host=127.0.0.1",
                "-Dvigil.agent.port=" + agentPort,
                "-jar",
                Repo.artifact("sample-apps/plain-java-demo/target/plain-java-demo.jar").toString(),
                String.valueOf(plainPort))));

    Path config = work.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: vigil
            static_configs:
              - targets: ['127.0.0.1:%d']
          - job_name: spring-boot-demo
            metrics_path: /actuator/prometheus
            static_configs:
              - targets: ['127.0.0.1:%d']
          - job_name: plain-java-demo
            static_configs:
              - targets: ['127.0.0.1:%d']
                labels:
                  team: demo
        """
            .formatted(serverPort, bootPort, agentPort));
    processes.add(
        JavaProcess.start(
            "vigil-server",
            logs,
            List.of(
                "-jar",
                Repo.artifact("server/target/vigil-server.jar").toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=127.0.0.1:" + serverPort)));
    api = new PrometheusApi("http://127.0.0.1:" + serverPort);
  }

  @AfterAll
  void stopEverything() {
    processes.forEach(JavaProcess::close);
  }

  @Test
  void everyTargetIsUpAfterTheFirstScrapes() throws Exception {
    Map<String, String> upByJob = awaitQuery("up", r -> r.size() == 3 && r.stream().allMatch(s -> s.value().equals("1")));
    assertThat(upByJob)
        .containsOnly(
            Map.entry("vigil", "1"), Map.entry("spring-boot-demo", "1"), Map.entry("plain-java-demo", "1"));
  }

  @Test
  void jvmMemoryComesBackForBothApplicationsWithTheirApplicationLabel() throws Exception {
    List<PrometheusApi.Sample> heap =
        awaitSamples(
            "jvm_memory_used_bytes{area=\"heap\"}",
            r -> applications(r).containsAll(Set.of("spring-boot-demo", "plain-java-demo")));
    assertThat(applications(heap)).containsExactlyInAnyOrder("spring-boot-demo", "plain-java-demo");
    for (PrometheusApi.Sample s : heap) {
      String app = s.metric().get("application");
      assertThat(s.metric()).containsEntry("__name__", "jvm_memory_used_bytes").containsEntry("job", app);
      // A single pool (an empty survivor space) may be 0; the heap as a whole is not.
      assertThat(Double.parseDouble(s.value())).isNotNegative();
    }
    for (String app : applications(heap)) {
      assertThat(heap.stream()
              .filter(s -> app.equals(s.metric().get("application")))
              .mapToDouble(s -> Double.parseDouble(s.value()))
              .sum())
          .as("heap used by %s", app)
          .isPositive();
    }
    // Target labels from the config are attached, and regex matchers work end to end.
    List<PrometheusApi.Sample> plain =
        api.query("jvm_memory_used_bytes{application=~\"plain-.*\",team=\"demo\",id!~\".*Metaspace.*\"}");
    assertThat(plain).isNotEmpty().allSatisfy(s -> assertThat(s.metric()).containsEntry("instance", s.metric().get("instance")).doesNotContainEntry("id", "Metaspace"));
  }

  private static Set<String> applications(List<PrometheusApi.Sample> r) {
    return r.stream().map(s -> s.metric().get("application")).collect(Collectors.toSet());
  }

  private Map<String, String> awaitQuery(String promql, java.util.function.Predicate<List<PrometheusApi.Sample>> done)
      throws Exception {
    Map<String, String> byJob = new TreeMap<>();
    for (PrometheusApi.Sample s : awaitSamples(promql, done)) {
      byJob.put(s.metric().get("job"), s.value());
    }
    return byJob;
  }

  /** Polls a query until the predicate holds; on timeout fails with the last answer and every process's log. */
  private List<PrometheusApi.Sample> awaitSamples(
      String promql, java.util.function.Predicate<List<PrometheusApi.Sample>> done) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    String last = "(no answer)";
    while (Instant.now().isBefore(deadline)) {
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        break;
      }
      try {
        List<PrometheusApi.Sample> r = api.query(promql);
        if (done.test(r)) {
          return r;
        }
        last = r.toString();
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(250);
    }
    fail("query %s did not reach the expected state; last answer: %s%n%s",
        promql, last, processes.stream().map(JavaProcess::describe).collect(Collectors.joining("\n")));
    return List.of();
  }
}
