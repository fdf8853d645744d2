package dev.vigil.server.storage.tsdb.block;

import java.util.List;

/** Constants of the index format (docs/format/index.md) shared by writer and reader. */
final class IndexFiles {

  static final String FILE = "index";
  static final int MAGIC = 0x56494458; // "VIDX"
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8; // magic, version byte, 3 zero bytes

  /** Section names in file order; the TOC holds one 8-byte offset per section, in this order. */
  static final List<String> SECTIONS = List.of("symbols", "series", "labels", "postings");

  static final int TOC_BYTES = SECTIONS.size() * 8 + 4;

  private IndexFiles() {}
}
