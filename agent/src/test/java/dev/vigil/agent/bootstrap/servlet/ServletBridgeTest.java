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

  @Test
  void leavesARequestWhoseFilterChainRanToTheChainsTiming() {
    long container = ServletBridge.containerEnter(true);
    long chain = ServletBridge.enter(true);
    long servlet = ServletBridge.enter(true);

    assertThat(ServletBridge.exit(servlet)).isFalse();
    assertThat(ServletBridge.exit(chain)).isTrue();
    assertThat(ServletBridge.containerExit(container)).isFalse();
  }

  @Test
  void recordsARequestTheContainerAnsweredWithoutAnyChain() {
    long container = ServletBridge.containerEnter(true);

    assertThat(container).isNotEqualTo(ServletBridge.NOT_TIMED);
    assertThat(ServletBridge.containerExit(container)).isTrue();
  }

  @Test
  void leavesAnAsyncDispatchThroughTheContainerUncounted() {
    long container = ServletBridge.containerEnter(false);
    long chain = ServletBridge.enter(false);

    assertThat(ServletBridge.exit(chain)).isFalse();
    assertThat(ServletBridge.containerExit(container)).isFalse();
  }

  @Test
  void forgetsAnEarlierRequestsChainWhenTheNextRequestStarts() {
    long first = ServletBridge.containerEnter(true);
    ServletBridge.exit(ServletBridge.enter(true));
    assertThat(ServletBridge.containerExit(first)).isFalse();

    long second = ServletBridge.containerEnter(true);

    assertThat(ServletBridge.containerExit(second)).isTrue();
  }
}
