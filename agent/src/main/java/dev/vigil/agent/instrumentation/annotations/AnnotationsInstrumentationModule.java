package dev.vigil.agent.instrumentation.annotations;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * Micrometer's {@code @Timed} and {@code @Counted} on application methods, without Spring AOP or
 * AspectJ: the meters {@code TimedAspect} and {@code CountedAspect} would record.
 */
public final class AnnotationsInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "micrometer-annotations";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new AnnotatedMethodInstrumentation());
  }
}
