package dev.vigil.demo.boot;

import java.math.BigDecimal;

/** One line of an order: how many of which article at which unit price. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {}
