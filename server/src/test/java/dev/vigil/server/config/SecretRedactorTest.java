package dev.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code /api/v1/status/config} shows of a config with secrets. */
class SecretRedactorTest {

  @Test
  void replacesEverySecretValueAndKeepsCommentsAndFileNames() {
    String yaml =
        """
        # team config
        scrape_configs:
          - job_name: app   # the app
            basic_auth:
              username: vigil
              password: "hunter2"
            authorization:
              credentials_file: /run/token
            http_headers:
              X-Key:
                values: [visible]
                secrets: [s1, 's2']
            tls_config:
              key: |
                -----BEGIN PRIVATE KEY-----
                MIIB
                -----END PRIVATE KEY-----
              cert_file: client.crt
          - job_name: legacy
            bearer_token: abc.def
        """;

    String shown = SecretRedactor.redact(yaml);

    assertThat(shown)
        .doesNotContain("hunter2", "s1", "s2", "MIIB", "abc.def")
        .contains(
            "# team config",
            "job_name: app   # the app",
            "username: vigil",
            "password: <secret>",
            "credentials_file: /run/token",
            "values: [visible]",
            "secrets: [<secret>, <secret>]",
            "bearer_token: <secret>",
            "      key: <secret>\n      cert_file: client.crt");
  }

  @Test
  void masksThePasswordOfAProxyUrl() {
    String yaml =
        "scrape_configs:\n  - job_name: a\n    proxy_url: 'http://u:hunter2@proxy:3128'\n";

    assertThat(SecretRedactor.redact(yaml))
        .isEqualTo(
            "scrape_configs:\n  - job_name: a\n    proxy_url: http://u:<secret>@proxy:3128\n");
    assertThat(SecretRedactor.maskUrlPassword("http://proxy:3128/a@b"))
        .isEqualTo("http://proxy:3128/a@b");
    assertThat(SecretRedactor.maskUrlPassword("http://user@proxy")).isEqualTo("http://user@proxy");
  }

  @Test
  void leavesAConfigWithoutSecretsAsItIs() {
    String yaml = "global:\n  scrape_interval: 15s\n# end\n";

    assertThat(SecretRedactor.redact(yaml)).isEqualTo(yaml);
  }

  @Test
  void showsNothingOfTextThatNoLongerParses() {
    String shown = SecretRedactor.redact("basic_auth:\n  password: [unclosed\n");

    assertThat(shown).doesNotContain("unclosed").startsWith("# not shown");
  }
}
