package dev.vigil.server.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.server.format.GoFloat;
import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.promql.ast.AggregateExpr;
import dev.vigil.server.promql.ast.AtModifier;
import dev.vigil.server.promql.ast.BinaryExpr;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.DurationExpr;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.RangeModifier;
import dev.vigil.server.promql.ast.StringLiteral;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.UnaryExpr;
import dev.vigil.server.promql.ast.ValueType;
import dev.vigil.server.promql.ast.VectorMatching;
import dev.vigil.server.promql.ast.VectorSelector;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Writes a PromQL syntax tree as the JSON of Prometheus's {@code /api/v1/parse_query}: one object
 * per node with a {@code type} ("vectorSelector", "binaryExpr", ...) and the node's fields.
 *
 * <p>Prometheus builds Go maps, which its JSON encoder writes with sorted keys; we write every
 * object's keys in that sorted order so the bytes match, not just the structure. Durations given
 * as expressions ({@code foo[5m + step()]}) report 0 ms in {@code range}/{@code offset}/{@code
 * step} and the expression in {@code rangeExpr}/{@code offsetExpr}/{@code stepExpr}, as
 * Prometheus does before its engine evaluates them.
 */
final class AstJson {

  private AstJson() {}

  static void write(JsonGenerator g, Expr e) throws IOException {
    if (e == null) {
      g.writeNull();
    } else if (e instanceof AggregateExpr a) {
      aggregation(g, a);
    } else if (e instanceof BinaryExpr b) {
      binary(g, b);
    } else if (e instanceof Call c) {
      call(g, c);
    } else if (e instanceof MatrixSelector m) {
      selector(g, m.selector(), m);
    } else if (e instanceof SubqueryExpr s) {
      subquery(g, s);
    } else if (e instanceof DurationExpr d) {
      durationExpr(g, d);
    } else if (e instanceof NumberLiteral n) {
      g.writeStartObject();
      g.writeStringField("type", "numberLiteral");
      g.writeStringField("val", GoFloat.format(n.value(), 'f'));
      g.writeEndObject();
    } else if (e instanceof ParenExpr p) {
      g.writeStartObject();
      g.writeFieldName("expr");
      write(g, p.expr());
      g.writeStringField("type", "parenExpr");
      g.writeEndObject();
    } else if (e instanceof StringLiteral s) {
      g.writeStartObject();
      g.writeStringField("type", "stringLiteral");
      g.writeStringField("val", s.value());
      g.writeEndObject();
    } else if (e instanceof UnaryExpr u) {
      g.writeStartObject();
      g.writeFieldName("expr");
      write(g, u.expr());
      g.writeStringField("op", u.negative() ? "-" : "+");
      g.writeStringField("type", "unaryExpr");
      g.writeEndObject();
    } else if (e instanceof VectorSelector vs) {
      selector(g, vs, null);
    }
  }

  private static void aggregation(JsonGenerator g, AggregateExpr a) throws IOException {
    g.writeStartObject();
    g.writeFieldName("expr");
    write(g, a.expr());
    g.writeFieldName("grouping");
    strings(g, a.grouping());
    g.writeStringField("op", a.op().keyword());
    g.writeFieldName("param");
    write(g, a.param());
    g.writeStringField("type", "aggregation");
    g.writeBooleanField("without", a.without());
    g.writeEndObject();
  }

  private static void binary(JsonGenerator g, BinaryExpr b) throws IOException {
    g.writeStartObject();
    g.writeBooleanField("bool", b.returnBool());
    g.writeFieldName("lhs");
    write(g, b.lhs());
    g.writeFieldName("matching");
    VectorMatching m = b.matching();
    if (m == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeStringField("card", m.cardinality().toString());
      g.writeObjectFieldStart("fillValues");
      g.writeFieldName("lhs");
      goNumber(g, m.fillLhs());
      g.writeFieldName("rhs");
      goNumber(g, m.fillRhs());
      g.writeEndObject();
      g.writeFieldName("include");
      strings(g, m.include());
      g.writeFieldName("labels");
      strings(g, m.matchingLabels());
      g.writeBooleanField("on", m.on());
      g.writeEndObject();
    }
    g.writeStringField("op", b.op().symbol());
    g.writeFieldName("rhs");
    write(g, b.rhs());
    g.writeStringField("type", "binaryExpr");
    g.writeEndObject();
  }

  private static void call(JsonGenerator g, Call c) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("args");
    for (Expr arg : c.args()) {
      write(g, arg);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("func");
    g.writeArrayFieldStart("argTypes");
    for (ValueType t : c.function().argTypes()) {
      g.writeString(typeName(t));
    }
    g.writeEndArray();
    g.writeStringField("name", c.function().name());
    g.writeStringField("returnType", typeName(c.function().returnType()));
    g.writeNumberField("variadic", c.function().variadic());
    g.writeEndObject();
    g.writeStringField("type", "call");
    g.writeEndObject();
  }

  /** A vector selector, or with {@code matrix} the matrix selector around it. */
  private static void selector(JsonGenerator g, VectorSelector vs, MatrixSelector matrix)
      throws IOException {
    g.writeStartObject();
    g.writeBooleanField("anchored", vs.rangeModifier() == RangeModifier.ANCHORED);
    g.writeArrayFieldStart("matchers");
    for (LabelMatcher m : vs.matchers()) {
      g.writeStartObject();
      g.writeStringField("name", m.name());
      g.writeStringField("type", m.type().operator());
      g.writeStringField("value", m.value());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("name", vs.name());
    g.writeNumberField("offset", millis(vs.offset()));
    g.writeFieldName("offsetExpr");
    durationExpr(g, vs.offsetExpr());
    if (matrix != null) {
      g.writeNumberField("range", millis(matrix.range()));
      g.writeFieldName("rangeExpr");
      durationExpr(g, matrix.rangeExpr());
    }
    g.writeBooleanField("smoothed", vs.rangeModifier() == RangeModifier.SMOOTHED);
    at(g, vs.at());
    g.writeStringField("type", matrix != null ? "matrixSelector" : "vectorSelector");
    g.writeEndObject();
  }

  private static void subquery(JsonGenerator g, SubqueryExpr s) throws IOException {
    g.writeStartObject();
    g.writeFieldName("expr");
    write(g, s.expr());
    g.writeNumberField("offset", millis(s.offset()));
    g.writeFieldName("offsetExpr");
    durationExpr(g, s.offsetExpr());
    g.writeNumberField("range", millis(s.range()));
    g.writeFieldName("rangeExpr");
    durationExpr(g, s.rangeExpr());
    // "startOrEnd" sorts before "step": write them in that order.
    g.writeFieldName("startOrEnd");
    startOrEnd(g, s.at());
    g.writeNumberField("step", millis(s.step()));
    g.writeFieldName("stepExpr");
    durationExpr(g, s.stepExpr());
    g.writeFieldName("timestamp");
    timestamp(g, s.at());
    g.writeStringField("type", "subquery");
    g.writeEndObject();
  }

  /** {@code startOrEnd} then {@code timestamp}, adjacent in sorted order for selectors. */
  private static void at(JsonGenerator g, AtModifier at) throws IOException {
    g.writeFieldName("startOrEnd");
    startOrEnd(g, at);
    g.writeFieldName("timestamp");
    timestamp(g, at);
  }

  private static void startOrEnd(JsonGenerator g, AtModifier at) throws IOException {
    if (at == null || at.kind() == AtModifier.Kind.TIMESTAMP) {
      g.writeNull();
    } else {
      g.writeString(at.kind() == AtModifier.Kind.START ? "start" : "end");
    }
  }

  private static void timestamp(JsonGenerator g, AtModifier at) throws IOException {
    if (at == null || at.kind() != AtModifier.Kind.TIMESTAMP) {
      g.writeNull();
    } else {
      g.writeNumber(at.timestampMillis());
    }
  }

  /**
   * A duration expression's operands: nested duration expressions, number literals with their
   * {@code duration} flag (unlike number literals elsewhere), or any other node.
   */
  private static void durationExpr(JsonGenerator g, Expr e) throws IOException {
    if (e instanceof DurationExpr d) {
      g.writeStartObject();
      g.writeFieldName("lhs");
      durationExpr(g, d.lhs());
      g.writeStringField("op", d.op().symbol());
      g.writeFieldName("rhs");
      durationExpr(g, d.rhs());
      g.writeStringField("type", "durationExpr");
      g.writeBooleanField("wrapped", d.wrapped());
      g.writeEndObject();
    } else if (e instanceof NumberLiteral n) {
      g.writeStartObject();
      g.writeBooleanField("duration", n.duration());
      g.writeStringField("type", "numberLiteral");
      g.writeStringField("val", GoFloat.format(n.value(), 'f'));
      g.writeEndObject();
    } else {
      write(g, e);
    }
  }

  private static void strings(JsonGenerator g, List<String> values) throws IOException {
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /**
   * A float as Go's JSON encoder writes it. Go refuses NaN and infinities outright (the request
   * fails); we write them as strings instead, the way sample values travel in this API.
   */
  private static void goNumber(JsonGenerator g, Double v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (!Double.isFinite(v)) {
      g.writeString(GoFloat.format(v, 'f'));
    } else {
      double abs = Math.abs(v);
      String text =
          abs != 0 && (abs < 1e-6 || abs >= 1e21)
              ? GoFloat.format(v, 'e').replaceFirst("e([+-])0(\\d)$", "e$1$2")
              : GoFloat.format(v, 'f');
      g.writeNumber(text);
    }
  }

  /** Go's {@code Duration.Milliseconds()}: truncation toward zero. */
  private static long millis(Duration d) {
    return d.toMillis();
  }

  private static String typeName(ValueType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }
}
