package dev.vigil.metrics.host;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stats mount points with a timeout, as node_exporter does: statvfs on a dead NFS server blocks
 * forever, so a mount that does not answer in time is reported with {@code device_error="mountpoint
 * timeout"} and not stat'ed again until its stuck call returns.
 *
 * <p>Each stat runs on a daemon thread of a cached pool, so at most one thread per stuck mount is
 * parked and the scrape thread is never held longer than the timeout. Unlike {@link
 * Executors#newCachedThreadPool()} (60 s keep-alive, so under any scrape interval below a minute
 * a thread stays forever) idle threads exit after {@link #KEEP_ALIVE}: between scrapes the host
 * binders own no thread, which the agent's thread budget counts on. One scrape stats its mounts
 * one after the other, so it reuses one thread.
 */
final class MountStatter implements AutoCloseable {

  /** Either stats or the error text for the {@code device_error} label. */
  record Result(FsStats stats, String error) {}

  static final String TIMEOUT = "mountpoint timeout";

  /** Long enough to serve every mount of one scrape with one thread, far below scrape intervals. */
  static final Duration KEEP_ALIVE = Duration.ofMillis(200);

  private final FsStatter statter;
  private final Duration timeout;
  private final Map<String, Future<?>> stuck = new ConcurrentHashMap<>();
  private final ExecutorService pool =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          KEEP_ALIVE.toNanos(),
          TimeUnit.NANOSECONDS,
          new SynchronousQueue<>(),
          new DaemonThreads());

  MountStatter(FsStatter statter, Duration timeout) {
    this.statter = statter;
    this.timeout = timeout;
  }

  Result stat(String mountPoint, Path path) {
    Future<?> pending = stuck.get(mountPoint);
    if (pending != null) {
      if (!pending.isDone()) {
        return new Result(null, TIMEOUT);
      }
      stuck.remove(mountPoint); // it recovered: stat it afresh below
    }
    Future<FsStats> call = pool.submit(() -> statter.stat(path));
    try {
      return new Result(call.get(timeout.toNanos(), TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      stuck.put(mountPoint, call);
      return new Result(null, TIMEOUT);
    } catch (ExecutionException e) {
      return new Result(null, describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      return new Result(null, "interrupted");
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** Error texts as Go's syscall errors read, where Java names the same condition. */
  private static String describe(Throwable error) {
    if (error instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (error instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = error.getMessage();
    return message == null ? error.getClass().getSimpleName() : message;
  }

  /** Names the threads so a thread dump shows who is stuck on which mount. */
  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "vigil-host-statfs-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
