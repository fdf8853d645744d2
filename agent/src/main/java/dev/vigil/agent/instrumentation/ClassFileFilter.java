package dev.vigil.agent.instrumentation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A cheap test on a class's name and raw class file that a {@link TypeInstrumentation}'s type
 * matcher can only accept classes that pass; the agent runs Byte Buddy only for classes that pass
 * the filter of at least one enabled instrumentation.
 *
 * <p>Why: Byte Buddy builds a type description (under {@code POOL_FIRST}, by parsing the class
 * file) for every class the JVM loads before its matchers look at the name; doing that for the
 * thousands of classes of an application's start, and JIT-compiling the parser on the way, was
 * most of the agent's startup CPU. A filter may accept classes its matcher rejects (Byte Buddy
 * decides), never the reverse. It runs inside class loading, so it uses no lambdas and no classes
 * beyond {@code java.lang}/{@code java.util}.
 */
public final class ClassFileFilter {

  /** Accepts every class: Byte Buddy sees all of them. Only for matchers no filter can express. */
  public static final ClassFileFilter ANY = new ClassFileFilter(null, null, new String[0], null);

  /** Exact internal names ({@code a/b/C$D}), or null for any name. */
  private final Set<String> names;
  /** A fragment the internal name must contain, or null. */
  private final String nameFragment;
  /** Internal-name prefixes that are never accepted. */
  private final String[] excludedPrefixes;
  /** ASCII byte strings of which the class file must contain one, or null for no file check. */
  private final byte[][] references;

  private ClassFileFilter(
      Set<String> names, String nameFragment, String[] excludedPrefixes, byte[][] references) {
    this.names = names;
    this.nameFragment = nameFragment;
    this.excludedPrefixes = excludedPrefixes;
    this.references = references;
  }

  /** Accepts exactly the classes with these binary names ({@code java.util.Map$Entry}). */
  public static ClassFileFilter named(String... binaryNames) {
    Set<String> internal = new HashSet<>();
    for (String name : binaryNames) {
      internal.add(internalName(name));
    }
    return new ClassFileFilter(Set.copyOf(internal), null, new String[0], null);
  }

  /** Accepts classes whose name contains {@code fragment} (no dots, e.g. {@code Statement}). */
  public static ClassFileFilter nameContains(String fragment) {
    return new ClassFileFilter(null, fragment, new String[0], null);
  }

  /** Accepts classes outside the packages with these binary-name prefixes ({@code java.}). */
  public static ClassFileFilter outsidePackages(String... binaryPrefixes) {
    String[] internal = new String[binaryPrefixes.length];
    for (int i = 0; i < binaryPrefixes.length; i++) {
      internal[i] = internalName(binaryPrefixes[i]);
    }
    return new ClassFileFilter(null, null, internal, null);
  }

  /**
   * This filter, further requiring the class file to contain one of these ASCII strings.
   *
   * <p>Class, field and method names and descriptors (annotation types included) sit verbatim in
   * the constant pool as modified UTF-8, which for ASCII is the bytes themselves, so a byte search
   * of the whole file never misses one; a chance hit elsewhere only lets Byte Buddy decide.
   */
  public ClassFileFilter referencing(String... asciiStrings) {
    byte[][] bytes = new byte[asciiStrings.length][];
    for (int i = 0; i < asciiStrings.length; i++) {
      bytes[i] = asciiStrings[i].getBytes(StandardCharsets.US_ASCII);
    }
    return new ClassFileFilter(names, nameFragment, excludedPrefixes, bytes);
  }

  /** Whether a class of this internal name may pass (before its class file is looked at). */
  public boolean acceptsName(String internalName) {
    if (names != null && !names.contains(internalName)) {
      return false;
    }
    if (nameFragment != null && !internalName.contains(nameFragment)) {
      return false;
    }
    for (String prefix : excludedPrefixes) {
      if (internalName.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@link #acceptsClassFile} needs the bytes, i.e. the name alone does not decide. */
  public boolean needsClassFile() {
    return references != null;
  }

  /** Whether the class file passes, for a class whose name {@link #acceptsName passed}. */
  public boolean acceptsClassFile(byte[] classFile) {
    if (references == null) {
      return true;
    }
    for (byte[] reference : references) {
      if (contains(classFile, reference)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the class (internal name, class file) passes. */
  public boolean accepts(String internalName, byte[] classFile) {
    return acceptsName(internalName) && acceptsClassFile(classFile);
  }

  /** The exact internal names this filter is limited to, or an empty set when not by name. */
  public Set<String> exactNames() {
    return names == null ? Set.of() : names;
  }

  private static String internalName(String binaryName) {
    return binaryName.replace('.', '/');
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    byte first = needle[0];
    int last = haystack.length - needle.length;
    for (int i = 0; i <= last; i++) {
      if (haystack[i] == first
          && Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "ClassFileFilter[names="
        + names
        + ", nameContains="
        + nameFragment
        + ", excluded="
        + Arrays.toString(excludedPrefixes)
        + ", references="
        + (references == null ? "-" : references.length)
        + "]";
  }
}
