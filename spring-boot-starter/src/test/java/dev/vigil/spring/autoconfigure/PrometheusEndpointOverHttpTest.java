package dev.vigil.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Boots a real Spring MVC application with the starter on a random loopback port and scrapes it
 * over HTTP, as Prometheus or Vigil would.
 */
class PrometheusEndpointOverHttpTest {

  private static final boolean LINUX = Files.isReadable(Path.of("/proc/self/status"));

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesJvmMetricsTaggedWithTheApplicationNameWithNothingConfigured() throws Exception {
    try (ConfigurableApplicationContext app = start("--spring.application.name=checkout")) {
      HttpResponse<String> scrape = get(app, "/actuator/prometheus");

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(scrape.body())
          .contains("jvm_memory_used_bytes{application=\"checkout\",area=\"heap\",id=\"")
          .contains("jvm_classes_loaded_classes{application=\"checkout\"}")
          .contains("jvm_threads_deadlocked_threads{application=\"checkout\"} 0");
      if (LINUX) {
        assertThat(scrape.body())
            .contains("process_memory_rss_bytes{application=\"checkout\"}")
            .contains("process_threads{application=\"checkout\"}")
            .contains("# TYPE process_cpu_seconds_total counter")
            .contains("process_open_fds{application=\"checkout\"}")
            .contains("node_timex_sync_status{application=\"checkout\"}")
            .contains("node_filesystem_files{application=\"checkout\",device=");
      }
      assertThat(seriesWithout(scrape.body(), "application=\"checkout\"")).isEmpty();
    }
  }

  @Test
  void tagsWithApplicationWhenTheApplicationHasNoName() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      String body = get(app, "/actuator/prometheus").body();

      assertThat(body)
          .contains("jvm_memory_used_bytes{application=\"application\",area=\"heap\",id=\"");
      assertThat(seriesWithout(body, "application=\"application\"")).isEmpty();
    }
  }

  @Test
  void aUserApplicationTagWins() throws Exception {
    try (ConfigurableApplicationContext app =
        start(
            "--spring.application.name=checkout",
            "--management.metrics.tags.application=billing")) {
      String body = get(app, "/actuator/prometheus").body();

      assertThat(body)
          .contains("jvm_memory_used_bytes{application=\"billing\",area=\"heap\",id=\"");
      assertThat(body).doesNotContain("application=\"checkout\"");
    }
  }

  @Test
  void aUserExposureWins() throws Exception {
    try (ConfigurableApplicationContext app =
        start("--management.endpoints.web.exposure.include=health")) {
      assertThat(get(app, "/actuator/health").statusCode()).isEqualTo(200);
      assertThat(get(app, "/actuator/prometheus").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void readsItsSwitchesAndTheNameFromTheApplicationsConfigFile() throws Exception {
    try (ConfigurableApplicationContext app = start("--spring.config.name=vigil-starter-test")) {
      String body = get(app, "/actuator/prometheus").body();

      assertThat(body)
          .contains("jvm_memory_used_bytes{application=\"from-config-file\",area=\"heap\"");
      assertThat(body).doesNotContain("jvm_threads_deadlocked");
    }
  }

  @Test
  void onJettyServesTheJettyThreadPoolMetersTheJvmDashboardReads() throws Exception {
    // 4701's "Utilisation" panel plots Tomcat's and Jetty's pools; this is the Jetty half.
    try (ConfigurableApplicationContext app =
        start(JettyApplication.class, "--spring.application.name=on-jetty")) {
      String body = get(app, "/actuator/prometheus").body();

      assertThat(((WebServerApplicationContext) app).getWebServer().getClass().getSimpleName())
          .startsWith("Jetty");
      assertThat(body)
          .contains("jetty_threads_busy{application=\"on-jetty\"}")
          .contains("jetty_threads_current{application=\"on-jetty\"}")
          .contains("jetty_threads_config_max{application=\"on-jetty\"}")
          .doesNotContain("tomcat_threads_busy_threads");
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    return start(TestApplication.class, args);
  }

  private static ConfigurableApplicationContext start(Class<?> application, String... args) {
    // Quiet start-up logs: five applications boot in this class.
    List<String> all =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn"));
    all.addAll(List.of(args));
    return new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
  }

  private HttpResponse<String> get(ConfigurableApplicationContext app, String path)
      throws Exception {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sample lines (not comments) that lack the given label. */
  private static List<String> seriesWithout(String exposition, String label) {
    return exposition
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank() && !l.contains(label))
        .toList();
  }

  /** A minimal application: everything comes from auto-configuration, as in a user's app. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class TestApplication {}

  /** The same application with Jetty chosen as its server (Tomcat is on the class path too). */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class JettyApplication {

    @Bean
    JettyServletWebServerFactory jettyServletWebServerFactory() {
      return new JettyServletWebServerFactory();
    }
  }
}
