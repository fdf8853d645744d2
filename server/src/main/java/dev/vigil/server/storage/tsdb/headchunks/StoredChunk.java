package dev.vigil.server.storage.tsdb.headchunks;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.Chunk;
import dev.vigil.server.storage.tsdb.chunk.ChunkEncoding;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A head chunk in a segment file, read, checked and decoded again at every use, so that it holds
 * no chunk bytes between uses; it holds its segment, which keeps the mapping readable after the
 * file is deleted.
 */
final class StoredChunk implements Chunk {

  private final HeadChunkStore store;
  private final ChunkSegment segment;
  private final int offset;
  private final long seriesRef;

  StoredChunk(HeadChunkStore store, ChunkSegment segment, int offset, long seriesRef) {
    this.store = store;
    this.segment = segment;
    this.offset = offset;
    this.seriesRef = seriesRef;
  }

  @Override
  public ChunkEncoding encoding() {
    return load().encoding();
  }

  @Override
  public int numSamples() {
    return load().numSamples();
  }

  @Override
  public byte[] bytes() {
    return load().bytes();
  }

  @Override
  public SampleIterator iterator() {
    return load().iterator();
  }

  /** Reads the record, checks its bounds, checksum and series, and decodes the chunk. */
  private Chunk load() {
    ByteBuffer m = segment.mapping();
    long written = segment.written();
    int headerEnd = offset + HeadChunkStore.RECORD_HEADER_BYTES;
    if (offset < HeadChunkStore.SEGMENT_HEADER_BYTES || headerEnd > written) {
      throw corrupt("record header runs past the last record (" + written + " bytes)", null);
    }
    long ref = m.getLong(offset);
    byte encoding = m.get(offset + 24);
    int len = m.getInt(offset + 25);
    if (len < 0 || (long) headerEnd + len + HeadChunkStore.CRC_BYTES > written) {
      throw corrupt("chunk length " + len + " runs past the last record (" + written + " bytes)",
          null);
    }
    CRC32C crc = new CRC32C();
    crc.update(m.slice(offset, HeadChunkStore.RECORD_HEADER_BYTES + len));
    int stored = m.getInt(headerEnd + len);
    if ((int) crc.getValue() != stored) {
      throw corrupt(String.format("checksum mismatch (stored %08x, computed %08x)", stored,
          (int) crc.getValue()), null);
    }
    if (ref != seriesRef) {
      throw corrupt("record belongs to series ref " + ref, null);
    }
    byte[] data = new byte[len];
    m.get(headerEnd, data);
    try {
      return ChunkEncoding.fromWireByte(encoding).decode(data);
    } catch (RuntimeException e) {
      throw corrupt("chunk does not decode: " + e.getMessage(), e);
    }
  }

  private HeadChunkCorruptionException corrupt(String problem, Throwable cause) {
    store.onCorruption();
    return new HeadChunkCorruptionException("head chunk of series ref " + seriesRef + " in "
        + segment.path + " at offset " + offset + ": " + problem
        + "; restarting the server rebuilds " + store.dir() + " from the WAL", cause);
  }
}
