package dev.vigil.server.storage.tsdb.block;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code meta.json} says about a block: its id, the half-open time range {@code [minTime,
 * maxTime)} it covers, counts, and its compaction history.
 *
 * @param sources ids of the level-1 blocks whose data this block holds (itself when level 1)
 * @param compactionFailed set once a compaction found this block unreadable; the planner leaves
 *     such a block alone from then on ({@code compaction.failed}, as in Prometheus)
 */
public record BlockMeta(
    String id,
    long minTime,
    long maxTime,
    long numSeries,
    long numSamples,
    long numChunks,
    int level,
    List<String> sources,
    boolean compactionFailed) {

  /** The only meta.json version this code writes and reads. */
  public static final int VERSION = 1;

  static final String FILE = "meta.json";

  private static final JsonFactory JSON = new JsonFactory();

  public BlockMeta {
    sources = List.copyOf(sources);
  }

  /** A meta whose compaction has not failed, as every writer creates it. */
  public BlockMeta(String id, long minTime, long maxTime, long numSeries, long numSamples,
      long numChunks, int level, List<String> sources) {
    this(id, minTime, maxTime, numSeries, numSamples, numChunks, level, sources, false);
  }

  /** This meta marked as failed in compaction. */
  BlockMeta withCompactionFailed() {
    return new BlockMeta(
        id, minTime, maxTime, numSeries, numSamples, numChunks, level, sources, true);
  }

  /** Whether this block's range shares any instant with {@code [min, max)}. */
  public boolean overlaps(long min, long max) {
    return minTime < max && min < maxTime;
  }

  void write(Path dir) throws IOException {
    writeTo(dir.resolve(FILE));
  }

  /**
   * Replaces {@code dir/meta.json} atomically (written beside it, fsynced, renamed over it, the
   * directory fsynced), so a crash leaves the old or the new file, never a torn one.
   */
  void rewrite(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE + BlockFiles.TMP_SUFFIX);
    writeTo(tmp);
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    BlockFiles.syncDirectory(dir);
  }

  private void writeTo(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeNumberField("minTime", minTime);
      g.writeNumberField("maxTime", maxTime);
      g.writeObjectFieldStart("stats");
      g.writeNumberField("numSeries", numSeries);
      g.writeNumberField("numSamples", numSamples);
      g.writeNumberField("numChunks", numChunks);
      g.writeEndObject();
      g.writeObjectFieldStart("compaction");
      g.writeNumberField("level", level);
      g.writeArrayFieldStart("sources");
      for (String s : sources) {
        g.writeString(s);
      }
      g.writeEndArray();
      if (compactionFailed) {
        // Written only when set, so the meta.json of a healthy block stays as it always was.
        g.writeBooleanField("failed", true);
      }
      g.writeEndObject();
      g.writeNumberField("version", VERSION);
      g.writeEndObject();
    }
    BlockFiles.syncFile(file);
  }

  /**
   * Reads {@code dir/meta.json}.
   *
   * @throws BlockFormatException naming the file, line and column when it is malformed
   */
  static BlockMeta read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    Builder b = new Builder();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      try {
        expect(p, p.nextToken(), JsonToken.START_OBJECT, file);
        readObject(p, "", b, file);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new BlockFormatException(
            file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
      }
    }
    if (b.version != VERSION) {
      throw new BlockFormatException(file + ": unsupported version " + b.version);
    }
    if (b.id == null || b.minTime == null || b.maxTime == null || b.level < 1) {
      throw new BlockFormatException(file + ": id, minTime, maxTime and compaction.level needed");
    }
    if (b.minTime >= b.maxTime) {
      throw new BlockFormatException(
          file + ": minTime " + b.minTime + " not before maxTime " + b.maxTime);
    }
    return new BlockMeta(
        b.id, b.minTime, b.maxTime, b.series, b.samples, b.chunks, b.level, b.sources, b.failed);
  }

  private static void readObject(JsonParser p, String prefix, Builder b, Path file)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = prefix + p.currentName();
      JsonToken t = p.nextToken();
      switch (key) {
        case "stats", "compaction" -> {
          expect(p, t, JsonToken.START_OBJECT, file);
          readObject(p, key + ".", b, file);
        }
        case "compaction.sources" -> {
          expect(p, t, JsonToken.START_ARRAY, file);
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            b.sources.add(p.getText());
          }
        }
        case "id" -> b.id = p.getValueAsString();
        case "minTime" -> b.minTime = number(p, t, file);
        case "maxTime" -> b.maxTime = number(p, t, file);
        case "stats.numSeries" -> b.series = number(p, t, file);
        case "stats.numSamples" -> b.samples = number(p, t, file);
        case "stats.numChunks" -> b.chunks = number(p, t, file);
        case "compaction.level" -> b.level = (int) (long) number(p, t, file);
        case "compaction.failed" -> b.failed = bool(p, t, file);
        case "version" -> b.version = (int) (long) number(p, t, file);
        default -> p.skipChildren(); // unknown fields are tolerated for forward compatibility
      }
    }
  }

  private static Long number(JsonParser p, JsonToken t, Path file) throws IOException {
    expect(p, t, JsonToken.VALUE_NUMBER_INT, file);
    return p.getLongValue();
  }

  private static boolean bool(JsonParser p, JsonToken t, Path file) {
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      expect(p, t, JsonToken.VALUE_TRUE, file);
    }
    return t == JsonToken.VALUE_TRUE;
  }

  private static void expect(JsonParser p, JsonToken got, JsonToken want, Path file) {
    if (got != want) {
      throw new BlockFormatException(
          file + ":" + p.currentLocation().getLineNr() + ": expected " + want + ", got " + got);
    }
  }

  private static final class Builder {
    String id;
    Long minTime;
    Long maxTime;
    long series;
    long samples;
    long chunks;
    int level;
    int version;
    boolean failed;
    final List<String> sources = new ArrayList<>();
  }
}
