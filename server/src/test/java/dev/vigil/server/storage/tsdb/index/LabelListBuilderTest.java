package dev.vigil.server.storage.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.model.Labels;
import org.junit.jupiter.api.Test;

class LabelListBuilderTest {

  @Test
  void namesAreSortedAndDistinctAcrossSeries() {
    LabelListBuilder b = LabelListBuilder.names();
    b.add(Labels.of("__name__", "up", "job", "node", "instance", "a:1"));
    b.add(Labels.of("__name__", "up", "job", "api", "zone", "eu"));

    assertThat(b.build()).containsExactly("__name__", "instance", "job", "zone");
  }

  @Test
  void valuesSkipSeriesWithoutTheLabel() {
    LabelListBuilder b = LabelListBuilder.valuesOf("job");
    b.add(Labels.of("__name__", "up", "job", "node"));
    b.add(Labels.of("__name__", "up"));
    b.add(Labels.of("__name__", "up", "job", "api"));
    b.add(Labels.of("__name__", "scrape_duration_seconds", "job", "node"));

    assertThat(b.build()).containsExactly("api", "node");
  }

  @Test
  void nothingAddedGivesAnEmptyList() {
    assertThat(LabelListBuilder.valuesOf("job").build()).isEmpty();
    assertThat(LabelListBuilder.names().build()).isEmpty();
  }
}
