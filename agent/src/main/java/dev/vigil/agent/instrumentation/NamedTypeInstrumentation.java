package dev.vigil.agent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.util.Arrays;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A {@link TypeInstrumentation} of classes known by their exact names, which it declares once: both
 * the Byte Buddy matcher and the pre-filter are derived from those names.
 *
 * <p>Why a base class: most instrumentations target one or two named classes, and writing each name
 * twice (matcher and filter) invited a filter that lets through a different class than the matcher
 * accepts, which silently leaves a class uninstrumented.
 */
public abstract class NamedTypeInstrumentation implements TypeInstrumentation {

  private final String[] classNames;

  /**
   * Instruments the classes with these binary names ({@code com.sun.net.httpserver.Filter$Chain}).
   */
  protected NamedTypeInstrumentation(String... classNames) {
    if (classNames.length == 0) {
      throw new IllegalArgumentException("a named type instrumentation needs at least one name");
    }
    this.classNames = classNames.clone();
  }

  @Override
  public final ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(classNames);
  }

  @Override
  public final ClassFileFilter classFileFilter() {
    return ClassFileFilter.named(classNames);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + Arrays.toString(classNames);
  }
}
