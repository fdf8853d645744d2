package dev.vigil.server.promql.parser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * The versioned list of reference cases that may fail ({@code promql/parser-skip.txt}). A listed
 * case still runs: failing, it is reported as skipped with its reason; passing, it fails so that
 * the stale entry gets removed.
 */
final class SkipList {

  private static final String RESOURCE = "/promql/parser-skip.txt";

  private final Map<String, String> reasons;

  private SkipList(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  static SkipList load() {
    Map<String, String> reasons = new HashMap<>();
    try (InputStream in = SkipList.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        String[] parts = s.split("\\s+", 2);
        if (parts.length < 2 || !parts[0].matches(".+:\\d+")) {
          throw new IllegalStateException(
              RESOURCE + ":" + n + ": expected '<source>:<line> <reason>', got: " + line);
        }
        reasons.put(parts[0], parts[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SkipList(reasons);
  }

  /** Runs {@code check} for the case {@code source:line}, honouring the skip list. */
  void run(String source, int line, Executable check) throws Throwable {
    String key = source + ":" + line;
    String reason = reasons.get(key);
    if (reason == null) {
      check.execute();
      return;
    }
    try {
      check.execute();
    } catch (AssertionError | RuntimeException e) {
      abort("listed in parser-skip.txt (" + reason + "): " + e.getMessage());
    }
    fail(key + " is listed in parser-skip.txt but passes now; remove the entry");
  }
}
