package dev.vigil.server.storage;

import dev.vigil.server.model.Labels;

/** One series: its labels and a way to iterate its samples in time order. */
public interface Series {

  Labels labels();

  /** A fresh iterator over the samples in the querier's time range, oldest first. */
  SampleIterator iterator();
}
