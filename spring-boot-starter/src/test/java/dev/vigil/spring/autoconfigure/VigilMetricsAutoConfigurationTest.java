package dev.vigil.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.process.ProcessStatusMetrics;
import dev.vigil.metrics.process.PrometheusProcessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmThreadDeadlockMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class VigilMetricsAutoConfigurationTest {

  private static final boolean LINUX = Files.isReadable(Path.of("/proc/self/status"));

  /** Boot's own metrics setup: a registry, binder binding, and its JVM and system binders. */
  private static final AutoConfigurations BOOT_METRICS =
      AutoConfigurations.of(
          MetricsAutoConfiguration.class,
          SimpleMetricsExportAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class,
          JvmMetricsAutoConfiguration.class,
          SystemMetricsAutoConfiguration.class);

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner()
          .withConfiguration(BOOT_METRICS)
          .withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class));

  @Test
  void autoConfiguresProcessStatusMetrics() {
    contextRunner.run(
        context -> {
          assertThat(context).hasSingleBean(ProcessStatusMetrics.class);
          if (LINUX) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("process.memory.rss").gauge()).isNotNull();
            assertThat(registry.find("process.threads").gauge()).isNotNull();
          }
        });
  }

  @Test
  void autoConfiguresThreadDeadlockMetrics() {
    contextRunner.run(
        context -> {
          assertThat(context).hasSingleBean(JvmThreadDeadlockMetrics.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("jvm.threads.deadlocked").gauge().value()).isZero();
          assertThat(registry.get("jvm.threads.deadlocked.monitor").gauge().value()).isZero();
        });
  }

  @Test
  void processMetricsCanBeDisabledWithProperty() {
    contextRunner
        .withPropertyValues("vigil.metrics.process.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ProcessStatusMetrics.class);
              assertThat(context.getBean(MeterRegistry.class).find("process.threads").meter())
                  .isNull();
              assertThat(context).hasSingleBean(JvmThreadDeadlockMetrics.class);
            });
  }

  @Test
  void threadDeadlockMetricsCanBeDisabledWithProperty() {
    contextRunner
        .withPropertyValues("vigil.metrics.thread-deadlock.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(JvmThreadDeadlockMetrics.class);
              assertThat(
                      context.getBean(MeterRegistry.class).find("jvm.threads.deadlocked").meter())
                  .isNull();
              assertThat(context).hasSingleBean(ProcessStatusMetrics.class);
            });
  }

  @Test
  void allowsCustomProcessStatusMetricsToBeUsed() {
    contextRunner
        .withUserConfiguration(CustomProcessStatusMetricsConfiguration.class)
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(ProcessStatusMetrics.class)
                    .hasBean("customProcessStatusMetrics"));
  }

  @Test
  void allowsCustomThreadDeadlockMetricsToBeUsed() {
    contextRunner
        .withUserConfiguration(CustomThreadDeadlockMetricsConfiguration.class)
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(JvmThreadDeadlockMetrics.class)
                  .hasBean("customThreadDeadlockMetrics");
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get("jvm.threads.deadlocked")
                          .gauge()
                          .getId()
                          .getTag("team"))
                  .isEqualTo("payments");
            });
  }

  @Test
  void autoConfiguresClientLibraryProcessMetrics() {
    contextRunner.run(
        context -> {
          assertThat(context).hasSingleBean(PrometheusProcessMetrics.class);
          if (LINUX) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("process.cpu.seconds").functionCounter().count()).isPositive();
            assertThat(registry.get("process.open.fds").gauge().value()).isPositive();
          }
        });
  }

  @Test
  void clientLibraryProcessMetricsCanBeDisabledWithProperty() {
    contextRunner
        .withPropertyValues("vigil.metrics.client-process.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(PrometheusProcessMetrics.class);
              assertThat(context.getBean(MeterRegistry.class).find("process.open.fds").meter())
                  .isNull();
              assertThat(context).hasSingleBean(ProcessStatusMetrics.class);
            });
  }

  @Test
  void allowsCustomClientLibraryProcessMetricsToBeUsed() {
    contextRunner
        .withUserConfiguration(CustomPrometheusProcessMetricsConfiguration.class)
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(PrometheusProcessMetrics.class)
                  .hasBean("customPrometheusProcessMetrics");
              if (LINUX) {
                assertThat(
                        context
                            .getBean(MeterRegistry.class)
                            .get("process.open.fds")
                            .gauge()
                            .getId()
                            .getTag("team"))
                    .isEqualTo("payments");
              }
            });
  }

  @Test
  void backsOffWithoutAMeterRegistry() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class))
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ProcessStatusMetrics.class)
                    .doesNotHaveBean(PrometheusProcessMetrics.class)
                    .doesNotHaveBean(JvmThreadDeadlockMetrics.class));
  }

  @Test
  void backsOffWithoutMicrometer() {
    new ApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VigilProperties.class));
  }

  @Test
  void addsOnlyMetersThatBootDoesNotAlreadyBind() {
    SimpleMeterRegistry ours = new SimpleMeterRegistry();
    new ProcessStatusMetrics().bindTo(ours);
    new PrometheusProcessMetrics().bindTo(ours);
    new JvmThreadDeadlockMetrics().bindTo(ours);
    Set<String> ourNames = names(ours);

    new ApplicationContextRunner()
        .withConfiguration(BOOT_METRICS)
        .run(
            context ->
                assertThat(names(context.getBean(MeterRegistry.class)))
                    .doesNotContainAnyElementsOf(ourNames));
    contextRunner.run(
        context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.find("jvm.memory.used").meters())
              .as("Boot's JVM meters stay")
              .isNotEmpty();
          for (String name : ourNames) {
            assertThat(registry.find(name).meters()).as(name).hasSize(1);
          }
        });
  }

  @Test
  void bindsTheVigilSwitches() {
    contextRunner
        .withPropertyValues("vigil.metrics.application-tag.enabled=false")
        .run(
            context -> {
              VigilProperties properties = context.getBean(VigilProperties.class);
              assertThat(properties.getMetrics().getApplicationTag().isEnabled()).isFalse();
              assertThat(properties.getEndpoints().getDefaultExposure().isEnabled()).isTrue();
            });
  }

  private static Set<String> names(MeterRegistry registry) {
    return registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomProcessStatusMetricsConfiguration {

    @Bean
    ProcessStatusMetrics customProcessStatusMetrics() {
      return new ProcessStatusMetrics(Tags.of("team", "payments"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomPrometheusProcessMetricsConfiguration {

    @Bean
    PrometheusProcessMetrics customPrometheusProcessMetrics() {
      return new PrometheusProcessMetrics(Tags.of("team", "payments"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomThreadDeadlockMetricsConfiguration {

    @Bean
    JvmThreadDeadlockMetrics customThreadDeadlockMetrics() {
      return new JvmThreadDeadlockMetrics(Tags.of("team", "payments"));
    }
  }
}
