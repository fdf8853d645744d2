package dev.vigil.demo.boot;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Starts the load generator unless {@code demo.load.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoadProperties.class)
@ConditionalOnBooleanProperty(name = "demo.load.enabled", matchIfMissing = true)
class LoadGeneratorConfiguration {

  @Bean
  LoadGenerator loadGenerator(LoadProperties properties, Environment environment) {
    return new LoadGenerator(properties.getInterval(), environment.getProperty("server.address"));
  }
}
