package dev.vigil.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the agent jar's bootstrap classes ({@code dev/vigil/agent/bootstrap/**}, about 30 small
 * bridge classes) directly in the bootstrap class loader.
 *
 * <p>Why not {@link Instrumentation#appendToBootstrapClassLoaderSearch}: HotSpot turns class-data
 * sharing off for every platform and application class as soon as anything is appended to the
 * bootstrap search path at run time ("Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended"), so the application's own startup would load the JDK's
 * non-boot classes from the module image instead of the CDS archive. A small jar with just these
 * classes would not help: the JVM reacts to the append, not to its size. Defining the classes
 * with the JDK's internal {@code Unsafe.defineClass} and a {@code null} loader puts them in the
 * bootstrap loader's dictionary, where every loader's delegation finds them, and leaves the
 * archive in use. {@link Instrumentation#redefineModule} grants us the one export this needs, so
 * the application needs no {@code --add-exports} flag. The OpenTelemetry agent instead appends
 * its jar; Byte Buddy's {@code ClassInjector.UsingUnsafe} does what we do, but Byte Buddy is
 * hidden in the agent's class loader and too large to load in premain.
 */
final class BootstrapInjector {

  private static final String PACKAGE_PATH = "dev/vigil/agent/bootstrap/";
  private static final String CLASS_SUFFIX = ".class";

  /** The build's list of the bootstrap class files, one jar path per line (agent/pom.xml). */
  static final String INDEX = "META-INF/vigil-agent/bootstrap-classes";

  private BootstrapInjector() {}

  /**
   * Defines every class of {@link #PACKAGE_PATH} in {@code jar} in the bootstrap loader.
   *
   * @throws Exception when the JVM offers no way to do so; the caller then falls back to
   *     appending the jar
   */
  static void inject(Instrumentation instrumentation, JarFile jar) throws Exception {
    Map<String, byte[]> classes = readBootstrapClasses(jar);
    Module javaBase = Object.class.getModule();
    instrumentation.redefineModule(
        javaBase,
        Set.of(),
        Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
        Map.of(),
        Set.of(),
        Map.of());
    Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeClass.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            java.security.ProtectionDomain.class);
    defineAll(classes, unsafe, define);
  }

  /**
   * Reads the bootstrap class files named by the jar's {@link #INDEX}, which the build writes, or,
   * in a jar without it, found by walking every entry. The walk is what the index avoids: the
   * agent jar has ~4,500 entries, and iterating them in still-interpreted JDK code took ~100 ms of
   * premain, i.e. of the application's time to {@code main}.
   */
  private static Map<String, byte[]> readBootstrapClasses(JarFile jar) throws IOException {
    Map<String, byte[]> classes = new HashMap<>();
    JarEntry index = jar.getJarEntry(INDEX);
    if (index != null) {
      for (String name : lines(jar, index)) {
        JarEntry entry = jar.getJarEntry(name);
        if (entry == null) {
          throw new IllegalStateException(INDEX + " names " + name + ", which the jar lacks");
        }
        addClass(jar, entry, classes);
      }
    } else {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        addClass(jar, entries.nextElement(), classes);
      }
    }
    if (classes.isEmpty()) {
      throw new IllegalStateException("the agent jar holds no " + PACKAGE_PATH + " classes");
    }
    return classes;
  }

  private static void addClass(JarFile jar, JarEntry entry, Map<String, byte[]> classes)
      throws IOException {
    String name = entry.getName();
    if (name.startsWith(PACKAGE_PATH) && name.endsWith(CLASS_SUFFIX)) {
      try (InputStream in = jar.getInputStream(entry)) {
        String className =
            name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
        classes.put(className, in.readAllBytes());
      }
    }
  }

  /** The non-blank lines of a UTF-8 text entry, without regular expressions (premain). */
  private static List<String> lines(JarFile jar, JarEntry entry) throws IOException {
    String text;
    try (InputStream in = jar.getInputStream(entry)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end).trim();
      if (!line.isEmpty()) {
        lines.add(line);
      }
      start = end + 1;
    }
    return lines;
  }

  /**
   * Defining a class resolves its superclass and interfaces at once, so a class whose supertype
   * is one of ours and not yet defined fails with {@link NoClassDefFoundError}; it is retried in
   * the next pass. Sorting the names first makes the order, and so any failure, reproducible.
   */
  private static void defineAll(Map<String, byte[]> classes, Object unsafe, Method define)
      throws Exception {
    List<String> pending = new ArrayList<>(classes.keySet());
    Collections.sort(pending);
    Set<String> defined = new HashSet<>();
    while (!pending.isEmpty()) {
      List<String> retry = new ArrayList<>();
      Throwable lastFailure = null;
      for (String name : pending) {
        if (alreadyInBootstrap(name)) {
          // A second start (attach after -javaagent) finds them defined; AgentStarter refuses it.
          defined.add(name);
          continue;
        }
        byte[] bytes = classes.get(name);
        try {
          define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
          defined.add(name);
        } catch (java.lang.reflect.InvocationTargetException e) {
          if (!(e.getCause() instanceof NoClassDefFoundError)) {
            throw e;
          }
          lastFailure = e.getCause();
          retry.add(name);
        }
      }
      if (retry.size() == pending.size()) {
        throw new IllegalStateException(
            "cannot define " + retry + " in the bootstrap class loader", lastFailure);
      }
      pending = retry;
    }
  }

  private static boolean alreadyInBootstrap(String name) {
    try {
      Class.forName(name, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
