package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.Log4j2App;
import dev.vigil.agent.fixture.LogbackApp;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Logback and log4j2 events become {@code logback_events_total{level}} and {@code
 * log4j2_events_total{level}}, as with Micrometer's binders: one spec, one row per library.
 */
class LoggingInstrumentationIT {

  /** A logging library: its module, fixture app and the counts the app's {@code log} leaves. */
  enum Library {
    LOGBACK(
        "logback",
        LogbackApp.class,
        "logback_events_total",
        // Trace is below the default level: its series exists, at zero.
        Map.of("error", "3.0", "warn", "1.0", "info", "2.0", "debug", "1.0", "trace", "0.0")),
    LOG4J2(
        "log4j2",
        Log4j2App.class,
        "log4j2_events_total",
        // The orders logger's event passes its own config and the root's: still one info.
        Map.of(
            "fatal", "1.0", "error", "3.0", "warn", "1.0", "info", "3.0", "debug", "1.0", "trace",
            "0.0"));

    private final String module;
    private final Class<?> app;
    private final String metric;
    private final Map<String, String> countByLevel;

    Library(String module, Class<?> app, String metric, Map<String, String> countByLevel) {
      this.module = module;
      this.app = app;
      this.metric = metric;
      this.countByLevel = countByLevel;
    }

    String events(String level, String count) {
      return metric
          + "{application=\""
          + app.getSimpleName()
          + "\",level=\""
          + level
          + "\"} "
          + count;
    }
  }

  private InstrumentedApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startAndLog(Library library, String name, String... jvmArguments) throws Exception {
    app =
        InstrumentedApp.start(
            name, ItEnvironment.fixtureClasspath(library.module), library.app, jvmArguments);
    app.run("log", "done log");
  }

  @ParameterizedTest
  @EnumSource(Library.class)
  void countsEventsThatReachTheLogsPerLevel(Library library) throws Exception {
    startAndLog(library, library.module + "-app");

    String metrics = app.awaitMetricsContaining(library.events("error", "3.0"));

    assertThat(InstrumentedApp.samples(metrics, library.metric))
        .containsExactlyInAnyOrderElementsOf(
            library.countByLevel.entrySet().stream()
                .map(levelCount -> library.events(levelCount.getKey(), levelCount.getValue()))
                .toList());
  }

  @ParameterizedTest
  @EnumSource(Library.class)
  void countsNothingWhenTheModuleIsSwitchedOff(Library library) throws Exception {
    startAndLog(
        library,
        library.module + "-app-disabled",
        "-Dvigil.instrumentation." + library.module + ".enabled=false");

    assertThat(app.metrics())
        .contains("jvm_threads_live_threads{application=\"" + library.app.getSimpleName() + "\"}")
        .doesNotContain(library.metric);
  }
}
