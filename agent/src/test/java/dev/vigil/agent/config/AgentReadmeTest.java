package dev.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's settings table is the user's only reference, so it must list every setting. */
class AgentReadmeTest {

  private static String readme() throws IOException {
    // Surefire runs with the module directory as working directory.
    return Files.readString(Path.of("README.md"));
  }

  @ParameterizedTest
  @EnumSource(Setting.class)
  void documentsEverySettingWithItsVariableAndDefault(Setting setting) throws IOException {
    String row =
        "| `"
            + setting.property()
            + "` | `"
            + setting.environmentVariable()
            + "` | "
            + setting.documentedDefault()
            + " | "
            + setting.description()
            + " |";

    assertThat(readme()).contains(row);
  }

  @Test
  void documentsThePerModuleSwitch() throws IOException {
    assertThat(readme())
        .contains("`" + Setting.instrumentationSwitch("<name>") + "`")
        .contains("`VIGIL_INSTRUMENTATION_<NAME>_ENABLED`");
  }

  @Test
  void listsNoSettingTheAgentDoesNotHave() throws IOException {
    List<String> documented = new ArrayList<>();
    for (String line : readme().split("\n")) {
      if (line.startsWith("| `vigil.") && !line.startsWith("| `vigil.instrumentation.<name>")) {
        documented.add(line.substring(3, line.indexOf('`', 3)));
      }
    }

    assertThat(documented)
        .containsExactlyInAnyOrder(
            Arrays.stream(Setting.values()).map(Setting::property).toArray(String[]::new));
  }
}
