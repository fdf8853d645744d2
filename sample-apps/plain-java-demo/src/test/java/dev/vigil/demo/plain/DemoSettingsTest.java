package dev.vigil.demo.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

  private static final UnaryOperator<String> NONE = key -> null;

  @Test
  void defaultsToPort8081OnLoopbackWithLoadOn() {
    assertThat(DemoSettings.resolve(new String[0], NONE, NONE))
        .isEqualTo(new DemoSettings("127.0.0.1", 8081, true));
  }

  @Test
  void takesThePortFromTheFirstArgumentBeforeAnythingElse() {
    DemoSettings settings =
        DemoSettings.resolve(
            new String[] {"9001"}, of(Map.of("port", "9002")), of(Map.of("PORT", "9003")));

    assertThat(settings.port()).isEqualTo(9001);
  }

  @Test
  void takesThePortFromTheSystemPropertyBeforeTheEnvironment() {
    assertThat(
            DemoSettings.resolve(
                    new String[0], of(Map.of("port", "9002")), of(Map.of("PORT", "9003")))
                .port())
        .isEqualTo(9002);
    assertThat(DemoSettings.resolve(new String[0], NONE, of(Map.of("PORT", "9003"))).port())
        .isEqualTo(9003);
  }

  @Test
  void takesHostAndLoadSwitchFromPropertiesOrEnvironment() {
    DemoSettings settings =
        DemoSettings.resolve(
            new String[0],
            of(Map.of("host", "0.0.0.0")),
            of(Map.of("HOST", "10.0.0.1", "DEMO_LOAD_ENABLED", "false")));

    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.loadEnabled()).isFalse();
  }

  @Test
  void rejectsANonNumericPortNamingWhereItCameFrom() {
    assertThatThrownBy(() -> DemoSettings.resolve(new String[0], of(Map.of("port", "http")), NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid port 'http' from -Dport: expected a number from 0 to 65535");
  }

  @Test
  void rejectsAPortOutOfRangeNamingWhereItCameFrom() {
    assertThatThrownBy(() -> DemoSettings.resolve(new String[0], NONE, of(Map.of("PORT", "70000"))))
        .hasMessage(
            "invalid port '70000' from environment variable PORT: expected a number from 0 to"
                + " 65535");
  }

  @Test
  void rejectsALoadSwitchThatIsNotABoolean() {
    assertThatThrownBy(
            () -> DemoSettings.resolve(new String[0], of(Map.of("demo.load.enabled", "yes")), NONE))
        .hasMessage("invalid value 'yes' from -Ddemo.load.enabled: expected true or false");
  }

  @Test
  void rejectsExtraArguments() {
    assertThatThrownBy(() -> DemoSettings.resolve(new String[] {"1", "2"}, NONE, NONE))
        .hasMessage("expected at most one argument (the port), got 2");
  }

  private static UnaryOperator<String> of(Map<String, String> values) {
    return values::get;
  }
}
