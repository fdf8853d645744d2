package dev.vigil.server.promql.value;

/** A float value at a millisecond timestamp. */
public record Point(long timestamp, double value) {}
