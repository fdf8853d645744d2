package dev.vigil.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code -javaagent} entry point, and the only Vigil class the system class loader loads.
 *
 * <p>It defines the agent jar's small bootstrap package in the bootstrap class loader (see {@link
 * BootstrapInjector}) and hands over to {@code dev.vigil.agent.bootstrap.AgentStarter}. It keeps no state and touches neither logging nor JMX:
 * an application server that installs its own {@code LogManager} or {@code MBeanServerBuilder}
 * later in {@code main} must still be able to.
 */
public final class AgentMain {

  private static final String STARTER = "dev.vigil.agent.bootstrap.AgentStarter";

  private AgentMain() {}

  /** Called by the JVM for {@code -javaagent:vigil-agent.jar}. */
  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  /** Called by the JVM when the agent is attached to a running process. */
  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  private static void start(String agentArgs, Instrumentation instrumentation) {
    // Nothing may escape: the JVM aborts when premain throws, and the app must run on regardless.
    try {
      Path jar = ownJar();
      JarFile jarFile = new JarFile(jar.toFile(), false);
      requireAgentManifest(jarFile, jar);
      toBootstrap(instrumentation, jarFile);
      // Loaded explicitly from bootstrap so that advice in any class loader sees the same class.
      Class<?> starter = Class.forName(STARTER, true, null);
      starter
          .getMethod("start", Instrumentation.class, Path.class, String.class)
          .invoke(null, instrumentation, jar, agentArgs);
    } catch (InvocationTargetException e) {
      reportFailure(e.getCause());
    } catch (Throwable t) {
      reportFailure(t);
    }
  }

  private static void toBootstrap(Instrumentation instrumentation, JarFile jarFile) {
    try {
      BootstrapInjector.inject(instrumentation, jarFile);
    } catch (Throwable t) {
      // A JVM without jdk.internal.misc.Unsafe.defineClass: the old way still works and only
      // costs class-data sharing (the JVM prints its own warning saying so).
      instrumentation.appendToBootstrapClassLoaderSearch(jarFile);
    }
  }

  /**
   * Finds our jar from this class's resource URL. OTel does the same rather than asking the
   * protection domain, which would need permissions under a security manager.
   */
  private static Path ownJar() {
    URL url = AgentMain.class.getResource(AgentMain.class.getSimpleName() + ".class");
    if (url == null || !"jar".equals(url.getProtocol())) {
      throw new IllegalStateException("AgentMain was not loaded from a jar but from " + url);
    }
    String spec = url.getPath();
    int separator = spec.indexOf("!/");
    return Path.of(URI.create(spec.substring(0, separator)));
  }

  /**
   * Refuses to run from a jar that merely contains our classes (an app's uber-jar): putting that
   * jar on the bootstrap path would expose the whole application to the bootstrap loader.
   */
  private static void requireAgentManifest(JarFile jarFile, Path jar) throws Exception {
    Manifest manifest = jarFile.getManifest();
    String premain =
        manifest == null ? null : manifest.getMainAttributes().getValue("Premain-Class");
    if (!AgentMain.class.getName().equals(premain)) {
      throw new IllegalStateException(
          jar
              + " is not the vigil-agent jar (its manifest names Premain-Class "
              + premain
              + "); was the agent repackaged into another jar?");
    }
  }

  private static void reportFailure(Throwable t) {
    System.err.println("[vigil-agent] failed to start: " + t);
  }
}
