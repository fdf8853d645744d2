package dev.vigil.server.telemetry;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A summary without quantiles: a running sum and count of observations, exposed as {@code
 * name_sum} and {@code name_count} (valid text format; rates of the two give the mean). Values are
 * read from suppliers, for components that already keep the totals.
 */
public final class Summary extends MetricFamily<Summary.Child> {

  Summary(String name, String help) {
    super(name, help, List.of(), values -> new Child());
  }

  @Override
  public String type() {
    return "summary";
  }

  /** Reads the sum and count from these suppliers at every exposition. */
  public void setSuppliers(DoubleSupplier sum, DoubleSupplier count) {
    Child c = labels();
    c.sum = sum;
    c.count = count;
  }

  @Override
  double valueOf(Child child) {
    return child.sum();
  }

  /** The one (unlabelled) sum and count. */
  public static final class Child {
    private volatile DoubleSupplier sum = () -> 0;
    private volatile DoubleSupplier count = () -> 0;

    Child() {}

    public double sum() {
      return sum.getAsDouble();
    }

    public double count() {
      return count.getAsDouble();
    }
  }
}
