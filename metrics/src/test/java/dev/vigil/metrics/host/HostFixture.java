package dev.vigil.metrics.host;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test access to the files captured from a real Linux machine under {@code host/fixture} (laid out
 * as proc/, sys/, rootfs/) and the hand-edited variants under {@code host/variants}.
 */
final class HostFixture {

  private HostFixture() {}

  static Path root() {
    return resource("host/fixture");
  }

  static String fixtureFile(String relative) {
    return read(root().resolve(relative));
  }

  static String variant(String name) {
    return read(resource("host/variants/" + name));
  }

  /** A writable copy of the fixture tree, for tests that change files between scrapes. */
  static Path copyTo(Path target) {
    Path source = root();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** The exposition split into lines, so tests can assert whole lines. */
  static List<String> lines(PrometheusMeterRegistry registry) {
    return Arrays.asList(registry.scrape().split("\n"));
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String name) {
    URL url = HostFixture.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource missing: " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
