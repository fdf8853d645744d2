package dev.vigil.server.config;

import dev.vigil.server.format.GoQuote;
import dev.vigil.server.format.Names;
import dev.vigil.server.format.PromDuration;
import dev.vigil.server.format.Utf8;
import dev.vigil.server.model.Labels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping read against a {@link ConfigSchema.Section}: rejects unknown and duplicate keys,
 * reports tolerated ones, and reads typed values with errors that carry the value's line.
 */
final class YamlSection {

  private final ConfigSource source;
  private final Node node;
  private final Map<String, Node> values = new LinkedHashMap<>();
  private final Map<String, Node> keys = new LinkedHashMap<>();

  private YamlSection(ConfigSource source, Node node) {
    this.source = source;
    this.node = node;
  }

  /** Reads a mapping node; a null node (an empty section) reads as an empty mapping. */
  static YamlSection read(ConfigSource source, Node node, ConfigSchema.Section schema)
      throws ConfigException {
    YamlSection section = new YamlSection(source, node);
    if (node == null || isNull(node)) {
      return section;
    }
    if (!(node instanceof MappingNode mapping)) {
      throw source.error(node, schema.name() + ": expected a mapping, got " + describe(node));
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (NodeTuple t : flatten(source, mapping)) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode k)) {
        throw source.error(keyNode, "expected a field name in " + schema.name());
      }
      String key = k.getValue();
      Integer firstLine = seen.putIfAbsent(key, ConfigSource.lineOf(keyNode));
      if (firstLine != null) {
        throw source.error(
            keyNode, "mapping key " + GoQuote.quote(key) + " already defined at line " + firstLine);
      }
      if (schema.supported().contains(key)) {
        section.values.put(key, t.getValueNode());
        section.keys.put(key, keyNode);
      } else if (schema.tolerated().contains(key)) {
        source.ignored(keyNode, key);
      } else if (schema.rejected().containsKey(key)) {
        throw source.error(keyNode, key + " " + schema.rejected().get(key));
      } else {
        throw source.error(keyNode, "unknown field " + GoQuote.quote(key) + " in " + schema.name());
      }
    }
    return section;
  }

  /** Resolves YAML merge keys ({@code <<: *defaults}); explicit keys win over merged ones. */
  private static List<NodeTuple> flatten(ConfigSource source, MappingNode mapping)
      throws ConfigException {
    List<NodeTuple> explicit = new ArrayList<>();
    List<NodeTuple> merged = new ArrayList<>();
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
        Node v = t.getValueNode();
        List<Node> sources = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
        for (Node s : sources) {
          if (!(s instanceof MappingNode m)) {
            throw source.error(s, "merge key (<<) expects a mapping, got " + describe(s));
          }
          merged.addAll(flatten(source, m));
        }
      } else {
        explicit.add(t);
      }
    }
    if (merged.isEmpty()) {
      return explicit;
    }
    List<NodeTuple> out = new ArrayList<>(explicit);
    Set<String> explicitKeys = new HashSet<>();
    for (NodeTuple t : explicit) {
      if (t.getKeyNode() instanceof ScalarNode k) {
        explicitKeys.add(k.getValue());
      }
    }
    Set<String> mergedKeys = new HashSet<>();
    for (NodeTuple t : merged) {
      if (t.getKeyNode() instanceof ScalarNode k
          && !explicitKeys.contains(k.getValue())
          && mergedKeys.add(k.getValue())) {
        out.add(t);
      }
    }
    return out;
  }

  int line() {
    return node == null ? 1 : ConfigSource.lineOf(node);
  }

  Node node() {
    return node;
  }

  /** The value node of a present, non-null key, or null. */
  Node get(String key) {
    Node v = values.get(key);
    return v == null || isNull(v) ? null : v;
  }

  /** The key node of a present, non-null key (errors about the key as a whole point here). */
  Node keyNode(String key) {
    return get(key) == null ? null : keys.get(key);
  }

  Optional<String> string(String key) throws ConfigException {
    Node v = get(key);
    return v == null ? Optional.empty() : Optional.of(scalarString(source, key, v));
  }

  Optional<Duration> duration(String key) throws ConfigException {
    Node v = get(key);
    if (v == null) {
      return Optional.empty();
    }
    String s = scalarString(source, key, v);
    try {
      return Optional.of(PromDuration.parse(s));
    } catch (IllegalArgumentException e) {
      throw source.error(v, key + ": " + e.getMessage());
    }
  }

  Optional<Boolean> bool(String key) throws ConfigException {
    Node v = get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      String t = s.getValue().toLowerCase(Locale.ROOT);
      return Optional.of(t.equals("true") || t.equals("yes") || t.equals("on"));
    }
    throw source.error(v, key + ": expected a boolean (true or false), got " + describe(v));
  }

  /** A sequence; absent or null reads as empty. */
  List<Node> sequence(String key) throws ConfigException {
    Node v = get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof SequenceNode seq) {
      return seq.getValue();
    }
    throw source.error(v, key + ": expected a list, got " + describe(v));
  }

  /** A list of strings; absent reads as empty. */
  List<String> stringList(String key) throws ConfigException {
    List<String> out = new ArrayList<>();
    for (Node item : sequence(key)) {
      out.add(scalarString(source, key, item));
    }
    return out;
  }

  /**
   * A mapping of label names to values. Names must be valid label names; values pass through {@code
   * valueMapper} (e.g. environment expansion) before the empty-value rule drops them.
   */
  Labels labels(String key, UnaryOperator<String> valueMapper) throws ConfigException {
    Node v = get(key);
    if (v == null) {
      return Labels.empty();
    }
    if (!(v instanceof MappingNode m)) {
      throw source.error(
          v, key + ": expected a mapping of label names to values, got " + describe(v));
    }
    Labels.Builder b = Labels.builder();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (NodeTuple t : flatten(source, m)) {
      String name = labelPart(t.getKeyNode(), "name");
      Integer first = seen.putIfAbsent(name, ConfigSource.lineOf(t.getKeyNode()));
      if (first != null) {
        throw source.error(
            t.getKeyNode(),
            "mapping key " + GoQuote.quote(name) + " already defined at line " + first);
      }
      if (!Names.isValidLabelName(name)) {
        throw source.error(t.getKeyNode(), GoQuote.quote(name) + " is not a valid label name");
      }
      Node valueNode = t.getValueNode();
      String value = isNull(valueNode) ? "" : labelPart(valueNode, "value");
      b.set(name, valueMapper.apply(value));
    }
    return b.build();
  }

  /** A {@code params}-style mapping of names to lists of values, in file order. */
  Map<String, List<String>> stringListMap(String key) throws ConfigException {
    Node v = get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof MappingNode m)) {
      throw source.error(
          v, key + ": expected a mapping of names to lists of values, got " + describe(v));
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (NodeTuple t : flatten(source, m)) {
      String name = scalarString(source, key, t.getKeyNode());
      Node vals = t.getValueNode();
      if (!(vals instanceof SequenceNode seq)) {
        throw source.error(
            vals, key + "." + name + ": expected a list of values, got " + describe(vals));
      }
      List<String> list = new ArrayList<>();
      for (Node item : seq.getValue()) {
        list.add(scalarString(source, key, item));
      }
      out.put(name, List.copyOf(list));
    }
    return out;
  }

  /**
   * A label name or value. Besides strings we accept {@code !!binary}, as Go's YAML library does,
   * so that invalid UTF-8 gets Prometheus's message rather than a type error.
   */
  private String labelPart(Node n, String what) throws ConfigException {
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.BINARY)) {
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(s.getValue());
      } catch (IllegalArgumentException e) {
        throw source.error(n, "!!binary value contains invalid base64 data");
      }
      if (!Utf8.isValid(bytes)) {
        throw source.error(n, GoQuote.quote(bytes) + " is not a valid label " + what);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return scalarString(source, "label " + what, n);
  }

  /** Any scalar's text (Go's YAML also reads {@code 123} into a string field); no collections. */
  static String scalarString(ConfigSource source, String key, Node n) throws ConfigException {
    if (n instanceof ScalarNode s && !s.getTag().equals(Tag.BINARY)) {
      return isNull(n) ? "" : s.getValue();
    }
    throw source.error(n, key + ": expected a string, got " + describe(n));
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /** A short description of a node for type errors. */
  static String describe(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) n;
    if (isNull(n)) {
      return "null";
    }
    return GoQuote.quote(s.getValue());
  }
}
