package dev.vigil.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's command-line flags, one row each, and a parser for the plain {@code --name=value}
 * command lines a server is started with.
 *
 * <p>Why a parser beside picocli: building picocli's model and parsing costs ~0.3 s of CPU at
 * every start (its classes, built-in converters, reflection), a quarter of the server's start-up
 * CPU. A command line made only of known flags, each given once (lists: any number of times),
 * needs none of it. Anything else (help, version, subcommands, unknown or repeated flags, values
 * that look like options, quotes, {@code @}files) goes to picocli, which owns every help and error
 * text: {@link #parseSimple} accepts only command lines on which picocli would agree.
 */
final class ServerFlags {

  /** How a flag takes its value. */
  enum Kind {
    /** One value, kept as text. */
    TEXT,
    /** One value, a file system path (picocli converts it with {@code Path.of}). */
    PATH,
    /** No value: present means on. */
    SWITCH,
    /** Comma-separated values; the flag may repeat. */
    LIST
  }

  /**
   * One flag: its name without dashes, the parameter label help shows, its default (null: none),
   * kind, whether help hides it, and its help text ({@code ${DEFAULT-VALUE}} and {@code %%} as
   * picocli renders them).
   */
  record Flag(
      String name,
      String paramLabel,
      String defaultValue,
      Kind kind,
      boolean hidden,
      String description) {

    /** The option as typed: {@code --name}. */
    String option() {
      return "--" + name;
    }
  }

  static final String CONFIG_FILE = "config.file";
  static final String LISTEN_ADDRESS = "web.listen-address";
  static final String STORAGE_PATH = "storage.tsdb.path";
  static final String ENABLE_LIFECYCLE = "web.enable-lifecycle";
  static final String RETENTION_TIME = "storage.tsdb.retention.time";
  static final String RETENTION_SIZE = "storage.tsdb.retention.size";
  static final String WAL_SYNC = "storage.tsdb.wal-sync";
  static final String MIN_BLOCK_DURATION = "storage.tsdb.min-block-duration";
  static final String MAX_BLOCK_DURATION = "storage.tsdb.max-block-duration";
  static final String LOOKBACK_DELTA = "query.lookback-delta";
  static final String MAX_SAMPLES = "query.max-samples";
  static final String QUERY_TIMEOUT = "query.timeout";
  static final String ENABLE_FEATURE = "enable-feature";
  static final String TIMESTAMP_TOLERANCE = "scrape.timestamp-tolerance";

  /** Every flag, in declaration order (help sorts them by name). */
  static final List<Flag> ALL =
      List.of(
          new Flag(
              CONFIG_FILE,
              "<configFile>",
              "prometheus.yml",
              Kind.PATH,
              false,
              "Configuration file path (default: ${DEFAULT-VALUE})."),
          new Flag(
              LISTEN_ADDRESS,
              "<listenAddress>",
              "0.0.0.0:9090",
              Kind.TEXT,
              false,
              "Address to listen on for the UI, API and telemetry (default: ${DEFAULT-VALUE})."),
          new Flag(
              STORAGE_PATH,
              "<storagePath>",
              "data/",
              Kind.PATH,
              false,
              "Base path for metrics storage, created if missing (default: ${DEFAULT-VALUE})."),
          new Flag(
              ENABLE_LIFECYCLE,
              null,
              null,
              Kind.SWITCH,
              false,
              "Enable shutdown and reload via HTTP request (POST /-/reload)."),
          new Flag(
              RETENTION_TIME,
              "<retentionTime>",
              "15d",
              Kind.TEXT,
              false,
              "How long to retain samples, in Prometheus duration syntax (default:"
                  + " ${DEFAULT-VALUE})."),
          new Flag(
              RETENTION_SIZE,
              "<retentionSize>",
              "0",
              Kind.TEXT,
              false,
              "Maximum bytes of storage to keep (B, KB, MB, GB, TB, PB, EB; base 1024); 0 disables."
                  + " Oldest blocks go first; the WAL counts too (default: ${DEFAULT-VALUE})."),
          new Flag(
              WAL_SYNC,
              "<walSync>",
              // interval, not commit: kill -9 needs only the write; see decisions (WAL sync default).
              "interval",
              Kind.TEXT,
              false,
              "When the WAL fsyncs: commit (before a scrape's commit returns, shared by concurrent"
                  + " commits), interval (every second) or none (default: ${DEFAULT-VALUE})."),
          new Flag(
              MIN_BLOCK_DURATION,
              "<minBlockDuration>",
              "2h",
              Kind.TEXT,
              true,
              "Span of the blocks the head is cut into; also how long the head holds samples"
                  + " (default: ${DEFAULT-VALUE}). For tests and benchmarks."),
          new Flag(
              MAX_BLOCK_DURATION,
              "<maxBlockDuration>",
              null,
              Kind.TEXT,
              true,
              "Largest block compaction builds (default: 10%% of the retention time, at most 31d)."
                  + " For tests and benchmarks."),
          new Flag(
              LOOKBACK_DELTA,
              "<lookbackDelta>",
              "5m",
              Kind.TEXT,
              false,
              "How far back an instant selector looks for the latest sample, and after which a"
                  + " series without a staleness marker counts as gone (default:"
                  + " ${DEFAULT-VALUE})."),
          new Flag(
              MAX_SAMPLES,
              "<maxSamples>",
              "50000000",
              Kind.TEXT,
              false,
              "Most samples a single query may hold in memory at once; a query needing more fails"
                  + " with an execution error (default: ${DEFAULT-VALUE})."),
          new Flag(
              QUERY_TIMEOUT,
              "<queryTimeout>",
              "2m",
              Kind.TEXT,
              false,
              "Longest a query may run before it is aborted (default: ${DEFAULT-VALUE})."),
          new Flag(
              ENABLE_FEATURE,
              "FEATURE",
              null,
              Kind.LIST,
              false,
              "Comma-separated feature flags, as Prometheus names them:"
                  + " promql-experimental-functions, promql-delayed-name-removal,"
                  + " promql-extended-range-selectors, promql-binop-fill-modifiers,"
                  + " use-start-timestamps. Unknown names are logged and ignored."),
          new Flag(
              TIMESTAMP_TOLERANCE,
              "<scrapeTimestampTolerance>",
              "2ms",
              Kind.TEXT,
              false,
              "Store a scrape's timestamp as its scheduled time when it is this close to it (at"
                  + " most 1%% of the interval), so the TSDB compresses timestamps better; 0s"
                  + " turns it off (default: ${DEFAULT-VALUE})."));

  /** Names picocli reads as subcommands rather than as a flag's value. */
  private static final Set<String> SUBCOMMANDS = Set.of("help", "test");

  private static final Map<String, Flag> BY_NAME = byName();

  private static Map<String, Flag> byName() {
    Map<String, Flag> m = new HashMap<>();
    for (Flag f : ALL) {
      m.put(f.name(), f);
    }
    return m;
  }

  private ServerFlags() {}

  /** The flags' values: {@link String}, {@link Path}, {@link Boolean} or a list of strings. */
  static final class Values {
    private final Map<String, Object> values;

    Values(Map<String, Object> values) {
      this.values = values;
    }

    /** A TEXT flag's value; null when it has no default and was not given. */
    String text(String name) {
      return (String) values.get(name);
    }

    Path path(String name) {
      return (Path) values.get(name);
    }

    boolean enabled(String name) {
      return Boolean.TRUE.equals(values.get(name));
    }

    @SuppressWarnings("unchecked")
    List<String> list(String name) {
      Object v = values.get(name);
      return v == null ? List.of() : List.copyOf((List<String>) v);
    }

    /**
     * Every flag's value as {@code /api/v1/status/flags} shows it, by name: paths as {@code
     * Path.toString}, lists joined with commas, a flag without value as the empty string.
     */
    Map<String, String> display() {
      Map<String, String> m = new TreeMap<>();
      for (Flag f : ALL) {
        Object v = values.get(f.name());
        m.put(f.name(), v == null ? "" : v instanceof List<?> l ? joined(l) : v.toString());
      }
      return m;
    }

    private static String joined(List<?> values) {
      StringBuilder b = new StringBuilder();
      for (Object v : values) {
        b.append(b.length() == 0 ? "" : ",").append(v);
      }
      return b.toString();
    }
  }

  /** Each flag's default value, converted as picocli converts it. */
  static Map<String, Object> defaults() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Flag f : ALL) {
      m.put(
          f.name(),
          switch (f.kind()) {
            case SWITCH -> Boolean.FALSE;
            case LIST -> new ArrayList<String>();
            case PATH -> f.defaultValue() == null ? null : Path.of(f.defaultValue());
            case TEXT -> f.defaultValue();
          });
    }
    return m;
  }

  /**
   * The values of a command line made only of this table's flags ({@code --name=value}, {@code
   * --name value}, {@code --switch}), or null when picocli must parse it: anything else, including
   * a single-value flag given twice, a value starting with a dash or {@code @} or holding a quote,
   * an empty value, and a switch with a value.
   */
  static Values parseSimple(String[] args) {
    Map<String, Object> values = defaults();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        return null;
      }
      int eq = arg.indexOf('=');
      Flag flag = BY_NAME.get(eq < 0 ? arg.substring(2) : arg.substring(2, eq));
      if (flag == null || (flag.kind() != Kind.LIST && !seen.add(flag.name()))) {
        return null;
      }
      if (flag.kind() == Kind.SWITCH) {
        if (eq >= 0) {
          return null;
        }
        values.put(flag.name(), Boolean.TRUE);
        continue;
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length && !SUBCOMMANDS.contains(args[i + 1])) {
        value = args[++i];
      } else {
        return null;
      }
      if (!plain(value)) {
        return null;
      }
      Object converted = convert(flag, value, values.get(flag.name()));
      if (converted == null) {
        return null;
      }
      values.put(flag.name(), converted);
    }
    return new Values(values);
  }

  /** Whether picocli takes {@code value} verbatim: not empty, not option-like, no quotes. */
  private static boolean plain(String value) {
    return !value.isEmpty()
        && value.charAt(0) != '-'
        && value.charAt(0) != '@'
        && value.indexOf('"') < 0
        && value.indexOf('\'') < 0;
  }

  /** The flag's new value, or null when picocli should judge it. */
  private static Object convert(Flag flag, String value, Object previous) {
    switch (flag.kind()) {
      case PATH:
        try {
          return Path.of(value);
        } catch (InvalidPathException e) {
          return null;
        }
      case LIST:
        {
          @SuppressWarnings("unchecked")
          List<String> list = new ArrayList<>((List<String>) previous);
          int start = 0;
          while (true) {
            int comma = value.indexOf(',', start);
            String part = comma < 0 ? value.substring(start) : value.substring(start, comma);
            if (part.isEmpty()) {
              return null;
            }
            list.add(part);
            if (comma < 0) {
              return list;
            }
            start = comma + 1;
          }
        }
      default:
        return value;
    }
  }
}
