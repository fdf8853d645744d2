package dev.vigil.server.promql.ast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Tree walking helpers: the children of a node, a one-level child mapping for top-down
 * transformations, and a bottom-up rewrite (for instance adding {@code @ T} to selectors, as the
 * promqltest runner does).
 */
public final class Exprs {

  private Exprs() {}

  /**
   * The direct sub-expressions of {@code e} that are evaluated as queries, in source order.
   * Duration expressions inside ranges and offsets are not children.
   */
  public static List<Expr> children(Expr e) {
    if (e instanceof ParenExpr p) {
      return List.of(p.expr());
    }
    if (e instanceof UnaryExpr u) {
      return List.of(u.expr());
    }
    if (e instanceof BinaryExpr b) {
      return List.of(b.lhs(), b.rhs());
    }
    if (e instanceof AggregateExpr a) {
      return a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
    }
    if (e instanceof Call c) {
      return c.args();
    }
    if (e instanceof MatrixSelector m) {
      return List.of(m.selector());
    }
    if (e instanceof SubqueryExpr s) {
      return List.of(s.expr());
    }
    return List.of();
  }

  /**
   * Rewrites bottom-up: children first, then {@code f} is applied to the node rebuilt from the new
   * children. {@code f} must keep a {@link MatrixSelector}'s selector a {@link VectorSelector}.
   */
  public static Expr rewrite(Expr e, UnaryOperator<Expr> f) {
    if (e instanceof BinaryExpr) {
      return rewriteChain(e, f);
    }
    return f.apply(mapChildren(e, c -> rewrite(c, f)));
  }

  /** Binary chains are walked along their left spine iteratively, so long ones are safe. */
  private static Expr rewriteChain(Expr top, UnaryOperator<Expr> f) {
    Deque<BinaryExpr> spine = new ArrayDeque<>();
    Expr e = top;
    while (e instanceof BinaryExpr b) {
      spine.push(b);
      e = b.lhs();
    }
    Expr lhs = rewrite(e, f);
    while (!spine.isEmpty()) {
      BinaryExpr b = spine.pop();
      Expr rhs = rewrite(b.rhs(), f);
      lhs = f.apply(new BinaryExpr(b.op(), lhs, rhs, b.matching(), b.returnBool()));
    }
    return lhs;
  }

  /**
   * Rebuilds {@code e} with {@code f} applied to each direct child (not recursively); the building
   * block for top-down transformations. Leaves are returned as they are.
   */
  public static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
    if (e instanceof ParenExpr p) {
      return new ParenExpr(f.apply(p.expr()), p.positionRange());
    }
    if (e instanceof UnaryExpr u) {
      return new UnaryExpr(u.negative(), f.apply(u.expr()), u.start());
    }
    if (e instanceof BinaryExpr b) {
      return new BinaryExpr(
          b.op(), f.apply(b.lhs()), f.apply(b.rhs()), b.matching(), b.returnBool());
    }
    if (e instanceof AggregateExpr a) {
      Expr param = a.param() == null ? null : f.apply(a.param());
      return new AggregateExpr(
          a.op(), f.apply(a.expr()), param, a.grouping(), a.without(), a.positionRange());
    }
    if (e instanceof Call c) {
      List<Expr> args = new ArrayList<>(c.args().size());
      for (Expr arg : c.args()) {
        args.add(f.apply(arg));
      }
      return new Call(c.function(), args, c.positionRange());
    }
    if (e instanceof MatrixSelector m) {
      Expr s = f.apply(m.selector());
      if (!(s instanceof VectorSelector vs)) {
        throw new IllegalArgumentException("a range selector needs a vector selector, got " + s);
      }
      return m.withSelector(vs, m.positionRange());
    }
    if (e instanceof SubqueryExpr s) {
      return s.withExpr(f.apply(s.expr()));
    }
    return e;
  }
}
