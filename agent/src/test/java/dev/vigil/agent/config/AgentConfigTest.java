package dev.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  @TempDir Path directory;

  private AgentConfig load() {
    return AgentConfig.load(properties, environment);
  }

  @Test
  void usesDefaultsWhenNothingIsSet() {
    properties.put("sun.java.command", "com.acme.billing.InvoiceService --verbose");

    AgentConfig config = load();

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9404);
    assertThat(config.debug()).isFalse();
    assertThat(config.application()).isEqualTo("InvoiceService");
  }

  @Test
  void environmentVariableOverridesDefault() {
    environment.put("VIGIL_AGENT_PORT", "9500");
    environment.put("VIGIL_AGENT_HOST", "127.0.0.1");
    environment.put("VIGIL_APPLICATION", "billing");

    AgentConfig config = load();

    assertThat(config.port()).isEqualTo(9500);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.application()).isEqualTo("billing");
  }

  @Test
  void systemPropertyOverridesEnvironmentVariable() {
    environment.put("VIGIL_AGENT_PORT", "9500");
    environment.put("VIGIL_APPLICATION", "from-env");
    properties.put("vigil.agent.port", "9600");
    properties.put("vigil.application", "from-property");

    AgentConfig config = load();

    assertThat(config.port()).isEqualTo(9600);
    assertThat(config.application()).isEqualTo("from-property");
  }

  @Test
  void treatsBlankValuesAsUnset() {
    properties.put("vigil.agent.port", " ");
    environment.put("VIGIL_AGENT_PORT", "");
    environment.put("VIGIL_APPLICATION", "  ");
    properties.put("sun.java.command", "Worker");

    AgentConfig config = load();

    assertThat(config.port()).isEqualTo(9404);
    assertThat(config.application()).isEqualTo("Worker");
  }

  @Test
  void trimsValues() {
    properties.put("vigil.agent.port", " 9700 ");
    properties.put("vigil.application", " orders ");

    assertThat(load().port()).isEqualTo(9700);
    assertThat(load().application()).isEqualTo("orders");
  }

  @Test
  void rejectsPortThatIsNotANumberNamingTheSystemProperty() {
    properties.put("vigil.agent.port", "notaport");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid vigil.agent.port 'notaport' (from system property -Dvigil.agent.port):"
                + " expected a port number between 1 and 65535");
  }

  @Test
  void rejectsPortOutOfRangeNamingTheEnvironmentVariable() {
    environment.put("VIGIL_AGENT_PORT", "65536");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'65536'")
        .hasMessageContaining("from environment variable VIGIL_AGENT_PORT");
  }

  @Test
  void rejectsPortZeroBecauseAScrapeTargetNeedsAKnownPort() {
    properties.put("vigil.agent.port", "0");

    assertThatThrownBy(this::load).isInstanceOf(ConfigException.class);
  }

  @Test
  void bindsHostMetricsByDefault() {
    assertThat(load().hostMetrics()).isTrue();
  }

  @Test
  void hostMetricsCanBeSwitchedOffByEnvironmentVariable() {
    environment.put("VIGIL_METRICS_HOST_ENABLED", "false");

    assertThat(load().hostMetrics()).isFalse();
  }

  @Test
  void aHostMetricsSystemPropertyWinsOverTheEnvironment() {
    environment.put("VIGIL_METRICS_HOST_ENABLED", "false");
    properties.put("vigil.metrics.host.enabled", "true");

    assertThat(load().hostMetrics()).isTrue();
  }

  @Test
  void acceptsBooleansInAnyCase() {
    properties.put("vigil.agent.debug", "TRUE");

    assertThat(load().debug()).isTrue();
  }

  @Test
  void rejectsBooleanTypoInsteadOfReadingItAsFalse() {
    properties.put("vigil.agent.debug", "ture");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid vigil.agent.debug 'ture' (from system property -Dvigil.agent.debug):"
                + " expected true or false");
  }

  @Test
  void installsTheInstrumentationAfterTheStartUpBurstByDefault() {
    assertThat(load().installImmediately()).isFalse();
  }

  @Test
  void installsTheInstrumentationImmediatelyWhenTheEnvironmentAsks() {
    environment.put("VIGIL_INSTRUMENTATION_INSTALL", "Immediate");

    assertThat(load().installImmediately()).isTrue();
  }

  @Test
  void anInstallSystemPropertyWinsOverTheEnvironment() {
    environment.put("VIGIL_INSTRUMENTATION_INSTALL", "immediate");
    properties.put("vigil.instrumentation.install", "idle");

    assertThat(load().installImmediately()).isFalse();
  }

  @Test
  void rejectsAnUnknownInstallModeNamingItsSource() {
    environment.put("VIGIL_INSTRUMENTATION_INSTALL", "later");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid vigil.instrumentation.install 'later' (from environment variable"
                + " VIGIL_INSTRUMENTATION_INSTALL): expected idle or immediate");
  }

  @Test
  void doesNotReportTheInstallModeAsUnknown() {
    properties.put("vigil.instrumentation.install", "idle");

    assertThat(load().unknownSettings(List.of("executors"))).isEmpty();
  }

  @Test
  void instrumentationSwitchFallsBackToTheModulesOwnDefault() {
    AgentConfig config = load();

    assertThat(config.instrumentationEnabled("jdk-http-server", true)).isTrue();
    assertThat(config.instrumentationEnabled("jdk-http-server", false)).isFalse();
  }

  @Test
  void instrumentationSwitchReadsPropertyBeforeEnvironment() {
    environment.put("VIGIL_INSTRUMENTATION_JDK_HTTP_SERVER_ENABLED", "true");
    environment.put("VIGIL_INSTRUMENTATION_JDBC_ENABLED", "false");
    properties.put("vigil.instrumentation.jdk-http-server.enabled", "false");

    AgentConfig config = load();

    assertThat(config.instrumentationEnabled("jdk-http-server", true)).isFalse();
    assertThat(config.instrumentationEnabled("jdbc", true)).isFalse();
  }

  @Test
  void rejectsInstrumentationSwitchThatIsNotABoolean() {
    properties.put("vigil.instrumentation.jdbc.enabled", "off");
    AgentConfig config = load();

    assertThatThrownBy(() -> config.instrumentationEnabled("jdbc", true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.instrumentation.jdbc.enabled 'off'");
  }

  @Test
  void derivesEnvironmentVariableNamesFromProperties() {
    assertThat(Setting.PORT.environmentVariable()).isEqualTo("VIGIL_AGENT_PORT");
    assertThat(Setting.APPLICATION.environmentVariable()).isEqualTo("VIGIL_APPLICATION");
    assertThat(Setting.environmentVariable("vigil.instrumentation.jdk-http-server.enabled"))
        .isEqualTo("VIGIL_INSTRUMENTATION_JDK_HTTP_SERVER_ENABLED");
  }

  private Path settingsFile(String... lines) throws IOException {
    return Files.write(directory.resolve("vigil.properties"), List.of(lines));
  }

  @Test
  void readsTheSettingsFileNamedBySystemProperty() throws IOException {
    Path file =
        settingsFile(
            "# the orders service",
            "vigil.application = orders",
            "",
            "vigil.agent.port: 9555",
            "! another comment",
            "vigil.metrics.host.enabled=false");
    properties.put("vigil.config.file", file.toString());

    AgentConfig config = load();

    assertThat(config.application()).isEqualTo("orders");
    assertThat(config.port()).isEqualTo(9555);
    assertThat(config.hostMetrics()).isFalse();
  }

  @Test
  void environmentAndSystemPropertiesOverrideTheSettingsFile() throws IOException {
    Path file =
        settingsFile("vigil.agent.port=9555", "vigil.application=orders", "vigil.agent.host=::1");
    environment.put("VIGIL_CONFIG_FILE", file.toString());
    environment.put("VIGIL_AGENT_PORT", "9556");
    properties.put("vigil.application", "billing");

    AgentConfig config = load();

    assertThat(config.port()).isEqualTo(9556);
    assertThat(config.application()).isEqualTo("billing");
    assertThat(config.host()).isEqualTo("::1");
  }

  @Test
  void keepsBackslashesOfWindowsPathsInTheSettingsFile() throws IOException {
    properties.put(
        "vigil.config.file", settingsFile("vigil.agent.tls.keystore=C:\\certs\\agent.p12",
            "vigil.agent.tls.keystore-password=secret").toString());

    assertThat(load().security().keystore().toString()).isEqualTo("C:\\certs\\agent.p12");
  }

  @Test
  void namesFileAndLineOfAnInvalidValueFromTheSettingsFile() throws IOException {
    Path file = settingsFile("# ports", "vigil.agent.port=none");
    properties.put("vigil.config.file", file.toString());

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid vigil.agent.port 'none' (from file "
                + file
                + ":2): expected a port number between 1 and 65535");
  }

  @Test
  void namesFileAndLineOfALineThatIsNotKeyValue() throws IOException {
    Path file = settingsFile("vigil.agent.port=9555", "vigil.agent.debug");
    properties.put("vigil.config.file", file.toString());

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid settings file " + file + ":2: expected key=value, got 'vigil.agent.debug'");
  }

  @Test
  void rejectsAMissingSettingsFileNamingWhereItsNameCameFrom() {
    Path missing = directory.resolve("absent.properties");
    environment.put("VIGIL_CONFIG_FILE", missing.toString());

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "cannot read settings file "
                + missing
                + " (from environment variable VIGIL_CONFIG_FILE): no such file");
  }

  @Test
  void warnsAboutUnknownSettingsInEverySource() throws IOException {
    Path file = settingsFile("vigil.agent.prot=9555", "vigil.instrumentation.jdbc.enabled=false");
    properties.put("vigil.config.file", file.toString());
    properties.put("vigil.aplication", "orders");
    properties.put("vigil.instrumentation.jdbc.enabled", "true");
    properties.put("java.version", "17");
    environment.put("VIGIL_AGENT_DEBUGG", "true");
    environment.put("VIGIL_INSTRUMENTATION_JDBC_ENABLED", "true");
    environment.put("HOME", "/root");

    List<String> warnings = load().unknownSettings(List.of("jdbc"));

    assertThat(warnings)
        .containsExactlyInAnyOrder(
            "ignoring unknown setting -Dvigil.aplication",
            "ignoring unknown environment variable VIGIL_AGENT_DEBUGG",
            "ignoring unknown setting 'vigil.agent.prot' at " + file + ":1");
  }

  @Test
  void warnsAboutASwitchOfAModuleThatDoesNotExist() {
    properties.put("vigil.instrumentation.jbdc.enabled", "false");

    assertThat(load().unknownSettings(List.of("jdbc")))
        .containsExactly("ignoring unknown setting -Dvigil.instrumentation.jbdc.enabled");
  }

  @Test
  void warnsThatASettingsFileCannotNameAnother() throws IOException {
    Path file = settingsFile("vigil.config.file=/etc/other.properties");
    properties.put("vigil.config.file", file.toString());

    assertThat(load().unknownSettings(List.of()))
        .containsExactly(
            "ignoring unknown setting 'vigil.config.file' at "
                + file
                + ":1 (a settings file cannot name another)");
  }

  @Test
  void addsNoInstanceLabelUnlessConfigured() {
    assertThat(load().instance()).isNull();

    properties.put("vigil.instance", "orders-1");

    assertThat(load().instance()).isEqualTo("orders-1");
  }

  @Test
  void leavesTheEndpointOpenAndPlainByDefault() {
    EndpointSecurity security = load().security();

    assertThat(security.authenticates()).isFalse();
    assertThat(security.tls()).isFalse();
  }

  @Test
  void readsBasicAuthCredentials() {
    environment.put("VIGIL_AGENT_AUTH_USERNAME", "prometheus");
    environment.put("VIGIL_AGENT_AUTH_PASSWORD", "s3cret");

    EndpointSecurity security = load().security();

    assertThat(security.authenticates()).isTrue();
    assertThat(security.username()).isEqualTo("prometheus");
    assertThat(security.password()).isEqualTo("s3cret");
    assertThat(security.passwordHashed()).isFalse();
  }

  @Test
  void readsAPasswordGivenAsSha256() {
    String digest = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";
    properties.put("vigil.agent.auth.username", "prometheus");
    properties.put("vigil.agent.auth.password", "{sha256}" + digest);

    EndpointSecurity security = load().security();

    assertThat(security.passwordHashed()).isTrue();
    assertThat(security.password()).isEqualTo(digest);
  }

  @Test
  void rejectsAMalformedSha256WithoutEchoingTheSecret() {
    properties.put("vigil.agent.auth.username", "prometheus");
    properties.put("vigil.agent.auth.password", "{sha256}abc123");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid vigil.agent.auth.password (from system property"
                + " -Dvigil.agent.auth.password): expected {sha256} followed by 64 hex digits")
        .message()
        .doesNotContain("abc123");
  }

  @Test
  void rejectsAUserNameWithoutPasswordRatherThanServingUnprotected() {
    properties.put("vigil.agent.auth.username", "prometheus");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "vigil.agent.auth.username is set (from system property -Dvigil.agent.auth.username)"
                + " but vigil.agent.auth.password is not");
  }

  @Test
  void rejectsAKeyStorePasswordWithoutKeyStore() {
    environment.put("VIGIL_AGENT_TLS_KEYSTORE_PASSWORD", "changeit");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "vigil.agent.tls.keystore-password is set (from environment variable"
                + " VIGIL_AGENT_TLS_KEYSTORE_PASSWORD) but vigil.agent.tls.keystore is not");
  }
}
