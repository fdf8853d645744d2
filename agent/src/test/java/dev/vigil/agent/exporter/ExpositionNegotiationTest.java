package dev.vigil.agent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionNegotiationTest {

  /** What Prometheus 3 sends by default (config.DefaultScrapeProtocols). */
  static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
          + "application/openmetrics-text;version=0.0.1;q=0.4,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
          + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1";

  @Test
  void servesPrometheusTextWhenNothingIsAsked() {
    assertThat(ExpositionNegotiation.writerFor(null).getContentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(ExpositionNegotiation.writerFor("*/*").getContentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void servesOpenMetricsToPrometheus() {
    assertThat(ExpositionNegotiation.writerFor(PROMETHEUS_ACCEPT).getContentType())
        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
  }

  @Test
  void fallsBackToTextWhenProtobufIsAskedFirst() {
    String accept =
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited;q=0.6,text/plain;version=0.0.4;q=0.2";

    assertThat(ExpositionNegotiation.writerFor(accept).getContentType())
        .startsWith("text/plain; version=0.0.4");
  }

  @ParameterizedTest(name = "Accept-Encoding \"{0}\" takes gzip: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gzip | true",
        "deflate, gzip | true",
        "GZIP;q=0.5 | true",
        "* | true",
        "gzip;q=0 | false",
        "gzip;q=0.0, identity | false",
        "identity | false",
        "br, deflate | false",
        "gzip;q=x | false"
      })
  void takesGzipOnlyWhenListedWithoutZeroQuality(String acceptEncoding, boolean gzip) {
    assertThat(ExpositionNegotiation.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
  }

  @Test
  void sendsUncompressedWithoutAcceptEncoding() {
    assertThat(ExpositionNegotiation.acceptsGzip(null)).isFalse();
  }
}
