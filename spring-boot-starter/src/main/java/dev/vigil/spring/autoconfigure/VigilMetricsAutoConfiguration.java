package dev.vigil.spring.autoconfigure;

import dev.vigil.metrics.process.ProcessStatusMetrics;
import dev.vigil.metrics.process.PrometheusProcessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmThreadDeadlockMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Binds the JVM and process meters that Spring Boot's own JVM and system metrics
 * auto-configurations leave out: deadlocked threads, process memory and OS threads, and the
 * process metrics of Prometheus client libraries ({@code process_cpu_seconds_total}, ...).
 *
 * <p>Boot already binds every binder of {@code dev.vigil.metrics.jvm.JvmMetrics} (memory, GC,
 * threads, classes, compilation, info, CPU, uptime, file descriptors), so binding that set here
 * would register every JVM meter twice; we add only what is missing. Running after Boot's
 * configurations means that if Boot ever binds one of these itself, our
 * {@code @ConditionalOnMissingBean} backs off instead of duplicating it.
 */
@AutoConfiguration(
    after = {
      MetricsAutoConfiguration.class,
      CompositeMeterRegistryAutoConfiguration.class,
      JvmMetricsAutoConfiguration.class,
      SystemMetricsAutoConfiguration.class
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(VigilProperties.class)
public final class VigilMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "vigil.metrics.process.enabled", matchIfMissing = true)
  ProcessStatusMetrics processStatusMetrics() {
    return new ProcessStatusMetrics();
  }

  /**
   * node_exporter's own process metrics, which the "Exporter Process" panels of Node Exporter Full
   * read; with the exporter inside the application they describe the application's process.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(
      name = "vigil.metrics.client-process.enabled",
      matchIfMissing = true)
  PrometheusProcessMetrics prometheusProcessMetrics() {
    return new PrometheusProcessMetrics();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(
      name = "vigil.metrics.thread-deadlock.enabled",
      matchIfMissing = true)
  JvmThreadDeadlockMetrics jvmThreadDeadlockMetrics() {
    return new JvmThreadDeadlockMetrics();
  }
}
