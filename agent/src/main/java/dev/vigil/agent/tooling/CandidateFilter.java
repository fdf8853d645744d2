package dev.vigil.agent.tooling;

import dev.vigil.agent.instrumentation.ClassFileFilter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides from a class's name and class file, without Byte Buddy, whether any enabled
 * instrumentation could match it: the union of the instrumentations' {@link ClassFileFilter}s.
 *
 * <p>Runs inside class loading for every class the JVM defines, so it allocates nothing for the
 * common case (a name in no set and no file check) and uses no lambdas.
 */
final class CandidateFilter {

  /**
   * Never candidates, whatever the filters say: the agent's own classes and Byte Buddy's (also
   * those Byte Buddy generates into other loaders, e.g. {@code
   * net.bytebuddy.utility.Invoker$Dispatcher}, which have no class file to check). Byte Buddy's
   * ignore matcher says the same.
   */
  private static final String[] OWN_PREFIXES = {"net/bytebuddy/", "dev/vigil/agent/"};

  /** The exact names of all name-only filters, merged so one lookup covers them. */
  private final Set<String> names;
  /** The filters that are not plain name sets. */
  private final ClassFileFilter[] others;

  CandidateFilter(List<ClassFileFilter> filters) {
    Set<String> exact = new HashSet<>();
    List<ClassFileFilter> rest = new ArrayList<>();
    for (ClassFileFilter filter : filters) {
      if (!filter.exactNames().isEmpty() && !filter.needsClassFile()) {
        exact.addAll(filter.exactNames());
      } else {
        rest.add(filter);
      }
    }
    this.names = Set.copyOf(exact);
    this.others = rest.toArray(new ClassFileFilter[0]);
  }

  /** Whether a class being defined or retransformed, given its class file, is a candidate. */
  boolean accepts(String internalName, byte[] classFile) {
    if (names.contains(internalName)) {
      return true;
    }
    if (isOwn(internalName)) {
      return false;
    }
    for (ClassFileFilter filter : others) {
      if (filter.accepts(internalName, classFile)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an already loaded class is a candidate for retransformation. Its class file is read
   * from its loader only when a filter that accepts the name needs it.
   */
  boolean acceptsLoaded(Class<?> type) {
    String internalName = type.getName().replace('.', '/');
    if (names.contains(internalName)) {
      return true;
    }
    if (isOwn(internalName)) {
      return false;
    }
    byte[] classFile = null;
    for (ClassFileFilter filter : others) {
      if (!filter.acceptsName(internalName)) {
        continue;
      }
      if (!filter.needsClassFile()) {
        return true;
      }
      if (classFile == null) {
        classFile = readClassFile(type, internalName);
        if (classFile == null) {
          // Generated at runtime (a proxy) or unreadable: let Byte Buddy decide.
          return true;
        }
      }
      if (filter.acceptsClassFile(classFile)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOwn(String internalName) {
    for (String prefix : OWN_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] readClassFile(Class<?> type, String internalName) {
    // Class.getResourceAsStream finds .class files in named modules too (they are never
    // encapsulated); for an unnamed module it asks the class's loader.
    try (InputStream in = type.getResourceAsStream("/" + internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }
}
