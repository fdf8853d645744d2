package dev.vigil.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own settings, under {@code vigil.*}; Boot's {@code management.*} keys stay Boot's.
 *
 * <p>Every switch defaults to on, so the starter works with no property set.
 */
@ConfigurationProperties("vigil")
public class VigilProperties {

  private final Metrics metrics = new Metrics();
  private final Endpoints endpoints = new Endpoints();

  public Metrics getMetrics() {
    return metrics;
  }

  public Endpoints getEndpoints() {
    return endpoints;
  }

  /** Settings for the meters the starter adds or labels. */
  public static class Metrics {

    private final ApplicationTag applicationTag = new ApplicationTag();
    private final Process process = new Process();
    private final ThreadDeadlock threadDeadlock = new ThreadDeadlock();

    public ApplicationTag getApplicationTag() {
      return applicationTag;
    }

    public Process getProcess() {
      return process;
    }

    public ThreadDeadlock getThreadDeadlock() {
      return threadDeadlock;
    }
  }

  /** The default {@code application} tag on every meter. */
  public static class ApplicationTag {

    /**
     * Whether to default 'management.metrics.tags.application' to 'spring.application.name' (or
     * "application" when that is unset). A value set for that key always wins.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Process memory and OS thread gauges read from /proc/self/status (Linux only). */
  public static class Process {

    /** Whether to bind process_memory_{vss,rss,swap}_bytes and process_threads. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Deadlocked-thread gauges, which Spring Boot does not bind. */
  public static class ThreadDeadlock {

    /**
     * Whether to bind jvm_threads_deadlocked_threads and jvm_threads_deadlocked_monitor_threads.
     * Each scrape then runs the JVM's deadlock detection, which pauses at a safepoint for a time
     * proportional to the number of threads.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Settings for the actuator endpoints the starter exposes. */
  public static class Endpoints {

    private final DefaultExposure defaultExposure = new DefaultExposure();

    public DefaultExposure getDefaultExposure() {
      return defaultExposure;
    }
  }

  /** The default web exposure of actuator endpoints. */
  public static class DefaultExposure {

    /**
     * Whether to default 'management.endpoints.web.exposure.include' to "health,info,prometheus"
     * instead of Boot's "health". A value set for that key always wins.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
