package dev.vigil.server.scrape;

/** What a target said about a metric family in HELP/TYPE lines; either part may be empty. */
public record MetricMetadata(String type, String help) {}
