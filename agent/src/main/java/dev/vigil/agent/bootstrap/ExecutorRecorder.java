package dev.vigil.agent.bootstrap;

/**
 * Receives the thread pools that executor advice observes; the agent implements it by binding
 * Micrometer's executor metrics. It lives on the bootstrap loader, so it takes JDK types only.
 */
public interface ExecutorRecorder {

  /**
   * Called on a pool's new worker thread, before it runs its first task.
   *
   * @param pool the {@code ThreadPoolExecutor} or {@code ForkJoinPool} that started the worker
   * @param threadName the worker's name, from which the pool's {@code name} tag is derived
   */
  void workerStarted(Object pool, String threadName);
}
