package dev.vigil.agent.bootstrap.servlet;

/**
 * Chooses the {@code uri} label of a servlet request from values declared in code, never from the
 * raw request path, so the number of series stays bounded whatever paths clients send.
 */
public final class ServletRoute {

  /** The request attribute in which Spring MVC leaves the pattern of the matched handler. */
  public static final String SPRING_MVC_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private ServletRoute() {}

  /**
   * The route of a finished request.
   *
   * <p>In order: the framework's route template (e.g. {@code /orders/{id}}); Micrometer's {@code
   * REDIRECTION} and {@code NOT_FOUND} for 3xx and 404 answers without one, since those are mostly
   * paths nobody declared; otherwise the pattern of the servlet mapping that took the request,
   * where the default servlet's {@code /} becomes {@code /**} (it takes every path no other
   * mapping wants) and the context root's empty pattern becomes {@code /}.
   *
   * @param template the framework's route template, or null
   * @param servletPattern the matched servlet mapping's pattern, or null if the container gave none
   * @param status the response status
   */
  public static String of(Object template, String servletPattern, int status) {
    if (template != null && !template.toString().isEmpty()) {
      return template.toString();
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    if (status == 404) {
      return "NOT_FOUND";
    }
    if (servletPattern == null) {
      return "UNKNOWN";
    }
    if (servletPattern.equals("/")) {
      return "/**";
    }
    return servletPattern.isEmpty() ? "/" : servletPattern;
  }
}
