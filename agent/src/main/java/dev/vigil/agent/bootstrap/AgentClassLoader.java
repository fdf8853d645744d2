package dev.vigil.agent.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's hidden classes, stored in the agent jar under {@code inst/} with the extension
 * {@code .classdata}, so that the application's class loaders can neither load nor see them.
 *
 * <p>Its parent is the platform class loader, not the system one: the agent must not pick up the
 * application's copy of Micrometer or Byte Buddy, and still needs platform modules such as {@code
 * jdk.httpserver} and {@code java.sql}. Because the classes of this package are also defined in
 * the bootstrap loader (see {@code BootstrapInjector}), they resolve to the single bootstrap copy
 * from here too; their class files, which the bootstrap loader cannot serve as resources now that
 * the jar is no longer on its search path, are served from the jar's top level.
 *
 * <p>Resources follow the same layout: {@code getResource("a/B.class")} answers the bytes of {@code
 * inst/a/B.classdata}, which is what Byte Buddy reads when it inlines advice. Multi-release entries
 * ({@code inst/META-INF/versions/N/...}) win over the base entry for N up to the running Java
 * version, as in a multi-release jar; Byte Buddy ships such classes for Java 24.
 */
public final class AgentClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String ROOT = "inst/";
  private static final String BOOTSTRAP_PACKAGE_PATH = "dev/vigil/agent/bootstrap/";
  private static final String VERSIONS = ROOT + "META-INF/versions/";
  private static final String CLASS_SUFFIX = ".class";
  private static final String HIDDEN_CLASS_SUFFIX = ".classdata";

  /** The build's list of the version folders under {@code inst/META-INF/versions/}, one a line. */
  static final String VERSIONS_INDEX = "META-INF/vigil-agent/versions";

  private final JarFile jar;
  private final URI jarUri;
  private final ProtectionDomain protectionDomain;

  /** The versioned roots that apply to this JVM, newest first. */
  private final List<String> versionRoots;

  /** Opens {@code agentJar}; the loader keeps it open for the life of the JVM. */
  public AgentClassLoader(Path agentJar) throws IOException {
    this(agentJar, ClassLoader.getPlatformClassLoader());
  }

  /** Opens {@code agentJar} over another parent than the platform loader (for tests). */
  AgentClassLoader(Path agentJar, ClassLoader parent) throws IOException {
    super("vigil-agent", parent);
    this.jar = new JarFile(agentJar.toFile(), false);
    this.jarUri = agentJar.toUri();
    CodeSource codeSource = new CodeSource(jarUri.toURL(), (Certificate[]) null);
    this.protectionDomain = new ProtectionDomain(codeSource, null, this, null);
    this.versionRoots = versionRoots(jar, Runtime.version().feature());
  }

  /**
   * Defines the classes stored under {@code inst/} without asking the parent first; every other
   * name (the JDK's, and this package's, which live in the bootstrap loader) is delegated as usual.
   *
   * <p>Why: parent-first delegation would send each of the ~1,000 classes the agent loads at
   * startup through the platform and bootstrap loaders, which fail with a fresh {@code
   * ClassNotFoundException} (a filled stack trace) before this loader defines it. No name under
   * {@code inst/} can shadow a JDK class: the build keeps only the agent's and its libraries'
   * packages there ({@code io.micrometer}, {@code net.bytebuddy}, ...), and {@code java.*} could
   * not be defined here anyway.
   */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    JarEntry entry = find(name.replace('.', '/') + HIDDEN_CLASS_SUFFIX);
    if (entry == null) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = define(name, entry);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = find(name.replace('.', '/') + HIDDEN_CLASS_SUFFIX);
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    return define(name, entry);
  }

  private Class<?> define(String name, JarEntry entry) throws ClassNotFoundException {
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": cannot read " + entry.getName(), e);
    }
    definePackageOf(name);
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  @Override
  protected URL findResource(String name) {
    String path =
        name.endsWith(CLASS_SUFFIX)
            ? name.substring(0, name.length() - CLASS_SUFFIX.length()) + HIDDEN_CLASS_SUFFIX
            : name;
    JarEntry entry = find(path);
    if (entry == null && name.startsWith(BOOTSTRAP_PACKAGE_PATH)) {
      entry = jar.getJarEntry(name);
    }
    if (entry == null) {
      return null;
    }
    try {
      return URI.create("jar:" + jarUri + "!/" + entry.getName()).toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
  }

  private JarEntry find(String path) {
    for (String root : versionRoots) {
      JarEntry entry = jar.getJarEntry(root + path);
      if (entry != null) {
        return entry;
      }
    }
    return jar.getJarEntry(ROOT + path);
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String packageName = className.substring(0, dot);
    if (getDefinedPackage(packageName) != null) {
      return;
    }
    try {
      definePackage(packageName, null, null, null, null, null, null, null);
    } catch (IllegalArgumentException alreadyDefined) {
      // Another thread defined it between our check and our call: fine, it is the same package.
    }
  }

  /**
   * The version folders from the jar's {@link #VERSIONS_INDEX}, which the build writes; a jar
   * without it (one built by hand) is walked entry by entry, which for the agent jar's ~4,500
   * entries costs tens of milliseconds of premain.
   */
  private static List<String> versionRoots(JarFile jar, int javaVersion) throws IOException {
    // A plain loop: this runs in premain, where a stream pipeline would cost more than the scan.
    TreeSet<Integer> versions = new TreeSet<>(Collections.reverseOrder());
    JarEntry index = jar.getJarEntry(VERSIONS_INDEX);
    if (index != null) {
      String text;
      try (InputStream in = jar.getInputStream(index)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int start = 0;
      while (start < text.length()) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = text.length();
        }
        addVersion(versions, text.substring(start, end).trim(), javaVersion);
        start = end + 1;
      }
    } else {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.startsWith(VERSIONS)) {
          int end = name.indexOf('/', VERSIONS.length());
          addVersion(
              versions,
              end < 0
                  ? name.substring(VERSIONS.length())
                  : name.substring(VERSIONS.length(), end),
              javaVersion);
        }
      }
    }
    List<String> roots = new ArrayList<>(versions.size());
    for (int version : versions) {
      roots.add(VERSIONS + version + "/");
    }
    return List.copyOf(roots);
  }

  private static void addVersion(TreeSet<Integer> versions, String folder, int javaVersion) {
    int version = parseVersion(folder);
    if (version >= 9 && version <= javaVersion) {
      versions.add(version);
    }
  }

  /** The number of a {@code META-INF/versions/N} folder, or -1 if it is not one. */
  private static int parseVersion(String text) {
    if (text.isEmpty() || text.length() > 4) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(text);
  }
}
