package dev.vigil.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingBridgeTest {

  @Test
  void treatsOnlyTheOutermostLog4j2ConfigCallAsTheEvent() {
    boolean root = LoggingBridge.log4j2Enter();
    boolean parent = LoggingBridge.log4j2Enter();
    LoggingBridge.log4j2Exit();
    LoggingBridge.log4j2Exit();

    assertThat(root).isTrue();
    assertThat(parent).isFalse();
  }

  @Test
  void treatsTheNextEventOnTheSameThreadAfresh() {
    LoggingBridge.log4j2Enter();
    LoggingBridge.log4j2Exit();

    assertThat(LoggingBridge.log4j2Enter()).isTrue();
    LoggingBridge.log4j2Exit();
  }

  @Test
  void tracksEachThreadOnItsOwn() throws InterruptedException {
    LoggingBridge.log4j2Enter();
    boolean[] otherThread = new boolean[1];
    Thread thread =
        new Thread(
            () -> {
              otherThread[0] = LoggingBridge.log4j2Enter();
              LoggingBridge.log4j2Exit();
            });
    thread.start();
    thread.join();
    LoggingBridge.log4j2Exit();

    // An AsyncLogger's background thread logs events while the app's thread is inside its own.
    assertThat(otherThread[0]).isTrue();
  }
}
