package dev.vigil.server.promql.test;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil-server test promql FILE...}: runs promqltest scripts against the engine, prints each
 * failure with file:line, expected and actual, and exits non-zero when any eval fails.
 */
@Command(
    name = "promql",
    mixinStandardHelpOptions = true,
    description = "Runs PromQL test scripts (Prometheus's promqltest language) against the engine.")
public final class PromqlTestCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test scripts to run.")
  private List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    for (Path f : files) {
      Script script;
      try {
        script = ScriptParser.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException e) {
        out.println(f + ": cannot read: " + e.getMessage());
        failed++;
        continue;
      } catch (IllegalArgumentException e) {
        // The message starts with file:line.
        out.println(e.getMessage());
        failed++;
        continue;
      }
      for (ScriptRunner.Outcome o : ScriptRunner.run(script, Map.of())) {
        switch (o.status()) {
          case PASSED -> passed++;
          case SKIPPED -> skipped++;
          case FAILED -> {
            failed++;
            out.println(o.location() + ": " + o.expr());
            out.println("  " + o.message());
          }
        }
      }
    }
    out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
