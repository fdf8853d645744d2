package dev.vigil.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.fixture.IdleApp;
import dev.vigil.agent.testing.SelfSignedKeyStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's endpoint in a real JVM behind basic authentication and TLS, set by variables. */
class EndpointSecurityIT {

  @TempDir Path directory;

  private ForkedJvm app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** The first response the endpoint gives once it listens; fails if the JVM dies first. */
  private HttpResponse<String> awaitResponse(HttpClient client, HttpRequest request)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(ForkedJvm.DEADLINE);
    IOException last = null;
    while (Instant.now().isBefore(deadline) && app.isAlive()) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.net.ConnectException notListeningYet) {
        last = notListeningYet;
      } catch (IOException e) {
        throw new AssertionError("request to the agent failed; " + app.describe(), e);
      }
      ForkedJvm.pause();
    }
    throw new AssertionError("the agent never answered (" + last + "); " + app.describe());
  }

  @Test
  void servesOnlyAuthenticatedScrapesOverTls() throws Exception {
    SelfSignedKeyStore keys = SelfSignedKeyStore.generate(directory, "PKCS12");
    int port = ItEnvironment.freePort();
    app =
        ForkedJvm.start(
            "tls-basic-auth",
            List.of(
                ForkedJvm.javaagent(),
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IdleApp.class.getName()),
            Map.of(
                "VIGIL_AGENT_HOST", "127.0.0.1",
                "VIGIL_AGENT_PORT", Integer.toString(port),
                "VIGIL_AGENT_AUTH_USERNAME", "prometheus",
                "VIGIL_AGENT_AUTH_PASSWORD", "s3cret",
                "VIGIL_AGENT_TLS_KEYSTORE", keys.keyStore().toString(),
                "VIGIL_AGENT_TLS_KEYSTORE_PASSWORD", SelfSignedKeyStore.PASSWORD));
    HttpClient trusting = HttpClient.newBuilder().sslContext(keys.clientContext()).build();
    URI metrics = URI.create("https://127.0.0.1:" + port + "/metrics");

    HttpResponse<String> anonymous =
        awaitResponse(trusting, HttpRequest.newBuilder(metrics).build());
    HttpResponse<String> authenticated =
        awaitResponse(
            trusting,
            HttpRequest.newBuilder(metrics)
                .header("Authorization", basic("prometheus:s3cret"))
                .build());
    HttpResponse<String> wrongPassword =
        awaitResponse(
            trusting,
            HttpRequest.newBuilder(metrics)
                .header("Authorization", basic("prometheus:guess"))
                .build());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(authenticated.statusCode()).isEqualTo(200);
    assertThat(authenticated.body()).contains("jvm_threads_live_threads{application=\"IdleApp\"}");
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    // A client without the certificate in its trust store cannot even connect.
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(app.agentLines()).isEmpty();
  }

  @Test
  void aUserNameWithoutPasswordKeepsTheEndpointClosedAndTheAppRunning() throws Exception {
    app =
        ForkedJvm.start(
            "auth-without-password",
            List.of(
                ForkedJvm.javaagent(),
                "-cp",
                ItEnvironment.fixtureClasses().toString(),
                IdleApp.class.getName()),
            Map.of("VIGIL_AGENT_AUTH_USERNAME", "prometheus"));

    app.awaitStdout("app started");
    app.send("work");
    app.awaitStdout("result");
    app.send("exit");

    assertThat(app.awaitExit()).isZero();
    assertThat(app.agentLines())
        .containsExactly(
            "[vigil-agent] failed to start: vigil.agent.auth.username is set (from environment"
                + " variable VIGIL_AGENT_AUTH_USERNAME) but vigil.agent.auth.password is not");
  }
}
