package dev.vigil.server.storage;

/** Thrown by {@link Appender#append} when a sample is refused; the reason is counted by callers. */
public final class SampleRejectedException extends RuntimeException {

  /** Why the store refused a sample, with the label used in self-metrics. */
  public enum Reason {
    OUT_OF_ORDER("out_of_order"),
    TOO_OLD("too_old"),
    DUPLICATE_TIMESTAMP("duplicate_timestamp"),
    INVALID_LABELS("invalid_labels");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Reason reason;

  public SampleRejectedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
