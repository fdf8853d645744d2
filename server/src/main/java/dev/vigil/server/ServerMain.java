package dev.vigil.server;

import dev.vigil.server.config.Config;
import dev.vigil.server.config.ConfigException;
import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.format.PromDuration;
import dev.vigil.server.promql.test.TestCommand;
import dev.vigil.server.storage.tsdb.Tsdb;
import dev.vigil.server.storage.tsdb.TsdbOptions;
import dev.vigil.server.telemetry.BuildInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entry point of vigil-server.jar: Prometheus-style flags, then runs the server until the JVM is
 * asked to stop. Subcommands ({@code test promql FILE...}) hang off this command.
 */
@Command(
    name = "vigil-server",
    mixinStandardHelpOptions = true,
    versionProvider = ServerMain.Version.class,
    subcommands = {CommandLine.HelpCommand.class, TestCommand.class},
    description =
        "The Vigil monitoring server: scrapes Prometheus targets, stores samples and"
            + " answers the Prometheus HTTP API.")
public final class ServerMain implements Callable<Integer> {

  private static final Logger logger = System.getLogger(ServerMain.class.getName());

  @Spec private CommandSpec spec;

  @Option(
      names = "--config.file",
      defaultValue = "prometheus.yml",
      description = "Configuration file path (default: ${DEFAULT-VALUE}).")
  private Path configFile;

  @Option(
      names = "--web.listen-address",
      defaultValue = "0.0.0.0:9090",
      description =
          "Address to listen on for the UI, API and telemetry (default: ${DEFAULT-VALUE}).")
  private String listenAddress;

  @Option(
      names = "--storage.tsdb.path",
      defaultValue = "data/",
      description =
          "Base path for metrics storage, created if missing (default: ${DEFAULT-VALUE}).")
  private Path storagePath;

  @Option(
      names = "--web.enable-lifecycle",
      description = "Enable shutdown and reload via HTTP request (POST /-/reload).")
  private boolean enableLifecycle;

  @Option(
      names = "--storage.tsdb.retention.time",
      defaultValue = "15d",
      description =
          "How long to retain samples, in Prometheus duration syntax (default: ${DEFAULT-VALUE}).")
  private String retentionTime;

  @Option(
      names = "--storage.tsdb.retention.size",
      defaultValue = "0",
      description =
          "Maximum bytes of storage to keep (B, KB, MB, GB, TB, PB, EB; base 1024); 0 disables."
              + " Oldest blocks go first; the WAL counts too (default: ${DEFAULT-VALUE}).")
  private String retentionSize;

  @Option(
      names = "--storage.tsdb.wal-sync",
      defaultValue = "commit",
      description =
          "When the WAL fsyncs: commit (before a scrape's commit returns, shared by concurrent"
              + " commits), interval (every second) or none (default: ${DEFAULT-VALUE}).")
  private String walSync;

  @Option(
      names = "--storage.tsdb.min-block-duration",
      defaultValue = "2h",
      hidden = true,
      description =
          "Span of the blocks the head is cut into; also how long the head holds samples"
              + " (default: ${DEFAULT-VALUE}). For tests and benchmarks.")
  private String minBlockDuration;

  @Option(
      names = "--storage.tsdb.max-block-duration",
      hidden = true,
      description =
          "Largest block compaction builds (default: 10%% of the retention time, at most 31d)."
              + " For tests and benchmarks.")
  private String maxBlockDuration;

  @Option(
      names = "--query.lookback-delta",
      defaultValue = "5m",
      description =
          "How far back an instant selector looks for the latest sample, and after which a series"
              + " without a staleness marker counts as gone (default: ${DEFAULT-VALUE}).")
  private String lookbackDelta;

  @Option(
      names = "--query.max-samples",
      defaultValue = "50000000",
      description =
          "Most samples a single query may hold in memory at once; a query needing more fails"
              + " with an execution error (default: ${DEFAULT-VALUE}).")
  private String maxSamples;

  @Option(
      names = "--query.timeout",
      defaultValue = "2m",
      description = "Longest a query may run before it is aborted (default: ${DEFAULT-VALUE}).")
  private String queryTimeout;

  @Option(
      names = "--enable-feature",
      split = ",",
      paramLabel = "FEATURE",
      description =
          "Comma-separated feature flags, as Prometheus names them: promql-experimental-functions,"
              + " promql-delayed-name-removal, promql-extended-range-selectors,"
              + " promql-binop-fill-modifiers, use-start-timestamps. Unknown names are logged and"
              + " ignored.")
  private List<String> features = new ArrayList<>();

  @Option(
      names = "--scrape.timestamp-tolerance",
      defaultValue = "2ms",
      description =
          "Store a scrape's timestamp as its scheduled time when it is this close to it (at most"
              + " 1%% of the interval), so the TSDB compresses timestamps better; 0s turns it off"
              + " (default: ${DEFAULT-VALUE}).")
  private String scrapeTimestampTolerance;

  public static void main(String[] args) {
    configureLogging();
    int code = new CommandLine(new ServerMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** One line per record on stderr, unless the user brought their own logging config. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") == null
        && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format",
          "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n");
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Config config;
    try {
      config = ConfigLoader.load(configFile);
    } catch (ConfigException e) {
      err.println("error loading config: " + e.getMessage());
      err.flush();
      return 1;
    }
    InetSocketAddress listen;
    try {
      listen = ListenAddress.parse(listenAddress);
    } catch (IllegalArgumentException e) {
      err.println("error: invalid --web.listen-address: " + e.getMessage());
      err.flush();
      return 1;
    }
    TsdbOptions tsdbOptions;
    try {
      tsdbOptions = StorageFlags.options(
          retentionTime, retentionSize, walSync, minBlockDuration, maxBlockDuration);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    QueryFlags.Settings query;
    try {
      query = QueryFlags.settings(lookbackDelta, maxSamples, queryTimeout, features);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    for (String f : query.ignoredFeatures()) {
      logger.log(Level.WARNING, "Unknown option for --enable-feature, ignored: " + f);
    }
    Duration tolerance;
    try {
      tolerance = PromDuration.parse(scrapeTimestampTolerance);
    } catch (IllegalArgumentException e) {
      err.println(
          "error: invalid --scrape.timestamp-tolerance \""
              + scrapeTimestampTolerance
              + "\": "
              + e.getMessage());
      err.flush();
      return 1;
    }
    try {
      Files.createDirectories(storagePath);
    } catch (IOException e) {
      err.println("error: cannot create --storage.tsdb.path " + storagePath + ": " + e);
      err.flush();
      return 1;
    }
    HeapFootprint.Outcome heap = HeapFootprint.configure();
    BuildInfo build = BuildInfo.load();
    Server server;
    try {
      ConfigState state =
          new ConfigState(configFile, flagValues(), enableLifecycle, Clock.systemUTC());
      server =
          Server.start(
              config,
              listen,
              build,
              state,
              query,
              tolerance,
              registry -> Tsdb.open(storagePath, tsdbOptions, registry));
    } catch (Server.StorageOpenException e) {
      err.println("error opening storage at " + storagePath + ": " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException e) {
      err.println("error starting web server on " + listenAddress + ": " + e);
      err.flush();
      return 1;
    }
    HeapTrimmer trimmer = heap.applied() ? trimHeap(heap) : null;
    if (!heap.applied()) {
      logger.log(Level.INFO, heap.message());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  logger.log(Level.INFO, "Stopping Vigil server");
                  if (trimmer != null) {
                    trimmer.close();
                  }
                  server.close();
                  stopped.countDown();
                },
                "vigil-shutdown"));
    InetSocketAddress bound = server.address();
    logger.log(
        Level.INFO,
        "Server is ready to receive web requests. version="
            + build.version()
            + " listen_address="
            + bound.getHostString()
            + ":"
            + bound.getPort());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Trims the heap the JVM committed at start down to what the opened store needs, says in one
   * line what was done, and keeps trimming it when it grows far past the data.
   */
  private static HeapTrimmer trimHeap(HeapFootprint.Outcome heap) {
    long[] committed = HeapTrimmer.collect();
    logger.log(
        Level.INFO,
        "No heap or GC flags given: set "
            + heap.message()
            + ", trimmed the committed heap from "
            + (committed[0] >> 20)
            + " to "
            + (committed[1] >> 20)
            + " MiB and will trim it when it exceeds twice the live data, so RSS follows the"
            + " data. To keep the JVM's defaults, give -Xms/-Xmx or a GC flag, or set "
            + HeapFootprint.DISABLE_ENV
            + "=false");
    return HeapTrimmer.start();
  }

  /** Every option's value as {@code /api/v1/status/flags} shows it: name without dashes. */
  private Map<String, String> flagValues() {
    Map<String, String> flags = new TreeMap<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName().replaceFirst("^-+", "");
      if (name.equals("help") || name.equals("version")) {
        continue;
      }
      Object v = o.getValue();
      flags.put(name, v == null ? "" : v instanceof List<?> l ? joined(l) : v.toString());
    }
    return flags;
  }

  private static String joined(List<?> values) {
    StringBuilder b = new StringBuilder();
    for (Object v : values) {
      b.append(b.length() == 0 ? "" : ",").append(v);
    }
    return b.toString();
  }

  /** Prints the version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo b = BuildInfo.load();
      return new String[] {
        "vigil-server, version " + b.version() + " (revision: " + b.revision() + ")",
        "  java version: " + b.javaVersion()
      };
    }
  }
}
