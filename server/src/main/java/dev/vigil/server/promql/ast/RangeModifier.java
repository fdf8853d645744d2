package dev.vigil.server.promql.ast;

/**
 * The experimental extended range selector modifiers of Prometheus 3.x: {@code anchored} and {@code
 * smoothed} change how a selector picks samples at the window edges.
 */
public enum RangeModifier {
  NONE,
  ANCHORED,
  SMOOTHED
}
