package dev.vigil.server.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** The file being loaded: names it in errors and collects warnings, one per ignored key. */
final class ConfigSource {

  private final String fileName;

  /** Warnings with their line, so they can be reported in file order. */
  private final List<Map.Entry<Integer, String>> warnings = new ArrayList<>();

  private final Set<String> warnedKeys = new HashSet<>();

  ConfigSource(String fileName) {
    this.fileName = fileName;
  }

  String fileName() {
    return fileName;
  }

  static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  ConfigException error(Node node, String reason) {
    return new ConfigException(fileName, lineOf(node), reason);
  }

  /** Records that a known but unimplemented key was ignored; each key is reported once. */
  void ignored(Node keyNode, String key) {
    if (warnedKeys.add(key)) {
      int line = lineOf(keyNode);
      warnings.add(
          Map.entry(
              line, fileName + ":" + line + ": " + key + " is not supported yet and is ignored"));
    }
  }

  /** The warnings in line order. */
  List<String> warnings() {
    List<Map.Entry<Integer, String>> sorted = new ArrayList<>(warnings);
    sorted.sort(Map.Entry.comparingByKey());
    List<String> out = new ArrayList<>(sorted.size());
    for (Map.Entry<Integer, String> w : sorted) {
      out.add(w.getValue());
    }
    return List.copyOf(out);
  }
}
