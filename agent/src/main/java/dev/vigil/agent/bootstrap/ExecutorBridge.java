package dev.vigil.agent.bootstrap;

/**
 * Where the advice in {@code ThreadPoolExecutor} and {@code ForkJoinPool} reports new worker
 * threads. Until the agent's registry is ready the reports are dropped.
 *
 * <p>Binding a pool's metrics runs agent code on the worker thread; should that code ever start a
 * pool worker itself, a per-thread guard stops the recursion here instead of deep in Micrometer.
 */
public final class ExecutorBridge {

  private static final ExecutorRecorder DROP = (pool, threadName) -> {};

  private static final ThreadLocal<boolean[]> inRecorder =
      ThreadLocal.withInitial(() -> new boolean[1]);

  private static volatile ExecutorRecorder recorder = DROP;

  private ExecutorBridge() {}

  /** Connects the agent's recorder; called once the registry exists. */
  public static void setRecorder(ExecutorRecorder newRecorder) {
    recorder = newRecorder == null ? DROP : newRecorder;
  }

  /** Called by advice on the worker thread of {@code pool} as the worker enters its task loop. */
  public static void workerStarted(Object pool) {
    ExecutorRecorder current = recorder;
    if (current == DROP) {
      return;
    }
    boolean[] busy = inRecorder.get();
    if (busy[0]) {
      return;
    }
    busy[0] = true;
    try {
      current.workerStarted(pool, Thread.currentThread().getName());
    } finally {
      busy[0] = false;
    }
  }
}
