package dev.vigil.server.telemetry;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A value that goes up and down, optionally split by labels, either set by its owner or read from a
 * supplier at exposition time.
 */
public final class Gauge extends MetricFamily<Gauge.Child> {

  Gauge(String name, String help, List<String> labelNames) {
    super(name, help, labelNames, values -> new Child());
  }

  @Override
  public String type() {
    return "gauge";
  }

  /** Sets the unlabelled gauge. */
  public void set(double v) {
    labels().set(v);
  }

  @Override
  double valueOf(Child child) {
    return child.get();
  }

  /** The gauge for one label-value combination. */
  public static final class Child {
    private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0));
    private volatile DoubleSupplier supplier;

    Child() {}

    public void set(double v) {
      bits.set(Double.doubleToRawLongBits(v));
    }

    public void add(double delta) {
      bits.getAndUpdate(b -> Double.doubleToRawLongBits(Double.longBitsToDouble(b) + delta));
    }

    public void inc() {
      add(1);
    }

    public void dec() {
      add(-1);
    }

    /** Reads the value from {@code s} at every exposition from now on. */
    public void setSupplier(DoubleSupplier s) {
      this.supplier = s;
    }

    public double get() {
      DoubleSupplier s = supplier;
      return s != null ? s.getAsDouble() : Double.longBitsToDouble(bits.get());
    }
  }
}
