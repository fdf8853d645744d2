package dev.vigil.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.bootstrap.HttpServerBridge;
import dev.vigil.agent.instrumentation.ClassFileFilter;
import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Registers one Byte Buddy transformer for all enabled instrumentation modules, behind a {@link
 * PrefilteringTransformer} so that Byte Buddy sees only the classes some module could match, and
 * retransforms the already loaded candidates.
 *
 * <p>With no module enabled it does not touch Byte Buddy at all, so an agent that only exports JVM
 * metrics pays nothing for class matching at startup.
 */
final class AgentInstaller {

  /** The JDK's packages, which the modules match by exact class name only. */
  private static final ElementMatcher.Junction<TypeDescription> JDK_NAMES =
      nameStartsWith("java.")
          .or(nameStartsWith("javax."))
          .or(nameStartsWith("jdk."))
          .or(nameStartsWith("sun."))
          .or(nameStartsWith("com.sun."));

  /**
   * Never transformed, whatever a module's matcher says (the agent's own loader is refused before,
   * by the pre-filter). Name first: isSynthetic needs the class file, and JDK classes are left to
   * the modules' matchers, which look at the name before anything else; the JDK's synthetic
   * classes (lambda forms, reflection accessors) never match those names.
   */
  private static final ElementMatcher.Junction<TypeDescription> IGNORED =
      nameStartsWith("dev.vigil.agent.")
          .or(nameStartsWith("net.bytebuddy."))
          .or(nameStartsWith("jdk.internal.reflect."))
          .or(nameStartsWith("sun.reflect."))
          .or(not(JDK_NAMES).and(isSynthetic()));

  private AgentInstaller() {}

  /** Installs the modules' transformations; empty when there was nothing to install. */
  static Optional<ClassFileTransformer> install(
      Instrumentation instrumentation, List<InstrumentationModule> modules, StartupClock clock) {
    if (modules.isEmpty()) {
      AgentLog.debug("no instrumentation module enabled; Byte Buddy not installed");
      return Optional.empty();
    }
    List<ClassFileFilter> filters = new ArrayList<>();
    List<TypeInstrumentation> instrumentations = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        filters.add(type.classFileFilter());
        instrumentations.add(type);
      }
      AgentLog.debug("instrumentation module " + module.name() + " installed");
    }
    clock.lap("instrumentation declared");
    CandidateFilter filter = new CandidateFilter(filters);
    ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
    // Our own transformer rather than Byte Buddy's AgentBuilder (TypeTransformer says why); the
    // pre-filter in front keeps every other class away from Byte Buddy.
    PrefilteringTransformer transformer =
        new PrefilteringTransformer(
            filter,
            new TypeTransformer(
                instrumentation,
                instrumentations,
                IGNORED,
                HttpServerBridge.class.getModule()),
            agentLoader);
    clock.lap("transformer made");
    instrumentation.addTransformer(transformer, true);
    // Loaded candidates first, on this thread: that warms Byte Buddy up before any application
    // thread transforms a class it loads (PrefilteringTransformer says why).
    retransform(instrumentation, loadedCandidates(instrumentation, filter));
    transformer.transformNewClasses();
    // Candidates the application loaded meanwhile were defined untransformed.
    retransform(instrumentation, loadedNamed(instrumentation, transformer.passedOver()));
    clock.lap("loaded classes retransformed");
    // From here on every module is active.
    AgentLog.debug("instrumentation installed");
    return Optional.of(transformer);
  }

  /**
   * The classes loaded before the transformer was added that a module could match (e.g. the JDK's
   * executors). A class loaded after addTransformer may be retransformed once more; that starts
   * again from its original class file, so it is not instrumented twice.
   */
  private static List<Class<?>> loadedCandidates(
      Instrumentation instrumentation, CandidateFilter filter) {
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (isRetransformable(instrumentation, type) && filter.acceptsLoaded(type)) {
        candidates.add(type);
      }
    }
    return candidates;
  }

  /** The loaded classes with one of these internal names, in any class loader. */
  private static List<Class<?>> loadedNamed(Instrumentation instrumentation, Set<String> names) {
    List<Class<?>> named = new ArrayList<>();
    if (names.isEmpty()) {
      return named;
    }
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (isRetransformable(instrumentation, type)
          && names.contains(type.getName().replace('.', '/'))) {
        named.add(type);
      }
    }
    return named;
  }

  private static boolean isRetransformable(Instrumentation instrumentation, Class<?> type) {
    return !type.isArray()
        && !type.isPrimitive()
        && !type.isHidden()
        && type.getClassLoader() != AgentInstaller.class.getClassLoader()
        && instrumentation.isModifiableClass(type);
  }

  /**
   * Retransforms {@code classes} one at a time, so that one failure does not keep the others
   * untransformed.
   */
  private static void retransform(Instrumentation instrumentation, List<Class<?>> classes) {
    if (classes.isEmpty()) {
      return;
    }
    if (AgentLog.isDebug()) {
      List<String> names = new ArrayList<>();
      for (Class<?> type : classes) {
        names.add(type.getName());
      }
      AgentLog.debug("retransforming loaded candidate classes " + names);
    }
    for (Class<?> type : classes) {
      try {
        instrumentation.retransformClasses(type);
      } catch (Throwable t) {
        AgentLog.warn("could not retransform " + type.getName(), t);
      }
    }
  }
}
