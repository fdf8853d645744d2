package dev.vigil.agent.instrumentation.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.LoggingBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import org.apache.logging.log4j.core.LogEvent;

/**
 * Hooks {@code org.apache.logging.log4j.core.config.LoggerConfig.log(LogEvent, predicate)}, which
 * every event that passed its logger's level check reaches, from synchronous loggers, from {@code
 * AsyncLogger}'s background thread and from the fluent API alike.
 *
 * <p>One event, one count: a config passes the event to its parent configs by calling the same
 * method again (only the outermost call on a thread counts), and an {@code <AsyncLogger>} config
 * calls it once on the app's thread and once more on its background thread with the predicate
 * {@code ASYNCHRONOUS_ONLY} (not counted). Micrometer's binder counts with a filter on the root
 * config instead; we cannot add one without changing the app's configuration, and unlike it we also
 * count events that a non-root config's own filter then drops. Known gap: an {@code <AsyncLogger>}
 * config with {@code additivity="false"} never calls this method with another predicate on the
 * app's thread, so its events are not counted.
 */
final class LoggerConfigInstrumentation extends NamedTypeInstrumentation {

  LoggerConfigInstrumentation() {
    super("org.apache.logging.log4j.core.config.LoggerConfig");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(LogAdvice.class)
            .on(
                named("log")
                    .and(takesArguments(2))
                    .and(takesArgument(0, named("org.apache.logging.log4j.core.LogEvent")))));
  }

  /**
   * Inlined into {@code LoggerConfig}: may call only log4j2, JDK and bootstrap types. Parameters
   * are {@code Object} because Byte Buddy reads advice signatures in the agent's class loader,
   * which has no log4j2; the casts in the body resolve in the app's.
   */
  static final class LogAdvice {

    private LogAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object event, @Advice.Argument(1) Object predicate) {
      if (LoggingBridge.log4j2Enter()
          && !"ASYNCHRONOUS_ONLY".equals(((Enum<?>) predicate).name())) {
        LoggingBridge.log4j2Event(((LogEvent) event).getLevel().getStandardLevel().name());
      }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
      LoggingBridge.log4j2Exit();
    }
  }
}
