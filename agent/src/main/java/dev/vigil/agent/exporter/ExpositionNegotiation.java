package dev.vigil.agent.exporter;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.util.Locale;

/**
 * Picks the exposition format and compression of a scrape from its request headers.
 *
 * <p>Two formats only: the Prometheus text format 0.0.4 (the default, and what {@code curl} gets)
 * and OpenMetrics 1.0 when the scraper's {@code Accept} asks for it, as Prometheus's does. Unlike
 * client_java's handler we never answer with protobuf, so its 2 MB runtime is not bundled; a
 * scraper asking for protobuf lists the text formats as fallbacks anyway.
 */
final class ExpositionNegotiation {

  private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
  private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();

  private ExpositionNegotiation() {}

  /** The writer for a request with this {@code Accept} header (may be null). */
  static ExpositionFormatWriter writerFor(String accept) {
    return accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
  }

  /** Whether {@code writer} is the OpenMetrics one {@link #writerFor} hands out. */
  static boolean isOpenMetrics(ExpositionFormatWriter writer) {
    return writer == OPEN_METRICS;
  }

  /**
   * Whether a request with this {@code Accept-Encoding} header (may be null) takes gzip: listed, as
   * {@code gzip} or {@code *}, without {@code q=0}.
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.split(";");
      String name = parts[0].strip().toLowerCase(Locale.ROOT);
      if ((name.equals("gzip") || name.equals("*")) && !refused(parts)) {
        return true;
      }
    }
    return false;
  }

  private static boolean refused(String[] codingParameters) {
    for (int i = 1; i < codingParameters.length; i++) {
      String parameter = codingParameters[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2)) <= 0;
        } catch (NumberFormatException malformed) {
          return true;
        }
      }
    }
    return false;
  }
}
