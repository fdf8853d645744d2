package dev.vigil.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged {@code vigil-server.jar} that process-level tests ({@code *IT}) start, and the free
 * loopback ports they give it.
 */
public final class ServerJar {

  private ServerJar() {}

  /** The jar failsafe tests run against ({@code -Dvigil.server.jar}, else the module's target). */
  public static Path path() {
    Path jar = Path.of(System.getProperty("vigil.server.jar", "target/vigil-server.jar"));
    assertThat(jar).as("the packaged server jar").exists();
    return jar;
  }

  /** {@code java <jvmOptions> -jar vigil-server.jar}, with this JVM's java; append server args. */
  public static List<String> command(String... jvmOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmOptions));
    cmd.add("-jar");
    cmd.add(path().toString());
    return cmd;
  }

  /** A loopback port free right now (the server binds it a moment later). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
