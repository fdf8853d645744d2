package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems a parser found in one file, each with its 1-based line number. */
final class ParseIssues {

  /** One problem: the line it is on and what is wrong with it. */
  record Issue(int line, String message) {
    @Override
    public String toString() {
      return line + ": " + message;
    }
  }

  private final List<Issue> issues = new ArrayList<>();

  void add(int line, String message) {
    issues.add(new Issue(line, message));
  }

  List<Issue> all() {
    return List.copyOf(issues);
  }

  boolean isEmpty() {
    return issues.isEmpty();
  }
}
