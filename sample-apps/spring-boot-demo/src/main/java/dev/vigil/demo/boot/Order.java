package dev.vigil.demo.boot;

import java.math.BigDecimal;
import java.util.List;

/** A placed order, priced and packed into parcels. */
public record Order(
    long id,
    String customer,
    List<OrderLine> lines,
    int items,
    int parcels,
    BigDecimal subtotal,
    BigDecimal discount,
    BigDecimal total) {}
