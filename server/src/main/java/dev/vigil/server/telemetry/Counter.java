package dev.vigil.server.telemetry;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleSupplier;

/** A monotonically increasing count, optionally split by labels. */
public final class Counter extends MetricFamily<Counter.Child> {

  Counter(String name, String help, List<String> labelNames) {
    super(name, help, labelNames, values -> new Child());
  }

  @Override
  public String type() {
    return "counter";
  }

  /** Adds one to the unlabelled counter. */
  public void inc() {
    labels().inc();
  }

  /** Adds {@code amount} to the unlabelled counter. */
  public void inc(double amount) {
    labels().inc(amount);
  }

  @Override
  double valueOf(Child child) {
    return child.get();
  }

  /** The counter for one label-value combination. */
  public static final class Child {
    private final DoubleAdder value = new DoubleAdder();
    private volatile DoubleSupplier supplier;

    Child() {}

    public void inc() {
      value.add(1);
    }

    /** Adds a non-negative amount; counters never go down. */
    public void inc(double amount) {
      if (!(amount >= 0)) {
        throw new IllegalArgumentException("counters only go up, got " + amount);
      }
      value.add(amount);
    }

    /**
     * Reads the value from {@code s} at every exposition from now on, for counts another component
     * already keeps (it must never go down).
     */
    public void setSupplier(DoubleSupplier s) {
      this.supplier = s;
    }

    public double get() {
      DoubleSupplier s = supplier;
      return s != null ? s.getAsDouble() : value.sum();
    }
  }
}
