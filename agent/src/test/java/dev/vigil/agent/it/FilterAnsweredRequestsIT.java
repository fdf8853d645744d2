package dev.vigil.agent.it;

import static dev.vigil.agent.it.HttpServerSeries.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.JettyServletApp;
import dev.vigil.agent.fixture.TomcatServletApp;
import dev.vigil.agent.fixture.UndertowServletApp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that a filter (as a security filter would) or the container answers without calling any
 * servlet are counted once, like those a servlet answers: a 401 from a filter under the mapping of
 * the servlet it kept the request from, and a 404 for a path no servlet is mapped to under {@code
 * NOT_FOUND}, whether the container answers it itself (Tomcat without a default servlet) or through
 * its own 404 servlet behind the app's filters (Jetty, Undertow).
 */
class FilterAnsweredRequestsIT {

  private static final String GUARDED = "-Dfixture.guarded=true";

  /** A guarded servlet app on one container, and the unmapped paths to ask it for. */
  record Container(String name, Class<?> appClass, List<String> missingPaths) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Container> containers() {
    return Stream.of(
        new Container(
            "tomcat", TomcatServletApp.class, List.of("/no/such/page", "/another/missing/page")),
        new Container("jetty", JettyServletApp.class, List.of("/no/such/page")),
        new Container("undertow", UndertowServletApp.class, List.of("/no/such/page")));
  }

  private InstrumentedApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void countsRequestsAFilterOrTheContainerAnsweredWithoutAServlet(Container container)
      throws Exception {
    app =
        InstrumentedApp.startServer(
            "guarded-" + container.name(),
            ItEnvironment.fixtureClasspath(container.name()),
            container.appClass(),
            GUARDED);
    String application = container.appClass().getSimpleName();

    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/hello")).isEqualTo(200);
    assertThat(app.get("/secret/report")).isEqualTo(401);
    assertThat(app.get("/secret/other")).isEqualTo(401);
    for (String path : container.missingPaths()) {
      assertThat(app.get(path)).isEqualTo(404);
    }

    HttpServerSeries.assertExactly(
        app,
        get(application, 200, "SUCCESS", "/hello", 2),
        get(application, 401, "CLIENT_ERROR", "/secret/*", 2),
        get(application, 404, "CLIENT_ERROR", "NOT_FOUND", container.missingPaths().size()));
  }
}
