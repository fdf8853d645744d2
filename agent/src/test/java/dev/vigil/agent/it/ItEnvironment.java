package dev.vigil.agent.it;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What failsafe hands the ITs: the packaged agent jar, the fixture classes, the log folder. */
final class ItEnvironment {

  private ItEnvironment() {}

  static Path agentJar() {
    Path jar = path("vigil.it.agentJar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; run the ITs through 'mvn verify'");
    }
    return jar;
  }

  /** Only the fixtures: the app must not get the agent's libraries from the test classpath. */
  /** The fixtures plus every jar in {@code jarDirectory} (copied there by the build), sorted. */
  static String fixtureClasspathWithJarsIn(Path jarDirectory) throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(fixtureClasses().toString());
    try (Stream<Path> jars = Files.list(jarDirectory)) {
      jars.map(Path::toString).sorted().forEach(entries::add);
    }
    return String.join(File.pathSeparator, entries);
  }

  static Path fixtureClasses() {
    return path("vigil.it.fixtureClasses");
  }

  /** A folder of jars the build copied under {@code target/it-libs}, e.g. {@code okhttp5}. */
  static Path libraryDirectory(String name) {
    return path("vigil.it.libraryClasspaths").resolve(name);
  }

  static Path previousMicrometerDirectory() {
    return path("vigil.it.previousMicrometer");
  }

  /** Holds an older Byte Buddy than the agent bundles, for an app that ships its own. */
  static Path previousByteBuddyDirectory() {
    return path("vigil.it.previousByteBuddy");
  }

  /**
   * The classpath of a fixture app that needs libraries: the fixtures plus the jars listed in
   * {@code target/it-libs/<libraries>.classpath} (written by the build), e.g. {@code tomcat}.
   */
  static String fixtureClasspath(String libraries) throws IOException {
    Path file = path("vigil.it.libraryClasspaths").resolve(libraries + ".classpath");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing; run the ITs through 'mvn verify'");
    }
    return fixtureClasses() + File.pathSeparator + Files.readString(file).strip();
  }

  /** Like {@link #fixtureClasspath(String)}, with the jars of several {@code .classpath} files. */
  static String fixtureClasspath(String libraries, String... moreLibraries) throws IOException {
    StringBuilder classpath = new StringBuilder(fixtureClasspath(libraries));
    for (String more : moreLibraries) {
      Path file = path("vigil.it.libraryClasspaths").resolve(more + ".classpath");
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(file + " is missing; run the ITs through 'mvn verify'");
      }
      classpath.append(File.pathSeparator).append(Files.readString(file).strip());
    }
    return classpath.toString();
  }

  /** H2, HikariCP and SLF4J jars for the JDBC fixture app. */
  static Path jdbcLibraries() {
    return path("vigil.it.jdbcLibraries");
  }

  /** The OpenTelemetry javaagent jar, copied from Maven Central by the build. */
  static Path openTelemetryAgent() {
    Path jar = path("vigil.it.openTelemetryAgent");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; run the ITs through 'mvn verify'");
    }
    return jar;
  }

  static Path logDirectory() {
    return path("vigil.it.logs");
  }

  /** A port free right now on the loopback interface. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Path path(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set; run the ITs through 'mvn verify'");
    }
    return Path.of(value);
  }
}
