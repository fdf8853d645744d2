package dev.vigil.demo.plain;

/** One order as the database holds it, joined with its product. */
record Order(
    int id, int productId, String productName, int quantity, int unitPriceCents, int views) {

  /** Orders of this many items or more get {@value #DISCOUNT_PERCENT} % off. */
  static final int DISCOUNT_FROM = 3;

  static final int DISCOUNT_PERCENT = 5;

  /** The price to pay in cents: quantity times unit price, less the volume discount, rounded. */
  long totalCents() {
    long gross = (long) quantity * unitPriceCents;
    if (quantity < DISCOUNT_FROM) {
      return gross;
    }
    // Half-up rounding of gross * (100 - discount) / 100, in integers.
    return (gross * (100 - DISCOUNT_PERCENT) + 50) / 100;
  }
}
