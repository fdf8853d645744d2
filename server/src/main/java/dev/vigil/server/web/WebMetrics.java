package dev.vigil.server.web;

import dev.vigil.server.telemetry.Counter;
import dev.vigil.server.telemetry.TelemetryRegistry;

/** The web layer's self-metrics. */
final class WebMetrics {

  /** [prometheus_http_requests_total] Requests by route and status code. */
  final Counter requests;

  WebMetrics(TelemetryRegistry registry) {
    requests =
        registry.counter(
            "vigil_http_requests_total",
            "HTTP requests served, by route (\"other\" for unknown paths) and status code.",
            "handler",
            "code");
  }
}
