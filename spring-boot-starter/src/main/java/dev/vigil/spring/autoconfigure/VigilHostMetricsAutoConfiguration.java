package dev.vigil.spring.autoconfigure;

import dev.vigil.metrics.host.HostMetrics;
import dev.vigil.metrics.host.HostPaths;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Binds {@link HostMetrics}, the host's metrics under node_exporter's names, so that the "Node
 * Exporter Full" dashboard works against the application without a node_exporter process.
 *
 * <p>Boot's own {@code system.*}/{@code disk.*} meters stay: they have different names, so nothing
 * is registered twice. The binder is closed with the context, which removes its meters.
 */
@AutoConfiguration(
    after = {MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class})
@ConditionalOnClass({MeterRegistry.class, HostMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "vigil.metrics.host.enabled", matchIfMissing = true)
@EnableConfigurationProperties(VigilProperties.class)
public final class VigilHostMetricsAutoConfiguration {

  private static final String COLLECTORS_PREFIX = "vigil.metrics.host.collectors.";

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  HostMetrics hostMetrics(VigilProperties properties) {
    VigilProperties.Host host = properties.getMetrics().getHost();
    VigilProperties.HostPath path = host.getPath();
    HostMetrics.Builder builder =
        HostMetrics.builder()
            .paths(HostPaths.of(path.getProcfs(), path.getSysfs(), path.getRootfs()))
            .textfileDirectories(host.getTextfile().getDirectories());
    for (Map.Entry<String, VigilProperties.Collector> entry : host.getCollectors().entrySet()) {
      String name = entry.getKey();
      // A misspelt collector would otherwise be silently ignored: name the property instead.
      if (!HostMetrics.collectorNames().contains(name)) {
        throw new IllegalArgumentException(
            COLLECTORS_PREFIX
                + name
                + ".enabled: unknown host collector \""
                + name
                + "\"; known: "
                + HostMetrics.collectorNames());
      }
      if (entry.getValue().isEnabled()) {
        builder.enable(name);
      } else {
        builder.disable(name);
      }
    }
    return builder.build();
  }
}
