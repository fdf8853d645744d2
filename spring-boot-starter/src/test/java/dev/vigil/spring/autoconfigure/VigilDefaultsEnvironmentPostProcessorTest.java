package dev.vigil.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

class VigilDefaultsEnvironmentPostProcessorTest {

  private static final String EXPOSURE = "management.endpoints.web.exposure.include";
  private static final String APPLICATION_TAG = "management.metrics.tags.application";
  private static final String TOMCAT_MBEANS = "server.tomcat.mbeanregistry.enabled";

  private final StandardEnvironment environment = new StandardEnvironment();

  @Test
  void exposesHealthInfoAndPrometheusByDefault() {
    postProcess();

    assertThat(environment.getProperty(EXPOSURE)).isEqualTo("health,info,prometheus");
  }

  @Test
  void tagsEveryMeterWithTheApplicationName() {
    userProperties(Map.of("spring.application.name", "orders"));

    postProcess();

    assertThat(environment.getProperty(APPLICATION_TAG)).isEqualTo("orders");
  }

  @Test
  void fallsBackToApplicationWhenTheApplicationHasNoName() {
    postProcess();

    assertThat(environment.getProperty(APPLICATION_TAG)).isEqualTo("application");
  }

  @Test
  void picksUpAnApplicationNameSetAfterItRan() {
    postProcess();
    userProperties(Map.of("spring.application.name", "late"));

    assertThat(environment.getProperty(APPLICATION_TAG)).isEqualTo("late");
  }

  @Test
  void leavesAUserExposureSettingAlone() {
    userProperties(Map.of(EXPOSURE, "health"));

    postProcess();

    assertThat(environment.getProperty(EXPOSURE)).isEqualTo("health");
    assertThat(ourSource()).doesNotContainKey(EXPOSURE);
  }

  @Test
  void leavesAUserApplicationTagAlone() {
    userProperties(Map.of("spring.application.name", "orders", APPLICATION_TAG, "billing"));

    postProcess();

    assertThat(environment.getProperty(APPLICATION_TAG)).isEqualTo("billing");
  }

  @Test
  void leavesTheApplicationsOwnDefaultPropertiesAlone() {
    // SpringApplication.setDefaultProperties: Boot moves that source behind ours after the
    // post-processors ran, so it only wins because we skipped its keys.
    environment
        .getPropertySources()
        .addLast(new DefaultPropertiesPropertySource(Map.of(EXPOSURE, "health,metrics")));

    postProcess();
    DefaultPropertiesPropertySource.moveToEnd(environment);

    assertThat(environment.getProperty(EXPOSURE)).isEqualTo("health,metrics");
  }

  @Test
  void addsItsDefaultsBehindEveryOtherSource() {
    postProcess();

    assertThat(environment.getPropertySources().stream().reduce((first, second) -> second))
        .hasValueSatisfying(
            last ->
                assertThat(last.getName())
                    .isEqualTo(VigilDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME));
  }

  @Test
  void applicationTagDefaultCanBeDisabledWithProperty() {
    userProperties(
        Map.of(
            "spring.application.name", "orders", "vigil.metrics.application-tag.enabled", "false"));

    postProcess();

    assertThat(environment.getProperty(APPLICATION_TAG)).isNull();
    assertThat(environment.getProperty(EXPOSURE)).isEqualTo("health,info,prometheus");
  }

  @Test
  void exposureDefaultCanBeDisabledWithProperty() {
    userProperties(Map.of("vigil.endpoints.default-exposure.enabled", "false"));

    postProcess();

    assertThat(environment.getProperty(EXPOSURE)).isNull();
    assertThat(environment.getProperty(APPLICATION_TAG)).isEqualTo("application");
  }

  @Test
  void enablesTomcatsMBeanRegistrySoTomcatThreadMetersAreBound() {
    postProcess();

    assertThat(environment.getProperty(TOMCAT_MBEANS)).isEqualTo("true");
  }

  @Test
  void leavesAUserTomcatMBeanRegistrySettingAlone() {
    userProperties(Map.of(TOMCAT_MBEANS, "false"));

    postProcess();

    assertThat(environment.getProperty(TOMCAT_MBEANS)).isEqualTo("false");
    assertThat(ourSource()).doesNotContainKey(TOMCAT_MBEANS);
  }

  @Test
  void tomcatMBeanRegistryDefaultCanBeDisabledWithProperty() {
    userProperties(Map.of("vigil.metrics.tomcat-threads.enabled", "false"));

    postProcess();

    assertThat(environment.getProperty(TOMCAT_MBEANS)).isNull();
    assertThat(environment.getProperty(EXPOSURE)).isEqualTo("health,info,prometheus");
  }

  @Test
  void addsNoSourceWhenEveryDefaultIsDisabled() {
    userProperties(
        Map.of(
            "vigil.endpoints.default-exposure.enabled", "false",
            "vigil.metrics.application-tag.enabled", "false",
            "vigil.metrics.tomcat-threads.enabled", "false"));

    postProcess();

    assertThat(
            environment
                .getPropertySources()
                .contains(VigilDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
        .isFalse();
  }

  @Test
  void rejectsASwitchThatIsNotABooleanNamingTheProperty() {
    userProperties(Map.of("vigil.metrics.application-tag.enabled", "maybe"));

    assertThatThrownBy(this::postProcess)
        .isInstanceOf(BindException.class)
        .hasMessageContaining("vigil");
    assertThatThrownBy(this::postProcess).rootCause().hasMessageContaining("maybe");
  }

  @Test
  void runsAfterBootHasLoadedTheApplicationsConfigFiles() {
    assertThat(new VigilDefaultsEnvironmentPostProcessor().getOrder())
        .isGreaterThan(ConfigDataEnvironmentPostProcessor.ORDER);
  }

  @Test
  void isRegisteredAsABoot4EnvironmentPostProcessor() {
    // Boot's own post-processors need constructor arguments that only SpringApplication supplies;
    // their instantiation failures are not what this test is about.
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                    EnvironmentPostProcessor.class,
                    null,
                    SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {})))
        .hasAtLeastOneElementOfType(VigilDefaultsEnvironmentPostProcessor.class);
  }

  private void postProcess() {
    new VigilDefaultsEnvironmentPostProcessor()
        .postProcessEnvironment(environment, new SpringApplication());
  }

  private void userProperties(Map<String, Object> properties) {
    environment.getPropertySources().addFirst(new MapPropertySource("user", properties));
  }

  private Map<String, Object> ourSource() {
    MapPropertySource source =
        (MapPropertySource)
            environment
                .getPropertySources()
                .get(VigilDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
    return source == null ? Map.of() : source.getSource();
  }
}
