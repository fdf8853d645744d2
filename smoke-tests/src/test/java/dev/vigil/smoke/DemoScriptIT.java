package dev.vigil.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo command works: it starts everything, sees every target up and prints the URLs. */
class DemoScriptIT {

  @TempDir Path work;

  @Test
  void demoScriptStartsEverythingAndPrintsTheUrls() throws Exception {
    int vigil = Repo.freePort();
    int boot = Repo.freePort();
    int plain = Repo.freePort();
    int agent = Repo.freePort();
    Path out = work.resolve("demo.out");
    ProcessBuilder pb =
        new ProcessBuilder("bash", Repo.root().resolve("demo.sh").toString(), "--check", "--no-build")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "VIGIL_PORT", String.valueOf(vigil),
                "BOOT_PORT", String.valueOf(boot),
                "PLAIN_PORT", String.valueOf(plain),
                "AGENT_PORT", String.valueOf(agent),
                "DEMO_DIR", work.resolve("demo").toString(),
                "PATH", Repo.javaExecutable().getParent() + ":" + System.getenv("PATH")));
    Process p = pb.start();
    boolean finished = p.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(finished).as("demo.sh finished within 180 s; output:%n%s", output).isTrue();
    assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(output)
        .contains("all 3 targets are up")
        .contains("http://localhost:" + vigil + "/api/v1/query?query=up")
        .contains("http://localhost:" + boot + "/actuator/prometheus")
        .contains("http://localhost:" + agent + "/metrics");
  }
}
