package dev.vigil.server.scrape;

/** A target's state as the targets API reports it. */
public enum TargetHealth {
  /** Not scraped yet. */
  UNKNOWN("unknown"),
  /** The last scrape succeeded. */
  UP("up"),
  /** The last scrape failed. */
  DOWN("down");

  private final String label;

  TargetHealth(String label) {
    this.label = label;
  }

  /** The word Prometheus uses: {@code up}, {@code down}, {@code unknown}. */
  public String label() {
    return label;
  }
}
