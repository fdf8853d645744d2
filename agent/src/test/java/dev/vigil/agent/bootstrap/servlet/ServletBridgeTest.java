package dev.vigil.agent.bootstrap.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServletBridgeTest {

  @Test
  void timesTheInitialDispatchOfARequest() {
    long start = ServletBridge.enter(true);

    assertThat(start).isNotEqualTo(ServletBridge.NOT_TIMED);
    assertThat(ServletBridge.exit(start)).isTrue();
  }

  @Test
  void leavesLaterDispatchesOfTheSameRequestUntimed() {
    long start = ServletBridge.enter(false);

    assertThat(start).isEqualTo(ServletBridge.NOT_TIMED);
    assertThat(ServletBridge.exit(start)).isFalse();
  }

  @Test
  void treatsCallsNestedInTheInitialDispatchAsPartOfIt() {
    long outer = ServletBridge.enter(true);
    long forwarded = ServletBridge.enter(true);
    long errorPage = ServletBridge.enter(false);

    assertThat(ServletBridge.exit(errorPage)).isFalse();
    assertThat(ServletBridge.exit(forwarded)).isFalse();
    assertThat(ServletBridge.exit(outer)).isTrue();
    // The depth is back to zero: the next request is outermost again.
    long next = ServletBridge.enter(true);
    assertThat(ServletBridge.exit(next)).isTrue();
  }
}
