package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.instrumentation.ClassFileFilter;
import dev.vigil.fixture.orders.Orders;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.agent.builder.AgentBuilder;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {

  private final CandidateFilter filter =
      new CandidateFilter(
          List.of(
              ClassFileFilter.named("java.util.concurrent.ThreadPoolExecutor"),
              ClassFileFilter.outsidePackages("java.")
                  .referencing("Lio/micrometer/core/annotation/Timed;")));

  @Test
  void acceptsAClassAnyFilterAccepts() {
    byte[] annotated = "Lio/micrometer/core/annotation/Timed;".getBytes();

    assertThat(filter.accepts("java/util/concurrent/ThreadPoolExecutor", new byte[0])).isTrue();
    assertThat(filter.accepts("com/example/Shop", annotated)).isTrue();
  }

  @Test
  void rejectsAClassNoFilterAccepts() {
    assertThat(filter.accepts("java/util/concurrent/ForkJoinPool", new byte[0])).isFalse();
    assertThat(filter.accepts("com/example/Shop", "no annotation".getBytes())).isFalse();
  }

  @Test
  void neverOffersTheAgentsOrByteBuddysOwnClasses() {
    CandidateFilter any = new CandidateFilter(List.of(ClassFileFilter.ANY));

    assertThat(any.accepts("net/bytebuddy/utility/Invoker$Dispatcher", new byte[0])).isFalse();
    assertThat(any.accepts("dev/vigil/agent/metrics/JdbcMetrics", new byte[0])).isFalse();
    assertThat(any.acceptsLoaded(AgentBuilder.class)).isFalse();
    assertThat(any.accepts("com/example/Shop", new byte[0])).isTrue();
  }

  @Test
  void decidesLoadedClassesFromTheirNameOrTheClassFileTheirLoaderHas() {
    assertThat(filter.acceptsLoaded(ThreadPoolExecutor.class)).isTrue();
    assertThat(filter.acceptsLoaded(Orders.class)).isTrue();
    assertThat(filter.acceptsLoaded(String.class)).isFalse();
    assertThat(filter.acceptsLoaded(Test.class)).isFalse();
  }
}
