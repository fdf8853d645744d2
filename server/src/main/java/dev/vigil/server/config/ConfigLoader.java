package dev.vigil.server.config;

import dev.vigil.server.format.ByteSize;
import dev.vigil.server.format.GoQuote;
import dev.vigil.server.model.Labels;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads {@code prometheus.yml}. The YAML is composed into a node tree (not bound to beans), so
 * every error names {@code file:line}; see {@link ConfigSchema} for what is read, tolerated or
 * rejected.
 */
public final class ConfigLoader {

  private static final System.Logger logger = System.getLogger(ConfigLoader.class.getName());

  private final UnaryOperator<String> env;

  /** A loader that expands {@code $VAR} in external labels from the process environment. */
  public ConfigLoader() {
    this(name -> System.getenv(name));
  }

  /** A loader with its own environment lookup (null for unset), for tests. */
  public ConfigLoader(UnaryOperator<String> env) {
    this.env = env;
  }

  /** Loads a file; the warnings for ignored sections are logged and kept in the result. */
  public static Config load(Path file) throws ConfigException {
    return new ConfigLoader().loadFile(file);
  }

  /** Loads a file with this loader's environment. */
  public Config loadFile(Path file) throws ConfigException {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, 0, "open " + name + ": no such file or directory", e);
    } catch (IOException e) {
      throw new ConfigException(name, 0, "cannot read: " + e, e);
    }
    Config config = parse(decode(name, bytes), name);
    for (String w : config.warnings()) {
      logger.log(Level.WARNING, w);
    }
    return config;
  }

  /** Parses configuration text; {@code fileName} is only used in messages. */
  public Config parse(String text, String fileName) throws ConfigException {
    ConfigSource source = new ConfigSource(fileName);
    Node root = compose(text, fileName);
    if (root == null) {
      return Config.empty();
    }
    YamlSection top = YamlSection.read(source, root, ConfigSchema.TOP);
    GlobalConfig global = readGlobal(source, top);
    // Prometheus resolves file names in the config against the config file's directory.
    Path dir = Path.of(fileName).toAbsolutePath().getParent();
    HttpClientConfigReader http =
        new HttpClientConfigReader(source, dir != null ? dir : Path.of("").toAbsolutePath());
    List<ScrapeConfig> scrapeConfigs = new ArrayList<>();
    Map<String, Integer> jobLines = new HashMap<>();
    for (Node item : top.sequence("scrape_configs")) {
      if (YamlSection.isNull(item)) {
        throw source.error(item, "empty or null scrape config section");
      }
      ScrapeConfig sc = readScrapeConfig(source, item, global, http);
      if (jobLines.putIfAbsent(sc.jobName(), ConfigSource.lineOf(item)) != null) {
        throw source.error(
            item, "found multiple scrape configs with job name " + GoQuote.quote(sc.jobName()));
      }
      scrapeConfigs.add(sc);
    }
    return new Config(global, scrapeConfigs, source.warnings());
  }

  private static Node compose(String text, String fileName) throws ConfigException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // We report duplicates ourselves, with both lines.
    try {
      // What Yaml.compose does, without building a Yaml: its constructor also makes the
      // object-binding and dumping machinery (bean introspection via java.beans), ~150 classes
      // and ~50 ms of start-up CPU we never use.
      return new Composer(
              new ParserImpl(new StreamReader(new StringReader(text)), options),
              new Resolver(),
              options)
          .getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? e.getContext() + ": " : "";
      throw new ConfigException(fileName, line, "yaml: " + context + problem.trim(), e);
    } catch (YAMLException e) {
      throw new ConfigException(fileName, 1, "yaml: " + e.getMessage(), e);
    }
  }

  private static String decode(String fileName, byte[] bytes) throws ConfigException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      int bad = dev.vigil.server.format.Utf8.firstInvalid(bytes, 0, bytes.length);
      int line = 1;
      for (int i = 0; i < Math.max(bad, 0); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new ConfigException(fileName, line, "invalid UTF-8 in file", e);
    }
  }

  private GlobalConfig readGlobal(ConfigSource source, YamlSection top) throws ConfigException {
    YamlSection g = YamlSection.read(source, top.get("global"), ConfigSchema.GLOBAL);
    GlobalConfig d = GlobalConfig.DEFAULT;
    Duration interval =
        nonZero(g.duration("scrape_interval").orElse(d.scrapeInterval()), d.scrapeInterval());
    Duration timeout = g.duration("scrape_timeout").orElse(Duration.ZERO);
    if (timeout.compareTo(interval) > 0) {
      throw source.error(
          g.get("scrape_timeout"), "global scrape timeout greater than scrape interval");
    }
    if (timeout.isZero()) {
      // As in Prometheus: the 10s default timeout never exceeds a shorter interval.
      timeout = min(d.scrapeTimeout(), interval);
    }
    Duration evaluation =
        nonZero(
            g.duration("evaluation_interval").orElse(d.evaluationInterval()),
            d.evaluationInterval());
    Labels external = g.labels("external_labels", this::expandEnv);
    return new GlobalConfig(
        interval, timeout, evaluation, external, bodySize(source, g).orElse(0L));
  }

  private static ScrapeConfig readScrapeConfig(
      ConfigSource source, Node node, GlobalConfig global, HttpClientConfigReader http)
      throws ConfigException {
    YamlSection s = YamlSection.read(source, node, ConfigSchema.SCRAPE);
    String job = s.string("job_name").orElse("");
    if (job.isEmpty()) {
      throw source.error(node, "job_name is empty");
    }
    Duration interval =
        nonZero(s.duration("scrape_interval").orElse(Duration.ZERO), global.scrapeInterval());
    Duration timeout = s.duration("scrape_timeout").orElse(Duration.ZERO);
    if (timeout.compareTo(interval) > 0) {
      Node at = s.get("scrape_timeout") != null ? s.get("scrape_timeout") : node;
      throw source.error(
          at,
          "scrape timeout greater than scrape interval for scrape config with job name "
              + GoQuote.quote(job));
    }
    if (timeout.isZero()) {
      timeout = min(global.scrapeTimeout(), interval);
    }
    String metricsPath = s.string("metrics_path").orElse("/metrics");
    if (!metricsPath.startsWith("/")) {
      throw source.error(
          s.get("metrics_path"),
          "metrics_path must start with \"/\", got " + GoQuote.quote(metricsPath));
    }
    String scheme = s.string("scheme").orElse("http");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw source.error(
          s.get("scheme"), "invalid scheme " + GoQuote.quote(scheme) + ": must be http or https");
    }
    List<StaticConfig> statics = new ArrayList<>();
    for (Node item : s.sequence("static_configs")) {
      if (YamlSection.isNull(item)) {
        throw source.error(item, "empty or null section in static_configs");
      }
      statics.add(readStaticConfig(source, item));
    }
    return new ScrapeConfig(
        job,
        interval,
        timeout,
        metricsPath,
        scheme,
        s.bool("honor_labels").orElse(false),
        s.bool("honor_timestamps").orElse(true),
        s.stringListMap("params"),
        statics,
        bodySize(source, s).orElse(global.bodySizeLimit()),
        http.read(s));
  }

  /** {@code body_size_limit}: Prometheus's units (B to EB, base 1024); 0 means no limit. */
  private static Optional<Long> bodySize(ConfigSource source, YamlSection s)
      throws ConfigException {
    Optional<String> text = s.string("body_size_limit");
    if (text.isEmpty() || text.get().strip().equals("0")) {
      return text.map(t -> 0L);
    }
    try {
      return Optional.of(ByteSize.parse(text.get()));
    } catch (IllegalArgumentException e) {
      throw source.error(s.get("body_size_limit"), "body_size_limit: " + e.getMessage());
    }
  }

  private static StaticConfig readStaticConfig(ConfigSource source, Node node)
      throws ConfigException {
    YamlSection s = YamlSection.read(source, node, ConfigSchema.STATIC);
    List<Node> targetNodes = s.sequence("targets");
    List<String> targets = new ArrayList<>();
    for (Node t : targetNodes) {
      String address = YamlSection.scalarString(source, "targets", t);
      String problem = TargetAddress.check(address);
      if (problem != null) {
        throw source.error(t, problem);
      }
      targets.add(address);
    }
    return new StaticConfig(targets, s.labels("labels", UnaryOperator.identity()));
  }

  /** Prometheus expands {@code $VAR}/{@code ${VAR}} in external label values; {@code $$} is $. */
  private String expandEnv(String value) {
    return EnvExpander.expand(value, env);
  }

  private static Duration nonZero(Duration d, Duration fallback) {
    return d.isZero() ? fallback : d;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
