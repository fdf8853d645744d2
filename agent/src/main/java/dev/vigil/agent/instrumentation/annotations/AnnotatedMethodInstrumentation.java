package dev.vigil.agent.instrumentation.annotations;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.bootstrap.AnnotatedMethodBridge;
import dev.vigil.agent.instrumentation.ClassFileFilter;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Wraps every concrete method annotated with {@code io.micrometer.core.annotation.Timed} or
 * {@code Counted}. The advice passes only constants (class literal, name, descriptor); the agent
 * reads the annotation once per method by reflection, since the application's Micrometer classes
 * are not the agent's.
 *
 * <p>JDK classes are skipped by name before any annotation is looked at: they never carry them.
 */
final class AnnotatedMethodInstrumentation implements TypeInstrumentation {

  static final String TIMED = "io.micrometer.core.annotation.Timed";
  static final String COUNTED = "io.micrometer.core.annotation.Counted";

  private static final ElementMatcher.Junction<MethodDescription> ANNOTATED =
      isAnnotatedWith(named(TIMED)).or(isAnnotatedWith(named(COUNTED)));

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(nameStartsWith("java."))
        .and(not(nameStartsWith("jdk.")))
        .and(not(nameStartsWith("sun.")))
        .and(not(nameStartsWith("com.sun.")))
        .and(not(nameStartsWith("io.micrometer.")))
        .and(declaresMethod(ANNOTATED));
  }

  @Override
  public ClassFileFilter classFileFilter() {
    // An annotation's type descriptor sits in the constant pool of the class that uses it.
    return ClassFileFilter.outsidePackages("java.", "jdk.", "sun.", "com.sun.", "io.micrometer.")
        .referencing(descriptor(TIMED), descriptor(COUNTED));
  }

  private static String descriptor(String annotation) {
    return "L" + annotation.replace('.', '/') + ";";
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(Advice.to(AnnotatedMethodAdvice.class).on(ANNOTATED.and(not(isAbstract()))));
  }

  /** Inlined into application methods: may call only JDK types and the bootstrap bridge. */
  static final class AnnotatedMethodAdvice {

    private AnnotatedMethodAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.Origin Class<?> type,
        @Advice.Origin("#m") String method,
        @Advice.Origin("#d") String descriptor,
        @Advice.Thrown Throwable thrown) {
      AnnotatedMethodBridge.exit(start, type, method, descriptor, thrown);
    }
  }
}
