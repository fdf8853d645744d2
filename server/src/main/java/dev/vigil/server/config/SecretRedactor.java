package dev.vigil.server.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Hides secrets in configuration text shown by {@code /api/v1/status/config}: the value of every
 * key Prometheus types as a secret becomes {@code <secret>}, as in Prometheus's output. We edit the
 * file's text in place (rather than re-marshalling the parsed config as Prometheus does) so the
 * user's comments and order stay.
 */
public final class SecretRedactor {

  /** What Prometheus prints instead of a secret. */
  public static final String MASK = "<secret>";

  /**
   * Keys whose values are Prometheus {@code Secret}s, in scrape configs and in sections we only
   * tolerate (service discoveries, remote write, alerting), since their text is shown as well.
   */
  private static final Set<String> SECRET_KEYS =
      Set.of(
          "password",
          "credentials",
          "bearer_token",
          "client_secret",
          "key",
          "secret_key",
          "auth_token",
          "application_credential_secret",
          "application_secret",
          "consumer_key",
          "token",
          "secret");

  /** Keys whose values are lists of secrets ({@code http_headers.<name>.secrets}). */
  private static final Set<String> SECRET_LIST_KEYS = Set.of("secrets");

  private SecretRedactor() {}

  /**
   * {@code yaml} with every secret value replaced by {@code <secret>}; text that does not parse is
   * not shown at all, since its secrets cannot be found.
   */
  public static String redact(String yaml) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true);
      root =
          new Composer(
                  new ParserImpl(new StreamReader(new StringReader(yaml)), options),
                  new Resolver(),
                  options)
              .getSingleNode();
    } catch (YAMLException e) {
      return "# not shown: the file no longer parses, so its secrets cannot be hidden\n";
    }
    List<int[]> ranges = new ArrayList<>();
    collect(root, ranges);
    if (ranges.isEmpty()) {
      return yaml;
    }
    ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder out = new StringBuilder(yaml.length());
    int at = 0;
    for (int[] r : ranges) {
      // Marks count code points; the text is indexed in chars.
      int start = yaml.offsetByCodePoints(0, r[0]);
      int end = yaml.offsetByCodePoints(0, r[1]);
      if (start < at) {
        continue; // an alias to a node already masked
      }
      out.append(yaml, at, start).append(MASK);
      if (end > start && yaml.charAt(end - 1) == '\n') {
        out.append('\n'); // a block scalar's range ends after its last line break
      }
      at = end;
    }
    return out.append(yaml, at, yaml.length()).toString();
  }

  private static void collect(Node node, List<int[]> ranges) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        Node v = t.getValueNode();
        String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
        if (key != null && SECRET_KEYS.contains(key) && v instanceof ScalarNode s) {
          mask(s, ranges);
        } else if (key != null && SECRET_LIST_KEYS.contains(key) && v instanceof SequenceNode seq) {
          for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
              mask(s, ranges);
            }
          }
        } else {
          collect(v, ranges);
        }
      }
    } else if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        collect(item, ranges);
      }
    }
  }

  private static void mask(ScalarNode s, List<int[]> ranges) {
    if (s.getValue().isEmpty()) {
      return; // nothing secret in an empty value; Prometheus prints it empty as well
    }
    ranges.add(new int[] {s.getStartMark().getIndex(), s.getEndMark().getIndex()});
  }
}
