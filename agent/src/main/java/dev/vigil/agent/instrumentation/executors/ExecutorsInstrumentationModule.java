package dev.vigil.agent.instrumentation.executors;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * Thread pool metrics ({@code executor_*}, Micrometer's {@code ExecutorServiceMetrics} names) for
 * every {@code ThreadPoolExecutor} and {@code ForkJoinPool} of the application, which the
 * OpenTelemetry agent does not offer.
 */
public final class ExecutorsInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "executors";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new WorkerLoopInstrumentation());
  }
}
