package dev.vigil.server.scrape;

import dev.vigil.server.config.ScrapeConfig;
import dev.vigil.server.config.StaticConfig;
import dev.vigil.server.format.PromDuration;
import dev.vigil.server.model.Label;
import dev.vigil.server.model.Labels;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One endpoint to scrape: its public labels (job, instance and static labels), the labels it was
 * discovered with, and its URL.
 *
 * <p>As in Prometheus, the {@code __address__}, {@code __scheme__}, {@code __metrics_path__} and
 * {@code __param_<name>} labels decide the URL, and static labels may override them and {@code
 * job}; {@code instance} defaults to the address. Labels starting with {@code __} are dropped from
 * the public set.
 */
final class Target {

  private static final String ADDRESS = "__address__";
  private static final String SCHEME = "__scheme__";
  private static final String METRICS_PATH = "__metrics_path__";
  private static final String PARAM_PREFIX = "__param_";

  private final String scrapePool;
  private final Labels labels;
  private final Labels discoveredLabels;
  private final URI url;

  private Target(String scrapePool, Labels labels, Labels discoveredLabels, URI url) {
    this.scrapePool = scrapePool;
    this.labels = labels;
    this.discoveredLabels = discoveredLabels;
    this.url = url;
  }

  /** The targets of a job's static configs, in file order, without duplicates. */
  static List<Target> fromConfig(ScrapeConfig config) {
    List<Target> out = new ArrayList<>();
    for (StaticConfig sc : config.staticConfigs()) {
      for (String address : sc.targets()) {
        Target t = of(config, address, sc.labels());
        if (!out.contains(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  static Target of(ScrapeConfig config, String address, Labels staticLabels) {
    Labels.Builder d =
        Labels.builder()
            .set(ADDRESS, address)
            .set(SCHEME, config.scheme())
            .set(METRICS_PATH, config.metricsPath())
            .set("__scrape_interval__", PromDuration.format(config.scrapeInterval()))
            .set("__scrape_timeout__", PromDuration.format(config.scrapeTimeout()))
            .set("job", config.jobName());
    // A parameter's first value becomes its label, as in Prometheus.
    config.params().forEach((k, v) -> d.set(PARAM_PREFIX + k, v.isEmpty() ? "" : v.get(0)));
    for (Label l : staticLabels) {
      d.set(l.name(), l.value());
    }
    Labels discovered = d.build();

    Labels.Builder pub = Labels.builder();
    for (Label l : discovered) {
      if (!l.name().startsWith("__")) {
        pub.set(l.name(), l.value());
      }
    }
    if (pub.get("instance") == null) {
      pub.set("instance", discovered.get(ADDRESS));
    }
    return new Target(config.jobName(), pub.build(), discovered, url(config, discovered));
  }

  private static URI url(ScrapeConfig config, Labels discovered) {
    Map<String, List<String>> params = new TreeMap<>(config.params());
    for (Label l : discovered) {
      if (l.name().startsWith(PARAM_PREFIX)) {
        String name = l.name().substring(PARAM_PREFIX.length());
        List<String> configured = config.params().get(name);
        // The label replaces the first value only, keeping any further configured values.
        List<String> values = new ArrayList<>();
        values.add(l.value());
        if (configured != null && configured.size() > 1) {
          values.addAll(configured.subList(1, configured.size()));
        }
        params.put(name, values);
      }
    }
    StringBuilder sb =
        new StringBuilder()
            .append(discovered.get(SCHEME))
            .append("://")
            .append(discovered.get(ADDRESS))
            .append(discovered.getOrEmpty(METRICS_PATH));
    char sep = '?';
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      for (String v : e.getValue()) {
        sb.append(sep).append(encode(e.getKey())).append('=').append(encode(v));
        sep = '&';
      }
    }
    return URI.create(sb.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  String scrapePool() {
    return scrapePool;
  }

  Labels labels() {
    return labels;
  }

  Labels discoveredLabels() {
    return discoveredLabels;
  }

  URI url() {
    return url;
  }

  /** A stable 64-bit hash (FNV-1a) of labels and URL, used to spread scrapes over the interval. */
  long hash() {
    long h = 0xcbf29ce484222325L;
    for (byte b : (labels + url.toString()).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Target t && t.labels.equals(labels) && t.url.equals(url);
  }

  @Override
  public int hashCode() {
    return labels.hashCode() * 31 + url.hashCode();
  }

  @Override
  public String toString() {
    return labels + " " + url;
  }
}
