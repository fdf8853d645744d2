package dev.vigil.agent.instrumentation.resteasy;

import static net.bytebuddy.matcher.ElementMatchers.named;
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
 * Hooks RESTEasy's {@code ResourceLocatorInvoker.invokeOnTargetObject}, which runs a sub-resource
 * locator's result (the sub-resource) once the locator returned it. It appends the locator's
 * {@code @Path} template to the request attribute {@link #LOCATOR_PATH}, which {@link
 * ResourceMethodInvokerInstrumentation} puts before the template of the sub-resource's method, so
 * that {@code GET /orders/7/items/3} gets {@code /orders/{id}/items/{item}}, as with Jersey.
 *
 * <p>Why here: RESTEasy's metadata of a sub-resource's method knows only its own class's paths; the
 * locators that led to it are known only while the request walks through them. Nested locators pass
 * here once each, outermost first, so the attribute holds the joined path of all of them.
 */
final class ResourceLocatorInvokerInstrumentation extends NamedTypeInstrumentation {

  /**
   * The request attribute holding the joined templates of the locators the request passed. A
   * compile-time constant: advice inlines it, and needs no agent class at run time.
   */
  static final String LOCATOR_PATH = "dev.vigil.agent.resteasy.locator-path";

  ResourceLocatorInvokerInstrumentation() {
    super("org.jboss.resteasy.core.ResourceLocatorInvoker");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(InvokeOnTargetAdvice.class)
            .on(
                named("invokeOnTargetObject")
                    .and(takesArguments(3))
                    .and(takesArgument(0, named("org.jboss.resteasy.spi.HttpRequest")))));
  }

  /**
   * Inlined into RESTEasy's locator invoker: may call only RESTEasy, JDK and bootstrap types;
   * {@code Object} parameters for the reason given in {@link ResourceMethodInvokerInstrumentation}.
   */
  static final class InvokeOnTargetAdvice {

    private InvokeOnTargetAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(0) Object httpRequest, @Advice.FieldValue("method") Object locator) {
      HttpRequest request = (HttpRequest) httpRequest;
      String own = ((ResourceLocator) locator).getFullpath();
      Object outer = request.getAttribute(LOCATOR_PATH);
      request.setAttribute(
          LOCATOR_PATH,
          ServletRoute.joinTemplates(
              outer == null
                  ? Collections.singletonList(own)
                  : Arrays.asList(own, outer.toString())));
    }
  }
}
