package dev.vigil.agent.instrumentation.resteasy;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.servlet.ServletRoute;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import org.jboss.resteasy.spi.HttpRequest;
import org.jboss.resteasy.spi.metadata.ResourceLocator;

/**
 * Hooks RESTEasy's {@code ResourceMethodInvoker.invoke}, which runs once routing has chosen the
 * resource method and before the resource (or the method) is created or called, so a request whose
 * method throws still gets its template. It leaves the method's full {@code @Path} template (class
 * and method paths joined, as RESTEasy's own metadata holds it) in the request attribute {@link
 * ServletRoute#AGENT_ROUTE}; RESTEasy's servlet dispatcher keeps request attributes in the servlet
 * request, where the servlet advice reads it when the request ends.
 *
 * <p>Why not the matched URI templates of the request, as for Jersey: RESTEasy's {@code UriInfo}
 * keeps only the matched paths (with the client's values), not their templates. The metadata's full
 * path is relative to the servlet mapping, like Micrometer's JAX-RS tags and Spring MVC's patterns.
 * A method of a sub-resource returned by a locator knows only its own resource's paths: those of
 * the locators come from {@link ResourceLocatorInvokerInstrumentation}.
 */
final class ResourceMethodInvokerInstrumentation extends NamedTypeInstrumentation {

  ResourceMethodInvokerInstrumentation() {
    super("org.jboss.resteasy.core.ResourceMethodInvoker");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    // invoke(request, response) creates the resource and calls invoke(request, response, target);
    // a sub-resource locator calls the latter directly. Setting the attribute twice is harmless.
    return builder.visit(
        Advice.to(InvokeAdvice.class)
            .on(
                named("invoke")
                    .and(takesArguments(2).or(takesArguments(3)))
                    .and(takesArgument(0, named("org.jboss.resteasy.spi.HttpRequest")))
                    .and(not(isBridge()))));
  }

  /**
   * Inlined into RESTEasy's invoker: may call only RESTEasy, JDK and bootstrap types. Parameters
   * are {@code Object} because Byte Buddy reads advice signatures in the agent's class loader,
   * which has no RESTEasy; the casts in the body resolve in the app's.
   */
  static final class InvokeAdvice {

    private InvokeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object request, @Advice.FieldValue("method") Object method) {
      HttpRequest httpRequest = (HttpRequest) request;
      String template = ((ResourceLocator) method).getFullpath();
      // A sub-resource's method: the locators that returned its resource come first.
      Object locators =
          httpRequest.getAttribute(ResourceLocatorInvokerInstrumentation.LOCATOR_PATH);
      httpRequest.setAttribute(
          ServletRoute.AGENT_ROUTE,
          ServletRoute.joinTemplates(
              locators == null
                  ? Collections.singletonList(template)
                  : Arrays.asList(template, locators.toString())));
    }
  }
}
