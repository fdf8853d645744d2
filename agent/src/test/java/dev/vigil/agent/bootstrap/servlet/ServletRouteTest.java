package dev.vigil.agent.bootstrap.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServletRouteTest {

  @ParameterizedTest(name = "template {0}, mapping {1}, status {2} -> {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        // A framework template wins, whatever the status.
        "/orders/{id}, /, 200, /orders/{id}",
        "/orders/{id}, /, 404, /orders/{id}",
        "/orders/{id}, /, 302, /orders/{id}",
        // Without one, redirects and 404s are folded: clients choose those paths.
        "null, /, 301, REDIRECTION",
        "null, /hello, 404, NOT_FOUND",
        "'', /hello, 404, NOT_FOUND",
        // Otherwise the servlet mapping that took the request.
        "null, /hello, 200, /hello",
        "null, /api/*, 500, /api/*",
        "null, *.jsp, 200, *.jsp",
        "null, /, 200, /**",
        "null, '', 200, /",
        "null, null, 200, UNKNOWN",
      })
  void choosesABoundedRoute(String template, String mapping, int status, String expected) {
    assertThat(ServletRoute.of(template, mapping, status)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Jersey lists the method's template first, then the resource's.
        "/{id},/items | /items/{id}",
        "{id},items | /items/{id}",
        ",/items/{id} | /items/{id}",
        "/,/items/ | /items",
        "/,/ | /",
        "'' | /",
        "/details,/{id},/orders | /orders/{id}/details",
      })
  void joinsJaxRsTemplatesFromTheOutermost(String mostSpecificFirst, String expected) {
    assertThat(ServletRoute.joinTemplates(List.of(mostSpecificFirst.split(",", -1))))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {500, 400, 200})
  void namesTheExceptionAFrameworkAnswered(int status) {
    IllegalStateException answered = new IllegalStateException("answered by the framework");

    assertThat(ServletRoute.answeredException(answered, status)).isSameAs(answered);
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {404, 301, 399})
  void namesNoExceptionForAnAnswerAboutThePath(int status) {
    // As Micrometer's JAX-RS tags: the path was not found or moved, the handler did not fail.
    assertThat(ServletRoute.answeredException(new IllegalStateException(), status)).isNull();
  }

  @Test
  void ignoresAnAttributeThatIsNoThrowable() {
    assertThat(ServletRoute.answeredException(null, 500)).isNull();
    assertThat(ServletRoute.answeredException("IllegalStateException", 500)).isNull();
  }
}
