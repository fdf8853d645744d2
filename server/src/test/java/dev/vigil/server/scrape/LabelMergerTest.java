package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import org.junit.jupiter.api.Test;

class LabelMergerTest {

  private static final Labels TARGET = Labels.of("job", "app", "instance", "h:1", "env", "prod");

  @Test
  void addsTargetLabelsToExposedOnes() {
    Labels out = new LabelMerger(TARGET, false).apply(Labels.of("__name__", "m", "path", "/"));

    assertThat(out.toString())
        .isEqualTo("{__name__=\"m\", env=\"prod\", instance=\"h:1\", job=\"app\", path=\"/\"}");
  }

  @Test
  void prefixesClashingExposedLabelsWithExported() {
    // The exposed exported_job is not a target label, so it stays; the exposed job moves on to
    // the next free name, exported_exported_job, as in Prometheus.
    Labels out =
        new LabelMerger(TARGET, false)
            .apply(Labels.of("__name__", "m", "job", "x", "exported_job", "y", "env", "dev"));

    assertThat(out.toString())
        .isEqualTo(
            "{__name__=\"m\", env=\"prod\", exported_env=\"dev\", exported_exported_job=\"x\","
                + " exported_job=\"y\", instance=\"h:1\", job=\"app\"}");
  }

  @Test
  void letsExposedLabelsWinWhenHonored() {
    Labels out = new LabelMerger(TARGET, true).apply(Labels.of("__name__", "m", "job", "x"));

    assertThat(out.toString())
        .isEqualTo("{__name__=\"m\", env=\"prod\", instance=\"h:1\", job=\"x\"}");
  }

  @Test
  void givesEveryMergedLabelSetTheSameStringInstances() {
    // The parser makes fresh strings for every line; a cached series must not keep its own.
    LabelMerger merger =
        new LabelMerger(Labels.of("job", new String("app"), "instance", new String("h:1")), false);

    Labels first = merger.apply(Labels.of("__name__", new String("m_total"), "code", "200"));
    Labels second =
        merger.apply(Labels.of("__name__", new String("m_total"), new String("code"), "500"));

    for (int i = 0; i < first.size(); i++) {
      assertThat(second.name(i)).isSameAs(first.name(i));
    }
    assertThat(second.get("__name__")).isSameAs(first.get("__name__"));
    assertThat(second.get("job")).isSameAs(first.get("job")).isSameAs("app");
    assertThat(second.get("instance")).isSameAs(first.get("instance"));
  }

  @Test
  void keepsExportedValuesCanonical() {
    LabelMerger merger = new LabelMerger(TARGET, false);

    Labels first = merger.apply(Labels.of("__name__", "m", "job", new String("x")));
    Labels second = merger.apply(Labels.of("__name__", "n", "job", new String("x")));

    assertThat(second.get("exported_job")).isSameAs(first.get("exported_job")).isEqualTo("x");
  }
}
