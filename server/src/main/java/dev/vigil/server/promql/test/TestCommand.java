package dev.vigil.server.promql.test;

import picocli.CommandLine.Command;

/** {@code vigil-server test ...}: groups the testing subcommands (today: {@code promql}). */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = "Testing tools.",
    subcommands = {PromqlTestCommand.class})
public final class TestCommand implements Runnable {

  @picocli.CommandLine.Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
