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
    ClassFileTransformer transformer =
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
    retransformLoadedCandidates(instrumentation, filter);
    clock.lap("loaded classes retransformed");
    // From here on every module is active.
    AgentLog.debug("instrumentation installed");
    return Optional.of(transformer);
  }

  /**
   * Retransforms the classes loaded before the transformer was added that a module could match
   * (e.g. the JDK's executors), one at a time so that one failure does not keep the others
   * untransformed. A class loaded after addTransformer may be retransformed once more; that
   * starts again from its original class file, so it is not instrumented twice.
   */
  private static void retransformLoadedCandidates(
      Instrumentation instrumentation, CandidateFilter filter) {
    ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.isArray()
          || type.isPrimitive()
          || type.isHidden()
          || type.getClassLoader() == agentLoader
          || !instrumentation.isModifiableClass(type)) {
        continue;
      }
      if (filter.acceptsLoaded(type)) {
        candidates.add(type);
      }
    }
    if (AgentLog.isDebug()) {
      List<String> names = new ArrayList<>();
      for (Class<?> type : candidates) {
        names.add(type.getName());
      }
      AgentLog.debug("retransforming loaded candidate classes " + names);
    }
    for (Class<?> type : candidates) {
      try {
        instrumentation.retransformClasses(type);
      } catch (Throwable t) {
        AgentLog.warn("could not retransform " + type.getName(), t);
      }
    }
  }
}
