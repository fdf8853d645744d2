package dev.vigil.server.storage.tsdb.wal.record;

import dev.vigil.server.model.Labels;
import java.util.Objects;

/** One series definition: the head's numeric reference for a series and its label set. */
public record RefSeries(long ref, Labels labels) {

  public RefSeries {
    Objects.requireNonNull(labels, "labels");
  }
}
