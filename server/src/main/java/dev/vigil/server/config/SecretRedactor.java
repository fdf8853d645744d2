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

  /** Keys whose values are URLs that may carry a password ({@code user:password@host}). */
  private static final Set<String> URL_KEYS = Set.of("proxy_url", "url", "api_server");

  /** One replacement in the text: code point range and what goes there. */
  private record Edit(int start, int end, String replacement) {}

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
    List<Edit> edits = new ArrayList<>();
    collect(root, edits);
    if (edits.isEmpty()) {
      return yaml;
    }
    edits.sort((a, b) -> Integer.compare(a.start(), b.start()));
    StringBuilder out = new StringBuilder(yaml.length());
    int at = 0;
    for (Edit e : edits) {
      // Marks count code points; the text is indexed in chars.
      int start = yaml.offsetByCodePoints(0, e.start());
      int end = yaml.offsetByCodePoints(0, e.end());
      if (start < at) {
        continue; // an alias to a node already masked
      }
      out.append(yaml, at, start).append(e.replacement());
      if (end > start && yaml.charAt(end - 1) == '\n') {
        out.append('\n'); // a block scalar's range ends after its last line break
      }
      at = end;
    }
    return out.append(yaml, at, yaml.length()).toString();
  }

  /**
   * {@code url} with the password of its user info replaced by {@code <secret>}, as Prometheus
   * shows URLs; text without one is returned as is. Works on text that is not a valid URL too.
   */
  public static String maskUrlPassword(String url) {
    int scheme = url.indexOf("://");
    int from = scheme < 0 ? 0 : scheme + 3;
    int slash = url.indexOf('/', from);
    int at = url.lastIndexOf('@', slash < 0 ? url.length() - 1 : slash);
    if (at < from) {
      return url;
    }
    int colon = url.indexOf(':', from);
    if (colon < 0 || colon > at) {
      return url;
    }
    return url.substring(0, colon + 1) + MASK + url.substring(at);
  }

  private static void collect(Node node, List<Edit> ranges) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        Node v = t.getValueNode();
        String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
        if (key != null && SECRET_KEYS.contains(key) && v instanceof ScalarNode s) {
          mask(s, ranges);
        } else if (key != null && URL_KEYS.contains(key) && v instanceof ScalarNode s) {
          String masked = maskUrlPassword(s.getValue());
          if (!masked.equals(s.getValue())) {
            ranges.add(new Edit(s.getStartMark().getIndex(), s.getEndMark().getIndex(), masked));
          }
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

  private static void mask(ScalarNode s, List<Edit> ranges) {
    if (s.getValue().isEmpty()) {
      return; // nothing secret in an empty value; Prometheus prints it empty as well
    }
    ranges.add(new Edit(s.getStartMark().getIndex(), s.getEndMark().getIndex(), MASK));
  }
}
