package dev.vigil.server.promql.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.ServerMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil-server test promql FILE...} as a user runs it, on real script files. */
class PromqlTestCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ServerMain());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    return cli.execute(args);
  }

  private Path script(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void passingScriptExitsZeroWithCounts() throws IOException {
    Path f = script("ok.test", "load 1m\n  up{job=\"a\"} 1 2\n\neval instant at 1m up * 2\n  {job=\"a\"} 4\n");

    assertThat(run("test", "promql", f.toString())).isZero();
    assertThat(out.toString()).isEqualTo("1 passed, 0 failed, 0 skipped\n");
  }

  @Test
  void failingEvalIsPrintedWithFileLineExpectedAndActual() throws IOException {
    Path f =
        script(
            "bad.test",
            "load 1m\n  up{job=\"a\"} 1 2\n\neval instant at 1m up\n  up{job=\"a\"} 3\n\n"
                + "eval instant at 1m up\n  up{job=\"a\"} 2\n");

    assertThat(run("test", "promql", f.toString())).isEqualTo(1);
    assertThat(out.toString())
        .isEqualTo(
            f + ":4: up\n  for {__name__=\"up\", job=\"a\"} expected 3, got 2\n"
                + "1 passed, 1 failed, 0 skipped\n");
  }

  @Test
  void malformedScriptNamesTheLine() throws IOException {
    Path f = script("broken.test", "load 1m\n  up 1\n\nfrobnicate something\n");

    assertThat(run("test", "promql", f.toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith(f + ":4: unknown command \"frobnicate something\"");
  }
}
