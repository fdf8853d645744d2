package dev.vigil.agent.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Derives the default {@code application} label from the {@code sun.java.command} system property,
 * which holds the main class or jar followed by the program arguments, joined by spaces.
 *
 * <p>Written without regular expressions because it runs in premain (see {@code AgentStarter}).
 */
final class ApplicationName {

  /** Used when the JVM was started without a recognisable main class or jar (e.g. via JNI). */
  static final String UNKNOWN = "unknown";

  /** The JDK's source-file launcher ({@code java Foo.java}); the name is the source file's. */
  private static final Set<String> SOURCE_LAUNCHERS =
      Set.of(
          "com.sun.tools.javac.launcher.Main",
          "jdk.compiler/com.sun.tools.javac.launcher.Main",
          "com.sun.tools.javac.launcher.SourceLauncher",
          "jdk.compiler/com.sun.tools.javac.launcher.SourceLauncher");

  private static final String JAR = ".jar";

  private ApplicationName() {}

  /**
   * The main class's simple name ({@code com.acme.OrderService} → {@code OrderService}), or the
   * jar's file name without {@code .jar} for {@code java -jar}.
   *
   * @param command the value of {@code sun.java.command}, may be null
   * @param workingDirectory {@code user.dir}, to resolve a relative jar path that contains spaces
   */
  static String derive(String command, String workingDirectory) {
    if (command == null || command.isBlank()) {
      return UNKNOWN;
    }
    String trimmed = command.strip();
    String jar = jarPath(trimmed, workingDirectory);
    if (jar != null) {
      return orUnknown(stripSuffix(fileName(jar), JAR));
    }
    String mainClass = firstWord(trimmed);
    String arguments = trimmed.substring(mainClass.length()).strip();
    if (SOURCE_LAUNCHERS.contains(mainClass) && !arguments.isEmpty()) {
      return orUnknown(stripSuffix(fileName(firstWord(arguments)), ".java"));
    }
    return orUnknown(simpleClassName(mainClass));
  }

  /**
   * The jar named at the start of the command, if any. Spaces are ambiguous (the launcher joins
   * path and arguments with them), so a path with spaces is believed only if that file exists;
   * otherwise the first word must itself end in {@code .jar}.
   */
  private static String jarPath(String command, String workingDirectory) {
    String firstWord = firstWord(command);
    for (int at = indexOfJar(command, 0); at >= 0; at = indexOfJar(command, at + 1)) {
      int end = at + JAR.length();
      if (end == command.length() || Character.isWhitespace(command.charAt(end))) {
        String candidate = command.substring(0, end);
        if (candidate.equals(firstWord) || isFile(candidate, workingDirectory)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** The next ".jar", in any case, at or after {@code from}; -1 if none. */
  private static int indexOfJar(String text, int from) {
    for (int at = from; at + JAR.length() <= text.length(); at++) {
      if (text.regionMatches(true, at, JAR, 0, JAR.length())) {
        return at;
      }
    }
    return -1;
  }

  private static String firstWord(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  private static boolean isFile(String candidate, String workingDirectory) {
    try {
      Path path = Path.of(candidate);
      if (!path.isAbsolute() && workingDirectory != null) {
        path = Path.of(workingDirectory).resolve(path);
      }
      return Files.isRegularFile(path);
    } catch (InvalidPathException notAPath) {
      return false;
    }
  }

  /** {@code module/com.acme.Main} or {@code com.acme.Main} → {@code Main}. */
  private static String simpleClassName(String mainClass) {
    String withoutModule = mainClass.substring(mainClass.lastIndexOf('/') + 1);
    return withoutModule.substring(withoutModule.lastIndexOf('.') + 1);
  }

  private static String fileName(String path) {
    int separator = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(separator + 1);
  }

  private static String stripSuffix(String name, String suffix) {
    return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length())
        ? name.substring(0, name.length() - suffix.length())
        : name;
  }

  private static String orUnknown(String name) {
    return name.isBlank() ? UNKNOWN : name;
  }
}
