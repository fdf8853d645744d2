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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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

  public static void main(String[] args) {
    StartupTrace.mark("main");
    configureLogging();
    ServerFlags.Values simple = ServerFlags.parseSimple(args);
    int code = simple != null ? runSimple(simple) : commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * The command line picocli parses when {@link ServerFlags#parseSimple} leaves it to picocli:
   * help, version, subcommands and every error message; the flags come from {@link
   * ServerFlags#ALL}.
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ServerMain());
    CommandSpec spec = cl.getCommandSpec();
    for (ServerFlags.Flag f : ServerFlags.ALL) {
      OptionSpec.Builder b =
          OptionSpec.builder(f.option()).description(f.description()).hidden(f.hidden());
      switch (f.kind()) {
        // No arity: picocli's default for a boolean also takes an attached value (=false).
        case SWITCH -> b.type(boolean.class);
        case LIST ->
            b.type(List.class).auxiliaryTypes(String.class).splitRegex(",").arity("1")
                .paramLabel(f.paramLabel());
        case PATH -> b.type(Path.class).arity("1").paramLabel(f.paramLabel());
        case TEXT -> b.type(String.class).arity("1").paramLabel(f.paramLabel());
      }
      if (f.defaultValue() != null) {
        b.defaultValue(f.defaultValue());
      }
      spec.addOption(b.build());
    }
    StartupTrace.mark("picocli model");
    return cl;
  }

  /** Runs the server from flags picocli did not need to parse, with picocli's error handling. */
  private static int runSimple(ServerFlags.Values flags) {
    PrintWriter err = new PrintWriter(System.err, true);
    try {
      return run(flags, err);
    } catch (RuntimeException e) {
      // What picocli's execute does with an exception from call(): print it, exit 1.
      e.printStackTrace(err);
      err.flush();
      return 1;
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
    StartupTrace.mark("picocli parse");
    return run(values(spec), spec.commandLine().getErr());
  }

  /** The flags' values after picocli parsed them into {@code spec}'s options. */
  static ServerFlags.Values values(CommandSpec spec) {
    Map<String, Object> values = ServerFlags.defaults();
    for (ServerFlags.Flag f : ServerFlags.ALL) {
      Object v = spec.findOption(f.option()).getValue();
      values.put(f.name(), f.kind() == ServerFlags.Kind.SWITCH ? Boolean.TRUE.equals(v) : v);
    }
    return new ServerFlags.Values(values);
  }

  /** Starts the server from {@code flags} and waits until the JVM is asked to stop. */
  private static int run(ServerFlags.Values flags, PrintWriter err) {
    Path configFile = flags.path(ServerFlags.CONFIG_FILE);
    String listenAddress = flags.text(ServerFlags.LISTEN_ADDRESS);
    Path storagePath = flags.path(ServerFlags.STORAGE_PATH);
    String scrapeTimestampTolerance = flags.text(ServerFlags.TIMESTAMP_TOLERANCE);
    Config config;
    try {
      config = ConfigLoader.load(configFile);
    } catch (ConfigException e) {
      err.println("error loading config: " + e.getMessage());
      err.flush();
      return 1;
    }
    StartupTrace.mark("config loaded");
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
      tsdbOptions =
          StorageFlags.options(
              flags.text(ServerFlags.RETENTION_TIME),
              flags.text(ServerFlags.RETENTION_SIZE),
              flags.text(ServerFlags.WAL_SYNC),
              flags.text(ServerFlags.MIN_BLOCK_DURATION),
              flags.text(ServerFlags.MAX_BLOCK_DURATION));
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    QueryFlags.Settings query;
    try {
      query =
          QueryFlags.settings(
              flags.text(ServerFlags.LOOKBACK_DELTA),
              flags.text(ServerFlags.MAX_SAMPLES),
              flags.text(ServerFlags.QUERY_TIMEOUT),
              flags.list(ServerFlags.ENABLE_FEATURE));
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
    StartupTrace.mark("flags checked");
    HeapFootprint.Outcome heap = HeapFootprint.configure();
    StartupTrace.mark("heap options");
    BuildInfo build = BuildInfo.load();
    Server server;
    try {
      ConfigState state =
          new ConfigState(
              configFile,
              flags.display(),
              flags.enabled(ServerFlags.ENABLE_LIFECYCLE),
              Clock.systemUTC());
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
    HeapTrimmer trimmer = heap.applied() ? trimHeap(heap, server) : null;
    StartupTrace.mark("heap trimmed");
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
    StartupTrace.mark("ready");
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
  private static HeapTrimmer trimHeap(HeapFootprint.Outcome heap, Server server) {
    HeapTrimmer trimmer = HeapTrimmer.start(server.registry());
    long[] committed = trimmer.startTrim();
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
    return trimmer;
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
