package dev.vigil.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.instrumentation.ClassFileFilter;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches implementations of a {@code java.sql} interface.
 *
 * <p>The class name must contain the interface's simple name ({@code PgPreparedStatement}, {@code
 * HikariProxyConnection}, {@code JdbcStatement}) before the type hierarchy is resolved: resolving
 * the hierarchy of every class the JVM loads is what makes agents slow to start. A driver whose
 * classes are named otherwise is not timed; we accept that for startup cost.
 */
final class JdbcMatchers {

  private JdbcMatchers() {}

  static ElementMatcher.Junction<TypeDescription> implementing(String simpleName) {
    // The name first: it needs no class file, isInterface and hasSuperType do.
    return nameContains(simpleName)
        .and(not(isInterface()))
        .and(hasSuperType(named("java.sql." + simpleName)));
  }

  /**
   * The pre-filter for {@link #implementing}: the same name test, and a class file that mentions
   * {@code java/sql/}. A class that implements any {@code java.sql} method names {@code java.sql}
   * types in its descriptors or {@code throws SQLException}; one that does not declares no method
   * our advice could apply to (advice only touches the methods a class declares).
   */
  static ClassFileFilter candidates(String simpleName) {
    return ClassFileFilter.nameContains(simpleName).referencing("java/sql/");
  }
}
