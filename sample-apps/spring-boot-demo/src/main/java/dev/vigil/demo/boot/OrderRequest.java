package dev.vigil.demo.boot;

import java.util.List;

/** The body of {@code POST /api/orders}. */
public record OrderRequest(String customer, List<OrderLine> lines) {}
