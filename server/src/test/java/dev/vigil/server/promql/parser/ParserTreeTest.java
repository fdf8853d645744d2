package dev.vigil.server.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.promql.ast.AggregateExpr;
import dev.vigil.server.promql.ast.AggregateOp;
import dev.vigil.server.promql.ast.AtModifier;
import dev.vigil.server.promql.ast.BinaryExpr;
import dev.vigil.server.promql.ast.BinaryOp;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.DurationExpr;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.ast.RangeModifier;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.UnaryExpr;
import dev.vigil.server.promql.ast.ValueType;
import dev.vigil.server.promql.ast.VectorMatching;
import dev.vigil.server.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape and values of the trees the parser builds, which the engine relies on. */
class ParserTreeTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  private static Expr parse(String q) {
    return PARSER.parseExpr(q);
  }

  @Test
  void bindsMultiplicationTighterThanAddition() {
    BinaryExpr add = (BinaryExpr) parse("a + b * c");
    assertThat(add.op()).isEqualTo(BinaryOp.ADD);
    assertThat(((BinaryExpr) add.rhs()).op()).isEqualTo(BinaryOp.MUL);
  }

  @Test
  void associatesSubtractionToTheLeftAndPowerToTheRight() {
    BinaryExpr sub = (BinaryExpr) parse("a - b - c");
    assertThat(sub.lhs()).isInstanceOf(BinaryExpr.class);
    BinaryExpr pow = (BinaryExpr) parse("a ^ b ^ c");
    assertThat(pow.rhs()).isInstanceOf(BinaryExpr.class);
  }

  @Test
  void ranksSetOperatorsBelowComparisons() {
    BinaryExpr or = (BinaryExpr) parse("a > 1 or b and c unless d");
    assertThat(or.op()).isEqualTo(BinaryOp.OR);
    assertThat(((BinaryExpr) or.lhs()).op()).isEqualTo(BinaryOp.GTR);
    BinaryExpr unless = (BinaryExpr) or.rhs();
    assertThat(unless.op()).isEqualTo(BinaryOp.UNLESS);
    assertThat(((BinaryExpr) unless.lhs()).op()).isEqualTo(BinaryOp.AND);
  }

  @Test
  void appliesUnaryMinusBelowPowerButAboveMultiplication() {
    UnaryExpr neg = (UnaryExpr) parse("-a ^ 2");
    assertThat(neg.negative()).isTrue();
    assertThat(neg.expr()).isInstanceOf(BinaryExpr.class);
    BinaryExpr mul = (BinaryExpr) parse("-a * 2");
    assertThat(mul.lhs()).isInstanceOf(UnaryExpr.class);
  }

  @Test
  void foldsSignsIntoNumberLiterals() {
    NumberLiteral n = (NumberLiteral) parse("-5m");
    assertThat(n.value()).isEqualTo(-300.0);
    assertThat(n.duration()).isTrue();
    assertThat(n.positionRange()).isEqualTo(new PositionRange(0, 3));
  }

  @Test
  void givesTheTypesOfExpressions() {
    assertThat(parse("1 + 2").type()).isEqualTo(ValueType.SCALAR);
    assertThat(parse("1 + foo").type()).isEqualTo(ValueType.VECTOR);
    assertThat(parse("foo[5m]").type()).isEqualTo(ValueType.MATRIX);
    assertThat(parse("rate(foo[5m])[1h:]").type()).isEqualTo(ValueType.MATRIX);
    assertThat(parse("\"x\"").type()).isEqualTo(ValueType.STRING);
    assertThat(parse("scalar(foo)").type()).isEqualTo(ValueType.SCALAR);
    assertThat(parse("(((1)))").type()).isEqualTo(ValueType.SCALAR);
  }

  @Test
  void keepsTheMetricNameAsTheLastMatcher() {
    VectorSelector vs = (VectorSelector) parse("foo{a=\"b\", c=~\"d.*\"}");
    assertThat(vs.name()).isEqualTo("foo");
    assertThat(vs.matchers())
        .containsExactly(
            LabelMatcher.of(LabelMatcher.Type.EQUAL, "a", "b"),
            LabelMatcher.of(LabelMatcher.Type.REGEX, "c", "d.*"),
            LabelMatcher.equal("__name__", "foo"));
  }

  @Test
  void readsAQuotedMetricNameAsANameMatcher() {
    VectorSelector vs = (VectorSelector) parse("{\"my.metric\", \"a.b\"=\"c\"}");
    assertThat(vs.name()).isEmpty();
    assertThat(vs.matchers())
        .containsExactly(
            LabelMatcher.equal("__name__", "my.metric"), LabelMatcher.equal("a.b", "c"));
  }

  @Test
  void storesOffsetsAndTimestampsExactly() {
    MatrixSelector m = (MatrixSelector) parse("foo[1h30m] offset -90s @ 1.2345");
    assertThat(m.range()).isEqualTo(Duration.ofMinutes(90));
    assertThat(m.selector().offset()).isEqualTo(Duration.ofSeconds(-90));
    assertThat(m.selector().at()).isEqualTo(AtModifier.at(1235));
    assertThat(m.positionRange()).isEqualTo(new PositionRange(0, 31));
    VectorSelector vs = (VectorSelector) parse("foo @ -0.0005");
    // Go rounds half away from zero.
    assertThat(vs.at()).isEqualTo(AtModifier.at(-1));
  }

  @Test
  void keepsDurationExpressionsForTheEngineToEvaluate() {
    SubqueryExpr s = (SubqueryExpr) parse("foo[5m + step():] offset min_of(range(), 1h)");
    assertThat(s.range()).isEqualTo(Duration.ZERO);
    assertThat(s.rangeExpr().op()).isEqualTo(DurationExpr.Op.ADD);
    assertThat(s.rangeExpr().rhs())
        .isEqualTo(
            new DurationExpr(DurationExpr.Op.STEP, null, null, false, new PositionRange(9, 15)));
    assertThat(s.step()).isEqualTo(Duration.ZERO);
    assertThat(s.stepExpr()).isNull();
    assertThat(s.offsetExpr().op()).isEqualTo(DurationExpr.Op.MIN_OF);
    assertThat(((NumberLiteral) s.offsetExpr().rhs()).value()).isEqualTo(3600.0);
  }

  @Test
  void setsRangeModifiersOnTheSelector() {
    MatrixSelector m = (MatrixSelector) parse("foo[5m] anchored");
    assertThat(m.selector().rangeModifier()).isEqualTo(RangeModifier.ANCHORED);
  }

  @Test
  void normalisesVectorMatching() {
    BinaryExpr set = (BinaryExpr) parse("a and b");
    assertThat(set.matching().cardinality()).isEqualTo(VectorMatching.Cardinality.MANY_TO_MANY);
    BinaryExpr scalar = (BinaryExpr) parse("a + on() 1");
    assertThat(scalar.matching()).isNull();
    BinaryExpr grouped = (BinaryExpr) parse("a * on(x) group_right(y) b");
    assertThat(grouped.matching())
        .isEqualTo(
            new VectorMatching(
                VectorMatching.Cardinality.ONE_TO_MANY,
                List.of("x"),
                true,
                List.of("y"),
                null,
                null));
    BinaryExpr filled = (BinaryExpr) parse("a + fill_right(-1) b");
    assertThat(filled.matching().fillLhs()).isNull();
    assertThat(filled.matching().fillRhs()).isEqualTo(-1.0);
  }

  @Test
  void resolvesFunctionsAndAggregations() {
    Call c = (Call) parse("label_join(foo, \"dst\", \",\", \"a\", \"b\")");
    assertThat(c.function().name()).isEqualTo("label_join");
    assertThat(c.args()).hasSize(5);
    AggregateExpr a = (AggregateExpr) parse("topk without (x) (3, foo)");
    assertThat(a.op()).isEqualTo(AggregateOp.TOPK);
    assertThat(a.param()).isEqualTo(new NumberLiteral(3, false, new PositionRange(18, 19)));
    assertThat(a.grouping()).containsExactly("x");
    assertThat(a.without()).isTrue();
  }

  @Test
  void parsesBareSelectorsForTheApi() {
    assertThat(PARSER.parseMetricSelector("up{job=\"a\"}"))
        .containsExactly(LabelMatcher.equal("job", "a"), LabelMatcher.equal("__name__", "up"));
    assertThat(PARSER.parseMetricSelector("{job=~\".*\"}"))
        .containsExactly(LabelMatcher.of(LabelMatcher.Type.REGEX, "job", ".*"));
    assertThat(PARSER.parseMetricSelector("sum"))
        .containsExactly(LabelMatcher.equal("__name__", "sum"));
  }

  @Test
  void rejectsAnythingButASelectorWhereOneIsRequired() {
    assertThatThrownBy(() -> PARSER.parseMetricSelector("up offset 5m"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:4: parse error: unexpected <offset>");
    assertThatThrownBy(() -> PARSER.parseMetricSelector("rate(x[5m])"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:5: parse error: unexpected \"(\"");
    assertThatThrownBy(() -> PARSER.parseMetricSelector(""))
        .isInstanceOf(ParseException.class)
        .hasMessage("unknown position: parse error: unexpected end of input");
  }
}
