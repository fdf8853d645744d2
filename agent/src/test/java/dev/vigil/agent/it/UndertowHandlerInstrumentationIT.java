package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpServerSeries.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.UndertowHandlerApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests served by Undertow's own handlers (no servlet) become {@code
 * http_server_requests_seconds} series, with a {@code RoutingHandler}'s template as {@code uri}.
 */
class UndertowHandlerInstrumentationIT {

  private static final String APP = "UndertowHandlerApp";

  private InstrumentedApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startApp(String name, String libraries, String... jvmArguments) throws Exception {
    app =
        InstrumentedApp.startServer(
            name,
            ItEnvironment.fixtureClasspath(libraries),
            UndertowHandlerApp.class,
            jvmArguments);
  }

  private void sendRequests() throws Exception {
    assertThat(app.get("/items/1")).isEqualTo(200);
    assertThat(app.get("/items/2")).isEqualTo(200);
    assertThat(app.request("POST", "/orders")).isEqualTo(201);
    assertThat(app.get("/work/3")).isEqualTo(200);
    assertThat(app.get("/orders/7/fail")).isEqualTo(500);
    assertThat(app.get("/orders/7/invalid")).isEqualTo(400);
    assertThat(app.get("/nothing/here")).isEqualTo(404);
    assertThat(app.get("/plain/page")).isEqualTo(200);
  }

  @Test
  void countsEachExchangeOnceWithTheRoutingTemplate() throws Exception {
    // Undertow's core alone: the servlet layer's classes are not there at all.
    startApp("undertow-handler-app", "undertow-core");

    sendRequests();

    HttpServerSeries.assertExactly(
        app,
        get(APP, 200, "SUCCESS", "/items/{id}", 2),
        HttpServerSeries.count(APP, "POST", 201, "SUCCESS", "none", "/orders", 1),
        // Answered on a worker thread after a dispatch: still one exchange.
        get(APP, 200, "SUCCESS", "/work/{id}", 1),
        // Undertow answers what a handler throws with 500 itself, and names it to us.
        HttpServerSeries.count(
            APP, "GET", 500, "SERVER_ERROR", "IllegalStateException", "/orders/{id}/fail", 1),
        // Answered by the app's ExceptionHandler: named, as Micrometer names resolved exceptions.
        HttpServerSeries.count(
            APP, "GET", 400, "CLIENT_ERROR", "IllegalArgumentException", "/orders/{id}/invalid", 1),
        get(APP, 404, "CLIENT_ERROR", "NOT_FOUND", 1),
        // No template: like WebFlux without a pattern, never the raw path.
        get(APP, 200, "SUCCESS", "UNKNOWN", 1));
  }

  @Test
  void countsHandlerExchangesWhenTheServletLayerIsOnTheClassPath() throws Exception {
    startApp("undertow-handler-app-servlet-jars", "undertow");

    assertThat(app.get("/items/1")).isEqualTo(200);

    HttpServerSeries.assertExactly(app, get(APP, 200, "SUCCESS", "/items/{id}", 1));
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp(
        "undertow-handler-app-disabled",
        "undertow-core",
        "-Dvigil.instrumentation.undertow.enabled=false");

    sendRequests();

    assertThat(app.metrics())
        .contains("jvm_threads_live_threads{application=\"" + APP + "\"}")
        .doesNotContain("http_server_requests");
  }
}
