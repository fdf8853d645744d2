package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import org.junit.jupiter.api.Test;

class NexusFreeAgentBuilderTest {

  /** Fresh objects per builder, compared by class below; the ignore matcher is replaced anyway. */
  private static final Set<String> PER_INSTANCE = Set.of("byteBuddy", "circularityLock");

  @Test
  void buildsDefaultAgentBuilderWithoutInitializationStrategy() throws Exception {
    AgentBuilder builder = NexusFreeAgentBuilder.create();

    assertThat(builder).isExactlyInstanceOf(AgentBuilder.Default.class);
    assertThat(field(builder, "initializationStrategy"))
        .isSameAs(AgentBuilder.InitializationStrategy.NoOp.INSTANCE);
  }

  @Test
  void keepsByteBuddysOtherDefaults() throws Exception {
    AgentBuilder ours = NexusFreeAgentBuilder.create();
    AgentBuilder byteBuddys = new AgentBuilder.Default();

    int compared = 0;
    for (Field field : AgentBuilder.Default.class.getDeclaredFields()) {
      String name = field.getName();
      if (Modifier.isStatic(field.getModifiers())
          || name.equals("initializationStrategy")
          || name.equals("ignoreMatcher")) {
        continue;
      }
      Object expected = field(byteBuddys, name);
      Object actual = field(ours, name);
      if (PER_INSTANCE.contains(name)) {
        assertThat(actual.getClass()).as(name).isEqualTo(expected.getClass());
      } else {
        assertThat(actual).as(name).isEqualTo(expected);
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(15);
  }

  private static Object field(Object target, String name) throws Exception {
    Field field = AgentBuilder.Default.class.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }
}
