package dev.vigil.agent.bootstrap.servlet;

import java.util.List;

/**
 * Chooses the {@code uri} label of a servlet request from values declared in code, never from the
 * raw request path, so the number of series stays bounded whatever paths clients send.
 */
public final class ServletRoute {

  /** The request attribute in which Spring MVC leaves the pattern of the matched handler. */
  public static final String SPRING_MVC_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  /**
   * The request attribute in which the agent's own framework advice (JAX-RS) leaves the route
   * template of the request, for frameworks that publish none themselves.
   */
  public static final String AGENT_ROUTE = "dev.vigil.agent.route";

  /**
   * The request attribute in which the agent's framework advice (Jersey, RESTEasy) leaves an
   * exception the framework answered itself, so that none escaped the servlet.
   */
  public static final String AGENT_EXCEPTION = "dev.vigil.agent.exception";

  private ServletRoute() {}

  /**
   * The exception to name for a request a framework answered itself: the {@link #AGENT_EXCEPTION}
   * attribute's value, except for 404 and 3xx answers, which (as in Micrometer's JAX-RS tags) are
   * not failures of the handler but of the path asked for (e.g. RESTEasy's {@code
   * NotFoundException} for a path no resource declares).
   *
   * @param attribute the attribute's value, or null
   * @param status the response status
   * @return the exception, or null for none
   */
  public static Throwable answeredException(Object attribute, int status) {
    if (!(attribute instanceof Throwable) || status == 404 || (status >= 300 && status < 400)) {
      return null;
    }
    return (Throwable) attribute;
  }

  /**
   * A JAX-RS route from the templates the framework matched, most specific first (Jersey's {@code
   * getMatchedTemplates()}: method, then resource, then sub-resource locators' paths): joined from
   * the outermost, with repeated slashes folded and no trailing slash, {@code /} when empty. Like
   * Micrometer's Jersey tags, it is relative to the servlet mapping ({@code /items/{id}} for {@code
   * /api/items/7} under {@code /api/*}), as Spring MVC's patterns are.
   */
  public static String joinTemplates(List<String> mostSpecificFirst) {
    StringBuilder joined = new StringBuilder();
    for (int i = mostSpecificFirst.size() - 1; i >= 0; i--) {
      String template = mostSpecificFirst.get(i);
      if (template != null) {
        joined.append('/').append(template);
      }
    }
    String route = joined.toString().replaceAll("/{2,}", "/");
    if (route.length() > 1 && route.endsWith("/")) {
      route = route.substring(0, route.length() - 1);
    }
    return route.isEmpty() ? "/" : route;
  }

  /**
   * The route of a finished request.
   *
   * <p>In order: the framework's route template (e.g. {@code /orders/{id}}); Micrometer's {@code
   * REDIRECTION} and {@code NOT_FOUND} for 3xx and 404 answers without one, since those are mostly
   * paths nobody declared; otherwise the pattern of the servlet mapping that took the request,
   * where the default servlet's {@code /} becomes {@code /**} (it takes every path no other mapping
   * wants) and the context root's empty pattern becomes {@code /}.
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
