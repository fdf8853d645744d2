package dev.vigil.server.scrape;

/**
 * The text formats a target may answer with, recognised by Content-Type, and the Accept header we
 * send.
 */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4, {@code text/plain; version=0.0.4}. */
  PROMETHEUS_TEXT("text/plain"),
  /** OpenMetrics text 1.0.0/0.0.1; we parse its subset common with the Prometheus format. */
  OPENMETRICS("application/openmetrics-text");

  /**
   * What Prometheus sends when its {@code scrape_protocols} list only {@code PrometheusText0.0.4}:
   * we prefer the text format until OpenMetrics parsing is complete. OpenMetrics is not advertised
   * at all: some exporters (client_java) answer OpenMetrics as soon as the header merely mentions
   * it, whatever its weight.
   */
  public static final String ACCEPT_HEADER = "text/plain;version=0.0.4;q=0.6,*/*;q=0.5";

  private final String mediaType;

  ExpositionFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /**
   * The format for a response's Content-Type. A missing or unknown type reads as the Prometheus
   * text format; Prometheus 3 fails such scrapes unless {@code fallback_scrape_protocol} is set,
   * but we prefer to try, since the parser reports any mismatch with a line and column anyway.
   */
  public static ExpositionFormat fromContentType(String contentType) {
    if (contentType == null) {
      return PROMETHEUS_TEXT;
    }
    // The media type before any ';', trimmed, compared case-insensitively; read in place, as
    // every scrape asks (splitting, trimming and lower-casing made four objects per scrape).
    int end = contentType.indexOf(';');
    if (end < 0) {
      end = contentType.length();
    }
    int from = 0;
    while (from < end && contentType.charAt(from) <= ' ') {
      from++;
    }
    while (end > from && contentType.charAt(end - 1) <= ' ') {
      end--;
    }
    return isLowerCaseOf(OPENMETRICS.mediaType, contentType, from, end)
        ? OPENMETRICS
        : PROMETHEUS_TEXT;
  }

  /** Whether {@code s[from, to)}, lower-cased character by character, is {@code lower}. */
  private static boolean isLowerCaseOf(String lower, String s, int from, int to) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (Character.toLowerCase(s.charAt(i)) != lower.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }
}
