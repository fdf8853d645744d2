package dev.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP client keys of a scrape config as the loader reads them. */
class HttpClientConfigTest {

  private final ConfigLoader loader = new ConfigLoader(name -> null);

  private Config loadGood() throws Exception {
    Path p = ConfigFixtures.dir().resolve("http-client.good.yml");
    return loader.parse(Files.readString(p), p.toString());
  }

  @Test
  void readsBasicAuthTlsProxyRedirectsAndHeaders() throws Exception {
    Path dir = ConfigFixtures.dir();
    HttpClientConfig http = loadGood().scrapeConfig("basic").http();

    assertThat(http.basicAuth())
        .isEqualTo(
            new HttpClientConfig.BasicAuth(
                Secret.of("vigil"), Secret.fromFile(dir.resolve("secrets/password"))));
    assertThat(http.authorization()).isNull();
    assertThat(http.tls())
        .isEqualTo(
            new TlsConfig(
                Secret.fromFile(Path.of("/etc/ssl/ca.pem")),
                Secret.fromFile(dir.resolve("client.crt")),
                Secret.fromFile(dir.resolve("client.key")),
                "metrics.internal",
                false,
                "TLSv1.2",
                "TLSv1.3"));
    assertThat(http.proxyUrl()).isEqualTo(URI.create("http://proxy.internal:3128"));
    assertThat(http.followRedirects()).isFalse();
    assertThat(http.enableHttp2()).isFalse();
    assertThat(http.headers())
        .containsExactly(
            java.util.Map.entry(
                "X-Tenant",
                new HttpClientConfig.Header(
                    List.of("a", "b"),
                    List.of(Secret.of("t0ken")),
                    List.of(Secret.fromFile(dir.resolve("secrets/tenant"))))));
  }

  @Test
  void resolvesFileNamesAgainstTheConfigFilesDirectory() throws Exception {
    Secret token = loadGood().scrapeConfig("basic").http().basicAuth().password();

    assertThat(token.file()).isEqualTo(ConfigFixtures.dir().resolve("secrets/password"));
  }

  @Test
  void defaultsTheAuthorizationTypeToBearerAndTurnsBearerTokenIntoIt() throws Exception {
    Config config = loadGood();

    assertThat(config.scrapeConfig("bearer").http().authorization())
        .isEqualTo(
            new HttpClientConfig.Authorization(
                "Bearer", Secret.fromFile(Path.of("/run/secrets/token"))));
    assertThat(config.scrapeConfig("legacy").http().authorization())
        .isEqualTo(new HttpClientConfig.Authorization("Bearer", Secret.of("abc")));
    assertThat(config.scrapeConfig("custom-type").http().authorization().type()).isEqualTo("Token");
  }

  @Test
  void bodySizeLimitDefaultsToTheGlobalOneAndZeroMeansNone() throws Exception {
    Config config = loadGood();

    assertThat(config.global().bodySizeLimit()).isEqualTo(10L << 20);
    assertThat(config.scrapeConfig("basic").bodySizeLimit()).isEqualTo(10L << 20);
    assertThat(config.scrapeConfig("bearer").bodySizeLimit()).isEqualTo(1024);
    assertThat(config.scrapeConfig("legacy").bodySizeLimit()).isZero();
  }

  @Test
  void aJobWithoutHttpSettingsGetsPrometheusDefaults() throws Exception {
    Config config = loader.parse("scrape_configs:\n  - job_name: a\n", "p.yml");

    assertThat(config.scrapeConfig("a").http()).isEqualTo(HttpClientConfig.DEFAULT);
    assertThat(config.scrapeConfig("a").http().followRedirects()).isTrue();
    assertThat(config.scrapeConfig("a").bodySizeLimit()).isZero();
  }

  @Test
  void takesTheProxyCredentialsOutOfTheUrlDecoded() throws Exception {
    HttpClientConfig http =
        loader
            .parse(
                "scrape_configs:\n  - job_name: a\n    proxy_url: http://u%3Ax:p%40ss@proxy:3128\n",
                "p.yml")
            .scrapeConfig("a")
            .http();

    assertThat(http.proxyUrl()).isEqualTo(URI.create("http://proxy:3128"));
    assertThat(http.proxyAuth())
        .isEqualTo(new HttpClientConfig.BasicAuth(Secret.of("u:x"), Secret.of("p@ss")));
    assertThat(http.toString()).doesNotContain("p@ss");
  }

  @Test
  void aProxyErrorMasksThePassword() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "scrape_configs:\n  - job_name: a\n    proxy_url: socks5://u:hunter2@proxy\n",
                    "p.yml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "p.yml:3: proxy_url \"socks5://u:<secret>@proxy\" is not supported: Vigil speaks to"
                + " HTTP proxies only (http://host:port)");
  }

  @Test
  void secretsNeverShowInTheirStringForm() throws Exception {
    HttpClientConfig http = loadGood().scrapeConfig("legacy").http();

    assertThat(http.toString()).doesNotContain("abc").contains("<secret>");
  }

  @Test
  void aMissingSecretFileFailsAtUseNotAtLoad() throws Exception {
    Secret password = loadGood().scrapeConfig("basic").http().basicAuth().password();

    assertThatThrownBy(password::read).isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
