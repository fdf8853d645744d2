package dev.vigil.demo.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo's request handling, over a real loopback socket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoServerTest {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private DemoServer server;

  @BeforeAll
  void start() throws Exception {
    server = DemoServer.start("127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void listensOnTheRequestedHostWithTheBoundPort() {
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.uri().getPort()).isPositive();
  }

  @Test
  void countsPrimesUpToTheLimit() throws Exception {
    HttpResponse<String> response = get("/api/primes?limit=1000");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.body()).isEqualTo("{\"limit\":1000,\"primes\":168}");
  }

  @Test
  void allocatesTheRequestedKilobytes() throws Exception {
    HttpResponse<String> response = get("/api/allocate?kb=16");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"bytes\":16384,\"crc32\":");
  }

  @Test
  void runsABatchOnTheWorkerPool() throws Exception {
    HttpResponse<String> response = get("/api/batch?tasks=4&limit=100");

    assertThat(response.body()).isEqualTo("{\"tasks\":4,\"limit\":100,\"primes\":100}");
  }

  @Test
  void callsItselfThroughTheHttpClient() throws Exception {
    HttpResponse<String> response = get("/api/proxy?limit=100");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"upstreamStatus\":200,\"upstream\":{\"limit\":100,\"primes\":25}}");
  }

  @Test
  void answersAnOrderPricedWithItsVolumeDiscountAndStock() throws Exception {
    // Order 7 (as seeded): 3 x product 8 at 3.96 = 11.88, 5 % off from 3 items = 11.29 (11.286
    // rounded); product 8 has 4 in stock. Every test views a different order, so views is 1.
    HttpResponse<String> response = get("/api/order?id=7");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"id\":7,\"product\":\"product 8\",\"quantity\":3,\"totalCents\":1129,"
                + "\"inStock\":true,\"views\":1}");
  }

  @Test
  void countsEachViewOfAnOrder() throws Exception {
    assertThat(get("/api/order?id=11").body()).endsWith("\"views\":1}");
    assertThat(get("/api/order?id=11").body()).endsWith("\"views\":2}");
  }

  @Test
  void reportsAnOrderThatTheStockCannotServe() throws Exception {
    // Order 12: 3 x product 13, which has none in stock.
    assertThat(get("/api/order?id=12").body()).contains("\"inStock\":false");
  }

  @Test
  void chargesFullPriceBelowTheDiscount() throws Exception {
    // Order 16: 2 x product 17 at 7.29.
    assertThat(get("/api/order?id=16").body()).contains("\"quantity\":2,\"totalCents\":1458,");
  }

  @Test
  void rejectsAnOrderRequestWithoutAnId() throws Exception {
    HttpResponse<String> response = get("/api/order");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("parameter 'id' is required: an integer from 1 to 1000");
  }

  @Test
  void answersTheStockOfAProductAnd404ForAnUnknownOne() throws Exception {
    assertThat(get("/api/stock?product=8").body()).isEqualTo("{\"product\":8,\"stock\":4}");

    HttpResponse<String> unknown = get("/api/stock?product=51");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no product 51");
  }

  @Test
  void servesMoreConcurrentOrdersThanItHasCoreThreads() throws Exception {
    // Each order holds a server thread while its /api/stock call needs another one: with a fixed
    // pool of 8 threads, 16 concurrent orders deadlocked.
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int id = 100; id < 116; id++) {
      responses.add(
          client.sendAsync(
              HttpRequest.newBuilder(server.uri().resolve("/api/order?id=" + id)).build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    for (CompletableFuture<HttpResponse<String>> response : responses) {
      // A bound on waiting (a deadlock fails instead of hanging), not a speed expectation.
      assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void sleepsNoLongerThanAllowed() throws Exception {
    HttpResponse<String> response = get("/api/slow?maxMillis=0");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"sleptMillis\":0}");
  }

  @Test
  void failsOrSucceedsAsTheRateSays() throws Exception {
    assertThat(get("/api/fail?rate=1").statusCode()).isEqualTo(500);
    assertThat(get("/api/fail?rate=1").body()).contains("simulated failure");
    assertThat(get("/api/fail?rate=0").statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsANonNumericParameterNamingIt() throws Exception {
    HttpResponse<String> response = get("/api/primes?limit=many");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"parameter 'limit' must be an integer from 0 to 5000000, was 'many'\"}");
  }

  @Test
  void rejectsAnOutOfRangeParameterNamingIt() throws Exception {
    HttpResponse<String> response = get("/api/allocate?kb=999999");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("parameter 'kb' must be an integer from 1 to 65536");
  }

  @Test
  void answersAnUnknownPathWith404() throws Exception {
    HttpResponse<String> response = get("/api/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no such path: /api/nothing-here");
  }

  @Test
  void answersAWrongMethodWith405AndTheAllowedOne() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(server.uri().resolve("/api/primes"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void listsItsEndpointsAtTheRoot() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"path\":\"/api/primes\"")
        .contains("\"path\":\"/api/proxy\"")
        .contains("\"path\":\"/api/order\"")
        .contains("\"path\":\"/health\"");
  }

  @Test
  void reportsItselfUp() throws Exception {
    assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = server.uri().resolve(path);
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
