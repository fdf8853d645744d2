package dev.vigil.agent.instrumentation.jersey;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.servlet.ServletRoute;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.internal.process.RequestProcessingContext;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Hooks Jersey's {@code ResourceMethodInvoker.apply}, reached once routing has chosen the resource
 * method and before that method runs (so a request whose method throws still gets its template). It
 * leaves the joined {@code @Path} templates in the request property {@link
 * ServletRoute#AGENT_ROUTE}; under Jersey's servlet, request properties are the servlet request's
 * attributes, where the servlet advice reads it when the request ends.
 *
 * <p>Why not Jersey's own monitoring events: an {@code ApplicationEventListener} must be registered
 * in the app's {@code ResourceConfig}, which an agent cannot do without changing the app.
 */
final class ResourceMethodInvokerInstrumentation extends NamedTypeInstrumentation {

  ResourceMethodInvokerInstrumentation() {
    super("org.glassfish.jersey.server.model.ResourceMethodInvoker");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(ApplyAdvice.class)
            .on(
                named("apply")
                    .and(takesArguments(1))
                    .and(
                        takesArgument(
                            0,
                            named(
                                "org.glassfish.jersey.server.internal.process"
                                    + ".RequestProcessingContext")))));
  }

  /**
   * Inlined into Jersey's invoker: may call only Jersey, JDK and bootstrap types. The parameter is
   * {@code Object} because Byte Buddy reads advice signatures in the agent's class loader, which
   * has no Jersey; the casts in the body resolve in the app's.
   */
  static final class ApplyAdvice {

    private ApplyAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object context) {
      ContainerRequest request = ((RequestProcessingContext) context).request();
      List<UriTemplate> matched = request.getUriInfo().getMatchedTemplates();
      List<String> templates = new ArrayList<>(matched.size());
      for (UriTemplate template : matched) {
        templates.add(template.getTemplate());
      }
      request.setProperty(ServletRoute.AGENT_ROUTE, ServletRoute.joinTemplates(templates));
    }
  }
}
