package dev.vigil.demo.plain;

import java.util.function.UnaryOperator;

/**
 * Where the demo listens and whether it loads itself, resolved from the command line, system
 * properties and environment variables.
 *
 * <p>Port: first argument, else {@code -Dport}, else {@code PORT}, else 8081; the most explicit
 * source wins. Host: {@code -Dhost}, else {@code HOST}, else 127.0.0.1 (a local demo should not
 * listen on every interface unless asked). Load generator: {@code -Ddemo.load.enabled}, else {@code
 * DEMO_LOAD_ENABLED}, else on.
 */
record DemoSettings(String host, int port, boolean loadEnabled) {

  static final int DEFAULT_PORT = 8081;
  static final String DEFAULT_HOST = "127.0.0.1";

  /**
   * Resolves the settings.
   *
   * @throws IllegalArgumentException naming the source of a value that is not valid
   */
  static DemoSettings resolve(
      String[] args, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
    if (args.length > 1) {
      throw new IllegalArgumentException(
          "expected at most one argument (the port), got " + args.length);
    }
    int port = DEFAULT_PORT;
    if (args.length == 1) {
      port = port(args[0], "the first argument");
    } else if (systemProperties.apply("port") != null) {
      port = port(systemProperties.apply("port"), "-Dport");
    } else if (environment.apply("PORT") != null) {
      port = port(environment.apply("PORT"), "environment variable PORT");
    }
    String host = first(systemProperties.apply("host"), environment.apply("HOST"), DEFAULT_HOST);
    boolean load = true;
    if (systemProperties.apply("demo.load.enabled") != null) {
      load = bool(systemProperties.apply("demo.load.enabled"), "-Ddemo.load.enabled");
    } else if (environment.apply("DEMO_LOAD_ENABLED") != null) {
      load = bool(environment.apply("DEMO_LOAD_ENABLED"), "environment variable DEMO_LOAD_ENABLED");
    }
    return new DemoSettings(host, port, load);
  }

  private static int port(String value, String source) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below with the source.
    }
    throw new IllegalArgumentException(
        "invalid port '" + value + "' from " + source + ": expected a number from 0 to 65535");
  }

  private static boolean bool(String value, String source) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "invalid value '" + value + "' from " + source + ": expected true or false");
    };
  }

  private static String first(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.trim();
      }
    }
    throw new IllegalStateException("the last candidate is a non-blank default");
  }
}
