package dev.vigil.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.ExecutorBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Hooks {@code runWorker}, the loop each worker thread of a {@code ThreadPoolExecutor} or {@code
 * ForkJoinPool} enters once when it starts.
 *
 * <p>Why the worker loop and not the constructor or {@code execute}: it runs once per thread, not
 * per task, so busy pools pay nothing; it sees subclasses (the method is final) and pools built by
 * any factory; and it runs on the worker, whose name is the best {@code name} tag we can get. The
 * price: a pool whose workers all started before the agent installed is not seen until it starts
 * another worker.
 */
final class WorkerLoopInstrumentation extends NamedTypeInstrumentation {

  WorkerLoopInstrumentation() {
    super("java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(RunWorkerAdvice.class).on(named("runWorker").and(takesArguments(1))));
  }

  /** Inlined into the JDK pool classes: may call only JDK types and the bootstrap bridge. */
  static final class RunWorkerAdvice {

    private RunWorkerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool) {
      ExecutorBridge.workerStarted(pool);
    }
  }
}
