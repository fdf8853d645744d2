package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The lists the build writes into the agent jar for premain, which trusts them instead of walking
 * the jar's entries, name exactly what the jar holds.
 */
class AgentJarLayoutIT {

  private static final String VERSIONS = "inst/META-INF/versions/";

  @Test
  void bootstrapListNamesEveryBootstrapClassFileAndNothingElse() throws IOException {
    try (JarFile jar = new JarFile(ItEnvironment.agentJar().toFile())) {
      TreeSet<String> expected = new TreeSet<>();
      for (String name : entryNames(jar)) {
        if (name.startsWith("dev/vigil/agent/bootstrap/") && name.endsWith(".class")) {
          expected.add(name);
        }
      }

      assertThat(expected).isNotEmpty();
      assertThat(lines(jar, "META-INF/vigil-agent/bootstrap-classes"))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void versionListNamesEveryMultiReleaseFolderOfTheHiddenClasses() throws IOException {
    try (JarFile jar = new JarFile(ItEnvironment.agentJar().toFile())) {
      TreeSet<String> expected = new TreeSet<>();
      for (String name : entryNames(jar)) {
        if (name.startsWith(VERSIONS) && name.length() > VERSIONS.length()) {
          int end = name.indexOf('/', VERSIONS.length());
          expected.add(name.substring(VERSIONS.length(), end < 0 ? name.length() : end));
        }
      }

      // Byte Buddy ships classes for Java 24 there; without them the JDK 25 ITs would not mean much.
      assertThat(expected).contains("24");
      assertThat(lines(jar, "META-INF/vigil-agent/versions"))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static List<String> entryNames(JarFile jar) {
    List<String> names = new ArrayList<>();
    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
      names.add(entries.nextElement().getName());
    }
    return names;
  }

  private static List<String> lines(JarFile jar, String name) throws IOException {
    JarEntry entry = jar.getJarEntry(name);
    assertThat(entry).as(name).isNotNull();
    try (InputStream in = jar.getInputStream(entry)) {
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line.trim());
        }
      }
      return lines;
    }
  }
}
