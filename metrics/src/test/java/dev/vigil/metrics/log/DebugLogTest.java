package dev.vigil.metrics.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebugLogTest {

  @AfterEach
  void restoreSystemLogger() {
    DebugLog.redirect(
        (name, message) -> System.getLogger(name).log(System.Logger.Level.DEBUG, message));
  }

  @Test
  void sendsMessagesToTheInstalledSinkWithTheLoggerName() {
    List<String> lines = new ArrayList<>();
    DebugLog.redirect((name, message) -> lines.add(name + ": " + message.get()));

    DebugLog.debug("dev.vigil.metrics.host", () -> "/proc/pressure/cpu:1: no such file");

    assertThat(lines).containsExactly("dev.vigil.metrics.host: /proc/pressure/cpu:1: no such file");
  }

  @Test
  void leavesTheMessageUnbuiltWhenTheSinkDropsIt() {
    DebugLog.redirect((name, message) -> {});

    DebugLog.debug(
        "dev.vigil.metrics.host",
        () -> {
          throw new AssertionError("message built although nobody prints it");
        });
  }
}
