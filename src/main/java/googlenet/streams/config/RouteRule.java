package googlenet.streams.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A label routing rule, as configured: results whose top predictions match copy to their own topic,
 * e.g. every "tabby cat" with probability at least 0.6 to {@code alerts.cats}. The topology's
 * router decides what matches.
 *
 * @param name the rule's name, from {@code route.<name>.*}
 * @param match lower-case labels or synset ids; a label matches a prediction when it equals the
 *     prediction's synset id, its whole label, or one of the label's comma-separated names
 * @param minProbability the smallest probability that matches, in [0, 1]
 * @param topic the topic matching results are copied to
 * @param top how many of the top predictions are considered: 1 matches the top-1 only
 */
public record RouteRule(
    String name, List<String> match, double minProbability, String topic, int top) {

  /** The fields a rule is configured with: {@code route.<name>.<field>}. */
  static final List<String> FIELDS = List.of("match", "min.probability", "topic", "top");

  /** Copies and validates the rule. */
  public RouteRule {
    match = List.copyOf(match);
    if (match.isEmpty()) {
      throw new IllegalArgumentException("route " + name + " matches nothing");
    }
  }

  /** Splits a comma-separated match value into lower-case, trimmed labels. */
  static List<String> parseMatch(String value) {
    return Arrays.stream(value.split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .distinct()
        .collect(Collectors.toUnmodifiableList());
  }

  static List<KeyDoc> docs() {
    return List.of(
        new KeyDoc(
            "route.<name>.match",
            "GNS_ROUTE_<NAME>_MATCH",
            "",
            "Routing rule: comma-separated labels or synset ids, matched case-insensitively "
                + "against the synset id, the whole label or any of its comma-separated names "
                + "(`tabby cat` matches `tabby, tabby cat`). Names: letters, digits, - and _."),
        new KeyDoc(
            "route.<name>.min.probability",
            "GNS_ROUTE_<NAME>_MIN_PROBABILITY",
            "0.0",
            "Smallest probability that matches, in [0, 1]."),
        new KeyDoc(
            "route.<name>.topic",
            "GNS_ROUTE_<NAME>_TOPIC",
            "",
            "Topic matching results are copied to (same key, value and headers). Required."),
        new KeyDoc(
            "route.<name>.top",
            "GNS_ROUTE_<NAME>_TOP",
            "1",
            "How many of the top predictions may match: 1 = top-1 only, up to top.k."));
  }
}
