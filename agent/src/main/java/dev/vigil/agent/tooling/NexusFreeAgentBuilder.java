package dev.vigil.agent.tooling;

import java.lang.reflect.Constructor;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Makes Byte Buddy's {@link AgentBuilder.Default} with Byte Buddy's own defaults, except that it
 * never sets up the Nexus, Byte Buddy's mechanism for running initializers in transformed classes.
 *
 * <p>Why: the public constructors build a {@code SelfInjection.Split} initialization strategy,
 * whose constructor initializes {@code NexusAccessor}: that injects Byte Buddy's {@code Nexus}
 * class into the application's system class loader through {@code ClassInjector.UsingReflection},
 * which loads ~400 more Byte Buddy classes (a third of our instrumentation's startup CPU) and calls
 * {@code sun.misc.Unsafe}, reported by JDK 24+ as a "terminally deprecated method" on stderr.
 * {@code disableClassFormatChanges()} swaps the strategy for {@code NoOp}, but only after the
 * constructor ran. Our advice is inlined and needs no initializer. The system property {@code
 * net.bytebuddy.nexus.disabled} would do the same, but for every Byte Buddy in the JVM, the
 * application's too.
 *
 * <p>The all-arguments constructor is protected and one of its parameter types is not accessible
 * to a subclass, so it is called reflectively with one value per parameter type from a table; a
 * Byte Buddy upgrade that adds a parameter fails here, by name (and in the unit test).
 */
final class NexusFreeAgentBuilder {

  private NexusFreeAgentBuilder() {}

  /** Like {@code new AgentBuilder.Default()}, but with {@code InitializationStrategy.NoOp}. */
  static AgentBuilder create() {
    Map<Class<?>, Object> defaults = defaults();
    Constructor<?> constructor = allArgumentsConstructor();
    Class<?>[] types = constructor.getParameterTypes();
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      if (!defaults.containsKey(types[i])) {
        throw new IllegalStateException(
            "Byte Buddy's AgentBuilder.Default constructor takes a "
                + types[i].getName()
                + " that NexusFreeAgentBuilder has no value for");
      }
      arguments[i] = defaults.get(types[i]);
    }
    try {
      constructor.setAccessible(true);
      return (AgentBuilder) constructor.newInstance(arguments);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call AgentBuilder.Default's constructor", e);
    }
  }

  private static Constructor<?> allArgumentsConstructor() {
    Constructor<?> widest = null;
    for (Constructor<?> constructor : AgentBuilder.Default.class.getDeclaredConstructors()) {
      if (widest == null || constructor.getParameterCount() > widest.getParameterCount()) {
        widest = constructor;
      }
    }
    return widest;
  }

  /** The values {@code new AgentBuilder.Default()} passes, by parameter type (Byte Buddy 1.18). */
  private static Map<Class<?>, Object> defaults() {
    Map<Class<?>, Object> values = new HashMap<>();
    values.put(ByteBuddy.class, new ByteBuddy());
    values.put(AgentBuilder.Listener.class, AgentBuilder.Listener.NoOp.INSTANCE);
    values.put(AgentBuilder.CircularityLock.class, new AgentBuilder.CircularityLock.Default());
    values.put(AgentBuilder.PoolStrategy.class, AgentBuilder.PoolStrategy.Default.FAST);
    values.put(AgentBuilder.TypeStrategy.class, AgentBuilder.TypeStrategy.Default.REBASE);
    values.put(
        AgentBuilder.LocationStrategy.class, AgentBuilder.LocationStrategy.ForClassLoader.STRONG);
    values.put(ClassFileLocator.class, ClassFileLocator.NoOp.INSTANCE);
    // Protected types: named through reflection.
    putEnum(values, "AgentBuilder$Default$NativeMethodStrategy", "Disabled");
    putEnum(values, "AgentBuilder$Default$WarmupStrategy", "NoOp");
    values.put(
        AgentBuilder.TransformerDecorator.class, AgentBuilder.TransformerDecorator.NoOp.INSTANCE);
    // The one difference to Byte Buddy's defaults.
    values.put(
        AgentBuilder.InitializationStrategy.class,
        AgentBuilder.InitializationStrategy.NoOp.INSTANCE);
    values.put(AgentBuilder.RedefinitionStrategy.class, AgentBuilder.RedefinitionStrategy.DISABLED);
    values.put(
        AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.class,
        AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE);
    values.put(
        AgentBuilder.RedefinitionStrategy.BatchAllocator.class,
        AgentBuilder.RedefinitionStrategy.BatchAllocator.ForTotal.INSTANCE);
    values.put(
        AgentBuilder.RedefinitionStrategy.Listener.class,
        AgentBuilder.RedefinitionStrategy.Listener.NoOp.INSTANCE);
    putEnum(values, "AgentBuilder$RedefinitionStrategy$ResubmissionStrategy", "Disabled");
    values.put(
        AgentBuilder.InjectionStrategy.class,
        AgentBuilder.InjectionStrategy.UsingReflection.INSTANCE);
    values.put(
        AgentBuilder.LambdaInstrumentationStrategy.class,
        AgentBuilder.LambdaInstrumentationStrategy.DISABLED);
    values.put(
        AgentBuilder.DescriptionStrategy.class, AgentBuilder.DescriptionStrategy.Default.HYBRID);
    values.put(
        AgentBuilder.FallbackStrategy.class,
        AgentBuilder.FallbackStrategy.ByThrowableType.ofOptionalTypes());
    values.put(
        AgentBuilder.ClassFileBufferStrategy.class,
        AgentBuilder.ClassFileBufferStrategy.Default.RETAINING);
    values.put(
        AgentBuilder.InstallationListener.class, AgentBuilder.InstallationListener.NoOp.INSTANCE);
    // Replaced by AgentInstaller's ignore(...).
    values.put(AgentBuilder.RawMatcher.class, AgentBuilder.RawMatcher.Trivial.NON_MATCHING);
    values.put(List.class, Collections.emptyList());
    return values;
  }

  /** Maps the type {@code name} to the single constant of its enum {@code name$constantType}. */
  private static void putEnum(Map<Class<?>, Object> values, String name, String constantType) {
    values.put(nested(name), nested(name + "$" + constantType).getEnumConstants()[0]);
  }

  private static Class<?> nested(String name) {
    try {
      return Class.forName(
          "net.bytebuddy.agent.builder." + name, false, AgentBuilder.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Byte Buddy has no " + name, e);
    }
  }
}
