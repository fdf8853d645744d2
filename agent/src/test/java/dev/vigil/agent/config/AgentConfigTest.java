package dev.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private AgentConfig load() {
    return AgentConfig.load(properties::get, environment::get);
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
}
