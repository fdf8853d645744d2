package dev.vigil.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerBridgeTest {

  private final List<String> recorded = new ArrayList<>();

  @BeforeEach
  void connectRecorder() {
    HttpServerBridge.setRecorder(
        (method, route, status, error, nanos) ->
            recorded.add(method + " " + route + " " + status + " " + (nanos >= 0)));
  }

  @AfterEach
  void disconnectRecorder() {
    HttpServerBridge.setRecorder(null);
  }

  @Test
  void measuresOnlyTheOutermostOfNestedCalls() {
    long outer = HttpServerBridge.enter();
    long inner = HttpServerBridge.enter();

    assertThat(outer).isNotNegative();
    assertThat(inner).isEqualTo(HttpServerBridge.NESTED);
    assertThat(HttpServerBridge.exit(inner)).isFalse();
    assertThat(HttpServerBridge.exit(outer)).isTrue();
  }

  @Test
  void measuresTheNextRequestOnTheSameThreadAfresh() {
    HttpServerBridge.exit(HttpServerBridge.enter());

    long next = HttpServerBridge.enter();
    HttpServerBridge.exit(next);

    assertThat(next).isNotNegative();
  }

  @Test
  void forwardsRecordsToTheConnectedRecorder() {
    long start = HttpServerBridge.enter();
    HttpServerBridge.exit(start);

    HttpServerBridge.record(start, new Object(), "GET", "/orders", 200, null);

    assertThat(recorded).containsExactly("GET /orders 200 true");
  }

  @Test
  void dropsRecordsWhileNoRecorderIsConnected() {
    HttpServerBridge.setRecorder(null);

    HttpServerBridge.record(System.nanoTime(), new Object(), "GET", "/orders", 200, null);

    assertThat(recorded).isEmpty();
  }
}
