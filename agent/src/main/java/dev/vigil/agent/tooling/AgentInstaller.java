package dev.vigil.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
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
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

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

  private AgentInstaller() {}

  /** Installs the modules' transformations; empty when there was nothing to install. */
  static Optional<ClassFileTransformer> install(
      Instrumentation instrumentation, List<InstrumentationModule> modules, StartupClock clock) {
    if (modules.isEmpty()) {
      AgentLog.debug("no instrumentation module enabled; Byte Buddy not installed");
      return Optional.empty();
    }
    AgentBuilder builder =
        NexusFreeAgentBuilder.create()
            // Retransformation of already loaded JDK classes (HttpURLConnection, executors) and
            // coexistence with other agents both require leaving the class shape alone.
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            // Describe already loaded classes from their class files, not by reflection: reflecting
            // on a class (e.g. its declared methods, for the annotation matcher) loads the types
            // in its signatures while Byte Buddy's circularity lock is held, so those classes
            // (OkHttp's RealCall, seen in OkHttpClient.newCall) would load untransformed for good.
            // Generated classes (proxies) have no class file: those fall back to reflection.
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
            .with(new FailureListener())
            // Advice inlined into a named module (e.g. jdk.httpserver) calls the bootstrap bridge,
            // which sits in the boot loader's unnamed module; named modules do not read that.
            .assureReadEdgeTo(instrumentation, HttpServerBridge.class)
            // Replaces Byte Buddy's default ignore list, which skips every bootstrap and platform
            // class, i.e. exactly the JDK HTTP server and client we want to instrument.
            .ignore(any(), is(AgentInstaller.class.getClassLoader()))
            .or(nameStartsWith("dev.vigil.agent."))
            .or(nameStartsWith("net.bytebuddy."))
            .or(nameStartsWith("jdk.internal.reflect."))
            .or(nameStartsWith("sun.reflect."))
            // Name first: isSynthetic needs the class file, and under POOL_FIRST that means
            // reading and parsing each of the ~2,000 JDK classes already loaded when we
            // retransform, the largest part of our startup CPU. JDK classes are left to the
            // modules' matchers, which look at the name before anything else; the JDK's synthetic
            // classes (lambda forms, reflection accessors) never match those names.
            .or(not(JDK_NAMES).and(isSynthetic()));
    List<ClassFileFilter> filters = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        filters.add(type.classFileFilter());
        builder =
            builder
                .type(type.typeMatcher())
                .transform(
                    (typeBuilder, typeDescription, classLoader, javaModule, protectionDomain) ->
                        type.transform(typeBuilder));
      }
      AgentLog.debug("instrumentation module " + module.name() + " installed");
    }
    // makeRaw, not installOn: installOn would register Byte Buddy's transformer for every class
    // and describe each loaded class to decide what to retransform; we do both behind the filter.
    clock.lap("instrumentation declared");
    CandidateFilter filter = new CandidateFilter(filters);
    ClassFileTransformer transformer =
        new PrefilteringTransformer(
            filter, builder.makeRaw(), AgentInstaller.class.getClassLoader());
    clock.lap("Byte Buddy transformer made");
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

  /** Reports a class we failed to transform; the class itself still loads untouched. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      AgentLog.warn("could not instrument " + typeName, throwable);
    }
  }
}
