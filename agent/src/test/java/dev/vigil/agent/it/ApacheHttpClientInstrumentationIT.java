package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpClientSeries.answered;
import static dev.vigil.agent.it.HttpClientSeries.failed;

import dev.vigil.agent.fixture.ApacheHttpClientApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Calls made with Apache HttpClient 5 become {@code http_client_requests_seconds} series. */
class ApacheHttpClientInstrumentationIT {

  private static final String APP = "ApacheHttpClientApp";

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
            name,
            ItEnvironment.fixtureClasspath("apache-httpclient"),
            ApacheHttpClientApp.class,
            jvmArguments);
  }

  @Test
  void countsEachClassicRequestOnceWithStatusOutcomeAndHost() throws Exception {
    startApp("apache-httpclient-app");

    app.run("handler-get", "done handler-get 200");
    app.run("handler-get", "done handler-get 200");
    app.run("minimal-get", "done minimal-get 200");
    app.run("response-post", "done response-post 404");
    app.run("refused", "done refused HttpHostConnectException");

    HttpClientSeries.assertExactly(
        app,
        answered(APP, "GET", 200, "SUCCESS", 3),
        answered(APP, "POST", 404, "CLIENT_ERROR", 1),
        failed(APP, "GET", "HttpHostConnectException", 1));
  }

  @Test
  void countsEachAsyncRequestOnceWhenTheClientReportsItsOutcome() throws Exception {
    startApp("apache-httpclient-app-async");

    app.run("async-get", "done async-get 200");
    app.run("async-get", "done async-get 200");
    app.run("async-post", "done async-post 404");

    HttpClientSeries.assertExactly(
        app,
        answered(APP, "GET", 200, "SUCCESS", 2),
        answered(APP, "POST", 404, "CLIENT_ERROR", 1));
  }

  @ParameterizedTest(name = "{0}")
  // minimal-async: HTTP/1.1; minimal-h2: HTTP/2 with prior knowledge against HttpCore's own h2c
  // server, which refuses HTTP/1.1.
  @ValueSource(strings = {"minimal-async", "minimal-h2"})
  void countsEachMinimalAsyncRequestOnceWhenItsExchangeEnds(String client) throws Exception {
    startApp("apache-httpclient-app-" + client);

    app.run(client + "-get", "done " + client + "-get 200");
    app.run(client + "-get", "done " + client + "-get 200");
    app.run(client + "-post", "done " + client + "-post 404");
    app.run(client + "-refused", "done " + client + "-refused HttpHostConnectException");

    HttpClientSeries.assertExactly(
        app,
        answered(APP, "GET", 200, "SUCCESS", 2),
        answered(APP, "POST", 404, "CLIENT_ERROR", 1),
        failed(APP, "GET", "HttpHostConnectException", 1));
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp(
        "apache-httpclient-app-disabled",
        "-Dvigil.instrumentation.apache-httpclient.enabled=false");

    app.run("handler-get", "done handler-get 200");

    HttpClientSeries.assertNone(app, APP);
  }
}
