package dev.vigil.server.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys of each {@code prometheus.yml} section that we read, and those Prometheus knows but we
 * do not implement yet (accepted with a warning). Any other key is an error, as with Prometheus's
 * strict unmarshalling. Adding support for a key moves it from the second set to the first.
 */
final class ConfigSchema {

  /**
   * One section's keys.
   *
   * @param rejected keys Prometheus knows that we refuse, with the reason: ignoring them would
   *     change what is scraped (e.g. a target scraped without its credentials)
   */
  record Section(
      String name, Set<String> supported, Set<String> tolerated, Map<String, String> rejected) {

    Section(String name, Set<String> supported, Set<String> tolerated) {
      this(name, supported, tolerated, Map.of());
    }
  }

  private static final String NO_SECRET_REFS =
      "is not supported: Vigil has no secret manager; use the inline value or the _file variant";

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

  /** Keys of Prometheus's HTTP client config, inlined into scrape configs, that we apply. */
  private static final Set<String> HTTP_CLIENT =
      Set.of(
          "basic_auth",
          "authorization",
          "bearer_token",
          "bearer_token_file",
          "tls_config",
          "proxy_url",
          "follow_redirects",
          "enable_http2",
          "http_headers");

  /**
   * HTTP client keys we do not apply. They are errors, not warnings: a scrape without its OAuth
   * token or through the wrong proxy would fail (or reach the wrong place) while the config looks
   * right.
   */
  private static final Map<String, String> HTTP_CLIENT_REJECTED =
      Map.of(
          "oauth2",
          "is not supported: Vigil cannot fetch OAuth 2.0 tokens; use authorization with"
              + " credentials_file kept fresh by another process",
          "no_proxy",
          "is not supported: every scrape of the job goes through proxy_url; split the job instead",
          "proxy_from_environment",
          "is not supported: set proxy_url explicitly",
          "proxy_connect_header",
          "is not supported: Vigil's proxy CONNECT sends no extra headers");

  static final Section BASIC_AUTH =
      new Section(
          "basic_auth",
          Set.of("username", "username_file", "password", "password_file"),
          Set.of(),
          Map.of("username_ref", NO_SECRET_REFS, "password_ref", NO_SECRET_REFS));

  static final Section AUTHORIZATION =
      new Section(
          "authorization",
          Set.of("type", "credentials", "credentials_file"),
          Set.of(),
          Map.of("credentials_ref", NO_SECRET_REFS));

  static final Section TLS =
      new Section(
          "tls_config",
          Set.of(
              "ca",
              "ca_file",
              "cert",
              "cert_file",
              "key",
              "key_file",
              "server_name",
              "insecure_skip_verify",
              "min_version",
              "max_version"),
          Set.of(),
          Map.of("ca_ref", NO_SECRET_REFS, "cert_ref", NO_SECRET_REFS, "key_ref", NO_SECRET_REFS));

  static final Section HTTP_HEADER =
      new Section("http_headers entry", Set.of("values", "secrets", "files"), Set.of());

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
          Set.of(
              "scrape_interval",
              "scrape_timeout",
              "evaluation_interval",
              "external_labels",
              "body_size_limit"),
          Set.of(
              "scrape_protocols",
              "rule_query_offset",
              "query_log_file",
              "scrape_failure_log_file",
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
          union(
              Set.of(
                  "job_name",
                  "scrape_interval",
                  "scrape_timeout",
                  "metrics_path",
                  "scheme",
                  "honor_labels",
                  "honor_timestamps",
                  "params",
                  "static_configs",
                  "body_size_limit"),
              HTTP_CLIENT),
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
              suffixed(SERVICE_DISCOVERIES, "_sd_configs")),
          HTTP_CLIENT_REJECTED);

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
