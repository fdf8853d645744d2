package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpClientSeries.answered;
import static dev.vigil.agent.it.HttpClientSeries.failed;

import dev.vigil.agent.fixture.OkHttpApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls made with OkHttp become {@code http_client_requests_seconds} series. */
class OkHttpInstrumentationIT {

  private static final String APP = "OkHttpApp";

  private InstrumentedApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startApp(String name, String... jvmArguments) throws Exception {
    app =
        InstrumentedApp.start(
            name, ItEnvironment.fixtureClasspath("okhttp"), OkHttpApp.class, jvmArguments);
  }

  @Test
  void countsExecutedAndEnqueuedCallsOnceWithStatusOutcomeAndHost() throws Exception {
    startApp("okhttp-app");

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

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp("okhttp-app-disabled", "-Dvigil.instrumentation.okhttp.enabled=false");

    app.run("execute-get", "done execute-get 200");

    HttpClientSeries.assertNone(app, APP);
  }
}
