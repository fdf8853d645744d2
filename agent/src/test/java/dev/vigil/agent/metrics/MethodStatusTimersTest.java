package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MethodStatusTimersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MethodStatusTimers timers = new MethodStatusTimers();

  private Timer timer(String name) {
    return registry.timer(name);
  }

  @Test
  void findsATimerByMethodAndStatusOnly() {
    timers.add("GET", 200, timer("get200"));
    timers.add("POST", 200, timer("post200"));
    timers.add("GET", 404, timer("get404"));

    assertThat(timers.find(new String("GET"), 200)).isSameAs(timer("get200"));
    assertThat(timers.find("POST", 200)).isSameAs(timer("post200"));
    assertThat(timers.find("GET", 404)).isSameAs(timer("get404"));
    assertThat(timers.find("POST", 404)).isNull();
  }

  @Test
  void keepsTheFirstTimerOfAPair() {
    timers.add("GET", 200, timer("first"));
    timers.add("GET", 200, timer("second"));

    assertThat(timers.find("GET", 200)).isSameAs(timer("first"));
    assertThat(timers.size()).isEqualTo(1);
  }

  @Test
  void stopsGrowingAtItsCap() {
    for (int status = 100; status < 100 + MethodStatusTimers.MAX_ENTRIES + 5; status++) {
      timers.add("GET", status, timer("t" + status));
    }

    assertThat(timers.size()).isEqualTo(MethodStatusTimers.MAX_ENTRIES);
    assertThat(timers.find("GET", 100 + MethodStatusTimers.MAX_ENTRIES)).isNull();
  }
}
