package dev.vigil.metrics.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountStatterTest {

  @TempDir Path temp;

  /**
   * Stands in for statvfs on a dead NFS server: the first call blocks until released, later calls
   * answer at once. Only a blocked syscall can be simulated this way; everything else is real.
   */
  private static final class HangingOnce implements FsStatter {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public FsStats stat(Path mountPoint) throws IOException {
      if (calls.incrementAndGet() == 1) {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      return new FileStoreStatter().stat(mountPoint);
    }
  }

  @Test
  void reportsAHangingMountAsTimedOutAndDoesNotStatItAgainWhileItHangs() throws Exception {
    HangingOnce statter = new HangingOnce();
    try (MountStatter mounts = new MountStatter(statter, Duration.ofMillis(50))) {
      assertThat(mounts.stat("/nfs", temp).error()).isEqualTo("mountpoint timeout");
      assertThat(mounts.stat("/nfs", temp).error()).isEqualTo("mountpoint timeout");
      assertThat(statter.calls).hasValue(1);

      statter.release.countDown();
      MountStatter.Result recovered = waitForRecovery(mounts);

      assertThat(recovered.error()).isNull();
      assertThat(recovered.stats().size()).isPositive();
    }
  }

  @Test
  void reportsAMissingMountPointLikeGoDoes() {
    try (MountStatter mounts = new MountStatter(new FileStoreStatter(), Duration.ofSeconds(30))) {
      MountStatter.Result result = mounts.stat("/gone", temp.resolve("gone"));

      assertThat(result.error()).isEqualTo("no such file or directory");
      assertThat(result.stats()).isNull();
    }
  }

  @Test
  void keepsNoThreadOnceIdle() throws Exception {
    try (MountStatter mounts = new MountStatter(new FileStoreStatter(), Duration.ofSeconds(30))) {
      assertThat(mounts.stat("/", temp).error()).isNull();

      // The agent's thread budget: between scrapes the host binders own no thread. Polled, with
      // a bound far above the keep-alive, so a slow machine cannot fail it.
      for (int attempt = 0; attempt < 3000 && statfsThreads() > 0; attempt++) {
        Thread.sleep(10);
      }
      assertThat(statfsThreads()).isZero();
    }
  }

  private static long statfsThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("vigil-host-statfs-"))
        .count();
  }

  private static MountStatter.Result waitForRecovery(MountStatter mounts)
      throws InterruptedException {
    // The released call finishes on its own thread; poll until the statter sees it done.
    for (int attempt = 0; attempt < 1000; attempt++) {
      MountStatter.Result result = mounts.stat("/nfs", Path.of("/"));
      if (result.error() == null) {
        return result;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("mount never recovered");
  }
}
