package dev.vigil.server.promql;

import dev.vigil.server.model.Labels;

/** One element of an instant vector: a series' labels and its value at the evaluation time. */
public record InstantSample(Labels labels, long timestamp, double value) {}
