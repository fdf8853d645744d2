package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpServerSeries.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.RestEasyApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JAX-RS requests served by RESTEasy Classic (on its embedded Undertow server) become {@code
 * http_server_requests_seconds} series whose {@code uri} is the resource method's template.
 */
class RestEasyInstrumentationIT {

  private static final String APP = "RestEasyApp";

  private InstrumentedApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startApp(String name, String... jvmArguments) throws Exception {
    app =
        InstrumentedApp.startServer(
            name, ItEnvironment.fixtureClasspath("resteasy"), RestEasyApp.class, jvmArguments);
  }

  @Test
  void labelsRequestsWithTheResourceMethodsTemplate() throws Exception {
    startApp("resteasy-app");

    assertThat(app.get("/api/items/1")).isEqualTo(200);
    assertThat(app.get("/api/items/2")).isEqualTo(200);
    assertThat(app.get("/api/orders/7")).isEqualTo(200);
    assertThat(app.get("/api/orders/7/fail")).isEqualTo(500);
    assertThat(app.get("/api/orders/7/items/3")).isEqualTo(200);
    assertThat(app.get("/api/orders/7/invalid")).isEqualTo(400);
    assertThat(app.get("/api/orders/7/late-fail")).isEqualTo(500);
    assertThat(app.get("/api/orders/7/late-invalid")).isEqualTo(400);
    assertThat(app.get("/api/nothing/here")).isEqualTo(404);

    // Relative to RESTEasy's servlet (context /api), as for Jersey and Spring MVC.
    HttpServerSeries.assertExactly(
        app,
        get(APP, 200, "SUCCESS", "/items/{id}", 2),
        get(APP, 200, "SUCCESS", "/orders/{id}", 1),
        // A sub-resource's method: the locator's template, then the method's, as with Jersey.
        get(APP, 200, "SUCCESS", "/orders/{id}/items/{item}", 1),
        // RESTEasy's default mapper answers the exception with 500; it is named all the same.
        HttpServerSeries.count(
            APP,
            "GET",
            500,
            "SERVER_ERROR",
            "UnsupportedOperationException",
            "/orders/{id}/fail",
            1),
        // Answered by the app's mapper: named, as Micrometer's JAX-RS tags name mapped exceptions.
        HttpServerSeries.count(
            APP, "GET", 400, "CLIENT_ERROR", "IllegalArgumentException", "/orders/{id}/invalid", 1),
        // The same exceptions handed to an AsyncResponse on another thread: named the same way.
        HttpServerSeries.count(
            APP,
            "GET",
            500,
            "SERVER_ERROR",
            "UnsupportedOperationException",
            "/orders/{id}/late-fail",
            1),
        HttpServerSeries.count(
            APP,
            "GET",
            400,
            "CLIENT_ERROR",
            "IllegalArgumentException",
            "/orders/{id}/late-invalid",
            1),
        // RESTEasy's NotFoundException for a path no resource declares is no handler failure.
        get(APP, 404, "CLIENT_ERROR", "NOT_FOUND", 1));
  }

  @Test
  void labelsRequestsWithTheServletMappingWhenTheModuleIsOff() throws Exception {
    startApp("resteasy-app-disabled", "-Dvigil.instrumentation.resteasy.enabled=false");

    assertThat(app.get("/api/items/1")).isEqualTo(200);
    assertThat(app.get("/api/orders/7")).isEqualTo(200);

    HttpServerSeries.assertExactly(app, get(APP, 200, "SUCCESS", "/*", 2));
  }
}
