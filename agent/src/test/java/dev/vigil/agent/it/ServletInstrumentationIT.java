package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.JerseyApp;
import dev.vigil.agent.fixture.JettyServletApp;
import dev.vigil.agent.fixture.SpringMvcApp;
import dev.vigil.agent.fixture.TomcatServletApp;
import dev.vigil.agent.fixture.UndertowServletApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests served by servlet containers (embedded Tomcat 11, Jetty 12 ee10, Undertow 2.3), by
 * Spring MVC and by Jersey on Tomcat become {@code http_server_requests_seconds} series with
 * bounded {@code uri} labels.
 */
class ServletInstrumentationIT {

  /** A container fixture app and the libraries it runs with. */
  enum Container {
    TOMCAT(TomcatServletApp.class, "tomcat"),
    JETTY(JettyServletApp.class, "jetty"),
    UNDERTOW(UndertowServletApp.class, "undertow");

    final Class<?> app;
    final String libraries;

    Container(Class<?> app, String libraries) {
      this.app = app;
      this.libraries = libraries;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ForkedJvm app;
  private int agentPort;
  private int appPort;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private void startApp(String name, Class<?> main, String libraries, String... jvmArguments)
      throws IOException {
    agentPort = ItEnvironment.freePort();
    appPort = ItEnvironment.freePort();
    List<String> arguments = ForkedJvm.withAgent(agentPort, false, jvmArguments);
    arguments.addAll(
        List.of(
            "-cp",
            ItEnvironment.fixtureClasspath(libraries),
            main.getName(),
            String.valueOf(appPort)));
    app = ForkedJvm.start(name, arguments);
    app.awaitStdout("app started");
  }

  private int get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The count line of one series of the app; labels in exposition (alphabetical) order. */
  private static Pattern count(Class<?> main, String labels, String value) {
    return Pattern.compile(
        Pattern.quote(
                "http_server_requests_seconds_count{application=\""
                    + main.getSimpleName()
                    + "\","
                    + labels
                    + "} ")
            + value
            + "(\\.0)?\\n");
  }

  private static String labels(String exception, String outcome, String status, String uri) {
    return "exception=\""
        + exception
        + "\",method=\"GET\",outcome=\""
        + outcome
        + "\",status=\""
        + status
        + "\",uri=\""
        + uri
        + "\"";
  }

  /**
   * Sends {@code path} until its series shows up (the transformation lands a moment after the
   * endpoint is up) and returns the series' count at that point.
   */
  private long warmUp(Class<?> main, String path, String series) throws Exception {
    Pattern pattern = count(main, series, "([0-9]+)");
    for (int attempt = 0; attempt < 200; attempt++) {
      assertThat(get(path)).isEqualTo(200);
      Matcher matcher = pattern.matcher(MetricsScraper.awaitMetrics(app, agentPort));
      if (matcher.find()) {
        return Long.parseLong(matcher.group(1));
      }
      ForkedJvm.pause();
    }
    throw new AssertionError("no series " + series + " after 200 requests; " + app.describe());
  }

  private void awaitCount(Class<?> main, String series, long value) throws Exception {
    MetricsScraper.awaitMetricsMatching(app, agentPort, count(main, series, Long.toString(value)));
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void timesEachRequestOnceWithItsMappingStatusAndException(Container container) throws Exception {
    Class<?> main = container.app;
    startApp("servlet-" + container.libraries, main, container.libraries);
    String hello = labels("none", "SUCCESS", "200", "/hello");
    long helloCount = warmUp(main, "/hello", hello);

    assertThat(get("/no/such/page")).isEqualTo(404);
    assertThat(get("/another/missing/page")).isEqualTo(404);
    assertThat(get("/boom")).isEqualTo(500);
    assertThat(get("/async")).isEqualTo(202);
    assertThat(get("/forward")).isEqualTo(200);

    // Two raw paths, one series: unmatched paths never become label values.
    awaitCount(main, labels("none", "CLIENT_ERROR", "404", "NOT_FOUND"), 2);
    awaitCount(main, labels("IllegalStateException", "SERVER_ERROR", "500", "/boom"), 1);
    // Timed to completion: the 202 is set on another thread after service() returned.
    awaitCount(main, labels("none", "SUCCESS", "202", "/async"), 1);
    awaitCount(main, labels("none", "SUCCESS", "200", "/forward"), 1);
    // The forward's nested call of the /hello servlet is part of the /forward request.
    String metrics = MetricsScraper.awaitMetrics(app, agentPort);
    assertThat(metrics)
        .containsPattern(count(main, hello, Long.toString(helloCount)))
        .doesNotContain("uri=\"/no/such/page\"")
        .doesNotContain("status=\"UNKNOWN\"");
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void countsTomcatsAnswerForAPathOutsideEveryContextOnceAsNotFound() throws Exception {
    Class<?> main = TomcatServletApp.class;
    startApp("servlet-tomcat-context", main, "tomcat", "-Dfixture.contextPath=/shop");
    String hello = labels("none", "SUCCESS", "200", "/hello");
    long helloCount = warmUp(main, "/shop/hello", hello);

    // No context at these paths: the host answers.
    assertThat(get("/elsewhere")).isEqualTo(404);
    assertThat(get("/also/elsewhere")).isEqualTo(404);
    // In the context but mapped to no servlet: the context answers, inside the host's valve.
    assertThat(get("/shop/no/such/page")).isEqualTo(404);

    // One series for both kinds, each request once (the host's valve around the context's).
    awaitCount(main, labels("none", "CLIENT_ERROR", "404", "NOT_FOUND"), 3);
    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .containsPattern(count(main, hello, Long.toString(helloCount)))
        .containsPattern(count(main, labels("none", "CLIENT_ERROR", "404", "NOT_FOUND"), "3"))
        .doesNotContain("uri=\"/elsewhere\"")
        .doesNotContain("status=\"UNKNOWN\"");
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void labelsSpringMvcRequestsWithTheRouteTemplate() throws Exception {
    startApp("servlet-spring-mvc", SpringMvcApp.class, "spring-mvc");
    String orders = labels("none", "SUCCESS", "200", "/orders/{id}");
    long ordersCount = warmUp(SpringMvcApp.class, "/orders/1", orders);

    assertThat(get("/orders/2")).isEqualTo(200);
    assertThat(get("/orders/3")).isEqualTo(200);
    assertThat(get("/orders/4/fail")).isEqualTo(500);
    assertThat(get("/unmapped")).isEqualTo(404);
    assertThat(get("/orders/5/later")).isEqualTo(200);

    awaitCount(SpringMvcApp.class, orders, ordersCount + 2);
    // Spring wraps the controller's exception in a ServletException; the label names the cause.
    awaitCount(
        SpringMvcApp.class,
        labels("UnsupportedOperationException", "SERVER_ERROR", "500", "/orders/{id}/fail"),
        1);
    awaitCount(SpringMvcApp.class, labels("none", "CLIENT_ERROR", "404", "NOT_FOUND"), 1);
    // Async: the template of the initial dispatch, and the ASYNC dispatch is not a second request.
    awaitCount(SpringMvcApp.class, labels("none", "SUCCESS", "200", "/orders/{id}/later"), 1);
    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .doesNotContain("uri=\"/orders/2\"")
        .doesNotContain("uri=\"/unmapped\"");
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void labelsJaxRsRequestsWithTheirPathTemplate() throws Exception {
    startApp("servlet-jersey", JerseyApp.class, "jersey");
    // Like Spring MVC's patterns (and Micrometer's Jersey tags): relative to Jersey's /api/*.
    String items = labels("none", "SUCCESS", "200", "/items/{id}");
    long itemsCount = warmUp(JerseyApp.class, "/api/items/1", items);

    assertThat(get("/api/items/2")).isEqualTo(200);
    assertThat(get("/api/orders/7")).isEqualTo(200);
    assertThat(get("/api/orders/8/fail")).isEqualTo(500);
    assertThat(get("/api/orders/8/items/3")).isEqualTo(200);
    assertThat(get("/api/orders/8/invalid")).isEqualTo(400);
    assertThat(get("/api/orders/8/late-fail")).isEqualTo(500);
    assertThat(get("/api/orders/8/late-invalid")).isEqualTo(400);
    assertThat(get("/api/nothing/here")).isEqualTo(404);

    awaitCount(JerseyApp.class, items, itemsCount + 1);
    awaitCount(JerseyApp.class, labels("none", "SUCCESS", "200", "/orders/{id}"), 1);
    // A sub-resource's method: the locator's template, then the method's.
    awaitCount(JerseyApp.class, labels("none", "SUCCESS", "200", "/orders/{id}/items/{item}"), 1);
    awaitCount(
        JerseyApp.class,
        labels("UnsupportedOperationException", "SERVER_ERROR", "500", "/orders/{id}/fail"),
        1);
    // Answered by the app's ExceptionMapper: named all the same, as by Micrometer's Jersey tags.
    awaitCount(
        JerseyApp.class,
        labels("IllegalArgumentException", "CLIENT_ERROR", "400", "/orders/{id}/invalid"),
        1);
    // The same exceptions handed to an AsyncResponse on another thread: named the same way.
    awaitCount(
        JerseyApp.class,
        labels("UnsupportedOperationException", "SERVER_ERROR", "500", "/orders/{id}/late-fail"),
        1);
    awaitCount(
        JerseyApp.class,
        labels("IllegalArgumentException", "CLIENT_ERROR", "400", "/orders/{id}/late-invalid"),
        1);
    // Jersey's NotFoundException for an unmatched path is no failure of a handler.
    awaitCount(JerseyApp.class, labels("none", "CLIENT_ERROR", "404", "NOT_FOUND"), 1);
    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .doesNotContain("uri=\"/items/1\"")
        .doesNotContain("uri=\"/api/*\"");
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void countsJaxRsRequestsUnderTheServletMappingWhenTheJerseyModuleIsOff() throws Exception {
    startApp(
        "servlet-jersey-disabled",
        JerseyApp.class,
        "jersey",
        "-Dvigil.instrumentation.jersey.enabled=false");
    String items = labels("none", "SUCCESS", "200", "/api/*");
    long itemsCount = warmUp(JerseyApp.class, "/api/items/1", items);

    assertThat(get("/api/orders/7")).isEqualTo(200);

    awaitCount(JerseyApp.class, items, itemsCount + 1);
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void countsNothingWhenTheModuleIsSwitchedOff() throws Exception {
    startApp(
        "servlet-disabled",
        TomcatServletApp.class,
        "tomcat",
        "-Dvigil.instrumentation.servlet.enabled=false",
        "-Dvigil.agent.debug=true");
    // The other modules are installed in the same step, right after this line.
    app.awaitStderr("[vigil-agent] instrumentation module jdk-http-server installed");

    for (int i = 0; i < 5; i++) {
      assertThat(get("/hello")).isEqualTo(200);
    }

    assertThat(MetricsScraper.awaitMetrics(app, agentPort))
        .contains("jvm_threads_live_threads{application=\"TomcatServletApp\"}")
        .doesNotContain("http_server_requests");
    assertThat(app.agentLines()).noneMatch(line -> line.contains("module servlet"));
  }
}
