package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed reads remembered across refreshes, through the real file reads of CollectContext. */
class UnreadablePathsTest {

  private static final Duration ABSENT = Duration.ofMinutes(5);
  private static final Duration ERROR = Duration.ofMinutes(1);

  @TempDir Path dir;

  private final AtomicLong now = new AtomicLong(1_000);
  private final UnreadablePaths unreadable = new UnreadablePaths(now::get, ABSENT, ERROR);

  /** A new context per refresh, sharing the negative cache as the binding does. */
  private CollectContext refresh() {
    return new CollectContext(
        HostPaths.under(dir), new OnceLogger(), new byte[CollectContext.READ_BUFFER], unreadable);
  }

  @Test
  void fileThatAppearsLaterIsReadAfterTheRecheckInterval() throws IOException {
    Path file = dir.resolve("scaling_cur_freq");
    assertThat(refresh().read(file)).isEmpty();

    Files.writeString(file, "2400000\n");
    now.addAndGet(ABSENT.toNanos());

    assertThat(refresh().readLine(file)).contains("2400000");
  }

  @Test
  void absentFileIsNotReopenedBeforeTheRecheckInterval() throws IOException {
    Path file = dir.resolve("schedstat");
    assertThat(refresh().read(file)).isEmpty();

    // Appearing within the interval is not seen yet: proof that the file was not opened again.
    Files.writeString(file, "version 15\n");
    now.addAndGet(ABSENT.toNanos() - 1);

    assertThat(refresh().read(file)).isEmpty();
    assertThat(unreadable.size()).isEqualTo(1);
  }

  @Test
  void fileThatExistsButFailsToReadIsRetriedSoonerThanAnAbsentOne() throws IOException {
    // Reading a directory fails with an IOException that is not NoSuchFileException, as EINVAL
    // from a sysfs attribute of a link that is down does.
    Path attribute = Files.createDirectory(dir.resolve("speed"));
    assertThat(refresh().read(attribute)).isEmpty();

    Files.delete(attribute);
    Files.writeString(attribute, "1000\n");
    now.addAndGet(ERROR.toNanos());

    assertThat(refresh().readLine(attribute)).contains("1000");
  }

  @Test
  void readableFileIsReadAfreshOnEveryRefresh() throws IOException {
    Path file = Files.writeString(dir.resolve("loadavg"), "0.10 0.20 0.30 1/100 7\n");
    assertThat(refresh().read(file)).contains("0.10 0.20 0.30 1/100 7\n");

    Files.writeString(file, "0.40 0.50 0.60 2/100 8\n");

    assertThat(refresh().read(file)).contains("0.40 0.50 0.60 2/100 8\n");
    assertThat(unreadable.size()).isZero();
  }

  @Test
  void fileThatDisappearsIsSkippedFromThenOn() throws IOException {
    Path file = Files.writeString(dir.resolve("hwmon_temp"), "42000\n");
    assertThat(refresh().read(file)).isPresent();

    Files.delete(file);
    assertThat(refresh().read(file)).isEmpty();
    Files.writeString(file, "43000\n");

    assertThat(refresh().read(file)).isEmpty();
  }

  @Test
  void absentDirectoryIsListedAgainOnlyAfterTheRecheckInterval() throws IOException {
    Path hwmon = dir.resolve("class/hwmon");
    assertThat(refresh().subdirectories(hwmon)).isEmpty();

    Files.createDirectories(hwmon.resolve("hwmon0"));
    assertThat(refresh().subdirectories(hwmon)).isEmpty();
    now.addAndGet(ABSENT.toNanos());

    assertThat(refresh().subdirectories(hwmon)).containsExactly("hwmon0");
  }

  @Test
  void recheckSurvivesTheNanoClockCrossingZero() throws IOException {
    // System.nanoTime may be negative or wrap: compare by difference, never by order.
    now.set(Long.MAX_VALUE - ERROR.toNanos() / 2);
    Path file = dir.resolve("absent");
    assertThat(refresh().read(file)).isEmpty();

    Files.writeString(file, "1\n");
    assertThat(refresh().read(file)).isEmpty();
    now.addAndGet(ABSENT.toNanos());

    assertThat(refresh().readLine(file)).contains("1");
  }
}
