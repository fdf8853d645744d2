package dev.vigil.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.vigil.agent.bootstrap.JdbcBridge;
import dev.vigil.agent.instrumentation.ClassFileFilter;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Remembers the SQL of statements returned by {@code Connection.prepareStatement} and {@code
 * prepareCall}, so their argument-less execute calls can be tagged with the SQL operation; only of
 * the outermost call on a thread (a pool's proxy connection calling the driver's is one prepare).
 */
final class ConnectionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcMatchers.implementing("Connection");
  }

  @Override
  public ClassFileFilter classFileFilter() {
    return JdbcMatchers.candidates("Connection");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    return builder.visit(
        Advice.to(PrepareAdvice.class)
            .on(
                named("prepareStatement")
                    .or(named("prepareCall"))
                    .and(isPublic())
                    .and(not(isAbstract()))
                    .and(takesArgument(0, String.class))));
  }

  /** Inlined into driver connections: may call only JDK types and the bootstrap bridge. */
  static final class PrepareAdvice {

    private PrepareAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter() {
      return JdbcBridge.enterPrepare();
    }

    // onThrowable: the depth counter must come down however the call ends.
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter boolean outermost,
        @Advice.Argument(0) String sql,
        @Advice.Return Object statement) {
      JdbcBridge.prepared(outermost, statement, sql);
    }
  }
}
