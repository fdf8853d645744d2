package dev.vigil.demo.boot;

import java.math.BigDecimal;

/** A summary of the orders the demo still remembers. */
public record OrderStats(long placed, int retained, BigDecimal retainedRevenue) {}
