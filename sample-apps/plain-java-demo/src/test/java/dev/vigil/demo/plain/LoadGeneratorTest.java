package dev.vigil.demo.plain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private static final Set<String> DEMO_PATHS =
      Set.of(
          "/api/primes",
          "/api/allocate",
          "/api/batch",
          "/api/proxy",
          "/api/slow",
          "/api/fail",
          "/api/order",
          "/health");

  @Test
  void callsEveryEndpointOfTheDemoOverHttp() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    HttpServer recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    recorder.createContext(
        "/",
        exchange -> {
          seen.add(exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    recorder.start();
    URI base = URI.create("http://127.0.0.1:" + recorder.getAddress().getPort());
    try (LoadGenerator ignored = LoadGenerator.start(base, Duration.ofMillis(10))) {
      // A bound on waiting, not a speed expectation.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!seen.containsAll(DEMO_PATHS) && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
    } finally {
      recorder.stop(0);
    }

    assertThat(seen).containsAll(DEMO_PATHS);
  }
}
