package dev.vigil.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults a few of Boot's own properties so that the starter works with nothing configured: it
 * exposes {@code /actuator/prometheus} and labels every series with {@code application}.
 *
 * <p>The defaults go into a property source at the very end of the environment, and a key that any
 * other source already has is left out entirely, so every value the user sets wins, wherever it is
 * set (including {@link SpringApplication#setDefaultProperties}, which Boot later moves behind us).
 */
public final class VigilDefaultsEnvironmentPostProcessor
    implements EnvironmentPostProcessor, Ordered {

  /** Name of the property source this adds. */
  public static final String PROPERTY_SOURCE_NAME = "vigilDefaults";

  /** The properties we default: adding a default adds a row. */
  private static final List<DefaultProperty> DEFAULTS =
      List.of(
          new DefaultProperty(
              "management.endpoints.web.exposure.include",
              "health,info,prometheus",
              p -> p.getEndpoints().getDefaultExposure().isEnabled()),
          // A placeholder, not the value read now: it resolves when Boot binds the metrics
          // properties, so a name set by any later source is still picked up.
          new DefaultProperty(
              "management.metrics.tags.application",
              "${spring.application.name:application}",
              p -> p.getMetrics().getApplicationTag().isEnabled()),
          // Boot binds Tomcat's thread-pool meters only from Tomcat's MBeans, which Boot leaves
          // unregistered by default; the JVM dashboards' thread panels read them.
          new DefaultProperty(
              "server.tomcat.mbeanregistry.enabled",
              "true",
              p -> p.getMetrics().getTomcatThreads().isEnabled()));

  /**
   * Runs last among the post-processors, after Boot has loaded application.properties/yaml and
   * profiles (ConfigDataEnvironmentPostProcessor), so our {@code vigil.*} switches and the "is it
   * already set?" checks see the user's files.
   */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    // Binding reports a bad value (vigil.metrics.application-tag.enabled=maybe) with the property
    // name and its origin (file and line), which is the error a user needs.
    VigilProperties properties =
        Binder.get(environment)
            .bind("vigil", VigilProperties.class)
            .orElseGet(VigilProperties::new);
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (DefaultProperty property : DEFAULTS) {
      if (property.enabled().test(properties) && !environment.containsProperty(property.key())) {
        defaults.put(property.key(), property.value());
      }
    }
    if (!defaults.isEmpty()) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }
  }
}
