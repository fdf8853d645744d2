package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.server.config.Config;
import dev.vigil.server.config.ConfigLoader;
import dev.vigil.server.config.ScrapeConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes through {@link HttpScraper} of a real loopback server that demands credentials: the
 * config's basic_auth, authorization and http_headers reach it, secret files are read at every
 * scrape, and no secret ever shows in an error.
 */
class ScrapeAuthTest {

  private static final String BODY = "up_here 1\n";

  @TempDir Path dir;

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final HttpScraper scraper = new HttpScraper(workers, "test");
  private final HttpServer server;

  /** What the server demands as the Authorization header; null accepts any request. */
  private volatile String wanted;

  private volatile String lastTenant;

  /** Another origin (another port) that records any Authorization it is sent. */
  private final HttpServer elsewhere;

  private final List<String> authorizationsElsewhere = new CopyOnWriteArrayList<>();

  ScrapeAuthTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", this::answer);
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().set("Location", "/metrics");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elsewhere.createContext(
        "/",
        exchange -> {
          authorizationsElsewhere.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          answer(exchange);
        });
    elsewhere.start();
    String away = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/metrics";
    redirect("/away", away);
    redirect("/hop", "/away"); // same origin first, then elsewhere
    server.start();
  }

  private void redirect(String from, String to) {
    server.createContext(
        from,
        exchange -> {
          exchange.getResponseHeaders().set("Location", to);
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
  }

  private void answer(HttpExchange exchange) throws IOException {
    lastTenant = exchange.getRequestHeaders().getFirst("X-Tenant");
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    if (wanted != null && !wanted.equals(auth)) {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
    elsewhere.stop(0);
    workers.shutdownNow();
  }

  /** The job of a config written to {@code dir}, so relative file names resolve there. */
  private ScrapeConfig job(String settings) throws Exception {
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, "scrape_configs:\n  - job_name: app\n" + settings.indent(4));
    Config config = new ConfigLoader(n -> null).loadFile(file);
    return config.scrapeConfig("app");
  }

  private HttpScraper.Request prepare(ScrapeConfig job, String path) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    return scraper.prepare(url, Duration.ofSeconds(10), job.http(), job.bodySizeLimit());
  }

  private String scrape(HttpScraper.Request r) throws Exception {
    return new String(scraper.fetch(r).get(30, TimeUnit.SECONDS).bytes(), StandardCharsets.UTF_8);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withoutCredentialsAProtectedTargetAnswers401() throws Exception {
    wanted = basic("vigil", "s3cret");
    HttpScraper.Request r = prepare(job(""), "/metrics");

    assertThatThrownBy(() -> scrape(r))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .hasMessage("server returned HTTP status 401");
    HttpScraper.release(r);
  }

  @Test
  void sendsBasicAuthFromTheConfig() throws Exception {
    wanted = basic("vigil", "s3cret");
    HttpScraper.Request r =
        prepare(job("basic_auth:\n  username: vigil\n  password: s3cret\n"), "/metrics");

    assertThat(scrape(r)).isEqualTo(BODY);
    HttpScraper.release(r);
  }

  @Test
  void readsThePasswordFileAtEveryScrapeSoARotatedSecretIsUsedAtTheNext() throws Exception {
    Files.writeString(dir.resolve("password"), "first\n");
    wanted = basic("vigil", "first");
    HttpScraper.Request r =
        prepare(job("basic_auth:\n  username: vigil\n  password_file: password\n"), "/metrics");
    assertThat(scrape(r)).isEqualTo(BODY);

    Files.writeString(dir.resolve("password"), "second\n");
    wanted = basic("vigil", "second");

    assertThat(scrape(r)).as("same prepared request, new file content").isEqualTo(BODY);
    HttpScraper.release(r);
  }

  @Test
  void sendsABearerTokenFromACredentialsFile() throws Exception {
    Files.writeString(dir.resolve("token"), "  abc.def.ghi\n");
    wanted = "Bearer abc.def.ghi";
    HttpScraper.Request r = prepare(job("authorization:\n  credentials_file: token\n"), "/metrics");

    assertThat(scrape(r)).isEqualTo(BODY);
    HttpScraper.release(r);
  }

  @Test
  void sendsACustomAuthorizationTypeAndTheDeprecatedBearerToken() throws Exception {
    wanted = "Token xyz";
    HttpScraper.Request custom =
        prepare(job("authorization:\n  type: Token\n  credentials: xyz\n"), "/metrics");
    assertThat(scrape(custom)).isEqualTo(BODY);
    HttpScraper.release(custom);

    wanted = "Bearer legacy";
    HttpScraper.Request legacy = prepare(job("bearer_token: legacy\n"), "/metrics");

    assertThat(scrape(legacy)).isEqualTo(BODY);
    HttpScraper.release(legacy);
  }

  @Test
  void aMissingCredentialsFileFailsTheScrapeNamingTheFileNotTheSecret() throws Exception {
    wanted = "Bearer whatever";
    HttpScraper.Request r =
        prepare(job("authorization:\n  credentials_file: no-such-token\n"), "/metrics");

    assertThatThrownBy(() -> scrape(r))
        .cause()
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("unable to read authorization credentials file")
        .hasMessageContaining(dir.resolve("no-such-token").toString());
    HttpScraper.release(r);
  }

  @Test
  void refusesToSendACredentialWithALineBreakAndDoesNotPrintIt() throws Exception {
    Files.writeString(dir.resolve("token"), "abc\nX-Injected: yes");
    HttpScraper.Request r = prepare(job("authorization:\n  credentials_file: token\n"), "/metrics");

    assertThatThrownBy(() -> scrape(r))
        .cause()
        .hasMessageContaining("authorization credentials contain")
        .hasMessageNotContaining("abc")
        .hasMessageNotContaining("Injected");
    HttpScraper.release(r);
  }

  @Test
  void sendsHttpHeadersFromValuesAndFiles() throws Exception {
    Files.writeString(dir.resolve("tenant"), "team-a\n");
    HttpScraper.Request r =
        prepare(job("http_headers:\n  X-Tenant:\n    files: [tenant]\n"), "/metrics");

    assertThat(scrape(r)).isEqualTo(BODY);
    assertThat(lastTenant).isEqualTo("team-a");
    HttpScraper.release(r);
  }

  @Test
  void followsARedirectOnTheSameHostWithTheCredentials() throws Exception {
    wanted = "Bearer t";
    HttpScraper.Request r = prepare(job("authorization:\n  credentials: t\n"), "/moved");

    assertThat(scrape(r)).isEqualTo(BODY);
    HttpScraper.release(r);
  }

  @Test
  void credentialsNeverFollowARedirectToAnotherOriginEvenAfterASameOriginHop() throws Exception {
    ScrapeConfig job = job("authorization:\n  credentials: t\n");
    HttpScraper.Request direct = prepare(job, "/away");
    HttpScraper.Request chained = prepare(job, "/hop");

    assertThatThrownBy(() -> scrape(direct)).cause().hasMessage("server returned HTTP status 302");
    assertThatThrownBy(() -> scrape(chained)).cause().hasMessage("server returned HTTP status 302");
    assertThat(authorizationsElsewhere).isEmpty();
    HttpScraper.release(direct);
    HttpScraper.release(chained);
  }

  @Test
  void withoutCredentialsRedirectsToAnotherOriginAreFollowed() throws Exception {
    HttpScraper.Request r = prepare(job(""), "/hop");

    assertThat(scrape(r)).isEqualTo(BODY);
    assertThat(authorizationsElsewhere).containsExactly("null");
    HttpScraper.release(r);
  }

  @Test
  void withFollowRedirectsOffARedirectIsTheScrapesError() throws Exception {
    HttpScraper.Request r = prepare(job("follow_redirects: false\n"), "/moved");

    assertThatThrownBy(() -> scrape(r)).cause().hasMessage("server returned HTTP status 302");
    HttpScraper.release(r);
  }

  @Test
  void theJdkClientPathSendsTheCredentialsToo() throws Exception {
    // A URL with user info is one the lean client does not send: the JDK client takes it.
    wanted = "Bearer jdk";
    ScrapeConfig job = job("authorization:\n  credentials: jdk\n");
    URI url = URI.create("http://x@127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    HttpScraper.Request r =
        scraper.prepare(url, Duration.ofSeconds(10), job.http(), job.bodySizeLimit());
    assertThat(r.lean()).isNull();

    assertThat(scrape(r)).isEqualTo(BODY);
  }

  @Test
  void listsTheHeadersItAddsInConfigOrder() throws Exception {
    ScrapeConfig job =
        job(
            "authorization:\n  credentials: t\nhttp_headers:\n  X-A:\n    values: [1, 2]\n"
                + "    secrets: [s]\n");

    assertThat(new RequestHeaders(job.http()).lines())
        .containsExactly("Authorization: Bearer t", "X-A: 1", "X-A: 2", "X-A: s");
  }
}
