package dev.vigil.server.config;

import dev.vigil.server.model.Labels;
import java.util.List;

/** One {@code static_configs[]} entry: target addresses ({@code host:port}) and their labels. */
public record StaticConfig(List<String> targets, Labels labels) {

  public StaticConfig {
    targets = List.copyOf(targets);
  }
}
