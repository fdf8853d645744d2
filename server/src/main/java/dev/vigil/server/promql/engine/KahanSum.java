package dev.vigil.server.promql.engine;

/** Kahan–Neumaier compensated summation, as Prometheus uses for sum, avg and *_over_time. */
final class KahanSum {

  private double sum;
  private double c;

  void add(double v) {
    double t = sum + v;
    if (Double.isInfinite(t)) {
      c = 0;
    } else if (Math.abs(sum) >= Math.abs(v)) {
      c += (sum - t) + v;
    } else {
      c += (v - t) + sum;
    }
    sum = t;
  }

  double value() {
    return Double.isInfinite(sum) ? sum : sum + c;
  }

  /**
   * The mean of {@code n} added values as Prometheus computes it: {@code sum/n + c/n}, which can
   * differ from {@code (sum + c)/n} in the last bit.
   */
  double mean(double n) {
    return Double.isInfinite(sum) ? sum / n : sum / n + c / n;
  }
}
