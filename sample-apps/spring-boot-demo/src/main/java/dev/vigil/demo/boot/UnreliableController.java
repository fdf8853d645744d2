package dev.vigil.demo.boot;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that behave like a flaky dependency: {@code /api/slow} and {@code /api/fail}. */
@RestController
@RequestMapping("/api")
class UnreliableController {

  static final int MAX_DELAY_MILLIS = 5000;

  /** Sleeps a uniformly random time in [0, maxMillis], so the latency distribution has a spread. */
  @GetMapping("/slow")
  Map<String, Object> slow(@RequestParam(defaultValue = "300") int maxMillis)
      throws InterruptedException {
    if (maxMillis < 0 || maxMillis > MAX_DELAY_MILLIS) {
      throw new IllegalArgumentException(
          "maxMillis must be between 0 and " + MAX_DELAY_MILLIS + ", was " + maxMillis);
    }
    int slept = ThreadLocalRandom.current().nextInt(maxMillis + 1);
    Thread.sleep(slept);
    return Map.of("sleptMillis", slept);
  }

  /** Fails with a 500 with the given probability, otherwise answers 200. */
  @GetMapping("/fail")
  Map<String, Object> fail(@RequestParam(defaultValue = "0.3") double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
    }
    if (ThreadLocalRandom.current().nextDouble() < rate) {
      throw new SimulatedFailureException("simulated failure (rate " + rate + ")");
    }
    return Map.of("ok", true);
  }
}
