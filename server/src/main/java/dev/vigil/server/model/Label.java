package dev.vigil.server.model;

import java.util.Objects;

/** One label: a name and its value. Empty values are legal here; {@link Labels} drops them. */
public record Label(String name, String value) {

  public Label {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
