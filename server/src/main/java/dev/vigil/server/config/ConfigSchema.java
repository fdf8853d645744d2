package dev.vigil.server.config;

import java.util.HashSet;
import java.util.Set;

/**
 * The keys of each {@code prometheus.yml} section that we read, and those Prometheus knows but we
 * do not implement yet (accepted with a warning). Any other key is an error, as with Prometheus's
 * strict unmarshalling. Adding support for a key moves it from the second set to the first.
 */
final class ConfigSchema {

  /** One section's keys. */
  record Section(String name, Set<String> supported, Set<String> tolerated) {}

  /** Service discoveries Prometheus ships, as {@code <name>_sd_configs}. */
  private static final Set<String> SERVICE_DISCOVERIES =
      Set.of(
          "aws",
          "azure",
          "consul",
          "digitalocean",
          "dns",
          "docker",
          "dockerswarm",
          "ec2",
          "ecs",
          "elasticache",
          "eureka",
          "file",
          "gce",
          "hetzner",
          "http",
          "ionos",
          "kubernetes",
          "kuma",
          "lightsail",
          "linode",
          "marathon",
          "msk",
          "nerve",
          "nomad",
          "oci",
          "openstack",
          "outscale",
          "ovhcloud",
          "puppetdb",
          "rds",
          "scaleway",
          "serverset",
          "stackit",
          "triton",
          "uyuni",
          "vultr");

  /** Keys of Prometheus's HTTP client config, inlined into scrape configs. */
  private static final Set<String> HTTP_CLIENT =
      Set.of(
          "basic_auth",
          "authorization",
          "oauth2",
          "bearer_token",
          "bearer_token_file",
          "tls_config",
          "proxy_url",
          "no_proxy",
          "proxy_from_environment",
          "proxy_connect_header",
          "follow_redirects",
          "enable_http2",
          "http_headers");

  static final Section TOP =
      new Section(
          "config",
          Set.of("global", "scrape_configs"),
          Set.of(
              "runtime",
              "alerting",
              "rule_files",
              "scrape_config_files",
              "storage",
              "tracing",
              "remote_write",
              "remote_read",
              "otlp"));

  static final Section GLOBAL =
      new Section(
          "global",
          Set.of("scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels"),
          Set.of(
              "scrape_protocols",
              "rule_query_offset",
              "query_log_file",
              "scrape_failure_log_file",
              "body_size_limit",
              "sample_limit",
              "target_limit",
              "label_limit",
              "label_name_length_limit",
              "label_value_length_limit",
              "keep_dropped_targets",
              "metric_name_validation_scheme",
              "metric_name_escaping_scheme",
              "scrape_native_histograms",
              "convert_classic_histograms_to_nhcb",
              "always_scrape_classic_histograms",
              "extra_scrape_metrics"));

  static final Section SCRAPE =
      new Section(
          "scrape_config",
          Set.of(
              "job_name",
              "scrape_interval",
              "scrape_timeout",
              "metrics_path",
              "scheme",
              "honor_labels",
              "honor_timestamps",
              "params",
              "static_configs"),
          union(
              Set.of(
                      "track_timestamps_staleness",
                      "scrape_protocols",
                      "fallback_scrape_protocol",
                      "scrape_native_histograms",
                      "always_scrape_classic_histograms",
                      "convert_classic_histograms_to_nhcb",
                      "scrape_failure_log_file",
                      "enable_compression",
                      "body_size_limit",
                      "sample_limit",
                      "target_limit",
                      "label_limit",
                      "label_name_length_limit",
                      "label_value_length_limit",
                      "native_histogram_bucket_limit",
                      "native_histogram_min_bucket_factor",
                      "keep_dropped_targets",
                      "metric_name_validation_scheme",
                      "metric_name_escaping_scheme",
                      "extra_scrape_metrics",
                      "relabel_configs",
                      "metric_relabel_configs"),
              HTTP_CLIENT,
              suffixed(SERVICE_DISCOVERIES, "_sd_configs")));

  static final Section STATIC = new Section("static_config", Set.of("targets", "labels"), Set.of());

  private ConfigSchema() {}

  // Loops rather than streams: this runs at every start, and java.util.stream's pipeline
  // classes (~30 outside the JDK's class-data archive) would load only for it.
  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return Set.copyOf(all);
  }

  private static Set<String> suffixed(Set<String> names, String suffix) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      out.add(n + suffix);
    }
    return out;
  }
}
