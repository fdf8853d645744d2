package dev.vigil.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.bootstrap.JdbcBridge;
import dev.vigil.agent.instrumentation.ClassFileFilter;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times the {@code execute*} methods of {@code java.sql.Statement} implementations: those taking
 * the SQL as first argument, and the no-argument ones of prepared statements and batches.
 */
final class StatementInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcMatchers.implementing("Statement");
  }

  @Override
  public ClassFileFilter classFileFilter() {
    return JdbcMatchers.candidates("Statement");
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
    ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> execute =
        nameStartsWith("execute").and(isPublic()).and(not(isAbstract()));
    return builder
        .visit(
            Advice.to(ExecuteSqlAdvice.class)
                .on(execute.and(takesArgument(0, String.class))))
        .visit(Advice.to(ExecutePreparedAdvice.class).on(execute.and(takesArguments(0))));
  }

  /** Inlined into driver statements: may call only JDK types and the bootstrap bridge. */
  static final class ExecuteSqlAdvice {

    private ExecuteSqlAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.This Object statement,
        @Advice.Argument(0) String sql,
        @Advice.Origin("#m") String method,
        @Advice.Thrown Throwable thrown) {
      JdbcBridge.exit(start, statement, sql, method, thrown);
    }
  }

  /** Inlined into driver statements: may call only JDK types and the bootstrap bridge. */
  static final class ExecutePreparedAdvice {

    private ExecutePreparedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter long start,
        @Advice.This Object statement,
        @Advice.Origin("#m") String method,
        @Advice.Thrown Throwable thrown) {
      JdbcBridge.exit(start, statement, null, method, thrown);
    }
  }
}
