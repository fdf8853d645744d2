package dev.vigil.agent.instrumentation.hikari;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.vigil.agent.bootstrap.JdbcBridge;
import dev.vigil.agent.instrumentation.NamedTypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Reports each {@code com.zaxxer.hikari.pool.HikariPool} once its constructor finished; the agent
 * then reads the pool's counts through its public {@code HikariPoolMXBean} methods on every scrape
 * (no JMX registration needed, so it works with {@code registerMbeans=false}, the default).
 */
final class HikariPoolInstrumentation extends NamedTypeInstrumentation {

  HikariPoolInstrumentation() {
    super("com.zaxxer.hikari.pool.HikariPool");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(Advice.to(ConstructorAdvice.class).on(isConstructor()));
  }

  /** Inlined into {@code HikariPool}: may call only JDK types and the bootstrap bridge. */
  static final class ConstructorAdvice {

    private ConstructorAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object pool) {
      JdbcBridge.hikariPoolStarted(pool);
    }
  }
}
