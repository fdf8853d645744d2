package dev.vigil.demo.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the built-in load generator, under {@code demo.load.*}. */
@ConfigurationProperties("demo.load")
public class LoadProperties {

  /** Whether to call the demo's own endpoints in the background. */
  private boolean enabled = true;

  /** Pause between two rounds of calls. */
  private Duration interval = Duration.ofSeconds(1);

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Duration getInterval() {
    return interval;
  }

  public void setInterval(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("demo.load.interval must be positive, was " + interval);
    }
    this.interval = interval;
  }
}
