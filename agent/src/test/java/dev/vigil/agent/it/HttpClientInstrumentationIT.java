package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpClientSeries.answered;
import static dev.vigil.agent.it.HttpClientSeries.failed;

import dev.vigil.agent.fixture.HttpClientApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls made with the JDK's HTTP clients become {@code http_client_requests_seconds} series. */
class HttpClientInstrumentationIT {

  private static final String APP = "HttpClientApp";

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
            name, ItEnvironment.fixtureClasses().toString(), HttpClientApp.class, jvmArguments);
  }

  @Test
  void countsEachRequestOnceWithStatusOutcomeAndHost() throws Exception {
    startApp("http-client-app");

    app.run("jdk-send", "done jdk-send 200");
    app.run("jdk-send", "done jdk-send 200");
    app.run("jdk-async", "done jdk-async 404");
    app.run("jdk-refused", "done jdk-refused ConnectException");
    app.run("url-delete", "done url-delete 200");
    app.run("url-missing", "done url-missing 404");

    // Six calls, five series: HttpURLConnection's repeated getResponseCode counts once.
    HttpClientSeries.assertExactly(
        app,
        answered(APP, "GET", 200, "SUCCESS", 2),
        answered(APP, "POST", 404, "CLIENT_ERROR", 1),
        failed(APP, "GET", "ConnectException", 1),
        answered(APP, "DELETE", 200, "SUCCESS", 1),
        answered(APP, "GET", 404, "CLIENT_ERROR", 1));
  }

  @Test
  void countsNothingWhenTheClientModulesAreSwitchedOff() throws Exception {
    startApp(
        "http-client-app-disabled",
        "-Dvigil.instrumentation.jdk-http-client.enabled=false",
        "-Dvigil.instrumentation.http-url-connection.enabled=false");

    app.run("jdk-send", "done jdk-send 200");
    app.run("url-delete", "done url-delete 200");

    HttpClientSeries.assertNone(app, APP);
  }
}
