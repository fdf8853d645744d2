package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.model.Labels;

/**
 * One series of a block as the index records it: its labels and, per chunk, the first and last
 * sample time and the chunk's ref ({@code chunks[3i]}, {@code chunks[3i+1]}, {@code chunks[3i+2]}).
 */
record SeriesEntry(Labels labels, long[] chunks) {

  int numChunks() {
    return chunks.length / 3;
  }

  long minTime(int i) {
    return chunks[3 * i];
  }

  long maxTime(int i) {
    return chunks[3 * i + 1];
  }

  long ref(int i) {
    return chunks[3 * i + 2];
  }
}
