package dev.vigil.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.fixture.Greeter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentClassLoaderTest {

  private static final String GREETER_PATH = "dev/vigil/agent/fixture/Greeter";

  @TempDir Path directory;

  private byte[] greeterBytes;
  private AgentClassLoader loader;

  @BeforeEach
  void hideGreeterInAnAgentJar() throws IOException {
    try (InputStream in = Greeter.class.getResourceAsStream("Greeter.class")) {
      greeterBytes = in.readAllBytes();
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("inst/" + GREETER_PATH + ".classdata", greeterBytes);
    entries.put("inst/config/greeting.txt", text("base"));
    entries.put("inst/META-INF/versions/9/config/greeting.txt", text("for java 9+"));
    entries.put("inst/META-INF/versions/9999/config/greeting.txt", text("for a future java"));
    entries.put("outside.txt", text("not hidden"));
    loader = new AgentClassLoader(writeJar(entries));
  }

  @Test
  void loadsClassesStoredAsClassdata() throws Exception {
    Class<?> greeter = loader.loadClass("dev.vigil.agent.fixture.Greeter");

    assertThat(greeter.getClassLoader()).isSameAs(loader);
    assertThat(greeter.getMethod("greet").invoke(null)).isEqualTo("hello from vigil-agent");
    assertThat(greeter.getPackage().getName()).isEqualTo("dev.vigil.agent.fixture");
    assertThat(greeter.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith("agent.jar");
  }

  @Test
  void definesItsOwnClassesWithoutAskingTheParentButDelegatesEverythingElse() throws Exception {
    RecordingParent parent = new RecordingParent();
    AgentClassLoader childFirst =
        new AgentClassLoader(
            writeJar(
                "child-first.jar", Map.of("inst/" + GREETER_PATH + ".classdata", greeterBytes)),
            parent);

    Class<?> greeter = childFirst.loadClass("dev.vigil.agent.fixture.Greeter");
    Class<?> connection = childFirst.loadClass("java.sql.Connection");

    assertThat(greeter.getClassLoader()).isSameAs(childFirst);
    assertThat(childFirst.loadClass("dev.vigil.agent.fixture.Greeter")).isSameAs(greeter);
    assertThat(connection.getClassLoader()).isSameAs(ClassLoader.getPlatformClassLoader());
    // Greeter's superclass java.lang.Object comes from the parent as well.
    assertThat(parent.asked).contains("java.sql.Connection", "java.lang.Object");
    assertThat(parent.asked).doesNotContain("dev.vigil.agent.fixture.Greeter");
  }

  @Test
  void definesAClassFromItsNewestVersionedEntry() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(AgentClassLoader.VERSIONS_INDEX, text("9\n"));
    entries.put("inst/" + GREETER_PATH + ".classdata", text("not a class file"));
    entries.put("inst/META-INF/versions/9/" + GREETER_PATH + ".classdata", greeterBytes);
    AgentClassLoader versioned = new AgentClassLoader(writeJar("versioned.jar", entries));

    Class<?> greeter = versioned.loadClass("dev.vigil.agent.fixture.Greeter");

    assertThat(greeter.getMethod("greet").invoke(null)).isEqualTo("hello from vigil-agent");
  }

  /** The platform loader, recording every name it is asked for. */
  private static final class RecordingParent extends ClassLoader {
    final List<String> asked = new CopyOnWriteArrayList<>();

    RecordingParent() {
      super("recording", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void doesNotSeeTheApplicationClassPath() {
    assertThatThrownBy(() -> loader.loadClass("org.assertj.core.api.Assertions"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void stillSeesPlatformModules() throws Exception {
    assertThat(loader.loadClass("com.sun.net.httpserver.HttpServer")).isNotNull();
    assertThat(loader.loadClass("java.sql.Connection")).isNotNull();
  }

  @Test
  void servesClassBytesUnderTheClassFileNameForByteBuddy() throws IOException {
    URL resource = loader.getResource(GREETER_PATH + ".class");

    assertThat(resource).isNotNull();
    try (InputStream in = resource.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(greeterBytes);
    }
  }

  @Test
  void prefersTheNewestVersionedEntryThatFitsTheRunningJava() throws IOException {
    try (InputStream in = loader.getResourceAsStream("config/greeting.txt")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("for java 9+");
    }
  }

  @Test
  void takesTheVersionFoldersFromTheBuildsListWhenTheJarHasOne() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(AgentClassLoader.VERSIONS_INDEX, text("9\n"));
    entries.put("inst/config/greeting.txt", text("base"));
    entries.put("inst/META-INF/versions/9/config/greeting.txt", text("for java 9+"));
    // Present but not listed: the list is what the build promises, so the loader never walks the
    // jar's entries to find more.
    entries.put("inst/META-INF/versions/11/config/greeting.txt", text("for java 11+"));
    AgentClassLoader indexed = new AgentClassLoader(writeJar("indexed-agent.jar", entries));

    try (InputStream in = indexed.getResourceAsStream("config/greeting.txt")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("for java 9+");
    }
  }

  @Test
  void doesNotServeEntriesOutsideInst() {
    assertThat(loader.getResource("outside.txt")).isNull();
    assertThat(loader.getResource("inst/config/greeting.txt")).isNull();
  }

  private Path writeJar(Map<String, byte[]> entries) throws IOException {
    return writeJar("agent.jar", entries);
  }

  private Path writeJar(String name, Map<String, byte[]> entries) throws IOException {
    Path jar = directory.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
