package googlenet.streams.topology;

import googlenet.streams.config.RouteRule;
import googlenet.streams.label.Prediction;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides which routing rules a result matches. */
final class Router {
  private Router() {}

  /**
   * True when one of the rule's first {@link RouteRule#top()} predictions matches one of its labels
   * with at least its probability. A label matches a prediction when it equals the prediction's
   * synset id, its whole label, or one of the label's comma-separated names, ignoring case.
   */
  static boolean matches(RouteRule rule, List<Prediction> predictions) {
    int n = Math.min(rule.top(), predictions.size());
    for (int i = 0; i < n; i++) {
      Prediction p = predictions.get(i);
      if (p.probability() >= rule.minProbability()
          && names(p).stream().anyMatch(rule.match()::contains)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> names(Prediction p) {
    String label = p.label().toLowerCase(Locale.ROOT);
    Set<String> names =
        Arrays.stream(label.split(","))
            .map(String::strip)
            .collect(Collectors.toCollection(HashSet::new));
    names.add(label.strip());
    if (p.synset() != null) {
      names.add(p.synset().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
