package dev.vigil.server.promql.test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the team's reference data in {@code ../shared} next to the repository root, and skips the
 * calling test with a clear message when it is absent. Never copy those files into the repo.
 *
 * <p>In a git worktree, {@code .git} is a file pointing into the main repository; the data sits
 * next to that main repository, so the lookup follows the pointer when the worktree has no {@code
 * ../shared} of its own.
 */
final class SharedReference {

  private SharedReference() {}

  /** {@code ../shared/<relative>}; skips the test when it does not exist. */
  static Path require(String relative) {
    Path found = locate(relative);
    assumeTrue(
        found != null,
        () ->
            "skipped: reference data ../shared/"
                + relative
                + " not found next to the repository root (or its main repository)");
    return found;
  }

  private static Path locate(String relative) {
    Path root = repositoryRoot();
    if (root == null) {
      return null;
    }
    Path direct = root.resolveSibling("shared").resolve(relative);
    if (Files.exists(direct)) {
      return direct;
    }
    Path main = mainRepositoryOfWorktree(root);
    if (main != null) {
      Path viaMain = main.resolveSibling("shared").resolve(relative);
      if (Files.exists(viaMain)) {
        return viaMain;
      }
    }
    return null;
  }

  /** The nearest ancestor of the working directory holding {@code .git} next to a pom. */
  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return null;
  }

  /** For a worktree ({@code .git} is a "gitdir: ..." file), the main repository's root. */
  private static Path mainRepositoryOfWorktree(Path root) {
    Path dotGit = root.resolve(".git");
    if (!Files.isRegularFile(dotGit)) {
      return null;
    }
    try {
      String line = Files.readString(dotGit).strip();
      if (!line.startsWith("gitdir:")) {
        return null;
      }
      Path gitDir = root.resolve(line.substring("gitdir:".length()).strip()).normalize();
      Path commonDirFile = gitDir.resolve("commondir");
      Path commonDir =
          Files.exists(commonDirFile)
              ? gitDir.resolve(Files.readString(commonDirFile).strip()).normalize()
              : gitDir;
      return commonDir.getParent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dotGit, e);
    }
  }
}
