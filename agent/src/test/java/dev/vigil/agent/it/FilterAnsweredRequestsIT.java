package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpServerSeries.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.JettyServletApp;
import dev.vigil.agent.fixture.TomcatServletApp;
import dev.vigil.agent.fixture.UndertowServletApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that a filter (as a security filter would) or the container answers without calling any
 * servlet are counted once, like those a servlet answers: a 401 from a filter under the mapping of
 * the servlet it kept the request from, and Tomcat's own 404 for a path no servlet is mapped to
 * under {@code NOT_FOUND}.
 */
class FilterAnsweredRequestsIT {

  private static final String GUARDED = "-Dfixture.guarded=true";

  private InstrumentedApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void countsRequestsAFilterOrTomcatAnsweredWithoutAServlet() throws Exception {
    app =
        InstrumentedApp.startServer(
            "guarded-tomcat",
            ItEnvironment.fixtureClasspath("tomcat"),
            TomcatServletApp.class,
            GUARDED);
    String application = TomcatServletApp.class.getSimpleName();

    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/secret/report")).isEqualTo(401);
    assertThat(app.get("/secret/other")).isEqualTo(401);
    // No default servlet: Tomcat's context answers these itself, no filter or servlet runs.
    assertThat(app.get("/no/such/page")).isEqualTo(404);
    assertThat(app.get("/another/missing/page")).isEqualTo(404);

    HttpServerSeries.assertExactly(
        app,
        get(application, 200, "SUCCESS", "/hello", 2),
        get(application, 401, "CLIENT_ERROR", "/secret/*", 2),
        get(application, 404, "CLIENT_ERROR", "NOT_FOUND", 2));
  }

  @Test
  void countsRequestsAFilterAnsweredOnJetty() throws Exception {
    app =
        InstrumentedApp.startServer(
            "guarded-jetty",
            ItEnvironment.fixtureClasspath("jetty"),
            JettyServletApp.class,
            GUARDED);
    String application = JettyServletApp.class.getSimpleName();

    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/secret/report")).isEqualTo(401);
    assertThat(app.get("/secret/other")).isEqualTo(401);
    // Jetty maps unmapped paths to its own 404 servlet, behind the app's filters.
    assertThat(app.get("/no/such/page")).isEqualTo(404);

    HttpServerSeries.assertExactly(
        app,
        get(application, 200, "SUCCESS", "/hello", 2),
        get(application, 401, "CLIENT_ERROR", "/secret/*", 2),
        get(application, 404, "CLIENT_ERROR", "NOT_FOUND", 1));
  }

  @Test
  void countsRequestsAFilterAnsweredOnUndertow() throws Exception {
    app =
        InstrumentedApp.startServer(
            "guarded-undertow",
            ItEnvironment.fixtureClasspath("undertow"),
            UndertowServletApp.class,
            GUARDED);
    String application = UndertowServletApp.class.getSimpleName();

    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/secret/report")).isEqualTo(401);
    assertThat(app.get("/secret/other")).isEqualTo(401);
    // Undertow's own default servlet answers unmapped paths, behind the app's filters.
    assertThat(app.get("/no/such/page")).isEqualTo(404);

    HttpServerSeries.assertExactly(
        app,
        get(application, 200, "SUCCESS", "/hello", 2),
        get(application, 401, "CLIENT_ERROR", "/secret/*", 2),
        get(application, 404, "CLIENT_ERROR", "NOT_FOUND", 1));
  }
}
