package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageFormatTest {

  @Test
  void fillsPlaceholdersInOrder() {
    assertThat(MessageFormat.format("{} of {} failed", new Object[] {"", 2, "gc"}))
        .isEqualTo("2 of gc failed");
  }

  @Test
  void leavesSurplusPlaceholdersAndIgnoresSurplusArguments() {
    assertThat(MessageFormat.format("a {} b {}", new Object[] {"", 1})).isEqualTo("a 1 b {}");
    assertThat(MessageFormat.format("plain", new Object[] {"", 1, 2})).isEqualTo("plain");
  }

  @Test
  void treatsAnUnconsumedLastThrowableAsTheCause() {
    IllegalStateException cause = new IllegalStateException("boom");

    assertThat(MessageFormat.trailingThrowable("meter {} failed", new Object[] {"", "x", cause}))
        .isSameAs(cause);
    assertThat(
            MessageFormat.trailingThrowable("meter {} failed: {}", new Object[] {"", "x", cause}))
        .isNull();
    assertThat(MessageFormat.trailingThrowable("no cause", new Object[] {""})).isNull();
  }
}
