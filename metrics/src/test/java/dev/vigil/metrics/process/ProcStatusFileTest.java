package dev.vigil.metrics.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatusFileTest {

  @TempDir Path dir;

  @Test
  void readsKilobyteFieldsAsBytesWith1024BytesPerKilobyte() {
    Map<String, Double> values =
        ProcStatusFile.parse(List.of("VmRSS:\t  298004 kB", "VmSwap:\t0 kB"));

    assertThat(values).containsOnly(entry("VmRSS", 298004.0 * 1024), entry("VmSwap", 0.0));
  }

  @Test
  void readsPlainCountsAsIs() {
    assertThat(ProcStatusFile.parse(List.of("Threads:\t31"))).containsOnly(entry("Threads", 31.0));
  }

  @Test
  void skipsFieldsThatAreNotASingleNumber() {
    Map<String, Double> values =
        ProcStatusFile.parse(
            List.of(
                "Name:\tjava",
                "State:\tS (sleeping)",
                "Uid:\t1000\t1000\t1000\t1000",
                "Groups:\t ",
                "SigQ:\t0/96365",
                "CapPrm:\t000001fffeffffff",
                "Cpus_allowed_list:\t0-1",
                "no colon at all",
                ":\t12"));

    assertThat(values).isEmpty();
  }

  @Test
  void skipsADigitsOnlyFieldTooLargeForALong() {
    assertThat(ProcStatusFile.parse(List.of("Huge:\t99999999999999999999", "Threads:\t3")))
        .containsOnly(entry("Threads", 3.0));
  }

  @Test
  void readsEveryNumericFieldOfARealisticFile() throws Exception {
    ProcStatusFile file = new ProcStatusFile(sample(), Duration.ofSeconds(1), () -> 0L);

    assertThat(file.readNow())
        .contains(
            entry("VmSize", 4701236.0 * 1024),
            entry("VmRSS", 298004.0 * 1024),
            entry("VmSwap", 1536.0 * 1024),
            entry("Threads", 31.0))
        .doesNotContainKeys("Name", "State", "Uid", "CapPrm");
  }

  @Test
  void reportsAMissingFileAsNoFields() {
    ProcStatusFile file =
        new ProcStatusFile(dir.resolve("absent"), Duration.ofSeconds(1), () -> 0L);

    assertThat(file.readNow()).isEmpty();
    assertThat(file.value("VmRSS")).isNaN();
  }

  @Test
  void failsReadNowWithThePathWhenTheFileCannotBeRead() {
    // A directory exists but cannot be read as lines: the error must name it.
    ProcStatusFile file = new ProcStatusFile(dir, Duration.ofSeconds(1), () -> 0L);

    assertThatThrownBy(file::readNow)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void servesOneReadToAllFieldsUntilTheMaximumAgeHasPassed() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "VmRSS:\t100 kB\nThreads:\t3\n");
    AtomicLong now = new AtomicLong(0);
    ProcStatusFile file = new ProcStatusFile(status, Duration.ofNanos(1000), now::get);

    assertThat(file.value("VmRSS")).isEqualTo(100.0 * 1024);
    Files.writeString(status, "VmRSS:\t200 kB\nThreads:\t4\n");
    now.set(999);
    assertThat(file.value("Threads")).as("still the first read").isEqualTo(3.0);
    now.set(1000);
    assertThat(file.value("VmRSS"))
        .as("re-read once the maximum age is reached")
        .isEqualTo(200.0 * 1024);
    assertThat(file.value("Threads")).isEqualTo(4.0);
  }

  @Test
  void reportsNaNInsteadOfFailingWhenTheFileDisappears() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Threads:\t3\n");
    AtomicLong now = new AtomicLong(0);
    ProcStatusFile file = new ProcStatusFile(status, Duration.ofNanos(1), now::get);
    assertThat(file.value("Threads")).isEqualTo(3.0);

    Files.delete(status);
    now.set(10);

    assertThat(file.value("Threads")).isNaN();
  }

  private static Path sample() throws IOException {
    try {
      return Path.of(ProcStatusFileTest.class.getResource("/proc-status-sample.txt").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
