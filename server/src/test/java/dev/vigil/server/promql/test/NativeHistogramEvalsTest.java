package dev.vigil.server.promql.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner skips a failing eval as "native histograms" only when it really involves them; every
 * other failure is reported as a failure.
 */
class NativeHistogramEvalsTest {

  private static final String LOAD =
      "load 1m\n"
          + "  floats{job=\"a\"} 1 2\n"
          + "  hist{job=\"a\"} {{schema:0 count:1 sum:1 buckets:[1]}}\n\n";

  private static ScriptRunner.Outcome only(String evals) {
    Script script = ScriptParser.parse("t.test", LOAD + evals);
    List<ScriptRunner.Outcome> outcomes = ScriptRunner.run(script, Map.of());
    assertThat(outcomes).hasSize(1);
    return outcomes.get(0);
  }

  @Test
  void failingEvalWithBareBraceSelectorOverFloatsIsAFailure() {
    ScriptRunner.Outcome o = only("eval instant at 1m {job=\"a\", __name__=\"floats\"}\n  {} 99\n");

    assertThat(o.status()).isEqualTo(ScriptRunner.Status.FAILED);
  }

  @Test
  void failingEvalWhoseSelectorMatchesAHistogramSeriesIsSkipped() {
    // Prometheus counts the histogram too; we cannot load it, so this fails for that reason.
    ScriptRunner.Outcome o = only("eval instant at 1m count({job=\"a\"})\n  {} 2\n");

    assertThat(o.status()).isEqualTo(ScriptRunner.Status.SKIPPED);
    assertThat(o.message()).isEqualTo("native histograms");
  }

  @Test
  void failingEvalExpectingHistogramSamplesIsSkipped() {
    ScriptRunner.Outcome o =
        only("eval instant at 1m floats\n  floats{job=\"a\"} {{schema:0 count:1 sum:1}}\n");

    assertThat(o.status()).isEqualTo(ScriptRunner.Status.SKIPPED);
  }

  @Test
  void evalExpectingHistogramSamplesBesideFloatsIsSkippedEvenThoughItsFloatLinesMatch() {
    // The float line matches; passing on it alone would hide the unchecked histogram line.
    ScriptRunner.Outcome o =
        only("eval instant at 1m {job=\"a\"}\n"
            + "  floats{job=\"a\"} 2\n"
            + "  hist{job=\"a\"} {{schema:0 count:1 sum:1 buckets:[1]}}\n");

    assertThat(o.status()).isEqualTo(ScriptRunner.Status.SKIPPED);
    assertThat(o.message()).startsWith("native histograms");
  }

  @Test
  void histogramOnlyFunctionMarksTheEvalEvenOverFloats() {
    ScriptRunner.Outcome o = only("eval instant at 1m histogram_count(floats)\n  {} 5\n");

    assertThat(o.status()).isEqualTo(ScriptRunner.Status.SKIPPED);
  }

  @Test
  void metricNameMerelyContainingAHistogramNameIsAFailure() {
    ScriptRunner.Outcome o = only("eval instant at 1m sum(histx)\n  {} 1\n");

    assertThat(o.status()).isEqualTo(ScriptRunner.Status.FAILED);
  }
}
