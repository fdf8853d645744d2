package dev.vigil.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the team's shared research and reference data, {@code ../shared} next to the repository
 * root, and skips the calling test with a clear message when it is absent.
 */
public final class SharedData {

  private SharedData() {}

  /**
   * The repository root: the nearest ancestor of the working directory holding .git or a root pom.
   */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    Path candidate = null;
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
      if (Files.exists(p.resolve("pom.xml"))) {
        candidate = p; // Keep walking: the outermost pom is the reactor root.
      }
    }
    if (candidate == null) {
      throw new IllegalStateException("no repository root above " + dir);
    }
    return candidate;
  }

  /** A path under {@code ../shared}; skips the test when it does not exist. */
  public static Path require(String relative) {
    Path shared = repositoryRoot().resolveSibling("shared");
    Path p = shared.resolve(relative);
    assumeTrue(
        Files.exists(p),
        () ->
            "skipped: shared reference data not found at "
                + p
                + " (expected ../shared next to the repository)");
    return p;
  }
}
