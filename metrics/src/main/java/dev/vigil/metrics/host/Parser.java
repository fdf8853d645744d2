package dev.vigil.metrics.host;

/**
 * A pure function from the text of one file to a record, reporting bad lines instead of failing.
 */
@FunctionalInterface
interface Parser<T> {
  T parse(String text, ParseIssues issues);
}
