package dev.vigil.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.fixture.Greeter;
import dev.vigil.fixture.orders.Orders;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

class ClassFileFilterTest {

  private static final String TIMED = "Lio/micrometer/core/annotation/Timed;";

  @Test
  void namedAcceptsExactlyTheNamedClassesByInternalName() {
    ClassFileFilter filter =
        ClassFileFilter.named(
            "com.sun.net.httpserver.Filter$Chain", "java.util.concurrent.ForkJoinPool");

    assertThat(filter.acceptsName("com/sun/net/httpserver/Filter$Chain")).isTrue();
    assertThat(filter.acceptsName("java/util/concurrent/ForkJoinPool")).isTrue();
    assertThat(filter.acceptsName("com/sun/net/httpserver/Filter")).isFalse();
    assertThat(filter.acceptsName("java/util/concurrent/ForkJoinPool$WorkQueue")).isFalse();
    assertThat(filter.needsClassFile()).isFalse();
    assertThat(filter.exactNames())
        .containsExactlyInAnyOrder(
            "com/sun/net/httpserver/Filter$Chain", "java/util/concurrent/ForkJoinPool");
  }

  @Test
  void findsAnnotationTypeInTheClassFileOfAnAnnotatedClass() throws IOException {
    ClassFileFilter filter = ClassFileFilter.outsidePackages("java.").referencing(TIMED);

    assertThat(filter.needsClassFile()).isTrue();
    assertThat(filter.accepts(internalName(Orders.class), classFile(Orders.class))).isTrue();
  }

  @Test
  void rejectsClassFileThatDoesNotMentionTheReference() throws IOException {
    ClassFileFilter filter = ClassFileFilter.outsidePackages("java.").referencing(TIMED);

    // (Not this test class: its constant pool holds the TIMED string.)
    assertThat(filter.accepts(internalName(Greeter.class), classFile(Greeter.class))).isFalse();
  }

  @Test
  void rejectsExcludedPackagesByNameBeforeLookingAtTheClassFile() {
    ClassFileFilter filter = ClassFileFilter.outsidePackages("java.", "io.micrometer.");

    assertThat(filter.acceptsName("java/util/concurrent/ThreadPoolExecutor")).isFalse();
    assertThat(filter.acceptsName("io/micrometer/core/aop/TimedAspect")).isFalse();
    assertThat(filter.acceptsName("com/example/Orders")).isTrue();
  }

  @Test
  void nameFragmentAndReferenceMustBothHold() throws IOException {
    ClassFileFilter filter = ClassFileFilter.nameContains("Statement").referencing("java/sql/");
    byte[] h2Statement = classFile(org.h2.jdbc.JdbcStatement.class);

    assertThat(filter.accepts("org/h2/jdbc/JdbcStatement", h2Statement)).isTrue();
    // The right bytes under a name without the fragment, and a name with it over other bytes.
    assertThat(filter.accepts("org/h2/jdbc/JdbcThing", h2Statement)).isFalse();
    assertThat(filter.accepts("com/example/StatementPrinter", classFile(ThreadPoolExecutor.class)))
        .isFalse();
  }

  @Test
  void anyAcceptsEveryClassWithoutReadingIt() {
    assertThat(ClassFileFilter.ANY.accepts("java/lang/String", new byte[0])).isTrue();
    assertThat(ClassFileFilter.ANY.needsClassFile()).isFalse();
  }

  @Test
  void byteSearchFindsNeedleAtBothEndsOnly() {
    byte[] hay = "abcxyz".getBytes();

    assertThat(ClassFileFilter.contains(hay, "abc".getBytes())).isTrue();
    assertThat(ClassFileFilter.contains(hay, "xyz".getBytes())).isTrue();
    assertThat(ClassFileFilter.contains(hay, "yzz".getBytes())).isFalse();
    assertThat(ClassFileFilter.contains("ab".getBytes(), "abc".getBytes())).isFalse();
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + internalName(type) + ".class")) {
      return in.readAllBytes();
    }
  }
}
