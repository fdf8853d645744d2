package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpClientSeries.answered;
import static dev.vigil.agent.it.HttpClientSeries.failed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.OkHttpApp;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls made with OkHttp 4 and 5 become {@code http_client_requests_seconds} series: the same
 * fixture app (compiled against 4) runs on each major.
 */
class OkHttpInstrumentationIT {

  private static final String APP = "OkHttpApp";

  /** An OkHttp major version and how the fixture app gets it. */
  enum Major {
    OKHTTP_4("4.") {
      @Override
      String classpath() throws IOException {
        return ItEnvironment.fixtureClasspath("okhttp");
      }
    },
    // Maven's OkHttp 5 is the okhttp-jvm artifact (okhttp itself is a Kotlin multiplatform stub).
    OKHTTP_5("5.") {
      @Override
      String classpath() throws IOException {
        return ItEnvironment.fixtureClasspathWithJarsIn(ItEnvironment.libraryDirectory("okhttp5"));
      }
    };

    private final String versionPrefix;

    Major(String versionPrefix) {
      this.versionPrefix = versionPrefix;
    }

    abstract String classpath() throws IOException;
  }

  private InstrumentedApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startApp(Major major, String name, String... jvmArguments) throws Exception {
    app = InstrumentedApp.start(name, major.classpath(), OkHttpApp.class, jvmArguments);
    assertThat(app.send("version")).startsWith("done version " + major.versionPrefix);
  }

  @ParameterizedTest
  @EnumSource(Major.class)
  void countsExecutedAndEnqueuedCallsOnceWithStatusOutcomeAndHost(Major major) throws Exception {
    startApp(major, "okhttp-app-" + major);

    app.run("execute-get", "done execute-get 200");
    app.run("execute-get", "done execute-get 200");
    app.run("enqueue-post", "done enqueue-post 404");
    app.run("refused", "done refused ConnectException");

    HttpClientSeries.assertExactly(
        app,
        answered(APP, "GET", 200, "SUCCESS", 2),
        answered(APP, "POST", 404, "CLIENT_ERROR", 1),
        failed(APP, "GET", "ConnectException", 1));
  }

  @ParameterizedTest
  @EnumSource(Major.class)
  void countsNothingWhenTheModuleIsSwitchedOff(Major major) throws Exception {
    startApp(major, "okhttp-app-disabled-" + major, "-Dvigil.instrumentation.okhttp.enabled=false");

    app.run("execute-get", "done execute-get 200");

    HttpClientSeries.assertNone(app, APP);
  }
}
