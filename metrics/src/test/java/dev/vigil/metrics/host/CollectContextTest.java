package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectContextTest {

  @TempDir Path dir;

  @Test
  void readsAFileLargerThanTheReadBufferWhole() throws IOException {
    String text = "x".repeat(5000) + "\nlast line ü\n";
    Path file = Files.writeString(dir.resolve("big"), text, StandardCharsets.UTF_8);
    CollectContext context =
        new CollectContext(HostPaths.under(dir), new OnceLogger(), new byte[16]);

    assertThat(context.read(file)).contains(text);
    assertThat(context.buffer().length).isGreaterThan(text.length());
  }

  @Test
  void reusesTheBufferItWasGivenForEveryFile() throws IOException {
    Path first = Files.writeString(dir.resolve("first"), "cpu 1 2 3\n");
    Path second = Files.writeString(dir.resolve("second"), "MemTotal: 7 kB\n");
    byte[] buffer = new byte[CollectContext.READ_BUFFER];
    CollectContext context = new CollectContext(HostPaths.under(dir), new OnceLogger(), buffer);

    assertThat(context.read(first)).contains("cpu 1 2 3\n");
    assertThat(context.read(second)).contains("MemTotal: 7 kB\n");
    assertThat(context.buffer()).isSameAs(buffer);
  }

  @Test
  void readsAProcSysFileThatAnswersOnlyTheFirstRead() {
    // /proc/sys files return EOF for any read at a non-zero offset: the first read must get it all.
    Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
    Assumptions.assumeTrue(
        Files.isReadable(somaxconn), "no /proc/sys/net/core/somaxconn here");
    CollectContext context = new CollectContext(HostPaths.defaults(), new OnceLogger());

    assertThat(context.read(somaxconn)).hasValueSatisfying(v -> assertThat(v).matches("\\d+\n"));
  }

  @Test
  void reportsAMissingFileAsEmpty() {
    CollectContext context = new CollectContext(HostPaths.under(dir), new OnceLogger());

    assertThat(context.read(dir.resolve("absent"))).isEmpty();
  }
}
