package dev.vigil.agent.tooling;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Applies the enabled {@link TypeInstrumentation}s that match a class to its class file, with Byte
 * Buddy's type builder and no {@code AgentBuilder}.
 *
 * <p>Why not {@code AgentBuilder.makeRaw()}: its transformer class, {@code ExecutingTransformer},
 * creates in its static initializer a subclass of itself with Byte Buddy, only to receive the
 * {@link Module} argument of the JDK 9 {@code transform} method, which a class compiled for Java 17
 * simply overrides. That generation, and {@code AgentBuilder.Default}'s ~100 strategy classes, cost
 * ~150 ms of CPU on the startup thread before the first class was transformed. Per class this does
 * what AgentBuilder did with the settings we used: describe the class from its class file, falling
 * back to reflection for a loaded class without one (a description by reflection would load the
 * types in its signatures while the transformation holds the class loading lock); skip ignored
 * classes; decorate it (no added members, no class-format changes, so retransformation and other
 * agents keep working) with every matching instrumentation; and let a named module that now calls
 * the bootstrap bridges read their module.
 */
final class TypeTransformer implements ClassFileTransformer {

  private final Instrumentation instrumentation;
  private final List<TypeInstrumentation> instrumentations;
  private final ElementMatcher<? super TypeDescription> ignored;
  private final Module bridgeModule;
  /** No implementation context: advice must not add methods or fields to the class. */
  private final ByteBuddy byteBuddy =
      new ByteBuddy().with(Implementation.Context.Disabled.Factory.INSTANCE);
  /**
   * The JDK's class files (of the class and its supertypes), read from the boot layer's modules
   * before any class loader is asked. Why: a class loader serves them as {@code jrt:} URLs, and the
   * first {@code jrt:} URL opened in the JVM loads {@code JavaRuntimeURLConnection}; opened inside
   * our transformation, that load reaches another agent's transformer (OpenTelemetry's, which reads
   * class files the same way), whose nested load fails with a ClassCircularityError that the JVM
   * then records for the URL handler: seen on JDK 25 as "could not instrument ThreadPoolExecutor".
   */
  private final ClassFileLocator jdkClassFiles = ClassFileLocator.ForModule.ofBootLayer();

  /**
   * Per thread: a class loaded while we transform another one on the same thread (by a type pool
   * or a description) is passed over instead of entering Byte Buddy again.
   */
  private final AgentBuilder.CircularityLock circularityLock =
      new AgentBuilder.CircularityLock.Default();

  TypeTransformer(
      Instrumentation instrumentation,
      List<TypeInstrumentation> instrumentations,
      ElementMatcher<? super TypeDescription> ignored,
      Module bridgeModule) {
    this.instrumentation = instrumentation;
    this.instrumentations = List.copyOf(instrumentations);
    this.ignored = ignored;
    this.bridgeModule = bridgeModule;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (internalName == null || classFile == null || !circularityLock.acquire()) {
      return null;
    }
    String typeName = internalName.replace('/', '.');
    try {
      return transformLocked(module, loader, typeName, classBeingRedefined, classFile);
    } catch (Throwable t) {
      // Returning null leaves the class as it was: the application runs on, uninstrumented.
      AgentLog.warn("could not instrument " + typeName, t);
      return null;
    } finally {
      circularityLock.release();
    }
  }

  private byte[] transformLocked(
      Module module,
      ClassLoader loader,
      String typeName,
      Class<?> classBeingRedefined,
      byte[] classFile) {
    ClassFileLocator locator =
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(typeName, classFile),
            jdkClassFiles,
            ClassFileLocator.ForClassLoader.of(loader));
    TypePool pool = AgentBuilder.PoolStrategy.Default.FAST.typePool(locator, loader, typeName);
    TypeDescription type =
        AgentBuilder.DescriptionStrategy.Default.POOL_FIRST.apply(
            typeName,
            classBeingRedefined,
            pool,
            circularityLock,
            loader,
            module == null ? null : JavaModule.of(module));
    if (ignored.matches(type)) {
      return null;
    }
    DynamicType.Builder<?> builder = null;
    for (TypeInstrumentation instrumentation : instrumentations) {
      if (instrumentation.typeMatcher().matches(type)) {
        if (builder == null) {
          builder = byteBuddy.decorate(type, locator);
        }
        builder = instrumentation.transform(builder);
      }
    }
    if (builder == null) {
      return null;
    }
    byte[] transformed = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
    assureReadEdge(module);
    return transformed;
  }

  /**
   * Advice inlined into a named module (e.g. {@code jdk.httpserver}) calls the bootstrap bridges,
   * which sit in the boot loader's unnamed module; a named module does not read that by default.
   */
  private void assureReadEdge(Module module) {
    if (module != null && module.isNamed() && !module.canRead(bridgeModule)) {
      instrumentation.redefineModule(
          module, Set.of(bridgeModule), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }
}
