package dev.vigil.server.promql.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.promql.ast.Function;
import dev.vigil.server.promql.ast.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature table: lookups and what the variadic column means for arity. */
class FunctionTableTest {

  @Test
  void looksUpFunctionsByExactName() {
    assertThat(FunctionTable.lookup("rate").argTypes()).containsExactly(ValueType.MATRIX);
    assertThat(FunctionTable.lookup("Rate")).isNull();
    assertThat(FunctionTable.lookup("holt_winters")).as("removed in Prometheus 3").isNull();
  }

  @Test
  void derivesArityFromTheVariadicColumn() {
    Function round = FunctionTable.lookup("round");
    assertThat(round.minArgs()).isEqualTo(1);
    assertThat(round.maxArgs()).isEqualTo(2);
    Function labelJoin = FunctionTable.lookup("label_join");
    assertThat(labelJoin.minArgs()).isEqualTo(3);
    assertThat(labelJoin.maxArgs()).isEqualTo(-1);
    assertThat(labelJoin.argType(7)).isEqualTo(ValueType.STRING);
    Function quantiles = FunctionTable.lookup("histogram_quantiles");
    assertThat(quantiles.minArgs()).isEqualTo(3);
    assertThat(quantiles.maxArgs()).isEqualTo(12);
    Function time = FunctionTable.lookup("time");
    assertThat(time.minArgs()).isZero();
    assertThat(time.maxArgs()).isZero();
  }

  @Test
  void marksThePrometheus3ExperimentalFunctions() {
    List<String> experimental =
        FunctionTable.all().stream().filter(Function::experimental).map(Function::name).toList();
    assertThat(experimental)
        .containsExactlyInAnyOrder(
            "double_exponential_smoothing",
            "end",
            "histogram_quantiles",
            "info",
            "mad_over_time",
            "max_of",
            "min_of",
            "range",
            "sort_by_label",
            "sort_by_label_desc",
            "start",
            "start_timestamp",
            "step",
            "ts_of_first_over_time",
            "ts_of_last_over_time",
            "ts_of_max_over_time",
            "ts_of_min_over_time");
    assertThat(FunctionTable.all()).hasSize(90);
  }
}
