package dev.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationNameTest {

  @TempDir Path workingDirectory;

  private String derive(String command) {
    return ApplicationName.derive(command, workingDirectory.toString());
  }

  @Test
  void usesSimpleNameOfMainClass() {
    assertThat(derive("com.acme.orders.OrderService")).isEqualTo("OrderService");
  }

  @Test
  void ignoresProgramArguments() {
    assertThat(derive("com.acme.orders.OrderService --port 8080 data.jar"))
        .isEqualTo("OrderService");
  }

  @Test
  void acceptsMainClassInDefaultPackage() {
    assertThat(derive("Main")).isEqualTo("Main");
  }

  @Test
  void keepsNestedClassNameAsTheJvmSpellsIt() {
    assertThat(derive("com.acme.Launcher$Main")).isEqualTo("Launcher$Main");
  }

  @Test
  void dropsModuleNameOfModularMainClass() {
    assertThat(derive("com.acme.orders/com.acme.orders.OrderService")).isEqualTo("OrderService");
  }

  @Test
  void usesJarFileNameWithoutExtension() {
    assertThat(derive("/opt/apps/orders-service.jar")).isEqualTo("orders-service");
    assertThat(derive("build/libs/orders-service-1.2.jar --spring.profiles.active=prod"))
        .isEqualTo("orders-service-1.2");
    assertThat(derive("C:\\apps\\Billing.JAR")).isEqualTo("Billing");
  }

  @Test
  void findsJarWhosePathContainsSpacesWhenTheFileExists() throws IOException {
    Path directory = Files.createDirectories(workingDirectory.resolve("my apps"));
    Path jar = Files.createFile(directory.resolve("stock service.jar"));

    assertThat(derive(jar + " --verbose")).isEqualTo("stock service");
    assertThat(derive("my apps/stock service.jar --verbose")).isEqualTo("stock service");
  }

  @Test
  void doesNotMistakeAJarArgumentForTheApplication() {
    assertThat(derive("com.acme.Importer /data/input file.jar")).isEqualTo("Importer");
  }

  @Test
  void usesSourceFileNameForTheSourceLauncher() {
    assertThat(derive("jdk.compiler/com.sun.tools.javac.launcher.Main Hello.java a b"))
        .isEqualTo("Hello");
    assertThat(derive("com.sun.tools.javac.launcher.SourceLauncher scripts/Report.java"))
        .isEqualTo("Report");
  }

  @Test
  void fallsBackToUnknownWithoutACommand() {
    assertThat(derive(null)).isEqualTo(ApplicationName.UNKNOWN);
    assertThat(derive("  ")).isEqualTo(ApplicationName.UNKNOWN);
    assertThat(derive(".jar")).isEqualTo(ApplicationName.UNKNOWN);
  }
}
