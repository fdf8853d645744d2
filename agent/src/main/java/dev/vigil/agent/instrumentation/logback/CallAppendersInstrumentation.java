package dev.vigil.agent.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.vigil.agent.bootstrap.LoggingBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Hooks {@code ch.qos.logback.classic.Logger.callAppenders}, which every event that passed the
 * level check and turbo filters reaches exactly once, whichever SLF4J API (classic or fluent) made
 * it. Micrometer's {@code LogbackMetrics} counts at the same stage with a turbo filter; we cannot
 * add one without touching the application's logging configuration.
 *
 * <p>The advice is compiled against Logback's API (a provided dependency) but is inlined into
 * Logback's own class, so it resolves there. Its signature takes {@code Object}: Byte Buddy reads
 * advice signatures by reflection in the agent's class loader, which has no Logback; a cast in the
 * body is resolved only where the code runs.
 */
final class CallAppendersInstrumentation extends NamedTypeInstrumentation {

  CallAppendersInstrumentation() {
    super("ch.qos.logback.classic.Logger");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(CallAppendersAdvice.class).on(named("callAppenders").and(takesArguments(1))));
  }

  /** Inlined into Logback's {@code Logger}: may call only its own types and the bridge. */
  static final class CallAppendersAdvice {

    private CallAppendersAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object event) {
      LoggingBridge.logbackEvent(((ILoggingEvent) event).getLevel().toString());
    }
  }
}
