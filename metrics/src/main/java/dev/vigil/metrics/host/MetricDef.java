package dev.vigil.metrics.host;

import java.util.List;

/**
 * One metric family under its exact node_exporter exposition name, with its type and help text.
 *
 * <p>The Micrometer name is derived here, in one place, because Micrometer 1.13+ (Prometheus
 * client_java 1.x) rewrites names: a counter always gets {@code _total} appended, a gauge whose
 * name ends in {@code _total}, {@code _created}, {@code _bucket} or {@code _info} loses that
 * suffix, and only a dotted {@code *.info} gauge is exposed as an info metric that keeps {@code
 * _info}.
 *
 * @param name exact name as node_exporter exposes it, e.g. {@code node_cpu_seconds_total}
 * @param type how it must be typed in Micrometer to come out under that name
 * @param help the {@code # HELP} text
 */
record MetricDef(String name, Type type, String help) {

  /** How a family is registered with Micrometer. */
  enum Type {
    GAUGE,
    COUNTER,
    /** A constant-1 gauge whose labels carry the data, exposed with an {@code _info} suffix. */
    INFO
  }

  /** Suffixes client_java strips from gauge names (case-sensitive: HugePages_Total survives). */
  private static final List<String> RESERVED_SUFFIXES =
      List.of("_total", "_created", "_bucket", "_info");

  MetricDef {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("not a valid Prometheus metric name: \"" + name + "\"");
    }
    switch (type) {
      case COUNTER -> require(name.endsWith("_total"), name, "a counter name must end in _total");
      case INFO -> require(name.endsWith("_info"), name, "an info name must end in _info");
      case GAUGE ->
          require(
              !hasReservedSuffix(name),
              name,
              "a gauge name must not end in one of " + RESERVED_SUFFIXES);
    }
  }

  static MetricDef gauge(String name, String help) {
    return new MetricDef(name, Type.GAUGE, help);
  }

  static MetricDef counter(String name, String help) {
    return new MetricDef(name, Type.COUNTER, help);
  }

  static MetricDef info(String name, String help) {
    return new MetricDef(name, Type.INFO, help);
  }

  /** The name to register with Micrometer so that the Prometheus registry renders {@link #name}. */
  String micrometerName() {
    return switch (type) {
      case GAUGE -> name;
      case COUNTER -> name.substring(0, name.length() - "_total".length());
      case INFO -> name.substring(0, name.length() - "_info".length()) + ".info";
    };
  }

  /**
   * {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, checked by hand: vmstat and netstat build their definitions
   * per scrape, and a regex match or a stream here was a good part of a scrape's garbage.
   */
  private static boolean isValidName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasReservedSuffix(String name) {
    for (int i = 0; i < RESERVED_SUFFIXES.size(); i++) {
      if (name.endsWith(RESERVED_SUFFIXES.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static void require(boolean condition, String name, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message + ": \"" + name + "\"");
    }
  }
}
