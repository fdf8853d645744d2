package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The start-up parser that spares the server picocli: it must agree with picocli on every command
 * line it accepts, and leave every other one to picocli.
 */
class ServerFlagsTest {

  /** The flags as picocli parses {@code args} with the server's real command model. */
  private static Map<String, String> picocli(String... args) {
    CommandLine cl = ServerMain.commandLine();
    cl.parseArgs(args);
    return ServerMain.values(cl.getCommandSpec()).display();
  }

  private static Map<String, String> simple(String... args) {
    ServerFlags.Values v = ServerFlags.parseSimple(args);
    assertThat(v).as("accepted by the simple parser: %s", List.of(args)).isNotNull();
    return v.display();
  }

  @Test
  void agreesWithPicocliOnEveryCommandLineItAccepts() {
    List<String[]> lines =
        List.of(
            new String[] {},
            new String[] {"--config.file=/etc/p.yml", "--web.listen-address=127.0.0.1:9091"},
            new String[] {"--storage.tsdb.path", "data2/", "--web.enable-lifecycle"},
            new String[] {"--enable-feature=a,b", "--enable-feature", "c", "--query.timeout=1m"},
            new String[] {"--storage.tsdb.min-block-duration=10s", "--query.max-samples=7"},
            new String[] {"--storage.tsdb.max-block-duration=1h", "--storage.tsdb.wal-sync=none"},
            new String[] {"--scrape.timestamp-tolerance=0s", "--storage.tsdb.retention.size=1GB"});
    for (String[] args : lines) {
      assertThat(simple(args)).as("%s", List.of(args)).isEqualTo(picocli(args));
    }
  }

  @Test
  void showsDefaultsAsTheStatusApiDid() {
    Map<String, String> flags = simple();

    assertThat(flags)
        .containsEntry("config.file", "prometheus.yml")
        .containsEntry("storage.tsdb.path", "data") // Path.toString drops the slash
        .containsEntry("web.enable-lifecycle", "false")
        .containsEntry("enable-feature", "")
        .containsEntry("storage.tsdb.max-block-duration", "");
    assertThat(flags).hasSize(ServerFlags.ALL.size());
  }

  @Test
  void typesValuesAsTheServerReadsThem() {
    ServerFlags.Values v =
        ServerFlags.parseSimple(
            new String[] {"--config.file=x.yml", "--web.enable-lifecycle", "--enable-feature=a,b"});

    assertThat(v.path(ServerFlags.CONFIG_FILE)).isEqualTo(Path.of("x.yml"));
    assertThat(v.enabled(ServerFlags.ENABLE_LIFECYCLE)).isTrue();
    assertThat(v.list(ServerFlags.ENABLE_FEATURE)).containsExactly("a", "b");
    assertThat(v.text(ServerFlags.MAX_BLOCK_DURATION)).isNull();
  }

  @Test
  void leavesEverythingElseToPicocli() {
    List<String[]> lines =
        List.of(
            new String[] {"--help"},
            new String[] {"-h"},
            new String[] {"--version"},
            new String[] {"help"},
            new String[] {"test", "promql", "x.test"},
            new String[] {"--no-such-flag=1"},
            new String[] {"--config.file=a", "--config.file=b"},
            new String[] {"--web.enable-lifecycle", "--web.enable-lifecycle"},
            new String[] {"--web.enable-lifecycle=false"},
            new String[] {"--config.file"},
            new String[] {"--config.file", "--web.enable-lifecycle"},
            new String[] {"--config.file", "test"},
            new String[] {"--config.file="},
            new String[] {"--config.file=\"a b\""},
            new String[] {"@args.txt"},
            new String[] {"--config.file", "@args.txt"},
            new String[] {"--enable-feature=a,,b"},
            new String[] {"--enable-feature=a,"},
            new String[] {"positional"},
            new String[] {"--"});
    for (String[] args : lines) {
      assertThat(ServerFlags.parseSimple(args)).as("%s", List.of(args)).isNull();
    }
  }

  @Test
  void helpListsEveryVisibleFlagWithItsDefault() {
    String help = ServerMain.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    String words = help.replaceAll("\\s+", " "); // help wraps long descriptions

    for (ServerFlags.Flag f : ServerFlags.ALL) {
      if (f.hidden()) {
        assertThat(help).doesNotContain(f.option());
      } else {
        assertThat(help).contains(f.option());
        if (f.defaultValue() != null) {
          assertThat(words).contains("(default: " + f.defaultValue() + ")");
        }
      }
    }
  }
}
