package dev.vigil.agent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One instrumented type: which classes it applies to and what it does to them.
 *
 * <p>Match by name where possible ({@code named(...)}): hierarchy matchers must load or parse
 * supertypes of every class the JVM defines, which is what makes agents slow to start. Advice is
 * inlined into the application's class, so it may only call the {@code dev.vigil.agent.bootstrap}
 * package, the one part of the agent every class loader can see. Instrumentations of classes known
 * by name extend {@link NamedTypeInstrumentation}, which derives matcher and filter from one list.
 */
public interface TypeInstrumentation {

  /** The classes to transform. */
  ElementMatcher<TypeDescription> typeMatcher();

  /**
   * A cheap test that every class {@link #typeMatcher} accepts passes; only classes passing some
   * enabled instrumentation's filter reach Byte Buddy. The default lets every class through, which
   * is correct but costs startup CPU for every class the JVM loads: override it.
   */
  default ClassFileFilter classFileFilter() {
    return ClassFileFilter.ANY;
  }

  /** Applies this instrumentation's advice to a matched class. */
  DynamicType.Builder<?> transform(DynamicType.Builder<?> builder);
}
