package dev.vigil.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.metrics.host.HostMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class VigilHostMetricsAutoConfigurationTest {

  private static final boolean LINUX = Files.isReadable(Path.of("/proc/stat"));

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MetricsAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class,
                  CompositeMeterRegistryAutoConfiguration.class,
                  VigilHostMetricsAutoConfiguration.class));

  @TempDir Path dir;

  @Test
  void bindsHostMetricsUnderNodeExporterNamesByDefault() {
    contextRunner.run(
        context -> {
          assertThat(context).hasSingleBean(HostMetrics.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.find("node_time_seconds").gauge()).isNotNull();
          if (LINUX) {
            assertThat(registry.find("node_cpu_seconds").tag("mode", "idle").functionCounters())
                .isNotEmpty();
            assertThat(registry.find("node_memory_MemTotal_bytes").gauge().value()).isPositive();
          }
        });
  }

  @Test
  void theStartersJnaAddsInodeCountsAndClockSynchronisation() {
    assumeTrue(LINUX, "statvfs and adjtimex are only called on Linux");
    // The starter depends on JNA, so the two system calls Java cannot make are available here.
    contextRunner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.find("node_filesystem_files").tag("mountpoint", "/").gauge())
              .isNotNull();
          assertThat(registry.find("node_filesystem_files_free").gauges()).isNotEmpty();
          assertThat(registry.find("node_timex_sync_status").gauge().value()).isBetween(0.0, 1.0);
          assertThat(registry.find("node_timex_tick_seconds").gauge().value()).isPositive();
        });
  }

  @Test
  void textfileDirectoriesComeFromProperties() throws Exception {
    Path textfile = Files.createDirectories(dir.resolve("textfile"));
    Files.writeString(textfile.resolve("backup.prom"), "# TYPE backup_ok gauge\nbackup_ok 1\n");
    contextRunner
        .withPropertyValues("vigil.metrics.host.textfile.directories=" + textfile)
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.get("backup_ok").gauge().value()).isEqualTo(1.0);
              assertThat(registry.get("node_textfile_scrape_error").gauge().value()).isZero();
            });
  }

  @Test
  void collectorsOffByDefaultCanBeSwitchedOn() {
    assumeTrue(LINUX, "processes and tcpstat read /proc");
    contextRunner.run(
        context ->
            assertThat(context.getBean(MeterRegistry.class).find("node_processes_pids").meter())
                .as("off by default, as in node_exporter")
                .isNull());
    contextRunner
        .withPropertyValues(
            "vigil.metrics.host.collectors.processes.enabled=true",
            "vigil.metrics.host.collectors.tcpstat.enabled=true")
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.get("node_processes_pids").gauge().value()).isPositive();
              assertThat(
                      registry
                          .get("node_tcp_connection_states")
                          .tag("state", "rx_queued_bytes")
                          .gauge())
                  .isNotNull();
            });
  }

  @Test
  void hostMetricsCanBeDisabledWithProperty() {
    contextRunner
        .withPropertyValues("vigil.metrics.host.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(HostMetrics.class);
              assertThat(context.getBean(MeterRegistry.class).find("node_time_seconds").meter())
                  .isNull();
            });
  }

  @Test
  void aUserHostMetricsBeanReplacesOurs() {
    contextRunner
        .withUserConfiguration(CustomHostMetricsConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(HostMetrics.class).hasBean("customHostMetrics");
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find("node_time_seconds").gauge()).isNotNull();
              assertThat(registry.find("node_load1").meter()).as("only 'time' is on").isNull();
            });
  }

  @Test
  void aCollectorCanBeSwitchedOffByItsNodeExporterName() {
    assumeTrue(LINUX, "the meminfo collector only binds on Linux");
    contextRunner
        .withPropertyValues("vigil.metrics.host.collectors.meminfo.enabled=false")
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find("node_memory_MemTotal_bytes").meter()).isNull();
              assertThat(registry.find("node_load1").gauge()).as("other collectors stay").isNotNull();
            });
  }

  @Test
  void rejectsAnUnknownCollectorNamingTheProperty() {
    contextRunner
        .withPropertyValues("vigil.metrics.host.collectors.cpuu.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("vigil.metrics.host.collectors.cpuu.enabled")
                    .hasMessageContaining("cpu"));
  }

  @Test
  void readsProcfsFromTheConfiguredPath() throws Exception {
    assumeTrue(LINUX, "the file-based loadavg collector only binds on Linux");
    Files.writeString(dir.resolve("loadavg"), "0.89 0.41 0.16 1/93 9740\n");
    contextRunner
        .withPropertyValues("vigil.metrics.host.path.procfs=" + dir)
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.get("node_load1").gauge().value()).isEqualTo(0.89);
              assertThat(registry.get("node_load15").gauge().value()).isEqualTo(0.16);
            });
  }

  @Test
  void removesItsMetersWhenTheContextCloses() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    contextRunner
        .withBean("outliving", SimpleMeterRegistry.class, () -> registry)
        .run(context -> assertThat(registry.find("node_time_seconds").meter()).isNotNull());

    assertThat(registry.find("node_time_seconds").meter()).isNull();
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomHostMetricsConfiguration {

    @Bean
    HostMetrics customHostMetrics() {
      return HostMetrics.builder().only("time").build();
    }
  }
}
